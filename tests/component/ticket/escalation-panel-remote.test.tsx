// @vitest-environment jsdom
/**
 * Issue 18, the escalation panel in the framed sidebar: its calls travel over the drafts port
 * (lib/drafts/escalations-over-drafts.ts), which can fail — the background restarted, or did not answer.
 * The agent is told, instead of a click that does nothing.
 */
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { EscalationPanel } from '../../../components/ticket/escalation-panel';
import type { EscalationPanelApi } from '../../../lib/drafts/escalations-api';
import { startEscalation } from '../../../lib/escalation/escalation';
import type { Draft } from '../../../lib/escalation/draft';
import { BUILT_IN_VENDORS_ONLY, createDraft, openDb } from '../../../lib/db';
import { getVendor } from '../../../lib/escalation/vendors';
import { MessagingError } from '../../../lib/messaging/protocol';
import { renderWithI18n } from '../render';

afterEach(cleanup);

const NOW = new Date('2026-03-02T10:00:00.000Z');
const vendor = getVendor('esim-go')!;

/** A handed-over eSIM Go draft, as the store makes it. */
async function draftHandedOver(): Promise<Draft> {
  const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
  const r = await createDraft(db, {
    vendorId: 'esim-go',
    status: 'handed-over',
    handedOverAt: NOW.toISOString(),
  });
  db.close();
  if (!r.ok) throw new Error('seed');
  return r.draft;
}

const gone = () =>
  new MessagingError({ code: 'disconnected', message: 'The drafts store went away; try again.' });

describe('escalation panel over a port', () => {
  it('says so when a call is lost on the way, instead of doing nothing', async () => {
    const draft = await draftHandedOver();
    const started = startEscalation(vendor, draft);
    if (!started.ok) throw new Error(started.error.message);
    const api: EscalationPanelApi = {
      ensure: async () => ({ ok: true, value: started.value }),
      act: () => Promise.reject(gone()),
      newTicketFrom: () => Promise.reject(gone()),
      watch: () => () => undefined,
    };
    const user = userEvent.setup();
    renderWithI18n(
      <EscalationPanel
        api={api}
        vendor={vendor}
        draft={draft}
        now={NOW}
        timeZone="UTC"
        copy={async () => undefined}
      />,
    );
    await user.type(await screen.findByLabelText('Vendor ticket number'), 'ZD-1');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The drafts store went away; try again.',
    );
  });

  it('says so when the escalation cannot be read at all', async () => {
    const api: EscalationPanelApi = {
      ensure: () => Promise.reject(gone()),
      act: () => Promise.reject(gone()),
      newTicketFrom: () => Promise.reject(gone()),
      watch: () => () => undefined,
    };
    const draft = await draftHandedOver();
    renderWithI18n(
      <EscalationPanel
        api={api}
        vendor={vendor}
        draft={draft}
        now={NOW}
        timeZone="UTC"
        copy={async () => undefined}
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The drafts store went away; try again.',
    );
  });
});
