/**
 * The boundary between the {@link Draft} contract and stored {@link DraftRow}s: every write goes through
 * {@link prepareDraftRow} (zod parse, secret fields dropped, caps checked, search terms computed) and every
 * read through {@link readDraftRow} (zod parse of the shape; a bad row is reported, never thrown).
 */
import {
  DraftShapeSchema,
  capMessage,
  draftCapViolation,
  type Draft,
  type DraftCapViolation,
} from '../escalation/draft';
import type { DraftRow } from './database';
import { zodIssues, type InvalidRow, type Issue } from './result';
import { draftTerms } from './search-terms';
import type { SecretTest } from './secret-policy';

/** A draft over one of the caps of `DRAFT_LIMITS` (lib/escalation/draft.ts): nothing was written. */
export interface TooLargeError {
  readonly code: 'too-large';
  /** English fallback; the UI words it from `limit`. */
  readonly message: string;
  /** Which cap, its figure, the draft's figure, and the field for a per-field cap. */
  readonly limit: DraftCapViolation;
}

/**
 * A copy of `draft` without the fields `isSecret` calls secret, and the ids dropped. DESIGN §2: a secret
 * is never written to IndexedDB or an export; the editor keeps them out, this is the lock of the store.
 */
export function withoutSecretFields(
  draft: Draft,
  isSecret: SecretTest,
): { draft: Draft; stripped: string[] } {
  const fields: Record<string, string> = {};
  const stripped: string[] = [];
  for (const [id, value] of Object.entries(draft.fields)) {
    if (isSecret(id, draft.vendorId)) stripped.push(id);
    else fields[id] = value;
  }
  return stripped.length === 0 ? { draft, stripped } : { draft: { ...draft, fields }, stripped };
}

/** Result of {@link prepareDraftRow}. */
export type PreparedRow =
  | { ok: true; row: DraftRow; draft: Draft; stripped: string[] }
  | { ok: false; issues: Issue[]; tooLarge?: TooLargeError };

/**
 * Parses `value` as a Draft, drops its secret fields (listed in `stripped`), checks the caps on what is
 * left and adds the search terms; or the issues (with `tooLarge` when a cap is what failed).
 */
export function prepareDraftRow(value: unknown, isSecret: SecretTest, pathPrefix = ''): PreparedRow {
  const parsed = DraftShapeSchema.safeParse(value);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, pathPrefix) };
  const { draft, stripped } = withoutSecretFields(parsed.data, isSecret);
  const violation = draftCapViolation(draft);
  if (violation !== null) {
    const message = capMessage(violation);
    const at =
      violation.cap === 'field' ? `fields.${violation.fieldId}` : violation.cap === 'fields' ? 'fields' : '';
    const path = pathPrefix === '' ? at : at === '' ? pathPrefix : `${pathPrefix}.${at}`;
    return { ok: false, issues: [{ path, message }], tooLarge: { code: 'too-large', message, limit: violation } };
  }
  return { ok: true, draft, stripped, row: { ...draft, terms: draftTerms(draft, isSecret) } };
}

/** Parses a stored row back to a Draft (zod drops `terms`), or describes why it is not one. */
export function readDraftRow(row: unknown): { ok: true; draft: Draft } | { ok: false; invalid: InvalidRow } {
  const parsed = DraftShapeSchema.safeParse(row);
  if (parsed.success) return { ok: true, draft: parsed.data };
  const id =
    typeof row === 'object' && row !== null && typeof (row as { id?: unknown }).id === 'string'
      ? (row as { id: string }).id
      : '?';
  return { ok: false, invalid: { id, issues: zodIssues(parsed.error) } };
}

/** Splits stored rows into valid drafts and reported invalid rows, keeping the order. */
export function readDraftRows(rows: ReadonlyArray<unknown>): { drafts: Draft[]; invalid: InvalidRow[] } {
  const drafts: Draft[] = [];
  const invalid: InvalidRow[] = [];
  for (const row of rows) {
    if (row === undefined) continue; // bulkGet of a key deleted meanwhile
    const read = readDraftRow(row);
    if (read.ok) drafts.push(read.draft);
    else invalid.push(read.invalid);
  }
  return { drafts, invalid };
}

/** Newest first by `updatedAt` (ISO strings written by the repository compare in time order). */
export function byUpdatedAtDesc(a: Draft, b: Draft): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
}
