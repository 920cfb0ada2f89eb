/**
 * Where the ICCIDs near the screen are, found from the page's geometry rather than from a list of
 * every ICCID of the page (issue 15 items 1 and 3: "pay only for what is on screen", "no retained
 * node lists"). Watching every ICCID's element with an IntersectionObserver kept a reference to
 * 2,000 text nodes and cells, 2,000 observations in the renderer, and had it compute 2,000
 * intersections on every frame that changed anything: on 2,000 rows, most of the heap we added.
 *
 * Instead, when the badges are placed, a descent from the body keeps the elements that are near the
 * screen: an element at most half a screen high is a "unit" (a table row, a card, a list item) whose
 * text is scanned with the whole-page scan's rules; a taller one is descended into. A long list of
 * children (a 100,000-row tbody) is entered by a binary search on their boxes, then read while they
 * are near the screen: about log2(n) + a screenful of box reads, once layout is up to date. No hit
 * test on the way: `elementFromPoint` cost 4–10 ms per point on a 100,000-row table (measured), so
 * a grid of points was a long task of ours there. A unit much taller than the screen that holds its
 * text directly (a long log in one `<pre>`) is read only around the text at a few points of the
 * screen. Nothing is kept between passes.
 */
import { inSkippedSubtree, scanIccids, scanTextAround, type IccidOccurrence } from '../../lib/portal/scanner';
import { invoke, prop } from '../../lib/portal/safe-dom';

/** Children above which a list is entered by binary search (its boxes are in page order). */
const LONG_LIST = 64;
/** Units scanned in one pass. */
const MAX_UNITS = 400;
/** Elements whose box is read in one pass (bounds the descent on a page of many small columns). */
const MAX_VISITS = 4000;
/** Characters read either side of a point in a tall text. */
const TEXT_RADIUS = 4000;
/** ICCIDs reported in one pass (the badges keep the nearest MAX_BADGES of them). */
const MAX_OCCURRENCES = 400;

export interface NearScreenOptions {
  /** Pixels above and below the screen that count as near (badges ready before they scroll in). */
  readonly margin: number;
  /** Our own hosts, by reference: their content is never scanned (issue 14). */
  readonly isOwnHost: (el: Element) => boolean;
}

/** The ICCID occurrences in and near the screen, in no particular order. Never throws on page content. */
export function iccidsNearScreen(doc: Document, opts: NearScreenOptions): IccidOccurrence[] {
  const win = prop<Window | null>(doc, 'defaultView');
  const width = win?.innerWidth ?? 0;
  const height = win?.innerHeight ?? 0;
  const body = prop<Element | null>(doc, 'body') ?? null;
  if (width === 0 || height === 0 || body === null) return [];
  const rectOf = (el: Element): DOMRect =>
    invoke<DOMRect>(el, 'getBoundingClientRect') ?? ({ top: 0, bottom: 0, height: 0 } as DOMRect);
  const units: Element[] = [];
  const tall: Array<{ node: Text; offset: number }> = [];
  let visits = 0;

  /** Keeps `el` as a unit, descends into it, or passes it by; `top`/`bottom`: the band near the screen. */
  function visit(el: Element, top: number, bottom: number): void {
    if (units.length >= MAX_UNITS || ++visits > MAX_VISITS) return;
    if (opts.isOwnHost(el)) return;
    const r = rectOf(el);
    // An empty box may still hold visible content (display: contents, a float's parent): look in.
    if (r.height > 0 && (r.bottom < top || r.top > bottom)) return;
    if (r.height > 0 && r.height <= height / 2) {
      units.push(el);
      return;
    }
    const count = prop<number>(el, 'childElementCount') ?? 0;
    if (count === 0) {
      if (r.height > 0) readAround(el, r);
      return;
    }
    // A scrolling box shows only its own rectangle of what it holds.
    let inTop = top;
    let inBottom = bottom;
    if (
      (prop<number>(el, 'scrollHeight') ?? 0) > (prop<number>(el, 'clientHeight') ?? 0) + 1 &&
      r.height > 0
    ) {
      inTop = Math.max(top, r.top);
      inBottom = Math.min(bottom, r.bottom);
    }
    const children = prop<HTMLCollection>(el, 'children');
    if (children === undefined) return;
    let from = 0;
    if (count > LONG_LIST) {
      // The first child whose box ends below the band's top (children of a long list are in page order).
      let lo = 0;
      let hi = count - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const child = children[mid];
        if (child !== undefined && rectOf(child).bottom < inTop) lo = mid + 1;
        else hi = mid;
      }
      from = lo;
    }
    for (let i = from; i < count && units.length < MAX_UNITS && visits <= MAX_VISITS; i++) {
      const child = children[i];
      if (child === undefined) break;
      if (count > LONG_LIST) {
        const cr = rectOf(child);
        if (cr.height > 0 && cr.top > inBottom) break;
      }
      visit(child, inTop, inBottom);
    }
  }

  /** A leaf far taller than half the screen (a long `<pre>`): the text at a few points of the screen. */
  function readAround(el: Element, r: DOMRect): void {
    const x = Math.min(Math.max(r.left + 4, 0), width - 1);
    for (const y of [height * 0.1, height * 0.5, height * 0.9]) {
      if (y < r.top || y > r.bottom) continue;
      const at = caretAt(doc, x, y);
      if (at !== null && prop<Element | null>(at.node, 'parentElement') === el) tall.push(at);
    }
  }

  const margin = opts.margin;
  visit(body, -margin, height + margin);

  const found: IccidOccurrence[] = [];
  for (const unit of units) {
    if (found.length >= MAX_OCCURRENCES) break;
    if (inSkippedSubtree(unit, opts.isOwnHost)) continue;
    found.push(
      ...scanIccids(unit, { isOwnHost: opts.isOwnHost, maxOccurrences: MAX_OCCURRENCES }).occurrences,
    );
  }
  const seen = new Set<string>();
  for (const { node, offset } of tall) {
    const parent = prop<Element | null>(node, 'parentElement') ?? null;
    if (parent === null || inSkippedSubtree(parent, opts.isOwnHost)) continue;
    for (const o of scanTextAround(node, offset, TEXT_RADIUS)) {
      const key = `${o.startOffset}`;
      if (seen.has(key) || found.length >= MAX_OCCURRENCES) continue;
      seen.add(key);
      found.push(o);
    }
  }
  return found;
}

/** The text node and offset under a point (standard caretPositionFromPoint, else WebKit's caretRangeFromPoint). */
function caretAt(doc: Document, x: number, y: number): { node: Text; offset: number } | null {
  const position = invoke<{ offsetNode: Node; offset: number } | null>(doc, 'caretPositionFromPoint', x, y);
  const range = position ? null : invoke<Range | null>(doc, 'caretRangeFromPoint', x, y);
  const node = position?.offsetNode ?? range?.startContainer ?? null;
  const offset = position?.offset ?? range?.startOffset ?? 0;
  return node !== null && node.nodeType === 3 ? { node: node as Text, offset } : null;
}
