/**
 * The drafts store of a page that opens the extension's database itself (the drafts tab). Apart from
 * draft-journal.ts (issue 15, item 4): the journal is also used by the popup, which never opens the
 * database, and `createDraftsApi` brings Dexie: the popup's first load must not carry it.
 */
import type { HelpdeskDb } from '../../lib/db/database';
import { createDraftsApi, type DraftsApi } from '../../lib/drafts/drafts-api';
import { pageJournal } from './draft-journal';

/** The drafts store of a page that owns `db`, carrying its crash journal (picked up by every editor). */
export function pageDraftsApi(db: HelpdeskDb): DraftsApi & { journal: ReturnType<typeof pageJournal> } {
  return { ...createDraftsApi(db), journal: pageJournal(db) };
}
