/**
 * Upgrade-testing machinery. REFERENCE "Extension updates": peers have lost every draft on an update, so
 * every schema version has a frozen fixture — rows exactly as that version's code wrote them — and
 * `tests/unit/db/migrations.test.ts` generates one test per version: write the fixture through a
 * connection that declares only versions ≤ n ({@link openDbAtVersion}), close, open with today's
 * {@link openDb}, and check that every row reads back valid and is found by its indexes.
 *
 * HOW TO ADD VERSION 2 (a new index, a new field, a changed `draftTerms`):
 * 1. Append `{ version: 2, stores: {…the full new declaration…}, upgrade: (tx) => … }` to
 *    `SCHEMA_VERSIONS` in `database.ts`. Never edit the version 1 entry. The upgrade rewrites old rows
 *    (e.g. `tx.table('drafts').toCollection().modify((row) => { row.terms = draftTerms(row) })` when the
 *    terms change, or a default for a new field).
 * 2. Add `tests/unit/db/fixtures/v2.json`: the version's `stores` and rows as version 2 writes them (the
 *    same envelope as v1.json).
 *    Existing fixtures are frozen: never regenerate v1.json from today's code — it is the proof that
 *    data written by the published version still opens.
 * The test picks both up; it fails while a version has no fixture.
 */
import { z } from 'zod';
import type { AttachmentRow, HelpdeskDb } from './database';
import { AttachmentMetaSchema } from './attachments-repo';

export { openDbAtVersion } from './database';

/**
 * A frozen fixture: raw rows of one schema version. Drafts are kept as raw objects (whatever that version
 * stored, `terms` included); attachments carry their bytes in base64 because JSON has no Blob.
 */
export const MigrationFixtureSchema = z.object({
  version: z.number().int().positive(),
  /** Why the fixture looks the way it does (edge cases it covers); not read by code. */
  note: z.string().optional(),
  /**
   * The `stores` declaration of that version, copied when it was published. The test compares it with
   * `SCHEMA_VERSIONS`: editing a published version fails the build.
   */
  stores: z.record(z.string(), z.string().nullable()),
  drafts: z.array(z.record(z.string(), z.unknown())),
  attachments: z.array(AttachmentMetaSchema.extend({ dataBase64: z.string() }).loose()).default([]),
  settings: z.array(z.object({ key: z.string(), value: z.unknown() })).default([]),
  /** Crash-journal rows (v2+), raw as that version stored them. */
  journal: z.array(z.record(z.string(), z.unknown())).default([]),
  /** Escalation rows (v3+, issue 18), raw as that version stored them. */
  escalations: z.array(z.record(z.string(), z.unknown())).default([]),
});
/** A parsed migration fixture. */
export type MigrationFixture = z.infer<typeof MigrationFixtureSchema>;

/**
 * Writes a fixture's rows as-is through `db` (a connection opened with {@link openDbAtVersion} at the
 * fixture's version), bypassing the repositories so nothing of today's code touches them.
 */
export async function writeMigrationFixture(db: HelpdeskDb, fixture: MigrationFixture): Promise<void> {
  const attachments: AttachmentRow[] = fixture.attachments.map(({ dataBase64, ...meta }) => {
    const binary = atob(dataBase64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return { ...meta, blob: new Blob([bytes], { type: meta.type }) };
  });
  const rowsByTable: Record<string, unknown[]> = {
    drafts: fixture.drafts,
    attachments,
    settings: fixture.settings,
    journal: fixture.journal,
    escalations: fixture.escalations,
  };
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) {
      const rows = rowsByTable[table.name] ?? [];
      if (rows.length > 0) await table.bulkPut(rows);
    }
  });
}
