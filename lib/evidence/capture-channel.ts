/**
 * Issue 14, honest API capture: what the capture hook (MAIN world, entrypoints/api-capture.ts) and the
 * capture relay (ISOLATED world, entrypoints/capture-relay.ts) say to each other over their private
 * MessageChannel. Types and names only: both sides load on every portal page and stay zod-free; the
 * background validates what the relay forwards (lib/messaging/registry.ts, createCaptureBuffer).
 */

/**
 * DOM events of the one-time port hand-over, both dispatched on `window` at document_start, before any
 * page script runs. Fixed names are enough: by the time the page runs, both sides have stopped
 * listening (a page that dispatches them later reaches nobody).
 */
export const CAPTURE_HELLO_EVENT = 'helpdesk-capture:hello';
export const CAPTURE_PORT_EVENT = 'helpdesk-capture:port';

/** The relay's commands: start recording calls to these hosts, or stop. */
export type RelayToHook = { type: 'start'; hosts: string[] } | { type: 'stop' };

/** What the hook reports: a heartbeat while recording, and each call (already redacted, page-reported). */
export type HookToRelay =
  | {
      type: 'beat';
      /** `window.fetch` and the XHR methods are still the hook's own (the page did not swap them). */
      intact: boolean;
      /** The tab is hidden: the browser may slow its timers to one run a minute. */
      hidden: boolean;
    }
  | {
      type: 'call';
      call: {
        method: string;
        endpoint: string;
        status?: number;
        requestHeaders: { name: string; value: string }[];
        requestBody?: string;
        responseHeaders: { name: string; value: string }[];
        responseBody?: string;
        startedAt: string;
        durationMs: number;
        timestampSource: 'page';
        source: 'reported-by-page';
        truncated: boolean;
      };
    };

/**
 * What the relay keeps for the capture bridge (same isolated world, `globalThis.__helpdeskCaptureRelay`;
 * the page cannot see isolated-world globals) so the in-page badge follows the heartbeats too.
 */
export interface RelayLiveness {
  /** `Date.now()` of the last beat, and whether the hook was still intact then; null before any. */
  last: { at: number; intact: boolean } | null;
  recording: boolean;
}
