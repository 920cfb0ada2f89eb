/**
 * The crash journal of extension pages with their own storage (drafts tab, popup): see
 * lib/drafts/draft-session.ts and lib/db/journal-repo.ts (issue 12).
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
import type { HelpdeskDb } from '../../lib/db/database';
import {
  clearJournal,
  createJournalQueue,
  JournalEntrySchema,
  putJournalEntry,
  readJournal,
  type JournalEntry,
  type JournalSnapshot,
} from '../../lib/db/journal-repo';
import { toSnapshot, type DraftJournal } from '../../lib/drafts/draft-session';

const JOURNAL_PREFIX = 'helpdesk-draft-journal:';

/**
 * A journal in `storage` (localStorage): one entry per draft, written in the same task as the edit. Not
 * durable against a killed browser (Chromium commits it lazily), so pages keep it only beside the
 * IndexedDB journal, for a tab closed mid-word. Drafts never hold secrets, so nothing secret lands here.
 */
export function storageJournal(
  storage: Storage,
): DraftJournal & { read(draftId: string): JournalEntry | null } {
  const readEntry = (draftId: string): JournalEntry | null => {
    try {
      const raw = storage.getItem(JOURNAL_PREFIX + draftId);
      if (!raw) return null;
      const parsed = JournalEntrySchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };
  return {
    read: readEntry,
    write(draftId, entry) {
      try {
        storage.setItem(JOURNAL_PREFIX + draftId, JSON.stringify(entry));
      } catch {
        // A full localStorage only loses the crash copy; the draft is still in memory and in IndexedDB.
      }
    },
    clear(draftId, scope) {
      try {
        if (scope) {
          const entry = readEntry(draftId);
          if (!entry || entry.sessionId !== scope.sessionId) return;
          if (scope.seq !== undefined && entry.seq > scope.seq) return;
        }
        storage.removeItem(JOURNAL_PREFIX + draftId);
      } catch {
        // Nothing to do: a stale journal entry is recognised as such on the next load.
      }
    },
  };
}

/** The fallback journal: the page's localStorage when it has one. */
export function defaultJournal(): DraftJournal | null {
  try {
    return typeof localStorage === 'undefined' ? null : storageJournal(localStorage);
  } catch {
    return null;
  }
}

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
