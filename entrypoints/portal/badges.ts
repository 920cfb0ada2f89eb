/**
 * "Escalate" badges next to each valid ICCID in the page text (issue 4; DESIGN §1: "on any other
 * page it still finds ICCIDs"). Works on every enabled portal, with or without a profile: the
 * reader's generic scan hands over where the ICCIDs are.
 *
 * Issue 15: we pay only for what is on screen, and never re-lay out the page.
 * - Nothing is kept per ICCID of the page: each placement finds the ICCIDs in and near the screen
 *   from the screen itself (./near-screen.ts), at most MAX_BADGES at once, those on screen first.
 *   (An IntersectionObserver on every ICCID's element held 2,000 nodes and observations on 2,000
 *   rows and made the renderer compute 2,000 intersections per frame.)
 * - All badges are buttons in ONE layer: a single host (closed shadow root) appended to the root
 *   element, positioned over the page. Nothing is inserted into the portal's table cells (an
 *   inline-block host in the cells of an auto-sized table made the browser lay out the whole table
 *   again: +628 ms on 2,000 rows).
 * - Placing reads every rectangle first, then writes every position (no forced layout per badge),
 *   once the page has been painted (an idle period). While the page scrolls, the badges follow (their own
 *   ranges only); the ICCIDs that scrolled in are looked for once the scrolling pauses.
 * - The label is read from i18n once, not once per badge.
 * - A badge is ONE node: a button whose name is its aria-label ("Escalate ICCID …", also its tooltip)
 *   and whose face is an "escalate" arrow drawn by the layer's style (a background image). A visible
 *   word would cost a second node per badge — a text node, or a `::after` pseudo-element, which Blink
 *   counts as a node too — and only the badges nearest the screen exist: the budget is ≤ 60
 *   nodes added to a page in all (toggle and layers included), measured by `npm run bench` (rows H).
 * The portal's own nodes are never changed.
 */
import { invoke, prop } from '../../lib/portal/safe-dom';
import type { IccidOccurrence } from '../../lib/portal/scanner';
import { formatIccid } from '../../lib/telecom/iccid';
import { iccidsNearScreen } from './near-screen';
import { isOwnHost } from './own-hosts';
import { HOST_STYLES, pinHost, realClick } from './redress';
import { yieldToPage } from './schedule';
import { BASE_CSS, el, listen, makeHost, rootOf, t } from './shadow-host';

/**
 * Badges at most at once: those on screen first, then the nearest. A 900 px viewport of a portal table
 * shows about 30 ICCIDs; the node budget (≤ 60 added nodes, issue 15) leaves room for 40 besides the
 * toggle's and the layer's own nodes.
 */
export const MAX_BADGES = 40;

// The badge's face: an arrow up out of a tray ("escalate"), in the primary blue of BASE_CSS.
const ARROW =
  "url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16' fill='none' stroke='%231d4ed8' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'%3E%3Cpath d='M8 11V2M4 6l4-4 4 4M2 11v3h12v-3'/%3E%3C/svg%3E\")";

const LAYER_CSS =
  BASE_CSS +
  'button{position:absolute;left:0;top:0;width:24px;height:18px;padding:0;border-radius:999px;' +
  `background:Canvas ${ARROW} center/12px 12px no-repeat}`;

// The layer host: a 0×0 box at the top left of its containing block, above the page. Later
// declarations of the same property win, so this refines HOST_STYLES.layer.
const LAYER_STYLE =
  HOST_STYLES.layer +
  'position:absolute!important;top:0!important;left:0!important;overflow:visible!important;z-index:2147483647!important;';

// Half a viewport above and below the screen: badges are ready before they scroll into view.
const MARGIN_SCREENS = 0.5;
// After a scroll or resize: look for the ICCIDs that came near once it pauses this long…
const SETTLE_MS = 120;
// …or this often while it goes on.
const FIND_EVERY_MS = 400;
// Badge gap after the ICCID's last character, in CSS pixels.
const GAP = 4;

