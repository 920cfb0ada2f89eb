/**
 * The drafts store as one object, so a surface does not care where the database is. Extension pages
 * with first-party storage (popup, drafts tab, options) bind it to their own Dexie connection; the
 * sidebar — an extension page framed inside the portal, where browsers partition or refuse storage —
 * gets the same API over a port to the background (lib/messaging/drafts-rpc.ts).
 */
import Dexie from 'dexie';
import { applyCaseChecklist, startEscalation, startSubscriberEscalation } from './start-escalation';
import { addAttachment, listAttachments, removeAttachment } from '../db/attachments-repo';
import type { HelpdeskDb } from '../db/database';
import {
  createDraft,
  deleteDraft,
  findOpenDraftForIccid,
  getDraft,
  listDrafts,
  saveDraft,
  searchDrafts,
} from '../db/drafts-repo';
import { actOnEscalation, ensureEscalation, listOpenEscalations, newTicketFrom } from './escalations';

type Tail<F> = F extends (db: HelpdeskDb, ...rest: infer R) => infer Out ? (...rest: R) => Out : never;

/** Every call of the drafts store, with the database bound. Results are the repositories' results. */
export interface DraftsApi {
  getDraft: Tail<typeof getDraft>;
  saveDraft: Tail<typeof saveDraft>;
  createDraft: Tail<typeof createDraft>;
  deleteDraft: Tail<typeof deleteDraft>;
  listDrafts: Tail<typeof listDrafts>;
  searchDrafts: Tail<typeof searchDrafts>;
  findOpenDraftForIccid: Tail<typeof findOpenDraftForIccid>;
  startEscalation: Tail<typeof startEscalation>;
  startSubscriberEscalation: Tail<typeof startSubscriberEscalation>;
  applyCaseChecklist: Tail<typeof applyCaseChecklist>;
  addAttachment: Tail<typeof addAttachment>;
  listAttachments: Tail<typeof listAttachments>;
  removeAttachment: Tail<typeof removeAttachment>;
  /** Issue 18: the open escalations of a subscriber / ICCIDs (the sidebar on the portal). */
  listOpenEscalations: Tail<typeof listOpenEscalations>;
  /** The escalation panel's use cases, for the framed sidebar (lib/drafts/escalations-over-drafts.ts). */
  ensureEscalation: Tail<typeof ensureEscalation>;
  actOnEscalation: Tail<typeof actOnEscalation>;
  newTicketFrom: Tail<typeof newTicketFrom>;
  /** Calls `listener` after any change to drafts or attachments, from any surface. Returns the unsubscribe. */
  watch(listener: () => void): () => void;
}

// The names callable over the wire, in a Dexie-free module: the sidebar and popup reach the store
// over a port and must not load Dexie for this list (issue 15, item 4).
export { DRAFTS_API_METHODS, type DraftsApiMethod } from './drafts-api-methods';

/** The store bound to a local Dexie connection. */
export function createDraftsApi(db: HelpdeskDb): DraftsApi {
  return {
    getDraft: (...a) => getDraft(db, ...a),
    saveDraft: (...a) => saveDraft(db, ...a),
    createDraft: (...a) => createDraft(db, ...a),
    deleteDraft: (...a) => deleteDraft(db, ...a),
    listDrafts: (...a) => listDrafts(db, ...a),
    searchDrafts: (...a) => searchDrafts(db, ...a),
    findOpenDraftForIccid: (...a) => findOpenDraftForIccid(db, ...a),
    startEscalation: (...a) => startEscalation(db, ...a),
    startSubscriberEscalation: (...a) => startSubscriberEscalation(db, ...a),
    applyCaseChecklist: (...a) => applyCaseChecklist(db, ...a),
    addAttachment: (...a) => addAttachment(db, ...a),
    listAttachments: (...a) => listAttachments(db, ...a),
    removeAttachment: (...a) => removeAttachment(db, ...a),
    listOpenEscalations: (...a) => listOpenEscalations(db, ...a),
    ensureEscalation: (...a) => ensureEscalation(db, ...a),
    actOnEscalation: (...a) => actOnEscalation(db, ...a),
    newTicketFrom: (...a) => newTicketFrom(db, ...a),
    watch(listener) {
      // Dexie broadcasts writes made through it, in this context and in every other context of the
      // same origin (other extension pages, the background).
      // Crash-journal writes (one per keystroke, journal-repo.ts) are not draft changes: ignored.
      const journalPart = `/${db.name}/journal/`;
      const onMutated = (parts: Record<string, unknown>) => {
        if (Object.keys(parts).some((key) => key.includes(db.name) && !key.includes(journalPart))) listener();
      };
      Dexie.on('storagemutated', onMutated);
      return () => Dexie.on('storagemutated').unsubscribe(onMutated);
    },
  };
}
