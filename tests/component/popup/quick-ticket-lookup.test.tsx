// @vitest-environment jsdom
/**
 * Issue 17: the popup's typed ICCID looked up in the page contexts of the open portal tabs. The popup
 * asks the shell (`lookupIccid`, answered by the background); the draft gets the found page's
 * subscriber, portal URL and plans — also when the answer arrives after the draft was created — and
 * nothing when the lookup finds none (no page, or tabs that disagree). Demo portal: S-1002 Lucas Martin.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { QuickTicket } from '../../../components/popup/quick-ticket';
import { createDraftsApi } from '../../../lib/drafts/drafts-api';
import { listDrafts, BUILT_IN_VENDORS_ONLY, openDb, type HelpdeskDb } from '../../../lib/db';
import type { Draft } from '../../../lib/escalation/draft';
import type { PageContext } from '../../../lib/portal/page-context';
import { renderWithI18n } from '../render';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const ICCID = '89445000122510020012';
const PORTAL = 'http://127.0.0.1:4000/portal/subscribers/S-1002';
const lucas = {
  url: PORTAL,
  title: 'S-1002',
  portalId: 'demo-portal',
  subscriber: { id: 'S-1002', name: 'Lucas Martin' },
  esims: [{ lineName: 'France', iccid: ICCID, imsiProfile: 7, status: 'Installed', plans: [{ name: 'France 5 GB' }] }],
  iccids: [ICCID],
  guardEvents: [],
  readAt: '2026-11-30T10:00:00.000Z',
} as unknown as PageContext;
/** The active tab: a portal page of another subscriber (S-1001), which does not show Lucas's eSIM. */
const emmaPage = {
  ...lucas,
  url: 'http://127.0.0.1:4000/portal/subscribers/S-1001',
  subscriber: { id: 'S-1001', name: 'Emma Dubois' },
  esims: [{ iccid: '89445000122510010013', plans: [] }],
  iccids: ['89445000122510010013'],
} as unknown as PageContext;

function popup(db: HelpdeskDb, tabContext: PageContext | null, lookupIccid: (iccid: string) => Promise<PageContext | null>) {
  return renderWithI18n(
    <QuickTicket
      drafts={createDraftsApi(db)}
      rememberedDraftId={null}
      tabContext={tabContext}
      defaultVendorId="esim-go"
      readClipboard={async () => ''}
      rememberDraft={() => undefined}
      onContinue={() => undefined}
      lookupIccid={lookupIccid}
      autosave={{ delayMs: 30 }}
    />,
  );
}

async function onlyDraft(db: HelpdeskDb): Promise<Draft | undefined> {
  const all = await listDrafts(db);
  return all.ok && all.drafts.length === 1 ? all.drafts[0] : undefined;
}

describe('QuickTicket: the typed ICCID in the open portal tabs', () => {
  it('gives the draft the subscriber, portal URL and plans of the tab that shows the ICCID', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const asked: string[] = [];
    popup(db, null, async (iccid) => {
      asked.push(iccid);
      return iccid === ICCID ? lucas : null;
    });
    await userEvent.type(screen.getByLabelText('ICCID'), '8944 5000 1225 1002 0012');
    await userEvent.type(screen.getByLabelText('Summary'), 'No data');
    await waitFor(async () => {
      const d = await onlyDraft(db);
      expect(d && [d.iccid, d.subscriberId, d.subscriberName, d.portalUrl, d.summary]).toEqual([
        ICCID, 'S-1002', 'Lucas Martin', PORTAL, 'No data',
      ]);
    });
    const d = await onlyDraft(db);
    expect(d!.fields['plans'] ?? '').toContain('France 5 GB');
    // Asked once, for the valid ICCID only (never for the digits typed so far).
    expect(asked).toEqual([ICCID]);
  });

  it('an answer that arrives after the draft was created still fills it', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    let answer: (c: PageContext | null) => void = () => undefined;
    popup(db, emmaPage, () => new Promise((done) => (answer = done)));
    // The active page's own eSIM is prefilled: the agent replaces it with the one the customer reads out.
    await userEvent.clear(screen.getByLabelText('ICCID'));
    await userEvent.type(screen.getByLabelText('ICCID'), ICCID);
    await userEvent.type(screen.getByLabelText('Summary'), 'No data');
    await waitFor(async () => {
      const d = await onlyDraft(db);
      expect(d && [d.iccid, d.subscriberName, d.summary]).toEqual([ICCID, null, 'No data']);
    });
    answer(lucas);
    await waitFor(async () => {
      const d = await onlyDraft(db);
      expect(d && [d.subscriberId, d.subscriberName, d.portalUrl, d.summary]).toEqual(['S-1002', 'Lucas Martin', PORTAL, 'No data']);
    });
  });

  it('no subscriber when the lookup finds none (no tab shows it, or tabs disagree)', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const asked: string[] = [];
    popup(db, emmaPage, async (iccid) => {
      asked.push(iccid);
      return null;
    });
    // The active page's own eSIM is prefilled: the agent replaces it with the one the customer reads out.
    await userEvent.clear(screen.getByLabelText('ICCID'));
    await userEvent.type(screen.getByLabelText('ICCID'), ICCID);
    await userEvent.type(screen.getByLabelText('Summary'), 'No data');
    await waitFor(async () => {
      const d = await onlyDraft(db);
      expect(d && d.summary).toBe('No data');
    });
    await waitFor(() => expect(asked).toEqual([ICCID]));
    const d = await onlyDraft(db);
    // Not the active page's subscriber either: Emma's page does not show this eSIM.
    expect([d!.subscriberId, d!.subscriberName, d!.portalUrl]).toEqual([null, null, null]);
  });

  it('an ICCID the active page shows is not looked up elsewhere', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const asked: string[] = [];
    popup(db, emmaPage, async (iccid) => {
      asked.push(iccid);
      return lucas;
    });
    const iccid = screen.getByLabelText('ICCID');
    await userEvent.clear(iccid);
    await userEvent.type(iccid, '89445000122510010013');
    await userEvent.type(screen.getByLabelText('Summary'), 'No data');
    await waitFor(async () => {
      const d = await onlyDraft(db);
      expect(d && [d.subscriberId, d.summary]).toEqual(['S-1001', 'No data']);
    });
    expect(asked).toEqual([]);
  });
});
