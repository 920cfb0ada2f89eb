/**
 * The drafts repository: the only code that reads and writes the `drafts` table. Every row is zod-parsed
 * on read (a bad row is reported in `invalid`, never thrown) and before every write. Functions resolve
 * with results (`ok`/`error` with a stable code) and do not reject for storage failures.
 *
 * Concurrency (DESIGN §1 "never loses a draft"): the sidebar, popup and drafts tab may edit the same draft.
 * Each save names the revision it started from; a save from a stale revision is refused with the current
 * draft, so the surface can merge or ask — an edit is never overwritten silently.
 */
import { Dexie } from 'dexie';
import type { Draft, DraftStatus } from '../escalation/draft';
import { parseIccid } from '../telecom/iccid';
import type { HelpdeskDb } from './database';
import {
  byUpdatedAtDesc,
  prepareDraftRow,
  readDraftRow,
  readDraftRows,
  type PreparedRow,
  type TooLargeError,
} from './draft-rows';
import { SaveStampSchema, type SaveStamp } from './journal-repo';
import {
  guarded,
  zodIssues,
  type DbError,
  type DbResult,
  type InvalidError,
  type InvalidRow,
} from './result';
import { MAX_TERM_LENGTH, tokenise } from './search-terms';
import { resolveSecretTest, type SecretFieldPolicy } from './secret-policy';

/** What a new draft needs: the vendor; everything else defaults to empty. */
export type DraftInit = Pick<Draft, 'vendorId'> &
  Partial<Omit<Draft, 'id' | 'vendorId' | 'revision' | 'createdAt' | 'updatedAt'>>;

/** Options shared by the writes. */
export interface WriteOptions {
  /** Fields to drop before writing, on top of the database's own policy (DESIGN §2). */
  secretFields?: SecretFieldPolicy;
  /** Clock for timestamps; tests pin it. */
  now?: Date;
}

/** Options of {@link saveDraft}. */
export interface SaveOptions extends WriteOptions {
  /**
   * `strict` for explicit saves ("Save", hand-over): the transaction is flushed to disk before it resolves
   * (REFERENCE "Durability"). Autosaves keep the browser default, which is faster.
   */
  durability?: 'default' | 'strict';
  /**
   * The editing session and edit this save contains (issue 12): kept in the row (`savedBy`), so crash
   * recovery can tell an older journal entry from a newer one (journal-repo.ts).
   */
  stamp?: SaveStamp;
}

/** Why {@link saveDraft} refused or failed. */
export type SaveError =
  | { readonly code: 'conflict'; readonly current: Draft }
  | { readonly code: 'not-found' }
  | InvalidError
  | TooLargeError
  | DbError;

/**
 * A write that succeeded. `stripped`: ids of the fields whose values were NOT stored because the draft's
 * vendor declares them secret (DESIGN §2) — the rest of the draft was; `draft` is what was stored. Empty
 * for every write from the editor, which keeps secrets in session memory.
 */
export interface Written {
  readonly draft: Draft;
  readonly stripped: readonly string[];
}

/** A page of drafts plus the stored rows that failed validation. */
export interface DraftList {
  readonly drafts: Draft[];
  readonly invalid: InvalidRow[];
}