export interface BadgeDeps {
  escalate(iccid: string): void;
  /**
   * Runs `fn` once the page has been laid out and painted (default: see {@link afterNextPaint}).
   * Read then, the page's geometry is up to date: reading boxes in an animation frame callback
   * forces the layout the frame is about to do, inside our callback — on a 100,000-row table a
   * 37–419 ms layout that the trace attributed to us (issue 15: "no forced synchronous layout").
   */
  afterPaint?(fn: () => void): void;
}

/** How long the badges wait at most for an idle period (a page that is never idle still gets them). */
const IDLE_WAIT_MS = 1000;

/**
 * An idle period, then the next frame, then a task after it: `fn` reads a laid-out page (measured:
 * 3.6 ms of script added on 200 rows, against 8 ms when the read ran in the idle callback itself, which
 * may come before layout is done), and our frame callback never lands in the frame that paints our
 * own hosts (on the 100,000-row page that frame is long whatever is inserted — a one-word change in the
 * page's heading costs 180–210 ms there — and a 0.5 ms callback of ours in it made it "ours").
 */
const afterNextPaint = (fn: () => void) => {
  const frameThenTask = () => requestAnimationFrame(() => void yieldToPage().then(fn));
  if (typeof requestIdleCallback === 'function')
    requestIdleCallback(frameThenTask, { timeout: IDLE_WAIT_MS });
  else setTimeout(frameThenTask, 0);
};

interface Placed {
  readonly button: HTMLButtonElement;
  readonly occurrence: IccidOccurrence;
}

