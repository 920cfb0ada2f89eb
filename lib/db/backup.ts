/**
 * Backup and restore of every draft and attachment as one JSON file (Options → Backup/Restore).
 *
 * Restore is all-or-nothing: the whole file is validated with zod first, and only a file with no error at
 * all is written, in one read-write transaction. Errors name the offending row (`drafts[3].iccid`).
 * DESIGN §2: a secret is never written to an export or the database; fields the draft's vendor (or an
 * extra policy) calls secret are dropped on both sides, and a restore says how many it dropped.
 */
import { z } from 'zod';
import type { Draft } from '../escalation/draft';
import { EscalationSchema, type Escalation } from '../escalation/escalation';
import { AttachmentMetaSchema, AttachmentSchema, type AttachmentMeta } from './attachments-repo';
import type { AttachmentRow, DraftRow, HelpdeskDb } from './database';
import { prepareDraftRow, readDraftRows, withoutSecretFields } from './draft-rows';
import { resolveSecretTest, type SecretFieldPolicy } from './secret-policy';
import { guarded, toDbError, zodIssues, type DbResult, type InvalidRow, type Issue } from './result';

/** The `format` marker of a backup file. */
export const BACKUP_FORMAT = 'helpdesk-assistant-backup';
/** The backup file version this code writes and reads. */
export const BACKUP_VERSION = 1;

/** An attachment in a backup: metadata plus the bytes in base64. */
export const BackupAttachmentSchema = AttachmentMetaSchema.extend({
  dataBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
});
/** An attachment as written in a backup file. */
export type BackupAttachment = z.infer<typeof BackupAttachmentSchema>;

/** The envelope of a backup; rows are validated one by one afterwards so each error names its row. */
const BackupEnvelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.string().max(40),
  drafts: z.array(z.unknown()),
  attachments: z.array(z.unknown()).default([]),
  /** Issue 18: escalation rows of the drafts in the file (absent in older files). */
  escalations: z.array(z.unknown()).default([]),
});

/** A backup file as written by {@link exportBackup}. */
export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  drafts: Draft[];
  attachments: BackupAttachment[];
  escalations: Escalation[];
}

/** Options of {@link exportBackup}. */
export interface ExportOptions {
  /** Fields to leave out of the file, on top of the database's own policy. */
  secretFields?: SecretFieldPolicy;
  now?: Date;
}

/** Bytes → base64 without a library; chunked so large screenshots do not overflow the call stack. */
function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Base64 → bytes, or null when the text is not base64. */
function base64ToBytes(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Writes every valid draft and its attachments to a backup JSON string. Damaged rows are left out and
 * listed in `invalid`; attachments of a left-out draft are left out too, so the file always restores.
 */
export async function exportBackup(
  db: HelpdeskDb,
  options: ExportOptions = {},
): Promise<DbResult<{ json: string; drafts: number; attachments: number; invalid: InvalidRow[] }>> {
  return guarded(async () => {
    const isSecret = await resolveSecretTest(db, options.secretFields);
    const [rows, attachmentRows, escalationRows] = await db.transaction(
      'r',
      [db.drafts, db.attachments, db.escalations],
      () => Promise.all([db.drafts.toArray(), db.attachments.toArray(), db.escalations.toArray()]),
    );
    const read = readDraftRows(rows);
    // Rows written by an older build may hold a secret: it stays out of the file all the same.
    const drafts = read.drafts.map((d) => withoutSecretFields(d, isSecret).draft);
    const draftIds = new Set(drafts.map((d) => d.id));
    const invalid = [...read.invalid];
    const attachments: BackupAttachment[] = [];
    // Blobs are read after the transaction: awaiting a non-IndexedDB promise inside would end it.
    for (const row of attachmentRows) {
      const parsed = AttachmentSchema.safeParse(row);
      if (!parsed.success) {
        invalid.push({ id: typeof row.id === 'string' ? row.id : '?', issues: zodIssues(parsed.error) });
        continue;
      }
      if (!draftIds.has(parsed.data.draftId)) continue;
      const { blob, ...meta } = parsed.data;
      attachments.push({ ...meta, dataBase64: bytesToBase64(new Uint8Array(await blob.arrayBuffer())) });
    }
    const file: BackupFile = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: (options.now ?? new Date()).toISOString(),
      drafts,
      attachments,
      escalations: escalationRows.flatMap((row: unknown) => {
        const parsed = EscalationSchema.safeParse(row);
        return parsed.success && draftIds.has(parsed.data.draftId) ? [parsed.data] : [];
      }),
    };
    return {
      ok: true,
      json: JSON.stringify(file, null, 2),
      drafts: drafts.length,
      attachments: attachments.length,
      invalid,
    };
  });
}

/** Options of {@link importBackup}. */
export interface ImportOptions {
  /**
   * `merge`: keep existing drafts; for an id present on both sides the newer `updatedAt` wins.
   * `replace`: delete every draft and attachment first, then write the file's.
   */
  mode: 'merge' | 'replace';
  /** Fields to drop from imported drafts, on top of the database's own policy. */
  secretFields?: SecretFieldPolicy;
}

/** Outcome of {@link importBackup}. */
export type ImportResult =
  | {
      readonly ok: true;
      readonly imported: number;
      readonly skipped: number;
      readonly attachments: number;
      /**
       * Present when the file held secret values: how many were not restored (DESIGN §2), counted over
       * every draft of the file, written or skipped, so the agent is told credentials were left out.
       */
      readonly secretsDropped?: number;
    }
  | { readonly ok: false; readonly errors: Issue[] };

