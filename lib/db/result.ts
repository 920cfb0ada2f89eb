/**
 * Result and error shapes shared by the repositories. Repository functions do not reject for expected
 * failures (a full disk, a newer extension holding the database, a bad row): they resolve with
 * `{ ok: false, error: { code, message } }`; the UI translates `code`, `message` is an English fallback.
 */
import type { z } from 'zod';

/** A storage failure, mapped from Dexie/IndexedDB errors by {@link toDbError}. */
export interface DbError {
  /**
   * - `quota`: the browser refused to store more (disk full or origin quota).
   * - `blocked`: another connection (usually an updated extension in another tab) blocks or replaced this
   *   one — save elsewhere / reload.
   * - `unknown`: anything else.
   */
  readonly code: 'quota' | 'blocked' | 'unknown';
  readonly message: string;
}

/** One validation problem, with the path of the offending value (`drafts[3].iccid`). */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** A value that failed validation before a write. */
export interface InvalidError {
  readonly code: 'invalid';
  readonly message: string;
  readonly issues: readonly Issue[];
}

/** A stored row that failed validation on read: reported to the caller, never thrown. */
export interface InvalidRow {
  /** Primary key of the row, or `'?'` when even that is missing. */
  readonly id: string;
  readonly issues: readonly Issue[];
}

/** Success with a payload, or one of the error shapes `E`. */
export type DbResult<T extends object, E = DbError> =
  ({ readonly ok: true } & T) | { readonly ok: false; readonly error: E };

const QUOTA_NAMES = new Set(['QuotaExceededError']);
// BlockedError: an upgrade waits for another connection; VersionError: the stored database is newer than the
// versions this code declares (an updated extension upgraded it); DatabaseClosedError: Dexie closed the
// connection after a versionchange (REFERENCE "Dexie": save, then reload).
const BLOCKED_NAMES = new Set(['BlockedError', 'VersionError', 'VersionChangeError', 'DatabaseClosedError']);

/**
 * Maps an error thrown by Dexie/IndexedDB to a {@link DbError}. REFERENCE "Dexie": a quota failure arrives
 * as a `QuotaExceededError`, or as an `AbortError` whose `inner` is one — so the `inner` chain is walked.
 */
export function toDbError(error: unknown): DbError {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const name = (current as { name?: unknown }).name;
    if (typeof name === 'string') {
      if (QUOTA_NAMES.has(name))
        return { code: 'quota', message: 'The browser has no more room to store drafts.' };
      if (BLOCKED_NAMES.has(name)) {
        return {
          code: 'blocked',
          message:
            'The drafts database was closed or is being upgraded, usually by an extension update. Reload this page.',
        };
      }
    }
    current = (current as { inner?: unknown }).inner;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'unknown', message: message.slice(0, 500) || 'Unknown storage error.' };
}

/** Formats a zod path (`['drafts', 3, 'iccid']`) the way import errors name rows: `drafts[3].iccid`. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** The issues of a zod error as {@link Issue}s, paths prefixed with `prefix`. */
export function zodIssues(error: z.ZodError, prefix = ''): Issue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path, prefix), message: issue.message }));
}

/** Runs `fn`, turning a thrown Dexie/IndexedDB error into `{ ok: false, error }` (see {@link toDbError}). */
export async function guarded<T extends object, E>(
  fn: () => Promise<DbResult<T, E>>,
): Promise<DbResult<T, E | DbError>> {
  try {
    return await fn();
  } catch (error) {
    return { ok: false, error: toDbError(error) };
  }
}
