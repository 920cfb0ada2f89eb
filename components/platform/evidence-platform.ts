/**
 * Browser glue of the evidence panel (issue 7): asks the background for a screenshot of the portal tab
 * and drives the opt-in API-call capture. Every reply is parsed (DESIGN §3: parse at every boundary).
 * Offered only in the sidebar, whose frame sits in the portal tab: the background uses the sender's
 * tab. Elsewhere (drafts tab, popup) there is no portal tab to capture.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { ApiCallSchema, type ApiCall } from '../../lib/evidence';
import {
  CaptureStatusSchema,
  CaptureTabReplySchema,
  type CaptureStatus,
  type CaptureTabReply,
  type PageToBackground,
} from '../../lib/messaging/messages';
import type { EvidencePlatform } from '../evidence/evidence-panel';

async function ask<T>(message: PageToBackground, schema: z.ZodType<T>): Promise<T> {
  const reply = (await browser.runtime.sendMessage(message)) as { ok?: unknown; value?: unknown; error?: unknown } | undefined;
  if (!reply || reply.ok !== true) throw new Error(typeof reply?.error === 'string' ? reply.error : 'No answer.');
  const parsed = schema.safeParse(reply.value);
  if (!parsed.success) throw new Error('Unexpected answer.');
  return parsed.data;
}

const CallsSchema = z.array(z.unknown()).transform((calls) =>
  calls.flatMap((c): ApiCall[] => {
    const parsed = ApiCallSchema.safeParse(c);
    return parsed.success ? [parsed.data] : [];
  }),
);

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
    captureTab: (mask: boolean): Promise<CaptureTabReply> => ask({ type: 'capture-tab', ...target, mask }, CaptureTabReplySchema),
    capture: {
      status: (): Promise<CaptureStatus> => ask({ type: 'capture-status', ...target }, CaptureStatusSchema),
      start: (hosts: string[]) => ask({ type: 'capture-start', ...target, hosts }, CaptureStatusSchema),
      stop: () => ask({ type: 'capture-stop', ...target }, CaptureStatusSchema),
      list: () => ask({ type: 'list-captured-calls', ...target }, CallsSchema),
    },
    portalUrl,
  };
}
