/**
 * The capture bridge (issue 7): a small ISOLATED-world script the background injects into a portal tab
 * only when the agent takes a screenshot or turns API-call capture on (so portal pages pay nothing for
 * it otherwise). It:
 * - covers ICCIDs, IMSIs and phone numbers with black boxes while a screenshot is taken (DESIGN §2:
 *   personal data; screenshots can be redacted before they are kept), and hides our own in-page UI;
 * - relays the calls `api-capture.js` posts from the page's world to the background — after checking
 *   the channel and the shape, trusting nothing (REFERENCE: main-world scripts are forgeable by the page);
 * - shows a "Recording API calls" badge in a closed shadow root while capture is on.
 * It never opens IndexedDB and never renders page text as markup.
 */
import { browser } from '@wxt-dev/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { findIccids } from '../lib/telecom/iccid';
import { findPhoneNumbers } from '../lib/telecom/msisdn';
import { setCaptureHiding } from './portal/redress';
import { el, HOST_ATTRIBUTE, makeHost, rootOf, t } from './portal/shadow-host';

/** Bounds for a hostile or huge page: masking costs a fixed amount of work at most. */
const MAX_TEXT_NODES = 50_000;
const MAX_BOXES = 2_000;
/** A call bigger than this (serialised) is dropped before it is sent: the background caps far lower. */
const MAX_CALL_CHARS = 256 * 1024;

/** Viewport rectangles of the personal identifiers in the page's visible text. */
function identifierRects(): DOMRect[] {
  const rects: DOMRect[] = [];
  const root = rootOf(document);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      const parent = node.parentElement;
      if (!parent || parent.closest(`[${HOST_ATTRIBUTE}],script,style,noscript,template`))
        return NodeFilter.FILTER_REJECT;
      return /\d/.test(node.nodeValue ?? '') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
    },
  });
  const width = window.innerWidth;
  const height = window.innerHeight;
  let nodes = 0;
  for (
    let node = walker.nextNode() as Text | null;
    node && nodes < MAX_TEXT_NODES;
    node = walker.nextNode() as Text | null
  ) {
    nodes++;
    const text = node.data;
    const ranges: [number, number][] = [];
    for (const m of findIccids(text)) ranges.push([m.start, m.end]);
    for (const m of findPhoneNumbers(text)) ranges.push([m.start, m.end]);
    // IMSI (15 digits) — and IMEI, also personal: any standalone 15-digit run.
    for (const m of text.matchAll(/(?<!\d)\d{15}(?!\d)/g)) ranges.push([m.index, m.index + 15]);
    for (const [start, end] of ranges) {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      for (const r of Array.from(range.getClientRects())) {
        if (r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < height && r.left < width)
          rects.push(r);
        if (rects.length >= MAX_BOXES) return rects;
      }
    }
  }
  return rects;
}

/** Resolves after the browser has painted the current DOM (two animation frames). */
const painted = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

export default defineUnlistedScript(() => {
  const g = globalThis as unknown as { __helpdeskBridge?: true };
  // Injected at each screenshot and each capture start: one instance per page is enough.
  if (g.__helpdeskBridge) return;
  g.__helpdeskBridge = true;

  let masks: HTMLElement | null = null;
  let hidden: { el: HTMLElement; visibility: string }[] = [];
  let channel: string | null = null;
  let badge: HTMLElement | null = null;

  function prepare(mask: boolean): number {
    restore();
    // Our own overlay (sidebar, toggle, badges) is not evidence: hide it for the picture (issue 14:
    // telling the pinned hosts not to put their style back meanwhile).
    setCaptureHiding(true);
    for (const el of Array.from(rootOf(document).querySelectorAll<HTMLElement>(`[${HOST_ATTRIBUTE}]`))) {
      hidden.push({ el, visibility: el.style.visibility });
      el.style.visibility = 'hidden';
    }
    if (!mask) return 0;
    const rects = identifierRects();
    const { host, root } = makeHost(
      document,
      'evidence-mask',
      ':host{all:initial}div{position:fixed;background:#000;z-index:2147483647;pointer-events:none}',
    );
    host.style.cssText = 'position:fixed;inset:0;z-index:2147483647;pointer-events:none';
    for (const r of rects) {
      const box = el(document, 'div');
      // 2 px of margin: anti-aliased glyph edges must not peek out.
      box.style.cssText = `left:${r.left - 2}px;top:${r.top - 2}px;width:${r.width + 4}px;height:${r.height + 4}px`;
      root.append(box);
    }
    rootOf(document).append(host);
    masks = host;
    return rects.length;
  }

  function restore() {
    masks?.remove();
    masks = null;
    for (const { el, visibility } of hidden) el.style.visibility = visibility;
    hidden = [];
    setCaptureHiding(false);
  }

  function setRecording(next: string | null) {
    channel = next;
    if (next && !badge) {
      const { host, root } = makeHost(
        document,
        'evidence-recording',
        ':host{all:initial}p{position:fixed;top:8px;left:50%;transform:translateX(-50%);margin:0;z-index:2147483646;' +
          'font:600 12px/1.4 system-ui,sans-serif;background:#b91c1c;color:#fff;padding:4px 10px;border-radius:999px}',
      );
      const p = el(document, 'p', {
        text: `● ${t('evRecordingBadge')}`,
        attrs: { role: 'status', 'aria-label': t('evRecordingBadge') },
      });
      root.append(p);
      rootOf(document).append(host);
      badge = host;
    } else if (!next) {
      badge?.remove();
      badge = null;
    }
  }

  // Calls posted by api-capture.js. The page sees the channel too and can post the same shape: the
  // background keeps only well-formed calls on the current channel and labels them "reported by the page".
  window.addEventListener('message', (event: MessageEvent) => {
    if (!channel || event.source !== window) return;
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null) return;
    const { helpdeskCapture, call } = data as { helpdeskCapture?: unknown; call?: unknown };
    if (helpdeskCapture !== channel || typeof call !== 'object' || call === null) return;
    let size: number;
    try {
      size = JSON.stringify(call).length;
    } catch {
      return;
    }
    if (size > MAX_CALL_CHARS) return;
    void browser.runtime.sendMessage({ type: 'captured-call', channel, call }).catch(() => undefined);
  });

  browser.runtime.onMessage.addListener((raw: unknown, _sender, sendResponse: (r: unknown) => void) => {
    const message =
      typeof raw === 'object' && raw !== null
        ? (raw as { type?: unknown; mask?: unknown; channel?: unknown })
        : {};
    switch (message.type) {
      case 'evidence-prepare': {
        const masked = prepare(message.mask === true);
        void painted().then(() => sendResponse({ masked }));
        return true;
      }
      case 'evidence-restore':
        restore();
        sendResponse({ ok: true });
        return undefined;
      case 'evidence-recording':
        setRecording(typeof message.channel === 'string' ? message.channel : null);
        sendResponse({ ok: true });
        return undefined;
      default:
        return undefined; // the portal content script's messages
    }
  });
});
