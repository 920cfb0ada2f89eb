/**
 * "Escalate" badges next to each valid ICCID in the page text (issue 4; DESIGN §1: "on any other
 * page it still finds ICCIDs"). Works on every enabled portal, with or without a profile: the
 * reader's generic scan hands over where the ICCIDs are.
 *
 * Issue 15: we pay only for what is on screen, and never re-lay out the page.
 * - One IntersectionObserver watches the elements that hold ICCIDs; a badge exists only while its
 *   element is in or within one viewport of the screen, at most MAX_BADGES at once.
 * - All badges are buttons in ONE layer: a single host (closed shadow root) appended to the root
 *   element, positioned over the page. Nothing is inserted into the portal's table cells (an
 *   inline-block host in the cells of an auto-sized table made the browser lay out the whole table
 *   again: +628 ms on 2,000 rows).
 * - Placing reads every rectangle first, then writes every position (no forced layout per badge),
 *   once per animation frame, and again after scrolling or resizing.
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
import { HOST_STYLES, pinHost, realClick } from './redress';
import { BASE_CSS, el, listen, makeHost, rootOf, t } from './shadow-host';

/**
 * Badges at most at once: those on screen first, then the nearest. A 900 px viewport of a portal table
 * shows about 30 ICCIDs; the node budget (≤ 60 added nodes, issue 15) leaves room for 40 besides the
 * toggle's and the layer's own nodes.
 */
export const MAX_BADGES = 40;
/** Occurrences near the screen whose boxes are read to pick the MAX_BADGES nearest (bounded work). */
const MAX_CANDIDATES = MAX_BADGES * 4;

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
const ROOT_MARGIN = '50% 0px 50% 0px';
// Badge gap after the ICCID's last character, in CSS pixels.
const GAP = 4;

export interface BadgeDeps {
  escalate(iccid: string): void;
}

interface Placed {
  readonly button: HTMLButtonElement;
  readonly occurrence: IccidOccurrence;
}

