/**
 * The generic ICCID scanner: on every enabled portal, with or without a profile, find the valid
 * (Luhn-checked) ICCIDs in the page text, with where they are so the content script can put an
 * inline badge after each one (DESIGN §1: "on any other page it still finds ICCIDs").
 *
 * Text is read from text nodes only (no `innerText`: it forces layout). Text nodes of one block are
 * joined, so an ICCID split over inline elements (`<span>8944 5000</span> <span>0000 …</span>`) is
 * found, while table cells, blocks and `<br>` stay apart (so neighbouring cells never glue into one
 * number). Bounded: a hostile page listing millions of numbers costs a fixed amount of work.
 */
import { findIccids, type IccidMatch } from '../telecom/iccid';
import { attr, docOf, invoke, prop, tagOf } from './safe-dom';

/** One place an ICCID occurs: a DOM Range's boundaries over the text nodes. */
export interface IccidOccurrence {
  readonly iccid: string;
  readonly startNode: Text;
  readonly startOffset: number;
  readonly endNode: Text;
  readonly endOffset: number;
}

/** What {@link scanIccids} found. */
export interface IccidScan {
  /** Unique valid ICCIDs (digits only), in page order. */
  readonly iccids: string[];
  /** Every occurrence in page order (an ICCID shown twice occurs twice). */
  readonly occurrences: IccidOccurrence[];
  /** True when a limit stopped the scan: the page holds more than was reported. */
  readonly truncated: boolean;
}

/** Limits of {@link scanIccids}. */
export interface ScanLimits {
  /** Unique ICCIDs to report (default 5000, the PageContext limit). */
  readonly maxIccids?: number;
  /** Occurrences to report (default 10,000). */
  readonly maxOccurrences?: number;
  /** Characters of text to read (default 5,000,000). */
  readonly maxChars?: number;
  /**
   * Whether an element carrying {@link OWN_HOST_ATTRIBUTE} really is one of the extension's hosts,
   * by reference (the content script keeps them in a WeakSet). The attribute alone proves nothing: a
   * page can put it on its own `<main>` (issue 14). Without this test, no element counts as ours.
   */
  readonly isOwnHost?: (el: Element) => boolean;
  /**
   * False: report the ICCIDs only, no occurrence (no reference to the page's text nodes is made).
   * The content script's whole-page read needs the list, not where each one is (issue 15 item 3:
   * 2,000 occurrences held a reference to 2,000 text nodes each read).
   */
  readonly occurrences?: boolean;
}

/**
 * The attribute our in-page hosts carry (toggle button, badges, warnings). A label for finding
 * candidates cheaply, never trusted alone: see {@link ScanLimits.isOwnHost}.
 */
export const OWN_HOST_ATTRIBUTE = 'data-helpdesk-assistant';

// Subtrees the agent cannot see or act in are skipped by attribute — `hidden`, `inert`,
// `aria-hidden="true"` (issue 14: read what the agent sees) — recognised during the walk (see
// isMarked). Hidden by CSS is not looked for here: that needs the style of every element, and the
// text scan must stay one cheap pass; the extraction checks its candidate containers instead.

// Subtrees that are not page text a person reads as such: code, styles, form fields and SVG.
// Editable regions and the extension's own hosts are skipped by attribute (see isSkipped).
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'select',
  'svg',
  'iframe',
  'object',
]);

// Elements that do not break a line of text: text on either side belongs to the same run.
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'nobr',
]);

const SHOW_ELEMENT_AND_TEXT = 1 | 4;

// What a tag means to the walk, looked up once per element: skip its subtree, or stay in the run.
const SKIP = 1;
const INLINE_KIND = 2;
const TAG_KIND = new Map<string, number>();
for (const tag of SKIP_TAGS) TAG_KIND.set(tag, SKIP);
for (const tag of INLINE) TAG_KIND.set(tag, INLINE_KIND);

/**
 * Scans the text under `root` (a document or an element) for valid ICCIDs. Skips `<script>`,
 * `<style>`, `<textarea>`, `<select>`, editable regions and the extension's own hosts. Stops after
 * `maxIccids` unique ICCIDs (then `truncated` is true). Never throws on page content. One shot: the
 * content script runs the same scan in slices through {@link startIccidScan}.
 */
export function scanIccids(root: Node, limits: ScanLimits = {}): IccidScan {
  const scan = startIccidScan(root, limits);
  scan.step(() => false);
  return scan.result();
}

/** A scan that runs in slices (issue 15): `step` works until `shouldYield()` says so or the scan ends. */
export interface SlicedIccidScan {
  /** Scans on until done (returns true) or until `shouldYield()` returns true (returns false). */
  step(shouldYield: () => boolean): boolean;
  /** What was found so far (all of it once `step` returned true). */
  result(): IccidScan;
}

