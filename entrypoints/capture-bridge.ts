/**
 * The capture bridge (issue 7): a small ISOLATED-world script the background injects into a portal tab
 * only when the agent takes a screenshot or turns API-call capture on (so portal pages pay nothing for
 * it otherwise). It:
 * - measures what a screenshot must cover (lib/evidence/mask-areas: ICCIDs, IMSIs and phone numbers
 *   wherever they are drawn — text, form controls, shadow roots, generated content, same-origin frames —
 *   and the areas it cannot read: canvas, images, cross-origin frames), covers it on the page while the
 *   screenshot is taken, hides our own in-page UI, and hands the boxes to the background, which paints
 *   them onto the image too (issue 14: a page can undo what we do to its DOM, not what we do to the PNG)
 *   (DESIGN §2: personal data; screenshots can be redacted before they are kept);
 * - shows a "Recording API calls" badge in a closed shadow root while capture is on — and, issue 14,
 *   "Recording interrupted" as soon as the capture relay (same isolated world, capture-relay.ts) stops
 *   receiving intact heartbeats from the hook. The calls themselves no longer pass through here: the
 *   hook hands them to the relay over a private port, never over `window.postMessage`.
 * It never opens IndexedDB and never renders page text as markup.
 */
import { browser } from '@wxt-dev/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { findMaskAreas, type Box, type MaskPlan } from '../lib/evidence/mask-areas';
import { invoke, prop } from '../lib/portal/safe-dom';
import { setCaptureHiding } from './portal/redress';
import { el, HOST_ATTRIBUTE, makeHost, rootOf, t } from './portal/shadow-host';
import { isOwnHost } from './portal/own-hosts';
import type { RelayLiveness } from '../lib/evidence/capture-channel';

/** The badge turns to "interrupted" after this long without a beat (the hook beats every second). */
const BADGE_STALE_MS = 3500;

/** A closed shadow root we (or the page) attached: extension APIs can open it (Chrome 88+, Firefox). */
function openOrClosedRoot(host: Element): ShadowRoot | null {
  const dom = (
    globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?(e: Element): ShadowRoot | null } } }
  ).chrome?.dom;
  try {
    if (dom?.openOrClosedShadowRoot) return dom.openOrClosedShadowRoot(host) ?? null;
    const firefox = (host as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
    if (firefox !== undefined) return firefox;
  } catch {
    // Not an HTMLElement (SVG): only an open root, below.
  }
  return prop<ShadowRoot | null>(host, 'shadowRoot') ?? null;
}

/** Resolves after the browser has painted the current DOM (two animation frames). */
const painted = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

// Ours by reference, never by the attribute (issue 14: a page can put `data-helpdesk-assistant` on its
// own <main>; it would then be hidden from the picture and its identifiers left unmasked).
const isOurs = (node: Element) => isOwnHost(node);

/** Our in-page hosts (sidebar frame and toggle, badges, guard verdict and dialog, recording badge). */
const ourHosts = () =>
  Array.from(
    invoke<ArrayLike<HTMLElement>>(rootOf(document), 'querySelectorAll', `[${HOST_ATTRIBUTE}]`) ?? [],
  ).filter(isOwnHost);

/**
 * Where our own UI is drawn: the host and everything in its closed root, in viewport pixels. Measured
 * even when hidden (visibility keeps the layout), because a page can force a host visible again between
 * the hide and the capture: these boxes are painted over on the image whatever the page does.
 */
function ownBoxes(host: Element): Box[] {
  const width = window.innerWidth;
  const height = window.innerHeight;
  const root = openOrClosedRoot(host);
  const parts = [host, ...(root ? Array.from(root.querySelectorAll('*')) : [])];
  const out: Box[] = [];
  for (const part of parts) {
    const r = invoke<DOMRect>(part, 'getBoundingClientRect');
    if (!r || !(r.width > 0 && r.height > 0)) continue;
    const x = Math.max(0, r.left);
    const y = Math.max(0, r.top);
    const right = Math.min(width, r.right);
    const bottom = Math.min(height, r.bottom);
    if (right > x && bottom > y) out.push({ x, y, width: right - x, height: bottom - y });
  }
  return out;
}

