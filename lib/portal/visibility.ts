/**
 * "Read what the agent sees" (DESIGN §3, issue 14): whether a candidate container — a section under a
 * heading, an eSIM row, a plan row, the element holding a label — is shown to the agent. A portal
 * may keep a stale view of another subscriber in its DOM (`display:none`, `hidden`, `aria-hidden`,
 * `visibility:hidden`, off-screen, zero-size, `inert`); the extraction must not read it.
 *
 * Cheap by design: asked only about candidate containers (a few per rule, at most a few hundred rows),
 * never per text node, and memoised per extraction. In a browser, `Element.checkVisibility()` and
 * `getBoundingClientRect()` answer from the layout the page has (one style/layout flush per
 * extraction at most); where there is no layout (jsdom in unit tests: no `checkVisibility`, every box
 * is 0×0), the rule is attributes + computed `display`/`visibility` only.
 *
 * No DOM globals (lib/ rule): the window is the element's own `ownerDocument.defaultView`, read
 * through safe-dom (a page can clobber `document.defaultView` with `<embed name="defaultView">`).
 */
import { attr, invoke, parentOf, prop, tagOf } from './safe-dom';

/** Answers "is this element shown to the agent?" for one extraction (memoised). */
export type IsShown = (el: Element) => boolean;

/** Boxes this small or smaller are not content (the "visually hidden" 1×1 clip pattern included). */
const MIN_BOX = 1;

interface Rect {
  readonly width: number;
  readonly height: number;
  readonly right: number;
  readonly bottom: number;
}

/** An element hidden by its own attributes: `hidden`, `aria-hidden="true"`, `inert`. */
function hiddenByAttribute(el: Element): boolean {
  if (attr(el, 'hidden') !== null || attr(el, 'inert') !== null) return true;
  const aria = attr(el, 'aria-hidden');
  return aria !== null && aria.trim().toLowerCase() === 'true';
}

/**
 * A fresh visibility test for one read of `doc`. `layout` forces the rule (tests); by default it is
 * on when the document has a window and the engine has `Element.checkVisibility` (Chromium 105+,
 * Firefox 106+).
 */
export function newVisibility(doc: Document, layout?: boolean): IsShown {
  const view = prop<Window | null>(doc, 'defaultView') ?? null;
  const root = prop<Element | null>(doc, 'documentElement') ?? null;
  const probe = root === null ? undefined : (root as unknown as Record<string, unknown>)['checkVisibility'];
  // A document with no window (a DOMParser snapshot, as Options' "Test on an open tab" reads) is
  // never rendered: `checkVisibility` says false for everything there, so only attributes count.
  const hasLayout = view !== null && (layout ?? typeof probe === 'function');
  // Attribute verdicts of ancestors are shared by every candidate under them.
  const byAttribute = new Map<Element, boolean>();
  const verdicts = new Map<Element, boolean>();

  const attributeHidden = (el: Element): boolean => {
    const path: Element[] = [];
    let hidden = false;
    for (let e: Element | null = el; e !== null; e = parentOf(e)) {
      const known = byAttribute.get(e);
      if (known !== undefined) {
        hidden = known;
        break;
      }
      path.push(e);
      if (hiddenByAttribute(e)) {
        hidden = true;
        break;
      }
    }
    // Every element on the path below a hidden one is hidden; none of them is when nothing was found.
    for (const e of path) byAttribute.set(e, hidden);
    return hidden;
  };

  // `getComputedStyle` is an own property of a window (operations of a [Global] interface live on the
  // object, not its prototype), so it is called on the window itself. A window's own properties win
  // over named elements (clobbering), and the page cannot redefine them in our isolated world.
  const style = (el: Element): CSSStyleDeclaration | null =>
    view === null || typeof view.getComputedStyle !== 'function' ? null : view.getComputedStyle(el);

  /** Without layout: `display:none` on the element or an ancestor, or its own `visibility` (inherited). */
  const styleHidden = (el: Element): boolean => {
    const own = style(el);
    if (own === null) return false;
    if (own.visibility === 'hidden' || own.visibility === 'collapse') return true;
    for (let e: Element | null = el; e !== null; e = parentOf(e)) {
      const s = e === el ? own : style(e);
      if (s !== null && s.display === 'none') return true;
    }
    return false;
  };

  /** With layout: not rendered or invisible, zero-size, or placed where no scrolling reaches. */
  const layoutHidden = (el: Element): boolean => {
    // `opacityProperty: false`: a faded row is still there for the agent; the UI part handles opacity
    // tricks on our own controls.
    const rendered = invoke<boolean>(el, 'checkVisibility', {
      visibilityProperty: true,
      opacityProperty: false,
    });
    if (rendered === false) return !displayContents(el);
    const rect = invoke<Rect>(el, 'getBoundingClientRect');
    if (rect === undefined) return false;
    if (rect.width <= MIN_BOX || rect.height <= MIN_BOX) return !displayContents(el);
    // Off-screen: entirely left of or above the document's origin (negative offsets cannot be
    // scrolled to); content far to the right or below can be scrolled to and counts as shown. The
    // origin is the root element's box, so the current scroll position does not matter.
    const o = origin();
    if (rect.right <= o.left || rect.bottom <= o.top) return true;
    return clippedAway(parentOf(el));
  };

  let originBox: { left: number; top: number } | null = null;
  const origin = (): { left: number; top: number } => {
    if (originBox === null) {
      const r = root === null ? undefined : invoke<DOMRect>(root, 'getBoundingClientRect');
      originBox = { left: r?.left ?? 0, top: r?.top ?? 0 };
    }
    return originBox;
  };

  // A container that clips its overflow and is (nearly) zero-size hides everything in it
  // (`height:0; overflow:hidden`, the 1×1 "visually hidden" clip), though each child keeps its box.
  const clips = new Map<Element, boolean>();
  const clippedAway = (start: Element | null): boolean => {
    const path: Element[] = [];
    let hidden = false;
    for (let e = start; e !== null; e = parentOf(e)) {
      const known = clips.get(e);
      if (known !== undefined) {
        hidden = known;
        break;
      }
      path.push(e);
      // The root and body are left out: `body{overflow:hidden}` with absolutely placed content
      // (height 0) is a common app layout, and that overflow does not clip such content.
      const tag = tagOf(e);
      if (tag === 'html' || tag === 'body') continue;
      const s = style(e);
      if (s !== null && (s.overflowX !== 'visible' || s.overflowY !== 'visible')) {
        const r = invoke<Rect>(e, 'getBoundingClientRect');
        if (r !== undefined && (r.width <= MIN_BOX || r.height <= MIN_BOX) && s.display !== 'contents') {
          hidden = true;
          break;
        }
      }
    }
    for (const e of path) clips.set(e, hidden);
    return hidden;
  };

  /** `display: contents` has no box of its own: its children decide (checked as their own candidates). */
  const displayContents = (el: Element): boolean => style(el)?.display === 'contents';

  return (el: Element): boolean => {
    const known = verdicts.get(el);
    if (known !== undefined) return known;
    let shown: boolean;
    try {
      shown = !attributeHidden(el) && !(hasLayout ? layoutHidden(el) : styleHidden(el));
    } catch {
      shown = true; // a page that breaks the probe is read as before, never crashes the reader
    }
    verdicts.set(el, shown);
    return shown;
  };
}

/** For callers that have no visibility test (unit tests of a single rule): everything is shown. */
export const ALWAYS_SHOWN: IsShown = () => true;