/** Errors past this many are summarised: a wrong file would otherwise produce thousands. */
const MAX_REPORTED_ERRORS = 100;

/** Time of an ISO timestamp for the merge rule; unparsable sorts oldest. */
function timeOf(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/**
 * Restores a backup file. Every row is validated before anything is written; any error → nothing written
 * and every error (up to 100) returned with its path. Secret fields are dropped and counted. When a draft replaces a
 * stored one with the same id, its revision becomes higher than both, so a surface still editing the old
 * draft gets a conflict instead of overwriting the restored one.
 */
export async function importBackup(
  db: HelpdeskDb,
  text: string,
  options: ImportOptions,
): Promise<ImportResult> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errors: [{ path: '', message: 'The file is not JSON.' }] };
  }
  const envelope = BackupEnvelopeSchema.safeParse(json);
  if (!envelope.success)
    return { ok: false, errors: zodIssues(envelope.error).slice(0, MAX_REPORTED_ERRORS) };

  let isSecret;
  try {
    isSecret = await resolveSecretTest(db, options.secretFields);
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: toDbError(error).message }] };
  }
  const errors: Issue[] = [];
  const rows: DraftRow[] = [];
  const seenDrafts = new Set<string>();
  let secretsDropped = 0;
  envelope.data.drafts.forEach((value, i) => {
    // Caps of DRAFT_LIMITS apply too: an oversized draft is an error naming its row and field.
    const prepared = prepareDraftRow(value, isSecret, `drafts[${i}]`);
    if (!prepared.ok) {
      errors.push(...prepared.issues);
      return;
    }
    secretsDropped += prepared.stripped.length;
    if (seenDrafts.has(prepared.row.id))
      errors.push({ path: `drafts[${i}].id`, message: 'Duplicate draft id in the file.' });
    seenDrafts.add(prepared.row.id);
    rows.push(prepared.row);
  });

  const attachments: AttachmentRow[] = [];
  const seenAttachments = new Set<string>();
  envelope.data.attachments.forEach((value, i) => {
    const parsed = BackupAttachmentSchema.safeParse(value);
    if (!parsed.success) {
      errors.push(...zodIssues(parsed.error, `attachments[${i}]`));
      return;
    }
    const { dataBase64, ...meta } = parsed.data;
    const bytes = base64ToBytes(dataBase64);
    if (bytes === null) {
      errors.push({ path: `attachments[${i}].dataBase64`, message: 'not base64' });
      return;
    }
    if (bytes.length !== meta.size)
      errors.push({ path: `attachments[${i}].size`, message: 'size does not match the data' });
    if (!seenDrafts.has(meta.draftId)) {
      errors.push({ path: `attachments[${i}].draftId`, message: 'No draft with this id in the file.' });
    }
    if (seenAttachments.has(meta.id))
      errors.push({ path: `attachments[${i}].id`, message: 'Duplicate attachment id in the file.' });
    seenAttachments.add(meta.id);
    attachments.push(toAttachmentRow(meta, bytes));
  });

  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_REPORTED_ERRORS);
    if (errors.length > shown.length)
      shown.push({ path: '', message: `${errors.length - shown.length} more errors.` });
    return { ok: false, errors: shown };
  }

  try {
    return await db.transaction('rw', [db.drafts, db.attachments, db.escalations], async () => {
      const existing = await db.drafts.bulkGet(rows.map((r) => r.id));
      if (options.mode === 'replace') {
        await db.drafts.clear();
        await db.attachments.clear();
        await db.escalations.clear();
      }
      const toWrite: DraftRow[] = [];
      let skipped = 0;
      rows.forEach((row, i) => {
        const old = existing[i];
        if (old === undefined) {
          toWrite.push(row);
          return;
        }
        if (options.mode === 'merge' && timeOf(row.updatedAt) <= timeOf(old.updatedAt)) {
          skipped++;
          return;
        }
        const oldRevision = typeof old.revision === 'number' ? old.revision : 0;
        toWrite.push({ ...row, revision: Math.max(oldRevision, row.revision) + 1 });
      });
      const written = new Set(toWrite.map((r) => r.id));
      const attachmentsToWrite = attachments.filter((a) => written.has(a.draftId));
      await db.drafts.bulkPut(toWrite);
      await db.attachments.bulkPut(attachmentsToWrite);
      // An imported draft brings its escalation (an unreadable one is left out: it restarts from the draft).
      const escalationsToWrite = envelope.data.escalations.flatMap((raw) => {
        const parsed = EscalationSchema.safeParse(raw);
        return parsed.success && written.has(parsed.data.draftId) ? [parsed.data] : [];
      });
      await db.escalations.bulkPut(escalationsToWrite);
      return {
        ok: true as const,
        imported: toWrite.length,
        skipped,
        attachments: attachmentsToWrite.length,
        ...(secretsDropped > 0 ? { secretsDropped } : {}),
      };
    });
  } catch (error) {
    const dbError = toDbError(error);
    return { ok: false, errors: [{ path: '', message: dbError.message }] };
  }
}

function toAttachmentRow(meta: AttachmentMeta, bytes: Uint8Array): AttachmentRow {
  return { ...meta, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: meta.type }) };
}
