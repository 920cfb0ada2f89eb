/**
 * Issue 18: the escalations table (schema v3). The upgrade from v2 starts an escalation for every draft
 * already handed over, due time from its hand-over; the repository parses rows and refuses stale writes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MigrationFixtureSchema, openDb, openDbAtVersion, writeMigrationFixture } from '../../../lib/db';
import { getEscalation, listEscalations, putEscalation } from '../../../lib/db/escalations-repo';
import { startEscalation } from '../../../lib/escalation/escalation';
import { getVendor } from '../../../lib/escalation/vendors';
import { fakeIdb, freshDb } from './helpers';

const v2 = MigrationFixtureSchema.parse(
  JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/v2.json', import.meta.url)), 'utf8')),
);

describe('v2 → v3 upgrade', () => {
  it('every handed-over (or closed) draft becomes an escalation; open drafts do not', async () => {
    const deps = fakeIdb();
    const old = openDbAtVersion('upgrade-v2-v3', 2, deps);
    await writeMigrationFixture(old, v2);
    old.close();
    const db = openDb('upgrade-v2-v3', deps);
    const list = await listEscalations(db);
    expect(list.ok && list.invalid).toEqual([]);
    const byId = new Map((list.ok ? list.escalations : []).map((e) => [e.draftId, e]));
    expect([...byId.keys()].sort()).toEqual(
      v2.drafts
        .filter((d) => d.status !== 'open')
        .map((d) => String(d.id))
        .sort(),
    );
    // Wildix Standard (seed 002), handed over Tuesday 11 Feb 2025 11:00 in Rome: due 18:00 Rome that day —
    // from the hand-over, not from the day the upgrade runs.
    const wildix = byId.get('b3f1c2d4-0002-4a6e-9f00-000000000002');
    expect(wildix).toMatchObject({
      statusId: 'waiting-vendor',
      firstResponseDueAt: '2025-02-11T17:00:00.000Z',
      finishedAt: null,
    });
    // The draft the old version marked closed is finished (retention counts from here).
    const samsara = byId.get('b3f1c2d4-0003-4a6e-9f00-000000000003');
    expect(samsara).toMatchObject({ statusId: 'solved', finishedAt: '2025-01-06T12:00:00.000Z' });
    db.close();
  });
});

describe('escalations repository', () => {
  const esimGo = getVendor('esim-go')!;
  const draft = {
    id: 'd-1',
    vendorId: 'esim-go',
    status: 'handed-over' as const,
    iccid: null,
    subscriberId: null,
    subscriberName: null,
    portalUrl: null,
    summary: 'x',
    fields: {},
    problemKind: null,
    scope: null,
    priorityOverride: 'normal',
    checklist: [],
    createdAt: '2025-03-28T09:00:00.000Z',
    updatedAt: '2025-03-28T10:00:00.000Z',
    handedOverAt: '2025-03-28T10:00:00.000Z',
    revision: 1,
  };

  it('creates, reads back, and refuses a stale write with the current row', async () => {
    const db = freshDb();
    const started = startEscalation(esimGo, draft);
    if (!started.ok) throw new Error('not started');
    const first = await putEscalation(db, started.value, null);
    expect(first.ok && first.escalation.revision).toBe(0);
    const again = await putEscalation(db, started.value, null);
    expect(!again.ok && again.error.code).toBe('conflict');
    const next = await putEscalation(db, { ...started.value, ticketRef: 'ZD-1' }, 0);
    expect(next.ok && next.escalation.revision).toBe(1);
    const read = await getEscalation(db, 'd-1');
    expect(read.ok && read.escalation?.ticketRef).toBe('ZD-1');
  });

  it('refuses an invalid row and reports an unreadable stored one', async () => {
    const db = freshDb();
    const bad = await putEscalation(db, { draftId: '' } as never, null);
    expect(!bad.ok && bad.error.code).toBe('invalid');
    await db.escalations.put({ draftId: 'junk' } as never);
    const list = await listEscalations(db);
    expect(list.ok && list.invalid.map((r) => r.id)).toEqual(['junk']);
  });
});

describe('retention counts from solved/closed (issue 18)', () => {
  it('never purges an escalation still waiting; purges one finished before the cutoff', async () => {
    const { createDraft, purgeExpired } = await import('../../../lib/db');
    const db = freshDb();
    const now = new Date('2025-06-30T12:00:00.000Z');
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
    const make = async (finishedDaysAgo: number | null) => {
      const created = await createDraft(db, {
        vendorId: 'esim-go',
        status: 'handed-over',
        handedOverAt: daysAgo(90),
      });
      if (!created.ok) throw new Error('create');
      const started = startEscalation(getVendor('esim-go')!, created.draft);
      if (!started.ok) throw new Error('start');
      const finishedAt = finishedDaysAgo === null ? null : daysAgo(finishedDaysAgo);
      await putEscalation(
        db,
        { ...started.value, statusId: finishedAt ? 'closed' : 'waiting-vendor', finishedAt },
        null,
      );
      return created.draft.id;
    };
    const waiting = await make(null);
    const closedRecently = await make(10);
    const closedLongAgo = await make(31);
    expect(await purgeExpired(db, { now })).toEqual({ ok: true, purged: 1 });
    expect((await db.drafts.toArray()).map((d) => d.id).sort()).toEqual([waiting, closedRecently].sort());
    expect((await listEscalations(db)).ok).toBe(true);
    expect(await db.escalations.get(closedLongAgo)).toBeUndefined();
  });
});

describe('backup keeps escalations (issue 18)', () => {
  it('exports the escalation of each exported draft and restores it with the draft', async () => {
    const { createDraft, exportBackup, importBackup } = await import('../../../lib/db');
    const db = freshDb();
    const created = await createDraft(db, {
      vendorId: 'samsara',
      status: 'handed-over',
      handedOverAt: '2025-03-28T10:00:00.000Z',
    });
    if (!created.ok) throw new Error('create');
    const started = startEscalation(getVendor('samsara')!, created.draft);
    if (!started.ok) throw new Error('start');
    await putEscalation(db, { ...started.value, ticketRef: '123456' }, null);
    const exported = await exportBackup(db);
    if (!exported.ok) throw new Error('export');
    const other = freshDb();
    const imported = await importBackup(other, exported.json, { mode: 'merge' });
    expect(imported.ok).toBe(true);
    const read = await getEscalation(other, created.draft.id);
    expect(read.ok && read.escalation?.ticketRef).toBe('123456');
  });
});
