/**
 * One upgrade test per schema version, generated from SCHEMA_VERSIONS and the frozen fixtures in
 * ./fixtures (how to add a version: lib/db/migrations.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  LATEST_VERSION,
  MigrationFixtureSchema,
  SCHEMA_VERSIONS,
  getDraft,
  listAttachments,
  openDb,
  openDbAtVersion,
  searchDrafts,
  writeMigrationFixture,
  type MigrationFixture,
} from '../../../lib/db';
import { listEscalations } from '../../../lib/db/escalations-repo';
import { readJournal } from '../../../lib/db/journal-repo';
import { fakeIdb } from './helpers';

const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

function loadFixture(version: number): MigrationFixture {
  const raw: unknown = JSON.parse(readFileSync(`${fixturesDir}v${version}.json`, 'utf8'));
  return MigrationFixtureSchema.parse(raw);
}

describe('schema versions and fixtures', () => {
  it('versions are numbered 1..n without gaps and each has a frozen fixture (and no fixture lacks a version)', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(versions.length);
    const fixtures = readdirSync(fixturesDir)
      .filter((f) => /^v\d+\.json$/.test(f))
      .map((f) => Number(f.slice(1, -5)))
      .sort((a, b) => a - b);
    expect(fixtures).toEqual(versions);
  });
});

describe.each(SCHEMA_VERSIONS.map((v) => v.version))('database written by schema version %i', (version) => {
  it('opens with today’s openDb: every row reads back valid and is found by its indexes', async () => {
    const fixture = loadFixture(version);
    expect(fixture.version).toBe(version);
    // Published versions are frozen: the declaration must still be the one the fixture recorded.
    expect(SCHEMA_VERSIONS.find((v) => v.version === version)?.stores).toEqual(fixture.stores);
    const deps = fakeIdb();
    const name = `migration-v${version}`;

    const old = openDbAtVersion(name, version, deps);
    await writeMigrationFixture(old, fixture);
    expect(old.verno).toBe(version);
    old.close();

    const db = openDb(name, deps);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);

    // Every draft of the fixture is still there and valid under today's Draft contract.
    const list = await searchDrafts(db, '', { limit: 500 });
    expect(list.ok && list.invalid).toEqual([]);
    expect(list.ok && list.drafts.map((d) => d.id).sort()).toEqual(fixture.drafts.map((d) => d.id).sort());

    for (const raw of fixture.drafts) {
      const id = String(raw.id);
      const read = await getDraft(db, id);
      expect(read.ok, `draft ${id}`).toBe(true);
      if (!read.ok) continue;
      const { draft } = read;
      // The indexes answer for old rows too (an index added without an upgrade would hide them).
      if (draft.iccid !== null) {
        const byIccid = await searchDrafts(db, draft.iccid);
        expect(byIccid.ok && byIccid.drafts.map((d) => d.id), `iccid of ${id}`).toContain(id);
      }
      const firstWord = (draft.subscriberName ?? draft.summary).split(/\s+/)[0] ?? '';
      if (firstWord.length >= 2) {
        const byText = await searchDrafts(db, firstWord);
        expect(byText.ok && byText.drafts.map((d) => d.id), `"${firstWord}" of ${id}`).toContain(id);
      }
      const byStatus = await searchDrafts(db, '', { status: draft.status, vendorId: draft.vendorId });
      expect(byStatus.ok && byStatus.drafts.map((d) => d.id), `status/vendor of ${id}`).toContain(id);
    }

    // Attachments keep their bytes.
    for (const meta of fixture.attachments) {
      const atts = await listAttachments(db, meta.draftId);
      const att = atts.ok ? atts.attachments.find((a) => a.id === meta.id) : undefined;
      expect(att?.size, `attachment ${meta.id}`).toBe(meta.size);
      const bytes = new Uint8Array(await (att?.blob ?? new Blob()).arrayBuffer());
      expect(btoa(String.fromCharCode(...bytes))).toBe(meta.dataBase64);
    }
    for (const setting of fixture.settings) {
      expect((await db.settings.get(setting.key))?.value).toEqual(setting.value);
    }
    // Crash-journal rows (v2+) still read back through the repository: nothing typed before an update is lost.
    for (const draftId of new Set(fixture.journal.map((row) => String(row.draftId)))) {
      const read = await readJournal(db, draftId);
      const rows = fixture.journal.filter((row) => row.draftId === draftId);
      expect(read.ok && read.snapshot.entries.length, `journal of ${draftId}`).toBe(rows.length);
    }
    // Save stamps (v2+) kept in the draft rows still tell recovery who wrote the stored revision.
    for (const raw of fixture.drafts.filter((d) => d.savedBy !== undefined)) {
      const read = await readJournal(db, String(raw.id));
      expect(
        read.ok && read.snapshot.saved.map((m) => [m.sessionId, m.seq, m.revision]),
        `stamp of ${String(raw.id)}`,
      ).toEqual([
        [
          (raw.savedBy as { sessionId: string }).sessionId,
          (raw.savedBy as { seq: number }).seq,
          raw.revision,
        ],
      ]);
    }
    // Escalation rows (v3+, issue 18) read back valid through the repository.
    const escalations = await listEscalations(db);
    expect(escalations.ok && escalations.invalid).toEqual([]);
    for (const raw of fixture.escalations) {
      expect(
        escalations.ok && escalations.escalations.find((e) => e.draftId === raw.draftId),
        `escalation of ${String(raw.draftId)}`,
      ).toEqual(raw);
    }
    db.close();
  });
});
