/**
 * Issue 14, honest API capture: the capture hook (MAIN world) and its relay (ISOLATED world) run on
 * every enabled portal from `document_start`, before any page script, so the page can neither get in
 * first nor keep a reference to the unwrapped fetch. They stay dormant until the agent records.
 * Registered together with the portal content script (portals.ts), on the same match patterns.
 *
 * `world: 'MAIN'` in registerContentScripts: Chrome 111+, Firefox 128+ (bug 1736575; our
 * strict_min_version). Where the browser refuses it, the portal script is registered alone and the
 * capture says it is unavailable (start() checks {@link captureHookRegistered}).
 */
import { browser, type Browser } from 'wxt/browser';

export const CAPTURE_HOOK_ID = 'api-capture';
export const CAPTURE_RELAY_ID = 'capture-relay';
export const CAPTURE_SCRIPT_IDS = [CAPTURE_HOOK_ID, CAPTURE_RELAY_ID] as const;

/** The two registrations, for the given match patterns (top frame only, like the portal script). */
export function captureScripts(matches: string[]): Browser.scripting.RegisteredContentScript[] {
  return [
    // The relay first: when the browser keeps registration order, its hello finds the hook ready.
    { id: CAPTURE_RELAY_ID, matches, js: ['capture-relay.js'], runAt: 'document_start', allFrames: false, world: 'ISOLATED' },
    { id: CAPTURE_HOOK_ID, matches, js: ['api-capture.js'], runAt: 'document_start', allFrames: false, world: 'MAIN' },
  ];
}

/** Whether the hook is registered now (it is not where the browser refused a MAIN-world script). */
export async function captureHookRegistered(): Promise<boolean> {
  const scripts = await browser.scripting.getRegisteredContentScripts({ ids: [CAPTURE_HOOK_ID] });
  return scripts.length > 0;
}
