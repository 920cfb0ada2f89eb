import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  addAttachment,
  createDraft,
  exportBackup,
  getDraft,
  importBackup,
  listAttachments,
  saveDraft,
  searchDrafts,
  type HelpdeskDb,
} from '../../../lib/db';
import type { Draft } from '../../../lib/escalation/draft';
import { freshDb, iccidFor } from './helpers';

async function mustCreate(
  db: HelpdeskDb,
  init: Parameters<typeof createDraft>[1],
  now?: Date,
): Promise<Draft> {
  const r = await createDraft(db, init, now ? { now } : {});
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.draft;
}

async function mustExport(db: HelpdeskDb, options: Parameters<typeof exportBackup>[1] = {}): Promise<string> {
  const r = await exportBackup(db, options);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.json;
}

/** Every row of every table, as one string: what an attacker reading the profile would see. */
async function dump(db: HelpdeskDb): Promise<string> {
  const tables = await Promise.all(db.tables.map((t) => t.toArray()));
  return JSON.stringify(tables);
}

describe('backup round trip', () => {
  it('exports drafts and attachments and restores them identically into an empty database', async () => {
    const source = freshDb();
    const a = await mustCreate(source, {
      vendorId: 'esim-go',
      iccid: iccidFor(1),
      subscriberName: 'Hélène Durand',
      summary: 'No data in Japan',
      fields: { device: 'iPhone 13' },
    });
    const b = await mustCreate(source, {
      vendorId: 'wildix',
      status: 'handed-over',
      handedOverAt: '2025-04-02T10:00:00.000Z',
    });
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251); // > one base64 chunk
    await addAttachment(source, {
      draftId: a.id,
      name: 'settings.png',
      tag: 'screenshots',
      blob: new Blob([bytes], { type: 'image/png' }),
    });

    const json = await mustExport(source, { now: new Date('2025-04-03T00:00:00Z') });
    const file = JSON.parse(json) as {
      format: string;
      version: number;
      exportedAt: string;
      drafts: Draft[];
      attachments: unknown[];
    };
    expect(file).toMatchObject({ format: BACKUP_FORMAT, version: 1, exportedAt: '2025-04-03T00:00:00.000Z' });
    expect(file.drafts).toHaveLength(2);
    expect(json).not.toContain('"terms"'); // the index helper column is not part of the contract

    const target = freshDb();
    expect(await importBackup(target, json, { mode: 'merge' })).toEqual({
      ok: true,
      imported: 2,
      skipped: 0,
      attachments: 1,
    });
    expect(await getDraft(target, a.id)).toEqual({ ok: true, draft: a });
    expect(await getDraft(target, b.id)).toEqual({ ok: true, draft: b });
    const restored = await listAttachments(target, a.id);
    const blob = restored.ok ? restored.attachments[0]?.blob : undefined;
    expect(blob?.type).toBe('image/png');
    expect(new Uint8Array(await (blob ?? new Blob()).arrayBuffer())).toEqual(bytes);
    // Search terms are rebuilt on import.
    const found = await searchDrafts(target, 'helene');
    expect(found.ok && found.drafts.map((d) => d.id)).toEqual([a.id]);
  });

  it('merge keeps the newer updatedAt and bumps the revision past both sides', async () => {
    const db = freshDb();
    const t0 = new Date('2025-04-01T10:00:00Z');
    const draft = await mustCreate(db, { vendorId: 'esim-go', summary: 'v0' }, t0);
    const json = await mustExport(db);
    // Edited locally after the backup: the local copy is newer and wins.
    const local = await saveDraft(db, { ...draft, summary: 'local edit' }, 0, {
      now: new Date('2025-04-01T11:00:00Z'),
    });
    expect(local.ok).toBe(true);
    expect(await importBackup(db, json, { mode: 'merge' })).toEqual({
      ok: true,
      imported: 0,
      skipped: 1,
      attachments: 0,
    });
    expect((await getDraft(db, draft.id)).ok && (await db.drafts.get(draft.id))?.summary).toBe('local edit');

    // A file whose copy is newer wins, with a revision above the stored one (a stale surface gets a conflict).
    const newer = JSON.parse(json) as { drafts: Draft[] };
    newer.drafts[0] = {
      ...draft,
      summary: 'from the file',
      updatedAt: '2025-04-01T12:00:00.000Z',
      revision: 0,
    };
    expect(await importBackup(db, JSON.stringify(newer), { mode: 'merge' })).toMatchObject({
      ok: true,
      imported: 1,
    });
    const stored = await getDraft(db, draft.id);
    expect(stored.ok && stored.draft).toMatchObject({ summary: 'from the file', revision: 2 });
    const stale = await saveDraft(db, { ...draft, summary: 'stale surface' }, 1);
    expect(!stale.ok && stale.error.code).toBe('conflict');
  });

  it('replace removes drafts that are not in the file', async () => {
    const db = freshDb();
    const kept = await mustCreate(db, { vendorId: 'esim-go' });
    const json = await mustExport(db);
    const extra = await mustCreate(db, { vendorId: 'esim-go' });
    await addAttachment(db, { draftId: extra.id, name: 'x', blob: new Blob(['x']) });
    expect(await importBackup(db, json, { mode: 'replace' })).toMatchObject({ ok: true, imported: 1 });
    expect((await db.drafts.toArray()).map((d) => d.id)).toEqual([kept.id]);
    expect(await db.attachments.count()).toBe(0);
  });
});