// Text read per piece of a long run: a 5 MB text node is searched a piece at a time, so a slice
// stays short and nothing of the node is dropped. Pieces end where no digit chain can span (see cutAt).
const PIECE = 32_768;
// How often the walk asks whether to yield: every so many nodes (asking costs a clock read).
const CHECK_EVERY = 128;

/** Internal knobs of {@link startIccidScan}, for tests that cut pieces small. */
export interface ScanTuning {
  /** Characters of a run searched at once (default 32,768). */
  readonly piece?: number;
}

/**
 * Starts a scan of `root` that {@link SlicedIccidScan.step} runs piece by piece. It finds exactly
 * what {@link scanIccids} finds on the same, unchanged DOM: a long run of text is cut only where no
 * digit chain crosses the cut, so an ICCID is never split between pieces.
 */
export function startIccidScan(
  root: Node,
  limits: ScanLimits = {},
  tuning: ScanTuning = {},
): SlicedIccidScan {
  const maxIccids = limits.maxIccids ?? 5000;
  const maxOccurrences = limits.maxOccurrences ?? 10_000;
  const collect = limits.occurrences !== false;
  // Issue 15: high enough that a 5 MB text node is read whole; the slices keep the page responsive.
  const maxChars = limits.maxChars ?? 20_000_000;
  const piece = Math.max(1, tuning.piece ?? PIECE);
  const iccids: string[] = [];
  const occurrences: IccidOccurrence[] = [];
  const seen = new Set<string>();
  let truncated = false;
  let done = false;
  let chars = 0;
  const result = (): IccidScan => ({ iccids, occurrences, truncated });

  const isOwnHost = limits.isOwnHost ?? notOurs;
  const doc = docOf(root);
  const walker = invoke<TreeWalker>(doc, 'createTreeWalker', root, SHOW_ELEMENT_AND_TEXT);
  if (
    walker === undefined ||
    (prop<number>(root, 'nodeType') === 1 && isSkipped(root as Element, isOwnHost))
  ) {
    return { step: () => true, result };
  }
  // Own hosts, editable regions and hidden subtrees are recognised during the walk, which runs in
  // slices (issue 15): one selector query for them up front was a single 60–80 ms task on a
  // 100,000-row page.

  // The current run of text: its text nodes, and how much text they hold. Their `data` is read only
  // when the run is long enough to hold an ICCID: most text nodes of a table are short cells, and
  // reading a text node's string costs far more than reading its length.
  // `count` entries of the arrays are in use (they are reused, never shrunk).
  const nodes: Text[] = [];
  const starts: number[] = [];
  let count = 0;
  let runLength = 0;
  // The nearest non-inline ancestor of the run's nodes; undefined until it is needed (a run that
  // starts right after a block element, like a table cell's text, is usually flushed before).
  let block: Node | null | undefined;
  // A long run being searched piece by piece (its own copies of the node list), and where it is.
  let pending: { text: string; nodes: Text[]; starts: number[]; count: number; pos: number } | null = null;
  // Set when the character limit cut the walk: stop once the current run is searched.
  let capped = false;
  // The walk is over and its last run flushed: what is pending is all that is left.
  let ended = false;
  // The node the walk moved to while skipping a subtree: the next one to visit (null: none left).
  let ahead: Node | null | undefined;

  /** Records `matches`; false once a limit is reached. */
  const record = (
    matches: readonly IccidMatch[],
    runNodes: readonly Text[],
    runStarts: readonly number[],
    n: number,
  ): boolean => {
    for (const m of matches) {
      if (!seen.has(m.iccid)) {
        if (iccids.length >= maxIccids) return false;
        seen.add(m.iccid);
        iccids.push(m.iccid);
      }
      if (!collect) continue;
      if (occurrences.length >= maxOccurrences) return false;
      const s = indexOf(runStarts, n, m.start, false);
      const e = indexOf(runStarts, n, m.end, true);
      occurrences.push({
        iccid: m.iccid,
        startNode: runNodes[s] as Text,
        startOffset: m.start - (runStarts[s] as number),
        endNode: runNodes[e] as Text,
        endOffset: m.end - (runStarts[e] as number),
      });
    }
    return true;
  };

  /** Searches the pending run's next piece; false once a limit is reached. */
  const searchPiece = (): boolean => {
    const p = pending as NonNullable<typeof pending>;
    const end = cutAt(p.text, p.pos + piece);
    const ok = record(matchesOf(p.text, p.pos, end, p.nodes, p.starts, p.count), p.nodes, p.starts, p.count);
    p.pos = end;
    if (end >= p.text.length) pending = null;
    return ok;
  };

  /** Ends the current run: searches it now when short, or leaves it pending; false at a limit. */
  const flush = (): boolean => {
    if (count === 0) return true;
    const n = count;
    const length = runLength;
    count = 0;
    runLength = 0;
    if (length < 19) return true;
    let text = (nodes[0] as Text).data;
    for (let i = 1; i < n; i++) text += (nodes[i] as Text).data;
    // The character limit may end the run inside its last node.
    if (text.length > length) text = text.slice(0, length);
    if (length <= piece) return record(matchesOf(text, 0, length, nodes, starts, n), nodes, starts, n);
    pending = { text, nodes: nodes.slice(0, n), starts: starts.slice(0, n), count: n, pos: 0 };
    return true;
  };

  const step = (shouldYield: () => boolean): boolean => {
    if (done) return true;
    let sinceCheck = 0;
    const stop = (hitLimit: boolean) => {
      if (hitLimit) truncated = true;
      done = true;
      pending = null;
      nodes.length = starts.length = 0;
      return true;
    };
    for (;;) {
      while (pending !== null) {
        if (!searchPiece()) return stop(true);
        if (shouldYield()) return false;
      }
      if (ended) return stop(false);
      const node = capped ? null : ahead !== undefined ? ahead : walker.nextNode();
      ahead = undefined;
      if (node === null) {
        if (!flush()) return stop(true);
        ended = true;
        continue;
      }
      if (!visit(node)) return stop(true);
      if (++sinceCheck >= CHECK_EVERY) {
        sinceCheck = 0;
        if (shouldYield()) return false;
      }
    }
  };

  /** Takes one node of the walk into the run; false once a limit is reached. */
  const visit = (node: Node): boolean => {
    // Text nodes cannot be clobbered; anything else the walker shows is an element (whose
    // `nodeType` a form could shadow, so only the text test is trusted).
    if (node.nodeType === 3) {
      let length = (node as Text).length;
      if (count !== 0) {
        // Text of another block does not join the run (table cells, blocks stay apart).
        block ??= blockOf(nodes[0] as Text);
        const owner = blockOf(node);
        if (owner !== block) {
          if (!flush()) return false;
          block = owner;
        }
      } else {
        block = undefined;
      }
      if (chars + length > maxChars) {
        // Read up to the limit, never drop the node that crosses it (issue 15), and stop there.
        length = maxChars - chars;
        capped = true;
        truncated = true;
      }
      chars += length;
      starts[count] = runLength;
      nodes[count] = node as Text;
      count++;
      runLength += length;
    } else {
      const el = node as Element;
      let tag: unknown = el.localName;
      // Only a <form> can have its built-ins shadowed (by its named controls): read it safely.
      if (typeof tag !== 'string' || tag === 'form') tag = tagOf(el);
      const kind = TAG_KIND.get(tag as string);
      if (kind === SKIP || (mayBeMarked(el, tag as string) && isMarked(el, isOwnHost))) {
        ahead = skipSubtree(walker);
        return true;
      }
      if (kind !== INLINE_KIND && count !== 0 && !flush()) return false;
    }
    return true;
  };

  return { step, result };
}

