// @vitest-environment jsdom
/**
 * The capture bridge (entrypoints/capture-bridge.ts) with WXT's fake browser: it mounts its recording
 * badge and screenshot mask through the shared shadow host (closed roots marked as ours), hides our own
 * in-page UI for a screenshot and puts it back, and relays only calls on the current channel.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { markOwnHost } from '../../../entrypoints/portal/own-hosts';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { captureShadowRoots, englishUi, ourRoot } from './shell-helpers';

/** Sends a message to the bridge the way the background does, and returns its reply. */
async function send(message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    // The fake's trigger is typed for (message, sender); the bridge also takes sendResponse.
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
    void trigger(message, {}, resolve);
  });
}

let roots: Map<Element, ShadowRoot>;

beforeAll(async () => {
  fakeBrowser.reset();
  englishUi();
  roots = captureShadowRoots(window);
  document.body.textContent = 'A page with no identifiers on it.';
  // Our overlay is ours by reference (issue 14), as overlay.ts registers it; the attribute is only a label.
  const sidebarHost = markOwnHost(document.createElement('div'));
  sidebarHost.setAttribute('data-helpdesk-assistant', 'overlay');
  document.body.append(sidebarHost);
  // The page's own copy of the label does not make its element ours: it is neither hidden nor skipped.
  const forged = document.createElement('main');
  forged.setAttribute('data-helpdesk-assistant', 'overlay');
  document.body.append(forged);
  const { default: script } = await import('../../../entrypoints/capture-bridge');
  script.main();
});

describe('the capture bridge', () => {
  it('mounts the "Recording API calls" badge in a closed shadow root while capture is on', async () => {
    expect(await send({ type: 'evidence-recording', channel: 'c-1' })).toEqual({ ok: true });
    const root = ourRoot(document, roots, 'evidence-recording');
    // Closed: the page cannot reach into it through the host.
    expect(document.querySelector('[data-helpdesk-assistant="evidence-recording"]')?.shadowRoot).toBeNull();
    const badge = root?.querySelector('p[role="status"]');
    expect(badge?.getAttribute('aria-label')).toBe('Recording API calls');
    expect(badge?.textContent).toBe('● Recording API calls');
    // The host is on the page's root element, outside the portal's own body.
    expect(document.querySelector('[data-helpdesk-assistant="evidence-recording"]')?.parentElement).toBe(
      document.documentElement,
    );

    await send({ type: 'evidence-recording', channel: null });
    expect(document.querySelector('[data-helpdesk-assistant="evidence-recording"]')).toBeNull();
  });

  // Issue 14: calls no longer travel over window.postMessage (the page sees and forges those); the hook
  // hands them to the capture relay over a private port. The bridge relays nothing the page posts.
  it('relays nothing posted on the window, not even on the current channel', async () => {
    const sendMessage = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    await send({ type: 'evidence-recording', channel: 'c-2' });
    const post = (data: unknown) =>
      window.dispatchEvent(new MessageEvent('message', { data, source: window }));
    post({ helpdeskCapture: 'wrong-channel', call: { url: 'https://api.example/x' } });
    post({ helpdeskCapture: 'c-2', call: { url: 'https://api.example/esims' } });
    expect(sendMessage.mock.calls).toEqual([]);
    await send({ type: 'evidence-recording', channel: null });
  });

  it('turns its badge to "Recording interrupted" when the relay reports no intact heartbeat', async () => {
    vi.useFakeTimers();
    try {
      const relay = { last: { at: Date.now(), intact: true }, recording: true };
      (globalThis as { __helpdeskCaptureRelay?: unknown }).__helpdeskCaptureRelay = relay;
      await send({ type: 'evidence-recording', channel: 'c-4' });
      const badge = () => ourRoot(document, roots, 'evidence-recording')?.querySelector('p[role="status"]');
      vi.advanceTimersByTime(1000);
      relay.last = { at: Date.now(), intact: true };
      expect(badge()?.getAttribute('aria-label')).toBe('Recording API calls');
      relay.last = { at: Date.now(), intact: false }; // the page swapped fetch
      vi.advanceTimersByTime(1000);
      expect(badge()?.getAttribute('aria-label')).toBe('Recording interrupted');
      expect(badge()?.textContent).toBe('⚠ Recording interrupted');
      await send({ type: 'evidence-recording', channel: null });
    } finally {
      delete (globalThis as { __helpdeskCaptureRelay?: unknown }).__helpdeskCaptureRelay;
      vi.useRealTimers();
    }
  });

  it('hides our own UI and mounts the mask for a screenshot, then puts everything back', async () => {
    const overlay = document.querySelector<HTMLElement>('[data-helpdesk-assistant="overlay"]')!;
    expect(await send({ type: 'evidence-prepare', mask: true })).toEqual({ masked: 0 });
    expect(overlay.style.visibility).toBe('hidden');
    expect(document.querySelector<HTMLElement>('main[data-helpdesk-assistant]')!.style.visibility).toBe('');
    const mask = document.querySelector<HTMLElement>('[data-helpdesk-assistant="evidence-mask"]');
    expect(mask?.style.position).toBe('fixed');
    expect(ourRoot(document, roots, 'evidence-mask')?.querySelector('style')?.textContent).toContain('#000');

    expect(await send({ type: 'evidence-restore' })).toEqual({ ok: true });
    expect(overlay.style.visibility).toBe('');
    expect(document.querySelector('[data-helpdesk-assistant="evidence-mask"]')).toBeNull();
  });

  it('mounts once per page, however often it is injected', async () => {
    const { default: script } = await import('../../../entrypoints/capture-bridge');
    script.main();
    await send({ type: 'evidence-recording', channel: 'c-3' });
    expect(document.querySelectorAll('[data-helpdesk-assistant="evidence-recording"]')).toHaveLength(1);
  });
});