/** Filters of {@link listDrafts} and {@link searchDrafts}. */
export interface DraftFilters {
  status?: DraftStatus;
  vendorId?: string;
  /** Only in {@link searchDrafts}. */
  subscriberId?: string;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/** The error of a refused {@link prepareDraftRow}: `too-large` when a cap failed, else `invalid`. */
function refusal(prepared: Extract<PreparedRow, { ok: false }>): InvalidError | TooLargeError {
  return (
    prepared.tooLarge ?? { code: 'invalid', message: 'The draft is not valid.', issues: prepared.issues }
  );
}

/**
 * Creates a draft: a random UUID, revision 0, `createdAt` = `updatedAt` = now (ISO), status `open` unless
 * given. Resolves with the stored draft and the secret fields dropped from it; refused with `too-large`
 * over a cap of `DRAFT_LIMITS`.
 */
export async function createDraft(
  db: HelpdeskDb,
  init: DraftInit,
  options: WriteOptions = {},
): Promise<DbResult<Written, InvalidError | TooLargeError | DbError>> {
  const now = (options.now ?? new Date()).toISOString();
  const candidate: Draft = {
    status: 'open',
    iccid: null,
    subscriberId: null,
    subscriberName: null,
    portalUrl: null,
    summary: '',
    fields: {},
    problemKind: null,
    scope: null,
    priorityOverride: null,
    checklist: [],
    handedOverAt: null,
    ...init,
    id: crypto.randomUUID(),
    createdAt: now,
    updatedAt: now,
    revision: 0,
  };
  return guarded(async (): Promise<DbResult<Written, InvalidError | TooLargeError>> => {
    const prepared = prepareDraftRow(candidate, await resolveSecretTest(db, options.secretFields));
    if (!prepared.ok) return { ok: false, error: refusal(prepared) };
    await db.drafts.add(prepared.row);
    return { ok: true, draft: prepared.draft, stripped: prepared.stripped };
  });
}

/**
 * Saves `draft` if the stored revision is still `expectedRevision` (optimistic concurrency, checked and
 * written in one read-write transaction). On success the stored draft has `revision = expectedRevision + 1`,
 * a fresh `updatedAt`, and its original `createdAt`. A stale revision yields `conflict` with the current
 * stored draft; nothing is written. Secret fields are dropped (listed in `stripped`); a draft over a cap of
 * `DRAFT_LIMITS` is refused with `too-large` and nothing is written.
 */
export async function saveDraft(
  db: HelpdeskDb,
  draft: Draft,
  expectedRevision: number,
  options: SaveOptions = {},
): Promise<DbResult<Written, SaveError>> {
  const target = options.durability === 'strict' ? db.strict() : db;
  const now = (options.now ?? new Date()).toISOString();
  // The stamp may come over the sidebar's port: parsed like every other value crossing a boundary.
  const stamp = options.stamp === undefined ? undefined : SaveStampSchema.safeParse(options.stamp);
  if (stamp && !stamp.success) {
    return {
      ok: false,
      error: { code: 'invalid', message: 'The save stamp is not valid.', issues: zodIssues(stamp.error) },
    };
  }
  return guarded(async () => {
    // Before the transaction: awaiting the vendor source inside it would end it.
    const isSecret = await resolveSecretTest(db, options.secretFields);
    return target.transaction('rw', target.drafts, async (): Promise<DbResult<Written, SaveError>> => {
      const stored = await target.drafts.get(draft.id);
      if (stored === undefined) return { ok: false, error: { code: 'not-found' } };
      if (stored.revision !== expectedRevision) {
        const current = readDraftRow(stored);
        if (!current.ok) {
          return {
            ok: false,
            error: { code: 'unknown', message: 'The stored draft is damaged and was changed elsewhere.' },
          };
        }
        return { ok: false, error: { code: 'conflict', current: current.draft } };
      }
      const prepared = prepareDraftRow(
        {
          ...draft,
          createdAt: typeof stored.createdAt === 'string' ? stored.createdAt : draft.createdAt,
          updatedAt: now,
          revision: expectedRevision + 1,
        },
        isSecret,
      );
      if (!prepared.ok) return { ok: false, error: refusal(prepared) };
      // The stamp lives in the row itself: written atomically with the text it describes, and gone when
      // a writer without one (import, another use case) replaces the row. Only the drafts store is in the
      // transaction, so a save never waits behind the journal's per-keystroke writes (a closing popup's
      // save must commit before the page is gone).
      await target.drafts.put(stamp?.success ? { ...prepared.row, savedBy: stamp.data } : prepared.row);
      return { ok: true, draft: prepared.draft, stripped: prepared.stripped };
    });
  });
}

/** Reads one draft: `not-found`, or `invalid` with the issues when the stored row is damaged. */
export async function getDraft(
  db: HelpdeskDb,
  id: string,
): Promise<DbResult<{ draft: Draft }, { readonly code: 'not-found' } | InvalidError | DbError>> {
  return guarded(
    async (): Promise<DbResult<{ draft: Draft }, { readonly code: 'not-found' } | InvalidError>> => {
      const row = await db.drafts.get(id);
      if (row === undefined) return { ok: false, error: { code: 'not-found' } };
      const read = readDraftRow(row);
      if (!read.ok)
        return {
          ok: false,
          error: { code: 'invalid', message: 'The stored draft is damaged.', issues: read.invalid.issues },
        };
      return { ok: true, draft: read.draft };
    },
  );
}

/** Deletes a draft and its attachments in one transaction; `deleted` is false when it did not exist. */
export async function deleteDraft(db: HelpdeskDb, id: string): Promise<DbResult<{ deleted: boolean }>> {
  return guarded(() =>
    db.transaction('rw', [db.drafts, db.attachments, db.journal, db.escalations], async () => {
      const existed = (await db.drafts.where('id').equals(id).count()) > 0;
      await db.drafts.delete(id);
      await db.escalations.delete(id);
      await db.attachments.where('draftId').equals(id).delete();
      await db.journal.where('draftId').equals(id).delete();
      return { ok: true as const, deleted: existed };
    }),
  );
}

/**
 * Drafts newest first (by `updatedAt`), optionally of one status and/or vendor, paged by `offset`/`limit`
 * (default 50, at most 500). Served by the `[status+updatedAt]` / `[vendorId+updatedAt]` / `updatedAt`
 * indexes: no sort in memory.
 */
export async function listDrafts(
  db: HelpdeskDb,
  options: Omit<DraftFilters, 'subscriberId'> & { limit?: number; offset?: number } = {},
): Promise<DbResult<DraftList>> {
  const limit = clampLimit(options.limit);
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const { status, vendorId } = options;
  return guarded(async () => {
    let collection;
    if (status !== undefined) {
      collection = db.drafts
        .where('[status+updatedAt]')
        .between([status, Dexie.minKey], [status, Dexie.maxKey])
        .reverse();
      if (vendorId !== undefined) collection = collection.filter((row) => row.vendorId === vendorId);
    } else if (vendorId !== undefined) {
      collection = db.drafts
        .where('[vendorId+updatedAt]')
        .between([vendorId, Dexie.minKey], [vendorId, Dexie.maxKey])
        .reverse();
    } else {
      collection = db.drafts.orderBy('updatedAt').reverse();
    }
    const rows = await collection.offset(offset).limit(limit).toArray();
    return { ok: true, ...readDraftRows(rows) };
  });
}

/** Separators accepted between digit groups of a typed ICCID (space, no-break space, dash, dot). */
const DIGIT_QUERY = /^[\d\s\u00a0.-]+$/;
/** Shortest digit string searched as an ICCID prefix / last digits: fewer match too much to be useful. */
const MIN_DIGIT_QUERY = 4;

/** How a free-text query is answered. */
type QueryPlan =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'iccid'; iccid: string }
  | { kind: 'digits'; digits: string }
  | { kind: 'words'; exact: string[]; prefix: string };