/**
 * The ICCIDs of one text node around position `at`: `radius` characters either side, widened so
 * that no digit chain is cut. For a text node far taller than the screen (a 5 MB log in a `<pre>`):
 * the badges read only what is near the screen of it (issue 15: "pay only for what is on screen").
 */
export function scanTextAround(node: Text, at: number, radius: number): IccidOccurrence[] {
  const data = node.data;
  let lo = Math.max(0, at - radius);
  while (lo > 0 && inChain(data.charCodeAt(lo - 1))) lo--;
  const hi = cutAt(data, Math.min(data.length, at + radius));
  return findIccids(data.slice(lo, hi)).map((m) => ({
    iccid: m.iccid,
    startNode: node,
    startOffset: lo + m.start,
    endNode: node,
    endOffset: lo + m.end,
  }));
}

/** True for a character a digit chain can hold (digits and the group separators, see findIccids). */
function inChain(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    code === 0x20 ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0xa0 ||
    code === 0x202f
  );
}

/**
 * Where a piece that should end near `at` ends: at the first character from `at` on that no digit
 * chain can hold, so no chain (and no ICCID, nor the ambiguity of a longer number) spans two
 * pieces. A chain is read whole, however long.
 */
function cutAt(text: string, at: number): number {
  let i = at;
  while (i < text.length && inChain(text.charCodeAt(i))) i++;
  return Math.min(i, text.length);
}

