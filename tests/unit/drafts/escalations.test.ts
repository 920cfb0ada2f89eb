/** Issue 18: the escalation use cases over a real (fake-indexeddb) store. */
import { describe, expect, it } from 'vitest';
import { createDraft } from '../../../lib/db';
import {
  actOnEscalation,
  ensureEscalation,
  newTicketFrom,
  openEscalationsFor,
} from '../../../lib/drafts/escalations';
import { startEscalation } from '../../../lib/drafts/start-escalation';
import { freshDb, iccidFor } from '../db/helpers';

const HANDED_OVER = '2025-03-28T10:00:00.000Z';

async function handedOver(db: ReturnType<typeof freshDb>, init: Parameters<typeof createDraft>[1]) {
  const r = await createDraft(db, { status: 'handed-over', handedOverAt: HANDED_OVER, ...init });
  if (!r.ok) throw new Error('create');
  return r.draft;
}

describe('escalation use cases', () => {
  it('starts once at hand-over, starts again after a reopen + new hand-over, none while open', async () => {
    const db = freshDb();
    const draft = await handedOver(db, { vendorId: 'esim-go', priorityOverride: 'normal' });
    const first = await ensureEscalation(db, draft);
    expect(first.ok && first.value?.firstResponseDueAt).toBe('2025-03-29T10:00:00.000Z');
    const same = await ensureEscalation(db, draft);
    expect(same.ok && same.value?.revision).toBe(0);
    const again = await ensureEscalation(db, { ...draft, handedOverAt: '2025-03-30T10:00:00.000Z' });
    expect(again.ok && again.value?.firstResponseDueAt).toBe('2025-03-31T10:00:00.000Z');
    const reopened = await ensureEscalation(db, { ...draft, status: 'open', handedOverAt: null });
    expect(reopened.ok && reopened.value).toBeNull();
    expect(await db.escalations.get(draft.id)).toBeUndefined();
  });

  it('records the Samsara ticket number, refuses a bad one', async () => {
    const db = freshDb();
    const draft = await handedOver(db, { vendorId: 'samsara' });
    await ensureEscalation(db, draft);
    const bad = await actOnEscalation(
      db,
      draft.id,
      { type: 'set-ticket-ref', ref: '12-34' },
      new Date(HANDED_OVER),
    );
    expect(!bad.ok && bad.error.code).toBe('ticket-ref-format');
    const good = await actOnEscalation(
      db,
      draft.id,
      { type: 'set-ticket-ref', ref: '123456' },
      new Date(HANDED_OVER),
    );
    expect(good.ok && good.value.ticketRef).toBe('123456');
  });

  it('Wildix closed → a new draft referencing the old ticket ID (seed 002)', async () => {
    const db = freshDb();
    const draft = await handedOver(db, {
      vendorId: 'wildix',
      summary: 'Calls drop',
      fields: { pbx: 'PBX-7' },
    });
    await ensureEscalation(db, draft);
    await actOnEscalation(db, draft.id, { type: 'set-ticket-ref', ref: '88123' }, new Date(HANDED_OVER));
    await actOnEscalation(db, draft.id, { type: 'set-status', statusId: 'closed' }, new Date(HANDED_OVER));
    const created = await newTicketFrom(db, draft.id, 'en');
    expect(created.ok && created.value).toMatchObject({
      status: 'open',
      vendorId: 'wildix',
      summary: 'Calls drop',
      fields: { pbx: 'PBX-7', 'previous-ticket': '88123' },
    });
    expect(created.ok && created.value.id).not.toBe(draft.id);
  });

  it('finds the open escalations of a subscriber / ICCID; a new escalation for the ICCID offers it first', async () => {
    const db = freshDb();
    const iccid = iccidFor(42);
    const draft = await handedOver(db, { vendorId: 'esim-go', iccid, subscriberId: 'SUB-1' });
    await ensureEscalation(db, draft);
    const bySub = await openEscalationsFor(db, { subscriberId: 'SUB-1' });
    expect(bySub.ok && bySub.value.map((e) => e.draft.id)).toEqual([draft.id]);
    const byIccid = await openEscalationsFor(db, { iccids: [iccid] });
    expect(byIccid.ok && byIccid.value.map((e) => e.draft.id)).toEqual([draft.id]);
    const started = await startEscalation(db, { text: iccid, now: new Date(), timeZone: 'UTC' });
    expect(started.ok && [started.draft.id, started.reused]).toEqual([draft.id, true]);
    // Once closed, it is no longer offered: a new draft starts.
    await actOnEscalation(db, draft.id, { type: 'set-status', statusId: 'closed' }, new Date());
    const fresh = await startEscalation(db, { text: iccid, now: new Date(), timeZone: 'UTC' });
    expect(fresh.ok && fresh.reused).toBe(false);
  });
});
