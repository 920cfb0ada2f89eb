/**
 * The escalation use cases as one object bound to a database (issue 18), for the extension pages that
 * hold a first-party connection (drafts tab/board, options) and the background. The time is passed by
 * the caller's clock (injectable: tests move it without waiting).
 */
import Dexie from 'dexie';
import type { HelpdeskDb } from '../db/database';
import { listDrafts } from '../db/drafts-repo';
import { listEscalations } from '../db/escalations-repo';
import {
  actOnEscalation,
  ensureEscalation,
  newTicketFrom,
  openEscalationsFor,
  vendorFor,
} from './escalations';

type Tail<F> = F extends (db: HelpdeskDb, ...rest: infer R) => infer Out ? (...rest: R) => Out : never;

/** See the module comment. */
export interface EscalationsApi {
  ensure: Tail<typeof ensureEscalation>;
  act: Tail<typeof actOnEscalation>;
  newTicketFrom: Tail<typeof newTicketFrom>;
  openFor: Tail<typeof openEscalationsFor>;
  vendorFor: Tail<typeof vendorFor>;
  list: Tail<typeof listEscalations>;
  listDrafts: Tail<typeof listDrafts>;
  /** Calls `listener` after any change to drafts or escalations, from any context. Returns the unsubscribe. */
  watch(listener: () => void): () => void;
}

/** What the ticket's escalation panel uses: also reachable over the drafts port (escalations-over-drafts.ts). */
export type EscalationPanelApi = Pick<EscalationsApi, 'ensure' | 'act' | 'newTicketFrom' | 'watch'>;

/** The API bound to `db`. */
export function createEscalationsApi(db: HelpdeskDb): EscalationsApi {
  return {
    ensure: (...a) => ensureEscalation(db, ...a),
    act: (...a) => actOnEscalation(db, ...a),
    newTicketFrom: (...a) => newTicketFrom(db, ...a),
    openFor: (...a) => openEscalationsFor(db, ...a),
    vendorFor: (...a) => vendorFor(db, ...a),
    list: (...a) => listEscalations(db, ...a),
    listDrafts: (...a) => listDrafts(db, ...a),
    watch(listener) {
      // As drafts-api.ts: every write but the crash journal's (one per keystroke).
      const journalPart = `/${db.name}/journal/`;
      const onMutated = (changed: Record<string, unknown>) => {
        if (Object.keys(changed).some((key) => key.includes(db.name) && !key.includes(journalPart)))
          listener();
      };
      Dexie.on('storagemutated', onMutated);
      return () => Dexie.on('storagemutated').unsubscribe(onMutated);
    },
  };
}