function planQuery(query: string): QueryPlan {
  const trimmed = query.trim();
  if (trimmed === '') return { kind: 'all' };
  if (DIGIT_QUERY.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    if (digits.length >= MIN_DIGIT_QUERY) {
      const parsed = parseIccid(trimmed);
      return parsed.ok ? { kind: 'iccid', iccid: parsed.iccid } : { kind: 'digits', digits };
    }
  }
  const words = [...new Set(tokenise(trimmed))];
  const prefix = words.pop();
  if (prefix === undefined) return { kind: 'none' };
  return { kind: 'words', exact: words, prefix };
}

/** Past this many matches, results are ordered by walking the `updatedAt` index instead of loading them all. */
const ORDER_IN_MEMORY_MAX = 1000;

/** Intersection of key sets, smallest first; `undefined` means "no constraint". */
function intersect(sets: ReadonlyArray<Set<string>>): Set<string> | undefined {
  if (sets.length === 0) return undefined;
  const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  if (smallest === undefined) return undefined;
  const out = new Set<string>();
  for (const key of smallest) if (rest.every((s) => s.has(key))) out.add(key);
  return out;
}

/**
 * Finds drafts by a free query, newest first, at most `limit` (default 50).
 * - Digits (with spaces/dashes/dots allowed, ≥ 4 digits): a valid ICCID matches the `iccid` index exactly;
 *   otherwise the digits are a prefix of an ICCID or of a word (so the last four digits of an ICCID, which
 *   are indexed as a word, find it).
 * - Anything else: words, accents and case ignored; every word must appear in the draft (summary,
 *   subscriber name/id, vendor id, field values), the last one as a prefix — as the agent types.
 * - Filters by status, vendor and subscriber.
 * Only indexes are queried: a selective query (≤ 1,000 matching keys) loads just those rows and filters them;
 * a broad one intersects index key sets and walks the `updatedAt` index until `limit` hits — never a
 * table scan. `total` is the number of matches before `limit`.
 */
