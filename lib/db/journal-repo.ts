/**
 * The crash journal (issue 12, DESIGN §1 "never loses a draft"; §4 "a hard crash loses no more than the
 * last moment of typing"): the only code that reads and writes the `journal` table.
 *
 * Why IndexedDB: a committed IndexedDB transaction is in the browser's database log, which survives a
 * killed browser process; localStorage is committed lazily by Chromium and lost on SIGKILL (issue 12:
 * 34, 50 and 17 of 50 characters recovered), `storage.session` is memory only.
 *
 * Rows are keyed `<draftId>|<sessionId>|edit`: the newest unsaved copy of one editing session (a
 * surface's life on one draft) — its edit sequence number `seq`, the stored version it started from
 * (`base`) and the agent's text (`mine`).
 *
 * Each save names the session and `seq` it contains; `saveDraft` keeps that stamp in the draft row itself
 * (`savedBy`), so the stored revision and its stamp can never disagree. Recovery thus knows an edit is
 * older than what is stored even when the clear that followed the save was lost in the crash (issue 12:
 * the false "changed in another window" conflict).
 *
 * Drafts never hold secrets (DESIGN §2); every entry is stripped with the database's secret-field
 * policy before it is written, as draft rows are.
 */
import { z } from 'zod';
// The stored shape without the size caps: a text too large to save is exactly what the journal must keep.
import { DraftShapeSchema as DraftSchema } from '../escalation/draft';
import type { HelpdeskDb } from './database';
import { withoutSecretFields } from './draft-rows';
import { guarded, zodIssues, type DbError, type DbResult, type InvalidError } from './result';
import { resolveSecretTest } from './secret-policy';

const SessionIdSchema = z.string().min(1).max(64);

/**
 * An unsaved edit. `sessionId`/`seq`/`at` default for entries written before issue 12 (localStorage
 * copies of an older release): such an entry is its own session, with no save stamp.
 */
export const JournalEntrySchema = z.object({
  sessionId: z.string().max(64).default(''),
  seq: z.number().int().nonnegative().default(0),
  /** When the edit was made (epoch ms): orders entries of different sessions. */
  at: z.number().nonnegative().default(0),
  base: DraftSchema,
  mine: DraftSchema,
});
export type JournalEntry = z.output<typeof JournalEntrySchema>;
export type JournalEntryInput = z.input<typeof JournalEntrySchema>;

/** What a save names about its writer (`SaveOptions.stamp`): the session and the edit it contains. */
export const SaveStampSchema = z.object({ sessionId: SessionIdSchema, seq: z.number().int().nonnegative() });
export type SaveStamp = z.infer<typeof SaveStampSchema>;

/** A save stamp as kept: the session, the edit it contained and the revision it wrote. */
export const SavedMarkSchema = SaveStampSchema.extend({
  revision: z.number().int().nonnegative(),
  at: z.number().nonnegative(),
});
export type SavedMark = z.infer<typeof SavedMarkSchema>;

/** Everything the journal knows about one draft. */
export const JournalSnapshotSchema = z.object({
  entries: z.array(JournalEntrySchema).max(100),
  saved: z.array(SavedMarkSchema).max(100),
});
export type JournalSnapshot = z.output<typeof JournalSnapshotSchema>;

const EditRowSchema = JournalEntrySchema.extend({
  key: z.string(),
  draftId: z.string(),
  kind: z.literal('edit'),
  sessionId: SessionIdSchema,
});
/** A row of the `journal` table. */
export type JournalRow = z.infer<typeof EditRowSchema>;

/** Which rows {@link clearJournal} removes: one session's edit (up to `seq` when given), or all. */
export interface ClearScope {
  readonly sessionId: string;
  /** Only when the stored edit is not newer than this (a late clear never drops a newer edit). */
  readonly seq?: number;
}

const rowKey = (draftId: string, sessionId: string, kind: JournalRow['kind']) =>
  `${draftId}|${sessionId}|${kind}`;

