/**
 * Browser glue of the evidence panel (issue 7): asks the background for a screenshot of the portal tab
 * and drives the opt-in API-call capture. Every reply is parsed (DESIGN §3: parse at every boundary).
 * Offered only in the sidebar, whose frame sits in the portal tab: the background uses the sender's
 * tab. Elsewhere (drafts tab, popup) there is no portal tab to capture.
 */
import type {
  CaptureStatus,
  CaptureTabReply,
  MessageType,
  ReplyOf,
  RequestOf,
} from '../../lib/messaging/registry';
import type { EvidencePlatform } from '../evidence/evidence-panel';
import { sendToBackground } from './messaging';

/** Asks the background; a refusal rejects with its message (the panel translates known codes, capture.ts). */
async function ask<T extends MessageType>(type: T, request: RequestOf<T>): Promise<ReplyOf<T>> {
  const reply = await sendToBackground(type, request);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}

/**
 * The platform for the current extension page, or undefined where there is no portal to capture. In
 * the sidebar the background uses the sidebar's own tab; in the drafts tab, the open tab showing the
 * draft's `portalUrl` (the page the escalation started on).
 */
export function browserEvidencePlatform(portalUrl: string | null): EvidencePlatform | undefined {
  const inSidebar = typeof location !== 'undefined' && location.pathname.endsWith('/sidebar.html');
  if (!inSidebar && !portalUrl) return undefined;
  const target = portalUrl ? { portalUrl } : {};
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
