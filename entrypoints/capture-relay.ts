/**
 * The capture relay (issue 14, honest API capture): a tiny ISOLATED-world content script registered
 * with the capture hook at `document_start` on enabled portals (entrypoints/background/capture-scripts.ts).
 * It takes the hook's private MessagePort during the one-time hand-over (before any page script runs),
 * passes the background's start/stop to the hook, and forwards the hook's heartbeats and calls to the
 * background. The page cannot reach that port, so it can neither silence nor impersonate the hook; it
 * can still make the hook report odd calls (it owns the world the hook runs in), so everything forwarded
 * stays "reported by the page" and is validated and redacted again by the background.
 * Zod-free and small: it loads on every portal page. It never opens IndexedDB.
 */
import { browser } from '@wxt-dev/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import {
  CAPTURE_HELLO_EVENT,
  CAPTURE_PORT_EVENT,
  type HookToRelay,
  type RelayLiveness,
  type RelayToHook,
} from '../lib/evidence/capture-channel';

/** A call bigger than this (serialised) is dropped before it is sent: the background caps far lower. */
const MAX_CALL_CHARS = 256 * 1024;
/** How long `capture-config` waits for the hook's first beat before saying the page has no live hook. */
const FIRST_BEAT_MS = 5000;

export default defineUnlistedScript(() => {
  const g = globalThis as unknown as { __helpdeskCaptureRelay?: RelayLiveness };
  if (g.__helpdeskCaptureRelay) return;
  // Isolated-world global: visible to our other content scripts on this page, never to the page.
  const liveness: RelayLiveness = { last: null, recording: false };
  g.__helpdeskCaptureRelay = liveness;

  let port: MessagePort | null = null;
  let channel: string | null = null;
  let firstBeat: ((live: boolean) => void) | null = null;

  function onPort(event: Event) {
    const offered = (event as MessageEvent).ports?.[0];
    if (port || !offered) return;
    event.preventDefault(); // tells the hook, synchronously, that the port was taken
    event.stopImmediatePropagation();
    window.removeEventListener(CAPTURE_PORT_EVENT, onPort, true);
    port = offered;
    port.onmessage = onHook;
  }
  window.addEventListener(CAPTURE_PORT_EVENT, onPort, true);
  // If the hook ran first it is waiting for this; it answers with the port event above, synchronously.
  window.dispatchEvent(new Event(CAPTURE_HELLO_EVENT));

  function onHook(event: MessageEvent) {
    const data = event.data as HookToRelay | null;
    if (!channel || typeof data !== 'object' || data === null) return;
    if (data.type === 'beat') {
      const intact = data.intact === true;
      liveness.last = { at: Date.now(), intact };
      firstBeat?.(true);
      firstBeat = null;
      void browser.runtime
        .sendMessage({ type: 'capture-heartbeat', channel, intact, hidden: data.hidden === true })
        .catch(() => undefined);
    } else if (data.type === 'call' && typeof data.call === 'object' && data.call !== null) {
      let size: number;
      try {
        size = JSON.stringify(data.call).length;
      } catch {
        return;
      }
      if (size > MAX_CALL_CHARS) return;
      void browser.runtime.sendMessage({ type: 'captured-call', channel, call: data.call }).catch(() => undefined);
    }
  }

  const tell = (command: RelayToHook) => port?.postMessage(command);

  browser.runtime.onMessage.addListener((raw: unknown, _sender, sendResponse: (r: unknown) => void) => {
    const message =
      typeof raw === 'object' && raw !== null ? (raw as { type?: unknown; channel?: unknown; hosts?: unknown }) : {};
    if (message.type !== 'capture-config') return undefined; // the other content scripts' messages
    if (!port) {
      sendResponse({ live: false });
      return undefined;
    }
    if (typeof message.channel !== 'string' || !Array.isArray(message.hosts)) {
      channel = null;
      liveness.recording = false;
      liveness.last = null;
      tell({ type: 'stop' });
      sendResponse({ live: false });
      return undefined;
    }
    channel = message.channel;
    liveness.recording = true;
    liveness.last = null;
    const timer = setTimeout(() => {
      firstBeat?.(false);
      firstBeat = null;
    }, FIRST_BEAT_MS);
    firstBeat = (live) => {
      clearTimeout(timer);
      sendResponse({ live });
    };
    tell({ type: 'start', hosts: message.hosts.filter((h): h is string => typeof h === 'string') });
    return true;
  });
});
