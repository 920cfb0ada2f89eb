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

/** The platform for the current extension page, or undefined where capture does not apply. */
export function browserEvidencePlatform(): EvidencePlatform | undefined {
  if (typeof location === 'undefined' || !location.pathname.endsWith('/sidebar.html')) return undefined;
  return {
    captureTab: (mask: boolean): Promise<CaptureTabReply> => ask({ type: 'capture-tab', mask }, CaptureTabReplySchema),
    capture: {
      status: (): Promise<CaptureStatus> => ask({ type: 'capture-status' }, CaptureStatusSchema),
      start: (hosts: string[]) => ask({ type: 'capture-start', hosts }, CaptureStatusSchema),
      stop: () => ask({ type: 'capture-stop' }, CaptureStatusSchema),
      list: () => ask({ type: 'list-captured-calls' }, CallsSchema),
    },
  };
}
