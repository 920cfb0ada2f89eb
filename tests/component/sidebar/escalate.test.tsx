// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import { createDraftsApi } from '../../../lib/drafts/drafts-api';
import { BUILT_IN_VENDORS_ONLY, openDb } from '../../../lib/db';
import { DEFAULT_ESIM_CHECKLIST } from '../../../lib/escalation/checklist';
import { getVendor } from '../../../lib/escalation/vendors';
import { escalateFromSidebar, type SidebarEscalationInput } from '../../../entrypoints/sidebar/escalate';
import { FULL, NOW } from './contexts';

const input = (over: Partial<SidebarEscalationInput> = {}): SidebarEscalationInput => ({
  context: FULL,
  vendorId: 'esim-go',
  checklist: DEFAULT_ESIM_CHECKLIST,
  done: [],
  locale: 'en',
  now: NOW,
  timeZone: 'UTC',
  ...over,
});

const checklistFieldId = getVendor('esim-go')!.fields.find((f) => f.prefill === 'checklist.done')!.id;

describe('escalateFromSidebar', () => {
  it('opens a draft for an eSIM, reuses it the second time, and carries the ticked steps', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const first = await escalateFromSidebar(createDraftsApi(db), { kind: 'iccid', iccid: '89445000122510020020' }, input({ done: ['restarted', 'esim-status'] }));
    if (!first.ok) throw new Error(first.error.message);
    expect(first.reused).toBe(false);
    expect(first.draft.iccid).toBe('89445000122510020020');
    expect(first.draft.subscriberId).toBe('S-1002');
    expect(first.draft.checklist).toEqual(['restarted', 'esim-status']);
    // Checklist order, not ticking order.
    expect(first.draft.fields[checklistFieldId]).toBe('- eSIM status checked (Installed or Released)\n- Device restarted');

    const again = await escalateFromSidebar(createDraftsApi(db), { kind: 'iccid', iccid: '8944 5000 1225 1002 0020' }, input({ done: ['internet'], locale: 'fr' }));
    if (!again.ok) throw new Error(again.error.message);
    expect(again.reused).toBe(true);
    expect(again.draft.id).toBe(first.draft.id);
    expect(again.draft.checklist).toEqual(['restarted', 'esim-status', 'internet']);
    expect(again.draft.fields[checklistFieldId]).toContain("L'appareil avait une connexion internet");
    db.close();
  });

  it('never overwrites troubleshooting text the agent typed', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const first = await escalateFromSidebar(createDraftsApi(db), { kind: 'iccid', iccid: '89445000122510020012' }, input());
    if (!first.ok) throw new Error(first.error.message);
    const { saveDraft } = await import('../../../lib/db');
    const typed = await saveDraft(db, { ...first.draft, fields: { ...first.draft.fields, [checklistFieldId]: 'Customer reset network settings.' } }, first.draft.revision);
    expect(typed.ok).toBe(true);
    const again = await escalateFromSidebar(createDraftsApi(db), { kind: 'iccid', iccid: '89445000122510020012' }, input({ done: ['restarted'] }));
    if (!again.ok) throw new Error(again.error.message);
    expect(again.draft.fields[checklistFieldId]).toBe('Customer reset network settings.');
    expect(again.draft.checklist).toEqual(['restarted']);
    db.close();
  });

  it('escalates about the subscriber without an ICCID, once per open case', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const first = await escalateFromSidebar(createDraftsApi(db), { kind: 'subscriber' }, input());
    if (!first.ok) throw new Error(first.error.message);
    expect(first.draft.iccid).toBeNull();
    expect(first.draft.subscriberName).toBe('Lucas Martin');
    expect(first.draft.portalUrl).toBe(FULL.url);
    // An eSIM's draft of the same subscriber is a different case.
    await escalateFromSidebar(createDraftsApi(db), { kind: 'iccid', iccid: '89445000122510020012' }, input());
    const again = await escalateFromSidebar(createDraftsApi(db), { kind: 'subscriber' }, input());
    if (!again.ok) throw new Error(again.error.message);
    expect(again).toMatchObject({ reused: true, draft: { id: first.draft.id } });
    db.close();
  });

  it('refuses an invalid ICCID with its code and a page without subscriber', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const bad = await escalateFromSidebar(createDraftsApi(db), { kind: 'iccid', iccid: '89445000000000000018' }, input());
    expect(bad).toMatchObject({ ok: false, error: { code: 'checksum' } });
    const none = await escalateFromSidebar(createDraftsApi(db), { kind: 'subscriber' }, input({ context: { ...FULL, subscriber: null } }));
    expect(none).toMatchObject({ ok: false, error: { code: 'no-subscriber' } });
    db.close();
  });
});