/** Starts the badges; `update()` after each read of the page, `stop()` removes every badge. */
export function startBadges(doc: Document, deps: BadgeDeps) {
  // The badges shown (at most MAX_BADGES): the only references to the page's text we keep.
  let placed: Placed[] = [];
  const iccidOf = new WeakMap<Element, string>();
  let layer: { host: HTMLElement; root: ShadowRoot; unpin: () => void } | null = null;
  let labels: { aria: (iccid: string) => string } | null = null;
  let frame = false;
  // The next frame looks for ICCIDs near the screen (else it only moves the badges shown).
  let findDue = false;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let lastFind = 0;
  let stopped = false;

  function labelsOnce() {
    if (labels === null) {
      // One getMessage per label for the page, the ICCID put in by hand (a placeholder marks where).
      const mark = '\u0001';
      const [before = '', after = ''] = t('gdBadgeLabel', [mark]).split(mark);
      labels = { aria: (iccid) => before + formatIccid(iccid) + after };
    }
    return labels;
  }

  function layerOnce() {
    if (layer === null) {
      // makeHost registers the host as ours by reference (markOwnHost, issue 14): the reader's
      // change detection and the scan skip it, and a page copying its attribute gains nothing.
      const { host, root } = makeHost(doc, 'iccid-badges', LAYER_CSS, 'div');
      invoke(rootOf(doc), 'appendChild', host);
      // Issue 14: the page cannot restyle the layer's host (inline !important, put back if changed).
      layer = { host, root, unpin: pinHost(host, LAYER_STYLE) };
      // Clicks inside the closed root: the button is known here. Only a real click counts (a page
      // script calling click() cannot start an escalation, nor a click through a page element).
      root.addEventListener('click', (ev) => {
        const iccid = iccidOf.get(ev.target as Element);
        if (iccid === undefined) return;
        ev.preventDefault();
        ev.stopPropagation();
        if (layer !== null && realClick(ev, layer.host)) deps.escalate(iccid);
      });
    }
    return layer;
  }

  function requestRender(find: boolean) {
    if (stopped) return;
    if (find) findDue = true;
    if (frame) return;
    frame = true;
    (deps.afterPaint ?? afterNextPaint)(render);
  }

  /** The last line box of an occurrence's text (where the badge goes), or null when not rendered. */
  function rectOf(o: IccidOccurrence): DOMRect | null {
    try {
      if (o.endOffset > o.endNode.length || o.startOffset > o.startNode.length) return null;
      const range = invoke<Range>(doc, 'createRange');
      if (range === undefined) return null;
      range.setStart(o.startNode, o.startOffset);
      range.setEnd(o.endNode, o.endOffset);
      const rects = range.getClientRects();
      const last = rects[rects.length - 1];
      return last !== undefined && (last.width > 0 || last.height > 0) ? last : null;
    } catch {
      return null; // the page changed the text since it was read: the next pass places it again
    }
  }

  function render() {
    frame = false;
    if (stopped) return;
    const win = prop<Window | null>(doc, 'defaultView');
    const height = win?.innerHeight ?? 0;
    // Read everything first: the candidates (the badges shown, and when due the ICCIDs near the
    // screen) and their boxes…
    let candidates: IccidOccurrence[] = placed.map((p) => p.occurrence);
    if (findDue) {
      findDue = false;
      lastFind = Date.now();
      candidates = iccidsNearScreen(doc, { margin: height * MARGIN_SCREENS, isOwnHost });
    }
    if (candidates.length === 0 && layer === null) return;
    const { host, root } = layerOnce();
    const origin = host.getBoundingClientRect();
    // …keep the MAX_BADGES nearest the screen (on screen: distance 0), in reading order…
    const wanted = candidates
      .map((o) => ({ o, rect: rectOf(o) }))
      .filter((c): c is { o: IccidOccurrence; rect: DOMRect } => c.rect !== null)
      .map((c) => ({ ...c, distance: Math.max(0, -c.rect.bottom, c.rect.top - height) }))
      .sort((a, b) => a.distance - b.distance || a.rect.top - b.rect.top || a.rect.left - b.rect.left)
      .slice(0, MAX_BADGES);
    // …then write: a badge already shown for the same place is moved, not built again.
    const old = new Map<string, Placed>();
    for (const p of placed) old.set(key(p.occurrence), p);
    const next: Placed[] = [];
    for (const { o, rect } of wanted) {
      const k = key(o);
      const reuse = old.get(k);
      old.delete(k);
      const button = reuse?.button ?? badge(root, o.iccid);
      const x = rect.right - origin.left + GAP;
      const y = rect.top - origin.top + (rect.height - 18) / 2;
      button.style.transform = `translate(${Math.round(x)}px,${Math.round(y)}px)`;
      next.push({ button, occurrence: reuse?.occurrence ?? o });
    }
    for (const [, p] of old) p.button.remove();
    placed = next;
  }

  // Two reads of one place give different objects: a place is its text node (by identity) and offsets.
  const nodeIds = new WeakMap<Text, number>();
  let nextId = 0;
  function key(o: IccidOccurrence): string {
    let id = nodeIds.get(o.startNode);
    if (id === undefined) nodeIds.set(o.startNode, (id = nextId++));
    return `${id}:${o.startOffset}:${o.iccid}`;
  }

  function badge(root: ShadowRoot, iccid: string): HTMLButtonElement {
    const label = labelsOnce().aria(iccid);
    // No child: the face comes from the layer's style (one node per badge).
    const button = el(doc, 'button', { attrs: { type: 'button', 'aria-label': label, title: label } });
    iccidOf.set(button, iccid);
    root.append(button);
    return button;
  }

  // Scrolling the page or an inner container, or resizing, moves text relative to the layer: the
  // badges shown follow on the next frame; new ICCIDs near the screen are looked for when it pauses.
  const onMove = () => {
    if (stopped) return;
    requestRender(Date.now() - lastFind >= FIND_EVERY_MS);
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => requestRender(true), SETTLE_MS);
  };
  const offScroll = listen(doc, 'scroll', onMove);
  const view = prop<Window | null>(doc, 'defaultView');
  view?.addEventListener('resize', onMove, { passive: true });

  return {
    /** Puts the (empty) badge layer on the page now, with the other in-page hosts (see index.ts). */
    mount() {
      if (!stopped) layerOnce();
    },
    /** The page was read (it changed, or this is the first read): look again on the next frame. */
    update() {
      requestRender(true);
    },
    stop() {
      stopped = true;
      clearTimeout(settleTimer);
      offScroll();
      view?.removeEventListener('resize', onMove);
      placed = [];
      if (layer !== null) {
        layer.unpin();
        layer.host.remove();
        layer = null;
      }
    },
  };
}

export type Badges = ReturnType<typeof startBadges>;
