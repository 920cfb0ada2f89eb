// @vitest-environment jsdom
/**
 * Issue 16: the ticket is written in the vendor's language (the first its profile lists), while the
 * agent sees the form in their own: a French agent's eSIM Go ticket is English, a Trackunit one French.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HandoverPanel } from '../../../components/ticket/handover-panel';
import { checkCompleteness } from '../../../lib/escalation/completeness';
import { getVendor } from '../../../lib/escalation/vendors';
import { makeDraft } from '../../unit/escalation/helpers';
import { renderWithI18n } from '../render';

afterEach(cleanup);

function panel(vendorId: string, languages?: string[]) {
  const base = getVendor(vendorId)!;
  const vendor = languages ? { ...base, languages } : base;
  const draft = makeDraft({ vendorId, summary: 'No data', problemKind: 'install', scope: 'one-user' });
  const report = checkCompleteness({ vendor, draft });
  return (
    <HandoverPanel
      vendor={vendor}
      draft={draft}
      report={report}
      now={new Date('2025-03-28T10:00:00Z')}
      timeZone="Europe/Paris"
      onMarkHandedOver={() => {}}
      onReopen={() => {}}
      copy={() => Promise.resolve()}
    />
  );
}

describe('the ticket in the vendor’s language', () => {
  it('a French agent escalating to eSIM Go (English) gets an English ticket and a French form', async () => {
    renderWithI18n(panel('esim-go'), { locale: 'fr' });
    const preview = screen.getByTestId('ticket-preview');
    await waitFor(() => expect(preview.textContent).toContain('Priority: Normal'));
    expect(preview.textContent).toContain('Problem description: (not provided)');
    expect(preview.textContent).not.toMatch(/Priorité|non renseigné|Grille/);
    // The form around it stays French.
    expect(screen.getAllByRole('button', { name: /Copier/ }).length).toBeGreaterThan(0);
  });

  it('an English agent escalating to a vendor that reads French first gets a French ticket', async () => {
    renderWithI18n(panel('trackunit', ['fr', 'en']), { locale: 'en' });
    const preview = screen.getByTestId('ticket-preview');
    await waitFor(() => expect(preview.textContent).toContain('Priorité\u00a0: Non critique'));
  });
});
