/**
 * Where the ICCIDs near the screen are, found from the screen rather than from a list of every
 * ICCID of the page (issue 15 items 1 and 3: "pay only for what is on screen", "no retained node
 * lists"). Watching every ICCID's element with an IntersectionObserver kept a reference to 2,000 text
 * nodes and cells, 2,000 observations in the renderer, and had it compute 2,000 intersections on
 * every frame that changed anything: on 2,000 rows, most of the heap we added.
 *
 * Instead, when the badges are placed: a few points of the screen are hit-tested; each hit climbs to
 * its "unit" (the largest ancestor at most half a screen high: a table row, a card, a list item);
 * units extend through their siblings while those are within a margin of the screen; each unit's
 * text is scanned with the whole-page scan's rules. A unit much taller than the screen (a long log in
 * one `<pre>`) is read only around the text under the hit points. Nothing is kept between passes.
 * The work is bounded whatever the page: points × (climb + siblings) × a unit's text.
 */
import { inSkippedSubtree, scanIccids, scanTextAround, type IccidOccurrence } from '../../lib/portal/scanner';
import { invoke, prop } from '../../lib/portal/safe-dom';

/** Hit-test points: columns across the screen… */
const COLUMNS = [0.08, 0.25, 0.42, 0.58, 0.75, 0.92];
/** …and a row of points every so many CSS pixels down it. */
const ROW_STEP = 48;
/** Siblings visited either way from a unit (rows of a table near the screen: a few dozen). */
const MAX_SIBLINGS = 120;
/** Units scanned in one pass. */
const MAX_UNITS = 400;
/** A unit taller than this many screens is read around its hit points only. */
const TALL_SCREENS = 2;
/** Characters read either side of a hit point in a tall unit's text. */
const TEXT_RADIUS = 4000;
/** ICCIDs reported in one pass (the badges keep the nearest MAX_BADGES of them). */
const MAX_OCCURRENCES = 400;

export interface NearScreenOptions {
  /** Pixels above and below the screen that count as near (badges ready before they scroll in). */
  readonly margin: number;
  /** Our own hosts, by reference: their content is never scanned (issue 14). */
  readonly isOwnHost: (el: Element) => boolean;
  /** True for a node in one of our hosts (a badge under a hit point: look beneath it). */
  readonly isInOwnHost: (node: Node) => boolean;
}

/** The ICCID occurrences in and near the screen, in no particular order. Never throws on page content. */
export function iccidsNearScreen(doc: Document, opts: NearScreenOptions): IccidOccurrence[] {
  const win = prop<Window | null>(doc, 'defaultView');
  const width = win?.innerWidth ?? 0;
  const height = win?.innerHeight ?? 0;
  if (width === 0 || height === 0) return [];
  const root = prop<Element | null>(doc, 'documentElement') ?? null;
  const body = prop<Element | null>(doc, 'body') ?? null;
  const top = -opts.margin;
  const bottom = height + opts.margin;
  const rects = new Map<Element, DOMRect>();
  const rectOf = (el: Element): DOMRect => {
    let r = rects.get(el);
    if (r === undefined) {
      r = invoke<DOMRect>(el, 'getBoundingClientRect') ?? ({ top: 0, bottom: 0, height: 0 } as DOMRect);
      rects.set(el, r);
    }
    return r;
  };
  const isFrame = (el: Element | null) => el === null || el === root || el === body;

  const units = new Set<Element>();
  const tall = new Map<Text, number[]>();
  const hits = new Set<Element>();
  for (let y = ROW_STEP / 2; y < height; y += ROW_STEP) {
    for (const fx of COLUMNS) {
      const x = fx * width;
      const hit = topmostPageElement(doc, x, y, opts);
      if (isFrame(hit) || hits.has(hit as Element)) continue;
      const el = hit as Element;
      hits.add(el);
      let unit = el;
      for (
        let p = prop<Element | null>(el, 'parentElement') ?? null;
        !isFrame(p);
        p = prop<Element | null>(p!, 'parentElement') ?? null
      ) {
        if (rectOf(p!).height > height / 2) break;
        unit = p!;
      }
      if (rectOf(unit).height > height * TALL_SCREENS) {
        // A tall unit: read around the text under this point, not the whole of it.
        const at = caretAt(doc, x, y);
        if (at !== null) {
          const offsets = tall.get(at.node) ?? [];
          offsets.push(at.offset);
          tall.set(at.node, offsets);
        }
        continue;
      }
      units.add(unit);
    }
  }
  // Rows between the hit points, and those within the margin above and below the screen.
  for (const unit of [...units]) {
    for (const next of ['previousElementSibling', 'nextElementSibling'] as const) {
      let sibling = prop<Element | null>(unit, next) ?? null;
      for (let n = 0; sibling !== null && n < MAX_SIBLINGS && units.size < MAX_UNITS; n++) {
        const r = rectOf(sibling);
        if (r.height > 0 && (r.bottom < top || r.top > bottom)) break;
        if (r.height > 0 && r.height <= height * TALL_SCREENS) units.add(sibling);
        sibling = prop<Element | null>(sibling, next) ?? null;
      }
    }
  }

  const found: IccidOccurrence[] = [];
  for (const unit of units) {
    if (found.length >= MAX_OCCURRENCES) break;
    // A unit inside another one is read with it (a hit on a cell, another on its row).
    if (hasUnitAncestor(unit, units)) continue;
    if (inSkippedSubtree(unit, opts.isOwnHost)) continue;
    found.push(
      ...scanIccids(unit, { isOwnHost: opts.isOwnHost, maxOccurrences: MAX_OCCURRENCES }).occurrences,
    );
  }
  for (const [node, offsets] of tall) {
    const parent = prop<Element | null>(node, 'parentElement') ?? null;
    if (parent === null || inSkippedSubtree(parent, opts.isOwnHost)) continue;
    const seen = new Set<number>();
    for (const offset of offsets)
      for (const o of scanTextAround(node, offset, TEXT_RADIUS))
        if (!seen.has(o.startOffset) && found.length < MAX_OCCURRENCES) {
          seen.add(o.startOffset);
          found.push(o);
        }
  }
  return found;
}

function hasUnitAncestor(el: Element, units: ReadonlySet<Element>): boolean {
  for (
    let p = prop<Element | null>(el, 'parentElement') ?? null;
    p !== null;
    p = prop<Element | null>(p, 'parentElement') ?? null
  )
    if (units.has(p)) return true;
  return false;
}

/** The page's topmost element at a point, looking beneath our own hosts (a badge, the toggle). */
function topmostPageElement(doc: Document, x: number, y: number, opts: NearScreenOptions): Element | null {
  const hit = invoke<Element | null>(doc, 'elementFromPoint', x, y) ?? null;
  if (hit === null || !opts.isInOwnHost(hit)) return hit;
  const stack = invoke<Element[]>(doc, 'elementsFromPoint', x, y) ?? [];
  return stack.find((el) => !opts.isInOwnHost(el)) ?? null;
}

/** The text node and offset under a point (standard caretPositionFromPoint, else WebKit's caretRangeFromPoint). */
function caretAt(doc: Document, x: number, y: number): { node: Text; offset: number } | null {
  const position = invoke<{ offsetNode: Node; offset: number } | null>(doc, 'caretPositionFromPoint', x, y);
  const range = position ? null : invoke<Range | null>(doc, 'caretRangeFromPoint', x, y);
  const node = position?.offsetNode ?? range?.startContainer ?? null;
  const offset = position?.offset ?? range?.startOffset ?? 0;
  return node !== null && node.nodeType === 3 ? { node: node as Text, offset } : null;
}
