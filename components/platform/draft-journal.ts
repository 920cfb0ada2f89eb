/**
 * The crash journal of extension pages with their own storage (drafts tab, popup): see
 * components/ticket/draft-session.ts and lib/db/journal-repo.ts (issue 12).
 *
 * Every edit goes, in the same task, to
 * - the `journal` table of the extension's IndexedDB — durable against a killed browser once its
 *   transaction commits; at most one write per draft in flight, the newest waiting (so the newest edit is
 *   durable within about two commits of being typed, whatever the typing speed);
 * - localStorage — synchronous, so a tab closed mid-word keeps its last keystroke; not durable against
 *   SIGKILL (Chromium commits it lazily), hence only a second copy.
 * Recovery reads both and keeps, per editing session, the newer of the two (by edit number): an older
 * copy is never preferred.
 */
import { createDraftsApi, type DraftsApi } from '../../lib/db/drafts-api';
import type { HelpdeskDb } from '../../lib/db/database';
import {
  clearJournal,
  createJournalQueue,
  putJournalEntry,
  readJournal,
  type JournalEntry,
  type JournalSnapshot,
} from '../../lib/db/journal-repo';
import { defaultJournal, toSnapshot, type DraftJournal } from '../ticket/draft-session';

/** Keeps, per session, the entry with the highest edit number. */
export function newestPerSession(entries: readonly JournalEntry[]): JournalEntry[] {
  const bySession = new Map<string, JournalEntry>();
  for (const entry of entries) {
    const known = bySession.get(entry.sessionId);
    if (!known || entry.seq > known.seq) bySession.set(entry.sessionId, entry);
  }
  return [...bySession.values()];
}

/** The IndexedDB journal (plus `secondary`, localStorage by default) of a page that owns `db`. */
export function pageJournal(db: HelpdeskDb, secondary: DraftJournal | null = defaultJournal()) {
  const queue = createJournalQueue((draftId, op) =>
    op.kind === 'write' ? putJournalEntry(db, draftId, op.entry) : clearJournal(db, draftId, op.scope),
  );
  const journal: DraftJournal & { idle(): Promise<void> } = {
    async read(draftId): Promise<JournalSnapshot> {
      await queue.idle();
      const stored = await readJournal(db, draftId);
      const snapshot: JournalSnapshot = stored.ok ? stored.snapshot : { entries: [], saved: [] };
      const copy = secondary ? toSnapshot(await secondary.read(draftId)) : { entries: [], saved: [] };
      return { entries: newestPerSession([...snapshot.entries, ...copy.entries]), saved: snapshot.saved };
    },
    write(draftId, entry) {
      secondary?.write(draftId, entry);
      queue.push(draftId, { kind: 'write', entry });
    },
    clear(draftId, scope) {
      secondary?.clear(draftId, scope);
      queue.push(draftId, scope ? { kind: 'clear', scope } : { kind: 'clear' });
    },
    idle: () => queue.idle(),
  };
  return journal;
}

/** The drafts store of a page that owns `db`, carrying its crash journal (picked up by every editor). */
export function pageDraftsApi(db: HelpdeskDb): DraftsApi & { journal: ReturnType<typeof pageJournal> } {
  return { ...createDraftsApi(db), journal: pageJournal(db) };
}
