// @vitest-environment jsdom
/**
 * Issue 15 item 1: "the page is not re-laid out by us at load (the sidebar's 'push aside' only when it
 * opens)". Mounting the toggle adds one host, out of the page's flow, and no style to the page; the
 * page is narrowed (an adopted sheet, never the portal's own elements) only once the sidebar opens, and
 * the narrowing goes when it closes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const { stored } = vi.hoisted(() => ({ stored: new Map<string, unknown>() }));
vi.mock('@wxt-dev/browser', () => ({
  browser: {
    i18n: { getMessage: (key: string) => key },
    runtime: {
      id: 'test',
      getURL: (p: string) => `chrome-extension://test${p}`,
      sendMessage: () => Promise.resolve(),
    },
    storage: {
      local: {
        get: (key: string) => Promise.resolve(stored.has(key) ? { [key]: stored.get(key) } : {}),
        set: (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) stored.set(k, v);
          return Promise.resolve();
        },
      },
    },
  },
}));

import { mountOverlay } from '../../../entrypoints/portal/overlay';

/** A constructable style sheet, as browsers have it (jsdom's sheets cannot be built by script). */
class Sheet {
  text = '';
  replaceSync(text: string) {
    this.text = text;
  }
}

let adopted: Sheet[] = [];
beforeEach(() => {
  stored.clear();
  adopted = [];
  vi.stubGlobal('CSSStyleSheet', Sheet);
  Object.defineProperty(document, 'adoptedStyleSheets', {
    configurable: true,
    get: () => adopted,
    set: (v: Sheet[]) => {
      adopted = v;
    },
  });
  document.body.innerHTML = '<main><table><tr><td>8944 5000 1300 0000 0017</td></tr></table></main>';
});
afterEach(() => {
  vi.unstubAllGlobals();
  for (const host of Array.from(document.querySelectorAll('[data-helpdesk-assistant]'))) host.remove();
});

const pushAside = () => adopted.map((s) => s.text).filter((t) => /margin-(right|left)/.test(t));

describe('the sidebar overlay (issue 15: no re-layout at load)', () => {
  it('adds one out-of-flow host and no page style at load; pushes the page aside only while open', async () => {
    const before = document.body.innerHTML;
    const overlay = await mountOverlay(document);
    // At load: one host on the root element, positioned out of the page's flow; the page's own
    // elements and styles untouched.
    const hosts = document.querySelectorAll('[data-helpdesk-assistant]');
    expect(hosts).toHaveLength(1);
    const host = hosts[0] as HTMLElement;
    expect(host.parentNode).toBe(document.documentElement);
    expect(host.style.getPropertyValue('position')).toBe('fixed');
    expect(document.body.innerHTML).toBe(before);
    expect(pushAside()).toEqual([]);

    // Opened: the page is narrowed by the panel's width.
    overlay.setOpen(true);
    expect(pushAside()).toEqual(['html { margin-right: 400px !important; }']);
    // Closed: no narrowing left.
    overlay.setOpen(false);
    expect(pushAside()).toEqual([]);
    expect(document.body.innerHTML).toBe(before);
    overlay.teardown();
  });

  it('opens at load when the agent left it open on this portal (then, and only then, narrows the page)', async () => {
    stored.set(`overlay:${document.location.origin}`, { open: true, width: 480, side: 'left' });
    const overlay = await mountOverlay(document);
    expect(pushAside()).toEqual(['html { margin-left: 480px !important; }']);
    overlay.teardown();
    expect(pushAside()).toEqual([]);
  });
});
