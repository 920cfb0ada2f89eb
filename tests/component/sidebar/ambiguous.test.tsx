// @vitest-environment jsdom
/** Issue 14: when the page shows two subscribers, the sidebar says so before showing the first one. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { Sidebar } from '../../../components/sidebar/sidebar';
import { EXAMPLE_CATALOG } from '../../../lib/catalog';
import { renderWithI18n } from '../render';
import { FULL, NOW } from './contexts';

afterEach(cleanup);

const render = (ambiguous?: boolean) =>
  renderWithI18n(
    <Sidebar
      status="ready"
      context={{ ...FULL, ...(ambiguous === undefined ? {} : { ambiguous }) }}
      onClose={vi.fn()}
      now={NOW}
      timeZone="UTC"
      catalog={{ catalog: EXAMPLE_CATALOG, source: 'example' }}
    />,
  );

describe('Sidebar on an ambiguous page', () => {
  it('warns that the page shows more than one subscriber', () => {
    render(true);
    expect(screen.getByRole('alert').textContent).toContain('more than one subscriber');
    expect(screen.getByRole('region', { name: 'Subscriber' })).toBeTruthy();
  });

  it('says nothing of the kind on a normal page', () => {
    render();
    expect(screen.queryByText(/more than one subscriber/)).toBeNull();
  });
});
