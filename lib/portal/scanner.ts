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
import { attr, docOf, invoke, prop, queryAll, tagOf } from './safe-dom';

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
}

/**
 * The attribute our in-page hosts carry (toggle button, badges, warnings). A label for finding
 * candidates cheaply, never trusted alone: see {@link ScanLimits.isOwnHost}.
 */
export const OWN_HOST_ATTRIBUTE = 'data-helpdesk-assistant';

// Subtrees the agent cannot see or act in, found by attribute in one selector query (issue 14: read
// what the agent sees). Hidden by CSS is not looked for here: that needs the style of every element,
// and the text scan must stay one cheap pass; the extraction checks its candidate containers instead.
const HIDDEN_SELECTOR = '[hidden],[aria-hidden],[inert]';

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
 * `maxIccids` unique ICCIDs (then `truncated` is true). Never throws on page content.
 */
export function scanIccids(root: Node, limits: ScanLimits = {}): IccidScan {
  const maxIccids = limits.maxIccids ?? 5000;
  const maxOccurrences = limits.maxOccurrences ?? 10_000;
  const maxChars = limits.maxChars ?? 5_000_000;
  const iccids: string[] = [];
  const occurrences: IccidOccurrence[] = [];
  const seen = new Set<string>();
  let truncated = false;
  let chars = 0;

  const isOwnHost = limits.isOwnHost ?? notOurs;
  const doc = docOf(root);
  const walker = invoke<TreeWalker>(doc, 'createTreeWalker', root, SHOW_ELEMENT_AND_TEXT);
  if (
    walker === undefined ||
    (prop<number>(root, 'nodeType') === 1 && isSkipped(root as Element, isOwnHost))
  ) {
    return { iccids, occurrences, truncated };
  }
  // Own hosts, editable regions and hidden subtrees, found by one selector query up front (usually
  // few): reading the attributes of every element of a big table cost more than the selector query.
  const marked = markedElements(root, isOwnHost);

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

  /** Records the matches of the current run; false once a limit is reached. */
  const flush = (): boolean => {
    if (count === 0) return true;
    if (runLength >= 19) {
      let text = (nodes[0] as Text).data;
      for (let i = 1; i < count; i++) text += (nodes[i] as Text).data;
      const matches = matchesOf(text, nodes, starts, count);
      for (const m of matches) {
        if (!seen.has(m.iccid)) {
          if (iccids.length >= maxIccids) return false;
          seen.add(m.iccid);
          iccids.push(m.iccid);
        }
        if (occurrences.length >= maxOccurrences) return false;
        const s = indexOf(starts, count, m.start, false);
        const e = indexOf(starts, count, m.end, true);
        occurrences.push({
          iccid: m.iccid,
          startNode: nodes[s] as Text,
          startOffset: m.start - (starts[s] as number),
          endNode: nodes[e] as Text,
          endOffset: m.end - (starts[e] as number),
        });
      }
    }
    count = 0;
    runLength = 0;
    return true;
  };

  let node: Node | null = walker.nextNode();
  while (node !== null) {
    // Text nodes cannot be clobbered; anything else the walker shows is an element (whose
    // `nodeType` a form could shadow, so only the text test is trusted).
    if (node.nodeType === 3) {
      const length = (node as Text).length;
      if (count !== 0) {
        // Text of another block does not join the run (table cells, blocks stay apart).
        block ??= blockOf(nodes[0] as Text);
        const owner = blockOf(node);
        if (owner !== block) {
          if (!flush()) {
            truncated = true;
            break;
          }
          block = owner;
        }
      } else {
        block = undefined;
      }
      chars += length;
      if (chars > maxChars) {
        truncated = true;
        break;
      }
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
      if (kind === SKIP || (marked !== null && marked.has(el))) {
        node = skipSubtree(walker);
        continue;
      }
      if (kind !== INLINE_KIND && count !== 0 && !flush()) {
        truncated = true;
        break;
      }
    }
    node = walker.nextNode();
  }
  if (!truncated && !flush()) truncated = true;
  return { iccids, occurrences, truncated };
}

/**
 * The elements under `root` whose subtree is not scanned because of an attribute: the extension's
 * own hosts and editable regions (`contenteditable` other than "false"). Null when there are none.
 */
function markedElements(root: Node, isOwnHost: (el: Element) => boolean): Set<Node> | null {
  let marked: Set<Node> | null = null;
  const selector = `[${OWN_HOST_ATTRIBUTE}],[contenteditable],${HIDDEN_SELECTOR}`;
  for (const el of queryAll(root as ParentNode, selector)) {
    if (isMarked(el, isOwnHost)) (marked ??= new Set()).add(el);
  }
  return marked;
}

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
 * ICCIDs of a run. The joined text finds ICCIDs split over inline elements; when the run has
 * several text nodes, each node is also read on its own, so a digit in a neighbouring element
 * ("Line 1" + "8944 …") cannot make an ICCID ambiguous and hide it.
 */
function matchesOf(
  text: string,
  nodes: readonly Text[],
  starts: readonly number[],
  count: number,
): IccidMatch[] {
  const joined = findIccids(text);
  if (count < 2) return joined;
  let extra: IccidMatch[] | null = null;
  for (let i = 0; i < count; i++) {
    const data = (nodes[i] as Text).data;
    if (data.length < 19) continue;
    const base = starts[i] as number;
    for (const m of findIccids(data)) {
      const start = base + m.start;
      const end = base + m.end;
      if (joined.some((j) => j.start < end && start < j.end)) continue;
      (extra ??= []).push({ iccid: m.iccid, start, end, raw: m.raw });
    }
  }
  return extra === null ? joined : [...joined, ...extra].sort((a, b) => a.start - b.start);
}

/** Index of the text node of the run that holds position `at` (`isEnd`: prefer the end of a node). */
function indexOf(starts: readonly number[], count: number, at: number, isEnd: boolean): number {
  let i = count - 1;
  while (i > 0 && ((starts[i] as number) > at || (isEnd && (starts[i] as number) === at))) i--;
  return i;
}