/** Starts the badges; `update()` with each scan's occurrences, `stop()` removes every badge. */
export function startBadges(doc: Document, deps: BadgeDeps) {
  // The elements holding ICCIDs, with their occurrences (bounded by the scan's limits).
  // One occurrence per element in a table cell: kept bare, a list only when an element holds several
  // (an array per ICCID was a third of the badges' heap on 2,000 rows).
  let watched = new Map<Element, IccidOccurrence | IccidOccurrence[]>();
  const near = new Set<Element>();
  const placed = new Map<Element, Placed[]>();
  const iccidOf = new WeakMap<Element, string>();
  let layer: { host: HTMLElement; root: ShadowRoot; unpin: () => void } | null = null;
  let labels: { aria: (iccid: string) => string } | null = null;
  let frame: number | undefined;
  let stopped = false;

  const observer =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (entry.isIntersecting) near.add(entry.target);
              else near.delete(entry.target);
            }
            requestRender();
          },
          { rootMargin: ROOT_MARGIN },
        )
      : null;

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

  function requestRender() {
    if (stopped || frame !== undefined) return;
    frame = requestAnimationFrame(render);
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
      return null; // the page changed the text since the scan: the next scan places it again
    }
  }

  function render() {
    frame = undefined;
    if (stopped) return;
    // Which occurrences may get a badge: those of the elements near the screen, bounded. Only the near
    // elements are visited (a few dozen), not every watched one, on each frame of a scroll.
    const candidates: Array<[Element, IccidOccurrence]> = [];
    for (const target of near) {
      const held = watched.get(target);
      if (held === undefined) continue;
      for (const o of Array.isArray(held) ? held : [held])
        if (candidates.length < MAX_CANDIDATES) candidates.push([target, o]);
    }
    for (const [target, list] of placed) {
      if (near.has(target) && watched.get(target) !== undefined) continue;
      for (const p of list) p.button.remove();
      placed.delete(target);
    }
    if (candidates.length === 0 && layer === null) return;
    const { host, root } = layerOnce();
    // Read everything first…
    const origin = host.getBoundingClientRect();
    const win = prop<Window | null>(doc, 'defaultView');
    const height = win?.innerHeight ?? 0;
    // …keep the MAX_BADGES nearest the screen (on screen: distance 0; stable, so page order otherwise)…
    const measured = candidates
      .map(([target, o]) => ({ target, o, rect: rectOf(o) }))
      .filter((c): c is { target: Element; o: IccidOccurrence; rect: DOMRect } => c.rect !== null)
      .map((c) => ({ ...c, distance: Math.max(0, -c.rect.bottom, c.rect.top - height) }))
      .sort((a, b) => a.distance - b.distance)
      .slice(0, MAX_BADGES);
    const wanted = measured.map((c): [Element, IccidOccurrence] => [c.target, c.o]);
    const rects = measured.map((c) => c.rect);
    // …then write.
    const keep = new Set<HTMLButtonElement>();
    const next = new Map<Element, Placed[]>();
    wanted.forEach(([target, o], i) => {
      const rect = rects[i];
      if (rect === null || rect === undefined) return;
      const old = placed.get(target)?.find((p) => p.occurrence === o);
      const button = old?.button ?? badge(root, o.iccid);
      const x = rect.right - origin.left + GAP;
      const y = rect.top - origin.top + (rect.height - 18) / 2;
      button.style.transform = `translate(${Math.round(x)}px,${Math.round(y)}px)`;
      keep.add(button);
      const list = next.get(target) ?? [];
      list.push({ button, occurrence: o });
      next.set(target, list);
    });
    for (const [, list] of placed) for (const p of list) if (!keep.has(p.button)) p.button.remove();
    placed.clear();
    for (const [target, list] of next) placed.set(target, list);
  }

  function badge(root: ShadowRoot, iccid: string): HTMLButtonElement {
    const label = labelsOnce().aria(iccid);
    // No child: the face comes from the layer's style (one node per badge).
    const button = el(doc, 'button', { attrs: { type: 'button', 'aria-label': label, title: label } });
    iccidOf.set(button, iccid);
    root.append(button);
    return button;
  }

  // Scrolling an inner container or a fixed header moves text relative to the layer; resizing
  // re-flows it: place again on the next frame (only the badges on screen are read).
  const onMove = () => {
    if (placed.size > 0) requestRender();
  };
  const offScroll = listen(doc, 'scroll', onMove);
  const view = prop<Window | null>(doc, 'defaultView');
  view?.addEventListener('resize', onMove, { passive: true });

  return {
    /** Takes a scan's occurrences: watches the elements that hold them, forgets the others. */
    update(occurrences: readonly IccidOccurrence[]) {
      if (stopped) return;
      const fresh = new Map<Element, IccidOccurrence | IccidOccurrence[]>();
      for (const o of occurrences) {
        const target = prop<Element | null>(o.endNode, 'parentElement');
        if (!target) continue;
        const held = fresh.get(target);
        if (held === undefined) fresh.set(target, o);
        else if (Array.isArray(held)) held.push(o);
        else fresh.set(target, [held, o]);
      }
      for (const [target] of watched) {
        if (fresh.has(target)) continue;
        observer?.unobserve(target);
        near.delete(target);
      }
      for (const [target] of fresh) if (!watched.has(target)) observer?.observe(target);
      watched = fresh;
      requestRender();
    },
    stop() {
      stopped = true;
      if (frame !== undefined) cancelAnimationFrame(frame);
      observer?.disconnect();
      offScroll();
      view?.removeEventListener('resize', onMove);
      watched.clear();
      near.clear();
      placed.clear();
      if (layer !== null) {
        layer.unpin();
        layer.host.remove();
        layer = null;
      }
    },
  };
}

export type Badges = ReturnType<typeof startBadges>;
