/** Issue 7, evidence: screenshots of the portal tab and the opt-in capture of its API calls. */
import type { EvidenceCapture } from '../capture';
import type { FeatureHandlers } from '../router';
import { senderTab } from './portal';

export function captureHandlers(
  evidence: EvidenceCapture,
): FeatureHandlers<
  'capture-tab' | 'capture-start' | 'capture-stop' | 'capture-status' | 'list-captured-calls' | 'captured-call' | 'capture-heartbeat'
> {
  return {
    'capture-tab': (request, ctx) => evidence.captureTab(request, ctx.raw),
    'capture-start': (request, ctx) => evidence.start(request, ctx.raw),
    'capture-stop': (request, ctx) => evidence.stop(request, ctx.raw),
    'capture-status': (request, ctx) => evidence.status(request, ctx.raw),
    'list-captured-calls': (request, ctx) => evidence.list(request, ctx.raw),
    'captured-call': ({ channel, call }, ctx) => evidence.onCapturedCall(senderTab(ctx), channel, call),
    'capture-heartbeat': (beat, ctx) => evidence.onHeartbeat(senderTab(ctx), beat),
  };
}