export async function searchDrafts(
  db: HelpdeskDb,
  query: string,
  options: DraftFilters & { limit?: number } = {},
): Promise<DbResult<DraftList & { total: number }>> {
  const limit = clampLimit(options.limit);
  const plan = planQuery(query);
  if (plan.kind === 'none') return { ok: true, drafts: [], invalid: [], total: 0 };
  const { status, vendorId, subscriberId } = options;
  const passesFilters = (d: Draft): boolean =>
    (status === undefined || d.status === status) &&
    (vendorId === undefined || d.vendorId === vendorId) &&
    (subscriberId === undefined || d.subscriberId === subscriberId);
  const keys = async (promise: Promise<string[]>): Promise<Set<string>> => new Set(await promise);
  return guarded(() =>
    db.transaction('r', db.drafts, async () => {
      const queryKeys: Array<Promise<Set<string>>> = [];
      switch (plan.kind) {
        case 'iccid':
          queryKeys.push(keys(db.drafts.where('iccid').equals(plan.iccid).primaryKeys()));
          break;
        case 'digits':
          queryKeys.push(
            Promise.all([
              db.drafts.where('iccid').startsWith(plan.digits).primaryKeys(),
              db.drafts.where('terms').startsWith(plan.digits.slice(0, MAX_TERM_LENGTH)).primaryKeys(),
            ]).then(([a, b]) => new Set([...a, ...b])),
          );
          break;
        case 'words':
          for (const word of plan.exact)
            queryKeys.push(keys(db.drafts.where('terms').equals(word).primaryKeys()));
          queryKeys.push(keys(db.drafts.where('terms').startsWith(plan.prefix).primaryKeys()));
          break;
        case 'all':
          // The subscriber filter is selective (a handful of drafts per subscriber): it seeds the search.
          if (subscriberId !== undefined)
            queryKeys.push(keys(db.drafts.where('subscriberId').equals(subscriberId).primaryKeys()));
          break;
      }
      const seed = intersect(await Promise.all(queryKeys));

      // Common case — a selective query: load its few rows, filter and sort them in memory.
      if (seed !== undefined && seed.size <= ORDER_IN_MEMORY_MAX) {
        const read = readDraftRows(await db.drafts.bulkGet([...seed]));
        const found = read.drafts.filter(passesFilters).sort(byUpdatedAtDesc);
        return {
          ok: true as const,
          drafts: found.slice(0, limit),
          invalid: read.invalid,
          total: found.length,
        };
      }

      // Broad query or filters only: intersect with the filters' key sets (`status`/`vendorId` are served
      // by the compound indexes' first part), then walk `updatedAt` newest first until `limit` hits.
      const filterKeys: Array<Promise<Set<string>>> = [];
      if (status !== undefined) filterKeys.push(keys(db.drafts.where('status').equals(status).primaryKeys()));
      if (vendorId !== undefined)
        filterKeys.push(keys(db.drafts.where('vendorId').equals(vendorId).primaryKeys()));
      if (subscriberId !== undefined && plan.kind !== 'all') {
        filterKeys.push(keys(db.drafts.where('subscriberId').equals(subscriberId).primaryKeys()));
      }
      const matches = intersect([...(seed ? [seed] : []), ...(await Promise.all(filterKeys))]);
      if (matches === undefined) {
        // Empty query, no filter: the newest drafts.
        const rows = await db.drafts.orderBy('updatedAt').reverse().limit(limit).toArray();
        return { ok: true as const, ...readDraftRows(rows), total: await db.drafts.count() };
      }
      let rows: unknown[];
      if (matches.size <= ORDER_IN_MEMORY_MAX) {
        rows = await db.drafts.bulkGet([...matches]);
      } else {
        const newest: string[] = [];
        await db.drafts
          .orderBy('updatedAt')
          .reverse()
          .until(() => newest.length >= limit)
          .eachPrimaryKey((key) => {
            if (matches.has(key)) newest.push(key);
          });
        rows = await db.drafts.bulkGet(newest);
      }
      const read = readDraftRows(rows);
      read.drafts.sort(byUpdatedAtDesc);
      return {
        ok: true as const,
        drafts: read.drafts.slice(0, limit),
        invalid: read.invalid,
        total: matches.size,
      };
    }),
  );
}

