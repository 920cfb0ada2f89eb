/**
 * Browser glue of the evidence panel (issue 7): asks the background for a screenshot of the portal tab
 * and drives the opt-in API-call capture. Every reply is parsed (DESIGN §3: parse at every boundary).
 * Each shell hands its own platform to the ticket editor (no guessing from `location`): the sidebar,
 * whose frame sits in the portal tab, and the drafts tab, which captures the draft's portal tab. The
 * popup shows no ticket editor.
 */
import type {
  CaptureStatus,
  CaptureTabReply,
  MessageType,
  ReplyOf,
  RequestOf,
} from '../../lib/messaging/registry';
import { CaptureFailure } from '../evidence/capture-failure';
import type { EvidencePlatform } from '../evidence/evidence-panel';
import { sendToBackground } from './messaging';

/**
 * Asks the background; a refusal rejects with a {@link CaptureFailure} carrying its code, which the
 * panel translates (issue 16 §5: the reply's English is not shown).
 */
async function ask<T extends MessageType>(type: T, request: RequestOf<T>): Promise<ReplyOf<T>> {
  const reply = await sendToBackground(type, request);
  if (!reply.ok) throw new CaptureFailure(reply.error);
  return reply.value;
}

/** A surface's evidence platform for a draft's portal page (undefined: nothing to capture there). */
export type EvidencePlatformFor = (portalUrl: string | null) => EvidencePlatform | undefined;

function platformFor(target: { portalUrl?: string }, portalUrl: string | null): EvidencePlatform {
  return {
    captureTab: (mask: boolean): Promise<CaptureTabReply> => ask('capture-tab', { ...target, mask }),
    capture: {
      status: (): Promise<CaptureStatus> => ask('capture-status', target),
      start: (hosts: string[]) => ask('capture-start', { ...target, hosts }),
      stop: () => ask('capture-stop', target),
      list: () => ask('list-captured-calls', target),
    },
    portalUrl,
  };
}

/**
 * The sidebar's platform (entrypoints/sidebar passes it in): its frame sits in the portal tab, so the
 * background uses the sidebar's own tab — or the open tab showing the draft's `portalUrl` when known.
 */
export const sidebarEvidencePlatform: EvidencePlatformFor = (portalUrl) =>
  platformFor(portalUrl ? { portalUrl } : {}, portalUrl);

/**
 * An extension tab's platform (the drafts tab passes it in): the open tab showing the draft's
 * `portalUrl` (the page the escalation started on); nothing to capture without one.
 */
export const tabEvidencePlatform: EvidencePlatformFor = (portalUrl) =>
  portalUrl ? platformFor({ portalUrl }, portalUrl) : undefined;