describe('restore validates everything before writing anything', () => {
  it('a file with one bad row writes nothing and names the row', async () => {
    const source = freshDb();
    await mustCreate(source, { vendorId: 'esim-go', summary: 'one' });
    await mustCreate(source, { vendorId: 'esim-go', summary: 'two' });
    await mustCreate(source, { vendorId: 'esim-go', summary: 'three' });
    const file = JSON.parse(await mustExport(source)) as { drafts: Array<Record<string, unknown>> };
    file.drafts[1] = { ...file.drafts[1], iccid: '8944 5000 0000 0000 0018' };

    const target = freshDb();
    const r = await importBackup(target, JSON.stringify(file), { mode: 'merge' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.path)).toEqual(['drafts[1].iccid']);
    expect(await target.drafts.count()).toBe(0);
  });

  it.each([
    ['not JSON', '{ oops', ''],
    [
      'another format',
      JSON.stringify({ format: 'something-else', version: 1, exportedAt: 'x', drafts: [] }),
      'format',
    ],
    [
      'a future backup version',
      JSON.stringify({ format: BACKUP_FORMAT, version: 2, exportedAt: 'x', drafts: [] }),
      'version',
    ],
  ])('refuses %s', async (_label, text, path) => {
    const db = freshDb();
    const r = await importBackup(db, text, { mode: 'replace' });
    expect(!r.ok && r.errors[0]?.path).toBe(path);
  });

  it('refuses orphan, duplicate and corrupt attachments, with their paths', async () => {
    const source = freshDb();
    const draft = await mustCreate(source, { vendorId: 'esim-go' });
    await addAttachment(source, { draftId: draft.id, name: 'a', blob: new Blob(['abc']) });
    const file = JSON.parse(await mustExport(source)) as { attachments: Array<Record<string, unknown>> };
    const att = file.attachments[0] ?? {};
    file.attachments = [
      att,
      { ...att, draftId: 'missing', id: 'other' },
      { ...att },
      { ...att, id: 'bad-size', size: 99 },
    ];
    const target = freshDb();
    await mustCreate(target, { vendorId: 'esim-go' });
    const r = await importBackup(target, JSON.stringify(file), { mode: 'replace' });
    expect(!r.ok && r.errors.map((e) => e.path)).toEqual([
      'attachments[1].draftId',
      'attachments[2].id',
      'attachments[3].size',
    ]);
    // replace mode did not clear anything either
    expect(await target.drafts.count()).toBe(1);
  });
});

describe('secrets canary (DESIGN §2: a secret is never written to IndexedDB or an export)', () => {
  const CANARY = 'CANARY-SECRET-42';
  const secretFields = new Set(['apiPassword']);

  function expectNoCanary(text: string): void {
    expect(text).not.toContain(CANARY);
    // Search terms are lower-cased words: the canary must not leak that way either.
    expect(text.toLowerCase()).not.toContain('canary');
  }

  it('never reaches the database through create, save or import, nor the export', async () => {
    const db = freshDb({ secretFields });
    const draft = await mustCreate(db, {
      vendorId: 'wildix',
      fields: { apiPassword: CANARY, device: 'W-AIR' },
    });
    expect(draft.fields).toEqual({ device: 'W-AIR' });
    await saveDraft(db, { ...draft, fields: { ...draft.fields, apiPassword: CANARY } }, 0);

    const file = {
      format: BACKUP_FORMAT,
      version: 1,
      exportedAt: new Date().toISOString(),
      drafts: [{ ...draft, id: 'from-file', fields: { apiPassword: CANARY } }],
      attachments: [],
    };
    expect(await importBackup(db, JSON.stringify(file), { mode: 'merge' })).toMatchObject({
      ok: true,
      imported: 1,
    });

    expectNoCanary(await dump(db));
    expectNoCanary(await mustExport(db));
    // And the database still holds the rest of the draft.
    expect((await db.drafts.get(draft.id))?.fields).toEqual({ device: 'W-AIR' });
  });

  it('per-call policies (a predicate) protect a database opened without one', async () => {
    const db = freshDb();
    const isSecret = (fieldId: string, vendorId: string): boolean =>
      vendorId === 'wildix' && fieldId === 'apiPassword';
    await mustCreate(db, { vendorId: 'esim-go', fields: { apiPassword: 'not-a-secret-for-this-vendor' } });
    const created = await createDraft(
      db,
      { vendorId: 'wildix', fields: { apiPassword: CANARY } },
      { secretFields: isSecret },
    );
    expect(created.ok).toBe(true);
    const file = {
      format: BACKUP_FORMAT,
      version: 1,
      exportedAt: 'x',
      drafts: [{ ...(created.ok ? created.draft : {}), id: 'f', fields: { apiPassword: CANARY } }],
    };
    await importBackup(db, JSON.stringify(file), { mode: 'merge', secretFields: isSecret });
    expectNoCanary(await dump(db));

    // Data written by an older build that leaked a secret is still filtered out of the export.
    await db.drafts.put({
      ...(await db.drafts.toArray())[0]!,
      id: 'legacy',
      vendorId: 'wildix',
      fields: { apiPassword: CANARY },
      terms: [],
    });
    expect(await dump(db)).toContain(CANARY); // the canary is really there…
    const exported = await mustExport(db, { secretFields: isSecret });
    expectNoCanary(exported); // …and the export drops it
    expect(exported).toContain('not-a-secret-for-this-vendor');
  });
});