/**
 * The duplicate check (seed 004: one ticket per problem): the newest `open` draft about this ICCID, or
 * null. `iccid` may be grouped (`8944 5000 …`); separators are ignored.
 */
export async function findOpenDraftForIccid(
  db: HelpdeskDb,
  iccid: string,
): Promise<DbResult<{ draft: Draft | null; invalid: InvalidRow[] }>> {
  const digits = iccid.replace(/[\s\u00a0.-]/g, '');
  return guarded(async () => {
    const rows = await db.drafts.where('iccid').equals(digits).toArray();
    const read = readDraftRows(rows);
    const open = read.drafts.filter((d) => d.status === 'open').sort(byUpdatedAtDesc);
    return { ok: true, draft: open[0] ?? null, invalid: read.invalid };
  });
}

/** Whether an escalation row (raw) says the draft finished before `cutoff`; see {@link purgeExpired}. */
function finishedBefore(raw: unknown, status: DraftStatus, cutoff: number): boolean {
  // No escalation row: a draft written by hand or imported without one; the hand-over date decides, as
  // before issue 18 (the v3 upgrade and every hand-over write a row, so an escalation always has one).
  if (raw === undefined) return status !== 'open';
  const finishedAt =
    typeof raw === 'object' && raw !== null ? (raw as { finishedAt?: unknown }).finishedAt : null;
  if (typeof finishedAt !== 'string') return false;
  return Date.parse(finishedAt) < cutoff;
}

/** Options of {@link purgeExpired}. */
export interface PurgeOptions {
  /** DESIGN §2: drafts expire after a configurable retention period. */
  retentionDays?: number;
  now?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes, with their attachments, the drafts handed over more than `retentionDays` (default 30) ago.
 * Open drafts are never purged. Issue 18: an escalation counts from when it was solved or closed
 * (`finishedAt`), and one still waiting (on the vendor or on us) is never purged. Reads only the
 * `handedOverAt` index keys to find candidates (drafts never
 * handed over have `null` there and are not in the index). Resolves with the number deleted.
 */
export async function purgeExpired(
  db: HelpdeskDb,
  options: PurgeOptions = {},
): Promise<DbResult<{ purged: number }>> {
  const retentionDays = options.retentionDays ?? 30;
  const cutoff = (options.now ?? new Date()).getTime() - retentionDays * DAY_MS;
  return guarded(() =>
    db.transaction('rw', [db.drafts, db.attachments, db.journal, db.escalations], async () => {
      const candidates: string[] = [];
      // Date.parse rather than string comparison: imported drafts may carry another ISO offset.
      await db.drafts.orderBy('handedOverAt').eachKey((key, cursor) => {
        const time = typeof key === 'string' ? Date.parse(key) : Number.NaN;
        if (time < cutoff) candidates.push(String(cursor.primaryKey));
      });
      if (candidates.length === 0) return { ok: true as const, purged: 0 };
      const rows = await db.drafts.bulkGet(candidates);
      const escalations: unknown[] = await db.escalations.bulkGet(candidates);
      const ids = candidates.filter((_, i) => {
        const row = rows[i];
        return (
          row !== undefined && row.status !== 'open' && finishedBefore(escalations[i], row.status, cutoff)
        );
      });
      await db.drafts.bulkDelete(ids);
      await db.escalations.bulkDelete(ids);
      await db.attachments.where('draftId').anyOf(ids).delete();
      await db.journal.where('draftId').anyOf(ids).delete();
      return { ok: true as const, purged: ids.length };
    }),
  );
}
