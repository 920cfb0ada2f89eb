/**
 * Crash recovery (issue 12): what to show when a draft is opened, given the stored draft and whatever
 * the crash journal holds (lib/db/journal-repo.ts). Rules, in order, for each unsaved edit:
 *
 * 1. Nothing new: its text equals the stored text → dropped.
 * 2. Already saved: its own session stamped a save with the same or a later edit (`seq`) → dropped,
 *    even when its base revision is older than the stored one — the clear that followed the save was
 *    lost in the crash, the text is not news (issue 12: the false "changed in another window").
 * 3. Newer than what its own session saved last, and that save is still the stored revision → its text
 *    is taken: the session that wrote the stored text went on typing.
 * 4. Based on the stored revision → its text is taken.
 * 5. Otherwise another surface really saved in between → three-way merge (merge-drafts.ts); a clash
 *    is a real conflict, settled by the agent.
 *
 * Edits of several sessions (two surfaces crashed on one draft) are applied oldest first, each merged on
 * top of the previous; a clash between them is a conflict showing the newest.
 */
import type { Draft } from '../escalation/draft';
import type { JournalEntry, JournalSnapshot } from '../db/journal-repo';
import { mergeDrafts } from './merge-drafts';

/** The outcome of {@link recoverDraft}. `used`/`stale`: the entries taken / found obsolete (to be cleared). */
export type Recovery =
  | { readonly kind: 'stored'; readonly stale: readonly JournalEntry[] }
  | {
      readonly kind: 'recovered';
      /** The text to show and save, on the stored revision. */
      readonly draft: Draft;
      readonly used: readonly JournalEntry[];
      readonly stale: readonly JournalEntry[];
    }
  | {
      readonly kind: 'conflict';
      /** The agent's unsaved text, against the stored draft ("theirs"). */
      readonly mine: Draft;
      readonly used: readonly JournalEntry[];
      readonly stale: readonly JournalEntry[];
    };

/** The parts of a draft that carry the agent's content (not the bookkeeping). */
export function draftContent(d: Draft): string {
  const { revision: _r, updatedAt: _u, createdAt: _c, ...rest } = d;
  return JSON.stringify(rest);
}

/** See the module comment. */
export function recoverDraft(stored: Draft, journal: JournalSnapshot): Recovery {
  const savedBy = new Map(journal.saved.map((mark) => [mark.sessionId, mark]));
  const stale: JournalEntry[] = [];
  const live: JournalEntry[] = [];
  for (const entry of journal.entries) {
    if (entry.mine.id !== stored.id) continue;
    const mark = entry.sessionId === '' ? undefined : savedBy.get(entry.sessionId);
    const saved = mark !== undefined && mark.seq >= entry.seq;
    if (saved || draftContent(entry.mine) === draftContent(stored)) stale.push(entry);
    else live.push(entry);
  }
  if (live.length === 0) return { kind: 'stored', stale };
  live.sort((a, b) => a.at - b.at || a.seq - b.seq);

  let current = stored;
  for (const entry of live) {
    const mark = entry.sessionId === '' ? undefined : savedBy.get(entry.sessionId);
    const wroteStored = mark !== undefined && mark.revision === stored.revision;
    // Rules 3 and 4: the edit's real base is the stored draft; otherwise its own base (rule 5).
    const base = wroteStored || entry.base.revision === stored.revision ? stored : entry.base;
    const merged = mergeDrafts(base, entry.mine, current);
    if (!merged.ok) {
      const newest = live[live.length - 1]!;
      return { kind: 'conflict', mine: newest.mine, used: live, stale };
    }
    current = merged.draft;
  }
  return { kind: 'recovered', draft: { ...current, revision: stored.revision }, used: live, stale };
}
