import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  addAttachment,
  createDraft,
  deleteDraft,
  findOpenDraftForIccid,
  getDraft,
  listAttachments,
  listDrafts,
  openDb,
  purgeExpired,
  removeAttachment,
  saveDraft,
  searchDrafts,
  toDbError,
  type DraftInit,
  type HelpdeskDb,
} from '../../../lib/db';
import type { Draft } from '../../../lib/escalation/draft';
import { fakeIdb, freshDb, grouped, iccidFor } from './helpers';

async function mustCreate(db: HelpdeskDb, init: DraftInit, now?: Date): Promise<Draft> {
  const r = await createDraft(db, init, now ? { now } : {});
  if (!r.ok) throw new Error(`createDraft failed: ${JSON.stringify(r.error)}`);
  return r.draft;
}

function ids(drafts: readonly Draft[]): string[] {
  return drafts.map((d) => d.id);
}

describe('createDraft', () => {
  it('stores an open draft with a UUID, revision 0 and ISO timestamps', async () => {
    const db = freshDb();
    const now = new Date('2025-04-01T10:00:00.000Z');
    const draft = await mustCreate(db, { vendorId: 'esim-go', iccid: iccidFor(1), summary: 'No data' }, now);
    expect(draft.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(draft).toMatchObject({
      revision: 0,
      status: 'open',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    const read = await getDraft(db, draft.id);
    expect(read).toEqual({ ok: true, draft });
  });

  it('refuses an invalid draft before writing, naming the field', async () => {
    const db = freshDb();
    const r = await createDraft(db, { vendorId: 'esim-go', iccid: '8944 5000' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid');
    if (r.error.code !== 'invalid') return;
    expect(r.error.issues.map((i) => i.path)).toContain('iccid');
    expect(await db.drafts.count()).toBe(0);
  });
});

describe('saveDraft — optimistic concurrency', () => {
  it('two surfaces holding revision 0: the second save gets a conflict with the current draft, nothing lost', async () => {
    const db = freshDb();
    const created = await mustCreate(db, { vendorId: 'esim-go', summary: 'start' });
    const sidebar = { ...created, summary: 'edited in the sidebar' };
    const popup = { ...created, fields: { device: 'Pixel 8' } };

    const first = await saveDraft(db, sidebar, 0);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.draft.revision).toBe(1);

    const second = await saveDraft(db, popup, 0);
    expect(second).toEqual({ ok: false, error: { code: 'conflict', current: first.draft } });

    // The popup merges onto the current draft and retries from revision 1: both edits survive.
    const merged = await saveDraft(db, { ...first.draft, fields: popup.fields }, 1);
    expect(merged.ok).toBe(true);
    const stored = await getDraft(db, created.id);
    expect(stored.ok && stored.draft).toMatchObject({
      summary: 'edited in the sidebar',
      fields: { device: 'Pixel 8' },
      revision: 2,
    });
  });

  it('bumps updatedAt, keeps createdAt and accepts strict durability', async () => {
    const db = freshDb();
    const created = await mustCreate(db, { vendorId: 'esim-go' }, new Date('2025-04-01T10:00:00Z'));
    const later = new Date('2025-04-01T11:00:00Z');
    const r = await saveDraft(db, { ...created, createdAt: 'tampered' }, 0, {
      durability: 'strict',
      now: later,
    });
    expect(r.ok && r.draft).toMatchObject({
      createdAt: created.createdAt,
      updatedAt: later.toISOString(),
      revision: 1,
    });
    // The strict sibling wrote to the same database.
    expect((await getDraft(db, created.id)).ok).toBe(true);
    expect((await db.drafts.get(created.id))?.revision).toBe(1);
    db.close();
  });

  it('returns not-found for a deleted draft and invalid for a bad one', async () => {
    const db = freshDb();
    const created = await mustCreate(db, { vendorId: 'esim-go' });
    const bad = await saveDraft(db, { ...created, iccid: '123' }, 0);
    expect(!bad.ok && bad.error.code).toBe('invalid');
    await deleteDraft(db, created.id);
    expect(await saveDraft(db, created, 0)).toEqual({ ok: false, error: { code: 'not-found' } });
  });
});

describe('storage errors are mapped, never thrown', () => {
  const quota = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it.each([
    ['a QuotaExceededError DOMException', () => quota()],
    [
      'a Dexie AbortError whose inner is QuotaExceededError',
      () => new Dexie.AbortError('Transaction aborted', quota()),
    ],
  ])('%s → quota', async (_label, makeError) => {
    const db = freshDb();
    const created = await mustCreate(db, { vendorId: 'esim-go' });
    db.drafts.hook('updating', () => {
      throw makeError();
    });
    db.drafts.hook('creating', () => {
      throw makeError();
    });
    const saved = await saveDraft(db, { ...created, summary: 'x' }, 0);
    expect(saved.ok).toBe(false);
    expect(!saved.ok && saved.error.code).toBe('quota');
    const createdAgain = await createDraft(db, { vendorId: 'esim-go' });
    expect(!createdAgain.ok && createdAgain.error.code).toBe('quota');
    // Nothing was written by the refused save.
    expect((await db.drafts.get(created.id))?.summary).toBe('');
  });

  it.each([
    ['QuotaExceededError', { name: 'QuotaExceededError' }, 'quota'],
    [
      'AbortError > inner QuotaExceededError',
      { name: 'AbortError', inner: { name: 'QuotaExceededError' } },
      'quota',
    ],
    [
      'nested inner',
      { name: 'AbortError', inner: { name: 'UnknownError', inner: { name: 'QuotaExceededError' } } },
      'quota',
    ],
    ['BlockedError', { name: 'BlockedError' }, 'blocked'],
    ['VersionError', { name: 'VersionError' }, 'blocked'],
    ['DatabaseClosedError', new Dexie.DatabaseClosedError(), 'blocked'],
    ['AbortError alone', { name: 'AbortError', message: 'aborted' }, 'unknown'],
    ['a string', 'boom', 'unknown'],
  ])('toDbError maps %s', (_label, error, code) => {
    expect(toDbError(error).code).toBe(code);
  });

  it('a closed connection → blocked, not a rejection', async () => {
    const db = freshDb();
    await mustCreate(db, { vendorId: 'esim-go' });
    db.close();
    const r = await listDrafts(db);
    expect(!r.ok && r.error.code).toBe('blocked');
  });

  it('an upgrade from another connection closes this one and tells the surface; Dexie reopens on the next save', async () => {
    const deps = fakeIdb();
    let notified = 0;
    const db = openDb('shared', { ...deps, onVersionChange: () => (notified += 1) });
    const created = await mustCreate(db, { vendorId: 'esim-go' });
    const newer = new Dexie('shared', deps);
    newer.version(99).stores({ drafts: 'id, iccid', attachments: 'id, draftId', settings: 'key' });
    await newer.open();
    expect(notified).toBe(1);
    newer.close();
    const saved = await saveDraft(db, { ...created, summary: 'after the update' }, 0);
    expect(saved.ok).toBe(true);
  });
});

describe('invalid stored rows are reported, not crashed on', () => {
  it('listDrafts and getDraft report a damaged row with its id and path', async () => {
    const db = freshDb();
    const good = await mustCreate(db, { vendorId: 'esim-go', summary: 'fine' });
    await db.drafts.put({ ...good, id: 'damaged', status: 'weird' as Draft['status'], terms: [] });
    const list = await listDrafts(db);
    expect(list.ok && ids(list.drafts)).toEqual([good.id]);
    expect(list.ok && list.invalid).toEqual([
      { id: 'damaged', issues: [expect.objectContaining({ path: 'status' })] },
    ]);
    const one = await getDraft(db, 'damaged');
    expect(!one.ok && one.error.code).toBe('invalid');
  });
});

describe('listDrafts', () => {
  it('lists newest first with status/vendor filters and paging', async () => {
    const db = freshDb();
    const at = (h: number): Date => new Date(Date.UTC(2025, 3, 1, h));
    const a = await mustCreate(db, { vendorId: 'esim-go' }, at(1));
    const b = await mustCreate(db, { vendorId: 'wildix' }, at(2));
    const c = await mustCreate(db, { vendorId: 'esim-go', status: 'handed-over' }, at(3));
    const d = await mustCreate(db, { vendorId: 'esim-go' }, at(4));
    const all = await listDrafts(db);
    expect(all.ok && ids(all.drafts)).toEqual([d.id, c.id, b.id, a.id]);
    const open = await listDrafts(db, { status: 'open' });
    expect(open.ok && ids(open.drafts)).toEqual([d.id, b.id, a.id]);
    const esimGo = await listDrafts(db, { vendorId: 'esim-go' });
    expect(esimGo.ok && ids(esimGo.drafts)).toEqual([d.id, c.id, a.id]);
    const openEsimGo = await listDrafts(db, { status: 'open', vendorId: 'esim-go' });
    expect(openEsimGo.ok && ids(openEsimGo.drafts)).toEqual([d.id, a.id]);
    const page = await listDrafts(db, { offset: 1, limit: 2 });
    expect(page.ok && ids(page.drafts)).toEqual([c.id, b.id]);
  });
});

describe('searchDrafts', () => {
  async function seed(db: HelpdeskDb): Promise<Record<'helene' | 'marc' | 'other', Draft>> {
    const at = (h: number): Date => new Date(Date.UTC(2025, 3, 1, h));
    const helene = await mustCreate(
      db,
      {
        vendorId: 'esim-go',
        iccid: iccidFor(1234567),
        subscriberId: 'SUB-00123',
        subscriberName: 'Hélène Durand',
        summary: 'No data in Japan after activation',
        fields: { device: 'iPhone 13' },
      },
      at(1),
    );
    const marc = await mustCreate(
      db,
      {
        vendorId: 'wildix',
        iccid: iccidFor(7654321),
        subscriberId: 'SUB-00456',
        subscriberName: 'Marc Helman',
        summary: 'QR code rejected during install',
        status: 'handed-over',
        handedOverAt: at(2).toISOString(),
      },
      at(2),
    );
    const other = await mustCreate(
      db,
      { vendorId: 'esim-go', summary: 'Data roaming question in Spain' },
      at(3),
    );
    return { helene, marc, other };
  }

  it.each([
    ['full ICCID', (d: Draft) => d.iccid ?? ''],
    ['grouped ICCID', (d: Draft) => grouped(d.iccid ?? '')],
    ['dashed ICCID', (d: Draft) => (d.iccid ?? '').replace(/(.{5})(?=.)/g, '$1-')],
    ['ICCID prefix', (d: Draft) => (d.iccid ?? '').slice(0, 16)],
    ['last four digits', (d: Draft) => (d.iccid ?? '').slice(-4)],
  ])('finds by %s', async (_label, queryOf) => {
    const db = freshDb();
    const { helene } = await seed(db);
    const r = await searchDrafts(db, queryOf(helene));
    expect(r.ok && ids(r.drafts)).toEqual([helene.id]);
  });

  it('a full valid ICCID matches exactly, not as a prefix of other ICCIDs', async () => {
    const db = freshDb();
    await seed(db);
    const r = await searchDrafts(db, iccidFor(999));
    expect(r.ok && r.drafts).toEqual([]);
  });

  it('finds by subscriber name prefix, accents and case ignored', async () => {
    const db = freshDb();
    const { helene, marc } = await seed(db);
    const r = await searchDrafts(db, 'hel');
    expect(r.ok && ids(r.drafts)).toEqual([marc.id, helene.id]);
    const accent = await searchDrafts(db, 'HÉLÈNE dur');
    expect(accent.ok && ids(accent.drafts)).toEqual([helene.id]);
  });

  it('finds by summary words (all must match, last as a prefix) and by field values', async () => {
    const db = freshDb();
    const { helene, other } = await seed(db);
    const data = await searchDrafts(db, 'data');
    expect(data.ok && ids(data.drafts)).toEqual([other.id, helene.id]);
    const japan = await searchDrafts(db, 'data jap');
    expect(japan.ok && ids(japan.drafts)).toEqual([helene.id]);
    const iphone = await searchDrafts(db, 'iphone');
    expect(iphone.ok && ids(iphone.drafts)).toEqual([helene.id]);
    const none = await searchDrafts(db, 'data install');
    expect(none.ok && none.drafts).toEqual([]);
  });

  it('applies status, vendor and subscriber filters', async () => {
    const db = freshDb();
    const { helene, marc, other } = await seed(db);
    const open = await searchDrafts(db, 'hel', { status: 'open' });
    expect(open.ok && ids(open.drafts)).toEqual([helene.id]);
    const wildix = await searchDrafts(db, '', { vendorId: 'wildix' });
    expect(wildix.ok && ids(wildix.drafts)).toEqual([marc.id]);
    const subscriber = await searchDrafts(db, '', { subscriberId: 'SUB-00123' });
    expect(subscriber.ok && ids(subscriber.drafts)).toEqual([helene.id]);
    const everything = await searchDrafts(db, '');
    expect(everything.ok && ids(everything.drafts)).toEqual([other.id, marc.id, helene.id]);
  });

  it('orders a large match set by walking the updatedAt index and reports the total', async () => {
    const db = freshDb();
    const base = Date.UTC(2025, 0, 1);
    await db.transaction('rw', db.drafts, async () => {
      for (let i = 0; i < 1200; i++) {
        await createDraft(
          db,
          { vendorId: 'esim-go', summary: `roaming case ${i}` },
          { now: new Date(base + i * 60_000) },
        );
      }
    });
    const r = await searchDrafts(db, 'roaming', { limit: 3 });
    expect(r.ok && r.total).toBe(1200);
    expect(r.ok && r.drafts.map((d) => d.summary)).toEqual([
      'roaming case 1199',
      'roaming case 1198',
      'roaming case 1197',
    ]);
  });

  it('a one-letter query matches nothing rather than everything', async () => {
    const db = freshDb();
    await seed(db);
    const r = await searchDrafts(db, 'a');
    expect(r.ok && r.drafts).toEqual([]);
  });
});

describe('findOpenDraftForIccid — one ticket per problem (seed 004)', () => {
  it('finds the newest open draft for the ICCID, ignoring handed-over ones', async () => {
    const db = freshDb();
    const iccid = iccidFor(42);
    const at = (h: number): Date => new Date(Date.UTC(2025, 3, 1, h));
    await mustCreate(
      db,
      { vendorId: 'esim-go', iccid, status: 'handed-over', handedOverAt: at(1).toISOString() },
      at(1),
    );
    const older = await mustCreate(db, { vendorId: 'esim-go', iccid }, at(2));
    const newer = await mustCreate(db, { vendorId: 'esim-go', iccid }, at(3));
    await mustCreate(db, { vendorId: 'esim-go', iccid }, at(4)).then((d) =>
      saveDraft(db, { ...d, status: 'closed' }, 0, { now: at(5) }),
    );
    const r = await findOpenDraftForIccid(db, grouped(iccid));
    expect(r.ok && r.draft?.id).toBe(newer.id);
    expect(older.id).not.toBe(newer.id);
  });

  it('returns null when only handed-over drafts exist', async () => {
    const db = freshDb();
    const iccid = iccidFor(43);
    await mustCreate(db, {
      vendorId: 'esim-go',
      iccid,
      status: 'handed-over',
      handedOverAt: new Date().toISOString(),
    });
    const r = await findOpenDraftForIccid(db, iccid);
    expect(r).toEqual({ ok: true, draft: null, invalid: [] });
  });
});

describe('purgeExpired', () => {
  it('deletes drafts handed over more than 30 days ago with their attachments; keeps 29 days and open drafts', async () => {
    const db = freshDb();
    const now = new Date('2025-06-30T12:00:00.000Z');
    const daysAgo = (n: number): string => new Date(now.getTime() - n * 86_400_000).toISOString();
    const old = await mustCreate(db, {
      vendorId: 'esim-go',
      status: 'handed-over',
      handedOverAt: daysAgo(31),
    });
    const recent = await mustCreate(db, {
      vendorId: 'esim-go',
      status: 'handed-over',
      handedOverAt: daysAgo(29),
    });
    const open = await mustCreate(db, { vendorId: 'esim-go' }, new Date('2024-01-01T00:00:00Z'));
    // An open draft that was handed over once and reopened is still open: never purged.
    const reopened = await mustCreate(db, { vendorId: 'esim-go', status: 'open', handedOverAt: daysAgo(90) });
    const closedOld = await mustCreate(db, {
      vendorId: 'esim-go',
      status: 'closed',
      handedOverAt: '2025-05-01T10:00:00+02:00',
    });
    await addAttachment(db, { draftId: old.id, name: 'a.png', blob: new Blob(['x'], { type: 'image/png' }) });
    await addAttachment(db, {
      draftId: recent.id,
      name: 'b.png',
      blob: new Blob(['y'], { type: 'image/png' }),
    });

    const r = await purgeExpired(db, { now });
    expect(r).toEqual({ ok: true, purged: 2 });
    const left = (await db.drafts.toArray()).map((d) => d.id).sort();
    expect(left).toEqual([recent.id, open.id, reopened.id].sort());
    expect(left).not.toContain(closedOld.id);
    expect((await db.attachments.toArray()).map((a) => a.draftId)).toEqual([recent.id]);
  });

  it('honours a custom retention', async () => {
    const db = freshDb();
    const now = new Date('2025-06-30T12:00:00.000Z');
    await mustCreate(db, {
      vendorId: 'esim-go',
      status: 'handed-over',
      handedOverAt: '2025-06-25T12:00:00.000Z',
    });
    expect(await purgeExpired(db, { now, retentionDays: 7 })).toEqual({ ok: true, purged: 0 });
    expect(await purgeExpired(db, { now, retentionDays: 3 })).toEqual({ ok: true, purged: 1 });
  });
});

describe('attachments', () => {
  it('stores the Blob as-is, lists per draft, removes one, and goes with its draft', async () => {
    const db = freshDb();
    const draft = await mustCreate(db, { vendorId: 'esim-go' });
    const added = await addAttachment(db, {
      draftId: draft.id,
      name: 'settings.png',
      tag: 'screenshots',
      blob: new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }),
    });
    expect(added.ok && added.attachment).toMatchObject({
      name: 'settings.png',
      type: 'image/png',
      size: 4,
      tag: 'screenshots',
    });
    await addAttachment(db, {
      draftId: draft.id,
      name: 'log.txt',
      blob: new Blob(['log'], { type: 'text/plain' }),
    });
    const list = await listAttachments(db, draft.id);
    expect(list.ok && list.attachments.map((a) => a.name).sort()).toEqual(['log.txt', 'settings.png']);
    const png = list.ok ? list.attachments.find((a) => a.name === 'settings.png') : undefined;
    expect([...new Uint8Array(await (png?.blob ?? new Blob()).arrayBuffer())]).toEqual([
      0x89, 0x50, 0x4e, 0x47,
    ]);

    if (!added.ok) return;
    expect(await removeAttachment(db, added.attachment.id)).toEqual({ ok: true, removed: true });
    expect(await removeAttachment(db, added.attachment.id)).toEqual({ ok: true, removed: false });
    expect(await deleteDraft(db, draft.id)).toEqual({ ok: true, deleted: true });
    expect(await db.attachments.count()).toBe(0);
  });

  it('refuses an attachment for a missing draft', async () => {
    const db = freshDb();
    const r = await addAttachment(db, { draftId: 'nope', name: 'a', blob: new Blob(['a']) });
    expect(r).toEqual({ ok: false, error: { code: 'not-found' } });
  });
});
