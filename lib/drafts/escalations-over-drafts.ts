/**
 * The escalation panel's API on top of a drafts store (issue 18): the framed sidebar has no database of
 * its own, only the drafts store over the port (lib/messaging/drafts-rpc.ts), which carries the panel's
 * use cases as `ensureEscalation` / `actOnEscalation` / `newTicketFrom`. Its `watch` already fires on
 * escalation writes: the background's store watches the whole database but the crash journal.
 */
import type { DraftsApi } from './drafts-api';
import type { EscalationPanelApi } from './escalations-api';

/** The panel's calls, through `drafts`. */
export function escalationsOverDrafts(
  drafts: Pick<DraftsApi, 'ensureEscalation' | 'actOnEscalation' | 'newTicketFrom' | 'watch'>,
): EscalationPanelApi {
  return {
    ensure: (...a) => drafts.ensureEscalation(...a),
    act: (...a) => drafts.actOnEscalation(...a),
    newTicketFrom: (...a) => drafts.newTicketFrom(...a),
    watch: (listener) => drafts.watch(listener),
  };
}
