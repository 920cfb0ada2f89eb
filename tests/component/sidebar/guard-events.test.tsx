// @vitest-environment jsdom
import { describe, it, expect, afterEach } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { GuardEvents } from '../../../components/sidebar/guard-events';
import { renderWithI18n } from '../render';
import { axeViolations } from './axe';
import { FULL } from './contexts';

afterEach(cleanup);

describe('GuardEvents', () => {
  it('lists what the guard did, newest first, with the time', async () => {
    const { container } = renderWithI18n(<GuardEvents events={FULL.guardEvents} timeZone="UTC" />);
    const section = screen.getByRole('region', { name: 'Add plan / Add line checks (2)' });
    const items = within(section).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('Overridden by the agent');
    expect(items[0]?.textContent).toContain('Add line');
    expect(items[1]?.textContent).toContain('Blocked');
    expect(items[1]?.textContent).toContain('Asia 1 · 8944 5000 1225 1002 0012');
    expect(items[1]?.textContent).toContain('needs IMSI profile 10');
    const time = items[1]?.querySelector('time');
    expect(time?.getAttribute('datetime')).toBe('2025-06-15T11:58:00Z');
    expect(time?.textContent).toContain('11:58:00');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('renders nothing without events, and French labels', () => {
    const { container } = renderWithI18n(<GuardEvents events={[]} />);
    expect(container.textContent).toBe('');
    cleanup();
    renderWithI18n(<GuardEvents events={FULL.guardEvents} timeZone="UTC" />, { locale: 'fr' });
    expect(screen.getByText('Bloqué')).toBeTruthy();
    expect(screen.getByText("Forcé par l'agent")).toBeTruthy();
  });

  it('shows the raw time when the page gave an unreadable one', () => {
    renderWithI18n(
      <GuardEvents events={[{ kind: 'warned', form: 'add-plan', at: 'not a time', reason: 'Profile not shown.' }]} />,
    );
    expect(screen.getByText('not a time')).toBeTruthy();
    expect(screen.getByText('Warned')).toBeTruthy();
  });
});
