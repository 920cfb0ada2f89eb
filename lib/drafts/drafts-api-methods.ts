/**
 * The drafts store's calls that travel over the wire (everything but `watch`), apart from
 * drafts-api.ts, which binds them to Dexie: lib/messaging/drafts-rpc.ts needs this list in pages that
 * never open the database (sidebar, popup), and importing it from drafts-api.ts brought Dexie into
 * their first load (issue 15, item 4).
 */
import type { DraftsApi } from './drafts-api';

/** The names callable over the wire (everything but `watch`). */
export const DRAFTS_API_METHODS = [
  'getDraft',
  'saveDraft',
  'createDraft',
  'deleteDraft',
  'listDrafts',
  'searchDrafts',
  'findOpenDraftForIccid',
  'startEscalation',
  'startSubscriberEscalation',
  'applyCaseChecklist',
  'addAttachment',
  'listAttachments',
  'removeAttachment',
  'listOpenEscalations',
  'ensureEscalation',
  'actOnEscalation',
  'newTicketFrom',
] as const satisfies ReadonlyArray<Exclude<keyof DraftsApi, 'watch'>>;
export type DraftsApiMethod = (typeof DRAFTS_API_METHODS)[number];