/**
 * False for an element with no attribute at all, most cells and rows of a big table: one native call,
 * nothing allocated. Only a <form> can have `hasAttributes` shadowed by a named control.
 */
function mayBeMarked(el: Element, tag: string): boolean {
  return tag === 'form' || typeof el.hasAttributes !== 'function' || el.hasAttributes();
}

/** An element not scanned because of an attribute: an editable region, a hidden subtree, or ours. */
function isMarked(el: Element, isOwnHost: (el: Element) => boolean): boolean {
  if (isEditable(attr(el, 'contenteditable'))) return true;
  if (attr(el, 'hidden') !== null || attr(el, 'inert') !== null) return true;
  const aria = attr(el, 'aria-hidden');
  if (aria !== null && aria.trim().toLowerCase() === 'true') return true;
  return attr(el, OWN_HOST_ATTRIBUTE) !== null && isOwnHost(el);
}

const notOurs = (): boolean => false;

/**
 * True for an element whose subtree is not scanned: a SKIP_TAGS element, an editable region
 * (`contenteditable` other than "false"), a hidden subtree, or one of the extension's own hosts.
 */
function isSkipped(el: Element, isOwnHost: (el: Element) => boolean): boolean {
  return SKIP_TAGS.has(tagOf(el)) || isMarked(el, isOwnHost);
}

/**
 * True when `el` or one of its ancestors is a subtree the scan skips (see {@link isSkipped}): for
 * scanning a part of the page (the rows near the screen) with the whole-page scan's rules.
 */
export function inSkippedSubtree(el: Element, isOwnHost: (el: Element) => boolean = notOurs): boolean {
  for (let p: Element | null = el; p !== null; p = prop<Element | null>(p, 'parentElement') ?? null)
    if (isSkipped(p, isOwnHost)) return true;
  return false;
}

function isEditable(value: string | null): boolean {
  return value !== null && value.toLowerCase() !== 'false';
}

/** The nearest ancestor of a text node that is not an inline element. */
function blockOf(node: Node): Node | null {
  let p = node.parentNode;
  while (p !== null) {
    const tag = (p as Element).localName;
    if (typeof tag !== 'string' || !INLINE.has(tag)) return p;
    p = p.parentNode;
  }
  return null;
}

/** Moves the walker past the current node's subtree; returns the next node or null. */
function skipSubtree(walker: TreeWalker): Node | null {
  let next = walker.nextSibling();
  while (next === null) {
    if (walker.parentNode() === null) return null;
    next = walker.nextSibling();
  }
  return next;
}

/**
 * ICCIDs of `text[from, to)`, a piece of a run (offsets in the run). The joined text finds ICCIDs
 * split over inline elements; when the run has several text nodes, each node is also read on its
 * own, so a digit in a neighbouring element ("Line 1" + "8944 …") cannot make an ICCID ambiguous
 * and hide it. Piece ends never cut a chain (cutAt), so a piece reads as the whole run would.
 */
function matchesOf(
  text: string,
  from: number,
  to: number,
  nodes: readonly Text[],
  starts: readonly number[],
  count: number,
): IccidMatch[] {
  const whole = from === 0 && to === text.length;
  const joined = shift(findIccids(whole ? text : text.slice(from, to)), from);
  if (count < 2) return joined;
  let extra: IccidMatch[] | null = null;
  for (let i = 0; i < count; i++) {
    const base = starts[i] as number;
    const next = i + 1 < count ? (starts[i + 1] as number) : text.length;
    if (next - base < 19 || next <= from || base >= to) continue;
    const lo = Math.max(base, from);
    const hi = Math.min(next, to);
    if (hi - lo < 19) continue;
    for (const m of findIccids(text.slice(lo, hi))) {
      const start = lo + m.start;
      const end = lo + m.end;
      if (joined.some((j) => j.start < end && start < j.end)) continue;
      (extra ??= []).push({ iccid: m.iccid, start, end, raw: m.raw });
    }
  }
  return extra === null ? joined : [...joined, ...extra].sort((a, b) => a.start - b.start);
}

function shift(matches: IccidMatch[], by: number): IccidMatch[] {
  if (by === 0) return matches;
  return matches.map((m) => ({ ...m, start: m.start + by, end: m.end + by }));
}

/** Index of the text node of the run that holds position `at` (`isEnd`: prefer the end of a node). */
function indexOf(starts: readonly number[], count: number, at: number, isEnd: boolean): number {
  let i = count - 1;
  while (i > 0 && ((starts[i] as number) > at || (isEnd && (starts[i] as number) === at))) i--;
  return i;
}