/** What a screenshot must cover right now; `mask` off: only our own UI. */
function measure(mask: boolean, maskHost: Element | null): MaskPlan {
  const own = ourHosts()
    .filter((h) => h !== maskHost)
    .flatMap(ownBoxes);
  if (!mask) {
    return {
      identifiers: [],
      opaque: [],
      own,
      found: 0,
      viewport: { width: window.innerWidth, height: window.innerHeight },
      truncated: false,
    };
  }
  const plan = findMaskAreas(document, { isOwn: isOurs, ownBoxes: () => [], shadowRootOf: openOrClosedRoot });
  return { ...plan, own };
}

export default defineUnlistedScript(() => {
  const g = globalThis as unknown as { __helpdeskBridge?: true };
  // Injected at each screenshot and each capture start: one instance per page is enough.
  if (g.__helpdeskBridge) return;
  g.__helpdeskBridge = true;

  let masks: HTMLElement | null = null;
  let hidden: { el: HTMLElement; value: string; priority: string }[] = [];
  let lastPlan: MaskPlan | null = null;
  let badge: HTMLElement | null = null;
  let badgeText: HTMLElement | null = null;
  let watch: ReturnType<typeof setInterval> | undefined;

  /** Keeps the badge's words true to the relay's heartbeats (checked every second while recording). */
  function checkLiveness() {
    const relay = (globalThis as { __helpdeskCaptureRelay?: RelayLiveness }).__helpdeskCaptureRelay;
    if (!relay || !badgeText) return; // no relay on this page: the background never turned recording on
    const last = relay.last;
    const live = relay.recording && last !== null && last.intact && Date.now() - last.at <= BADGE_STALE_MS;
    const label = live ? t('evRecordingBadge') : t('evRecordingInterruptedBadge');
    if (badgeText.getAttribute('aria-label') !== label) {
      badgeText.textContent = `${live ? '●' : '⚠'} ${label}`;
      badgeText.setAttribute('aria-label', label);
    }
  }

  function prepare(mask: boolean): number {
    restore();
    // Our own overlay (sidebar, toggle, badges) is not evidence: hide it for the picture. `!important`
    // inline beats any page style sheet; a page script can still undo it — its boxes are painted over
    // on the image anyway (see ownBoxes). The pinned hosts are told not to put their style back meanwhile.
    setCaptureHiding(true);
    for (const host of ourHosts()) {
      hidden.push({
        el: host,
        value: host.style.getPropertyValue('visibility'),
        priority: host.style.getPropertyPriority('visibility'),
      });
      host.style.setProperty('visibility', 'hidden', 'important');
    }
    const plan = measure(mask, null);
    lastPlan = plan;
    if (!mask) return 0;
    const { host, root } = makeHost(
      document,
      'evidence-mask',
      ':host{all:initial}div{position:fixed;background:#000;z-index:2147483647;pointer-events:none;' +
        'color:#fff;font:600 11px/1.2 system-ui,sans-serif;overflow:hidden;white-space:nowrap}',
    );
    host.style.cssText = 'position:fixed;inset:0;z-index:2147483647;pointer-events:none';
    const block = (b: Box, margin: number, label?: string) => {
      const box = el(document, 'div', label ? { text: label } : {});
      box.style.cssText = `left:${b.x - margin}px;top:${b.y - margin}px;width:${b.width + 2 * margin}px;height:${b.height + 2 * margin}px`;
      root.append(box);
    };
    // 2 px of margin: anti-aliased glyph edges must not peek out.
    for (const b of plan.identifiers) block(b, 2);
    for (const o of plan.opaque) block(o.box, 0, t(`evMaskLabel_${o.kind}`));
    for (const b of plan.own) block(b, 0);
    rootOf(document).append(host);
    masks = host;
    return plan.found;
  }

  function restore() {
    masks?.remove();
    masks = null;
    for (const { el: host, value, priority } of hidden) host.style.setProperty('visibility', value, priority);
    hidden = [];
    setCaptureHiding(false);
  }

  function setRecording(next: string | null) {
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
      badgeText = p;
      watch = setInterval(checkLiveness, 1000);
    } else if (!next) {
      badge?.remove();
      badge = null;
      badgeText = null;
      clearInterval(watch);
      watch = undefined;
    }
  }

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
      case 'evidence-measure':
        // After the capture: what was covered before, and what is there now (the page may have moved
        // content in between); the background paints both onto the image.
        sendResponse({ before: lastPlan, after: measure(message.mask === true, masks) });
        return undefined;
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