/** Writes (replaces) the session's unsaved edit of `draftId`, secret fields dropped. */
export async function putJournalEntry(
  db: HelpdeskDb,
  draftId: string,
  input: JournalEntryInput,
): Promise<DbResult<object, InvalidError | DbError>> {
  const parsed = JournalEntrySchema.safeParse(input);
  if (!parsed.success || parsed.data.sessionId === '' || parsed.data.mine.id !== draftId) {
    return {
      ok: false,
      error: {
        code: 'invalid',
        message: 'The journal entry is not valid.',
        issues: parsed.success
          ? [{ path: 'sessionId', message: 'missing or wrong draft' }]
          : zodIssues(parsed.error),
      },
    };
  }
  const entry = parsed.data;
  return guarded(async () => {
    // The same secret test as every draft write (the vendors' secret fields, issue 12): a journal row
    // is IndexedDB too.
    const isSecret = await resolveSecretTest(db);
    const row: JournalRow = {
      ...entry,
      base: withoutSecretFields(entry.base, isSecret).draft,
      mine: withoutSecretFields(entry.mine, isSecret).draft,
      key: rowKey(draftId, entry.sessionId, 'edit'),
      draftId,
      kind: 'edit',
    };
    await db.journal.put(row);
    return { ok: true };
  });
}

/**
 * Everything the journal holds for `draftId`, with the stamp of the stored revision (rows that fail
 * validation are skipped: they are only copies).
 */
export async function readJournal(
  db: HelpdeskDb,
  draftId: string,
): Promise<DbResult<{ snapshot: JournalSnapshot }>> {
  return guarded(async () => {
    const [rows, draft] = await Promise.all([
      db.journal.where('draftId').equals(draftId).toArray(),
      db.drafts.get(draftId),
    ]);
    const snapshot: JournalSnapshot = { entries: [], saved: [] };
    for (const raw of rows) {
      const parsed = EditRowSchema.safeParse(raw);
      if (!parsed.success) continue;
      const { key: _k, draftId: _d, kind: _t, ...entry } = parsed.data;
      snapshot.entries.push(entry);
    }
    const stamp = SaveStampSchema.safeParse(draft?.savedBy);
    if (draft && stamp.success) snapshot.saved.push({ ...stamp.data, revision: draft.revision, at: 0 });
    return { ok: true, snapshot };
  });
}

/** Drops unsaved edits of `draftId`: one session's (see {@link ClearScope}), or every row of the draft. */
export async function clearJournal(
  db: HelpdeskDb,
  draftId: string,
  scope?: ClearScope,
): Promise<DbResult<object>> {
  return guarded(() =>
    db.transaction('rw', db.journal, async () => {
      if (!scope) {
        await db.journal.where('draftId').equals(draftId).delete();
        return { ok: true as const };
      }
      const key = rowKey(draftId, scope.sessionId, 'edit');
      const row = await db.journal.get(key);
      if (row && (scope.seq === undefined || row.seq <= scope.seq)) await db.journal.delete(key);
      return { ok: true as const };
    }),
  );
}

/** One queued journal operation of {@link createJournalQueue}. */
export type JournalOp =
  | { readonly kind: 'write'; readonly entry: JournalEntryInput }
  | { readonly kind: 'clear'; readonly scope?: ClearScope };

/**
 * Runs journal operations per draft in order, with at most one in flight; a write waiting behind the one
 * in flight is replaced by a newer write of the same session (only the newest text matters). Keystrokes therefore cost one
 * IndexedDB commit at a time, and the newest edit is durable at most two commits after it was typed.
 * `idle()` resolves when nothing is queued or running (tests and `pagehide`).
 */
export function createJournalQueue(run: (draftId: string, op: JournalOp) => Promise<unknown>) {
  const queues = new Map<string, JournalOp[]>();
  const running = new Set<string>();
  let waiters: Array<() => void> = [];

  const settle = () => {
    if (running.size > 0) return;
    const done = waiters;
    waiters = [];
    for (const w of done) w();
  };

  const pump = (draftId: string) => {
    const queue = queues.get(draftId);
    const op = queue?.shift();
    if (!op) {
      queues.delete(draftId);
      running.delete(draftId);
      settle();
      return;
    }
    running.add(draftId);
    void run(draftId, op)
      .catch(() => undefined)
      .then(() => pump(draftId));
  };

  return {
    push(draftId: string, op: JournalOp): void {
      const queue = queues.get(draftId) ?? [];
      const last = queue[queue.length - 1];
      const sameWriter =
        op.kind === 'write' && last?.kind === 'write' && last.entry.sessionId === op.entry.sessionId;
      if (sameWriter) queue[queue.length - 1] = op;
      else queue.push(op);
      queues.set(draftId, queue);
      if (!running.has(draftId)) pump(draftId);
    },
    idle(): Promise<void> {
      if (running.size === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
