/**
 * The boundary between the {@link Draft} contract and stored {@link DraftRow}s: every write goes through
 * {@link prepareDraftRow} (zod parse, secret fields dropped, search terms computed) and every read through
 * {@link readDraftRow} (zod parse; a bad row is reported, never thrown).
 */
import { DraftSchema, type Draft } from '../escalation/draft';
import type { DraftRow, SecretFieldPolicy } from './database';
import { zodIssues, type InvalidRow, type Issue } from './result';
import { draftTerms, isSecretField } from './search-terms';

/**
 * A copy of `draft` without the fields any of `policies` calls secret. DESIGN §2: a secret is never
 * written to IndexedDB or an export. Drafts do not hold secrets by contract; this is the second lock.
 */
export function withoutSecretFields(
  draft: Draft,
  policies: ReadonlyArray<SecretFieldPolicy | undefined>,
): Draft {
  const active = policies.filter((p): p is SecretFieldPolicy => p !== undefined);
  if (active.length === 0) return draft;
  const fields: Record<string, string> = {};
  for (const [id, value] of Object.entries(draft.fields)) {
    if (!active.some((p) => isSecretField(p, id, draft.vendorId))) fields[id] = value;
  }
  return { ...draft, fields };
}

/** Parses `value` as a Draft, drops secret fields and adds the search terms; or the validation issues. */
export function prepareDraftRow(
  value: unknown,
  policies: ReadonlyArray<SecretFieldPolicy | undefined>,
  pathPrefix = '',
): { ok: true; row: DraftRow; draft: Draft } | { ok: false; issues: Issue[] } {
  const parsed = DraftSchema.safeParse(value);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, pathPrefix) };
  const draft = withoutSecretFields(parsed.data, policies);
  return { ok: true, draft, row: { ...draft, terms: draftTerms(draft) } };
}

/** Parses a stored row back to a Draft (zod drops `terms`), or describes why it is not one. */
export function readDraftRow(row: unknown): { ok: true; draft: Draft } | { ok: false; invalid: InvalidRow } {
  const parsed = DraftSchema.safeParse(row);
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
