/**
 * Finding things on a portal page the way a person describes them: "the eSIMs section", "the value
 * next to the label ICCID", "the eSIM column". Shared by the extraction engine and the form helpers.
 *
 * Every DOM built-in goes through `safe-dom.ts` (the page may clobber `document.*` and `form.*`),
 * only `textContent`/`value`/attributes are read, and each rule costs one `querySelectorAll` at most
 * per scope — no per-row queries over the whole document. No zod (content script).
 */
import type { Locator, ValueRule } from './profile-schema';
import {
  attr,
  docOf,
  invoke,
  matchesSelector,
  nextOf,
  parentOf,
  prop,
  queryAll,
  queryOne,
  rawText,
  tagOf,
  ELEMENT_NODE,
} from './safe-dom';
import { labelKey, labelKeys, normalizeText } from './values';
import { ALWAYS_SHOWN, type IsShown } from './visibility';

/** Where a rule looks: one or more subtrees (the document, a section's elements, an eSIM row). */
export type Scope = readonly ParentNode[];

/** Per-extraction memo: sections by heading, column maps by table, label indexes by scope root. */
export interface LocateCache {
  readonly sections: Map<string, Element[] | null>;
  readonly columns: Map<Element, Map<string, number>>;
  readonly textIndex: Map<ParentNode, Map<string, TextHit[]>>;
  /** The document's headings, queried once per extraction. */
  documentHeadings: Element[] | null;
  /** Every label key the profile uses: the text index only records these. */
  readonly wantedKeys: Set<string>;
  /** First characters of {@link wantedKeys}, a cheap filter before normalising a text node. */
  readonly wantedFirst: Set<string>;
  /** Longest wanted key, to skip long text nodes early. */
  maxKeyLength: number;
  /**
   * Whether a candidate (a heading, the element holding a label) is shown to the agent: content the
   * agent cannot see is not read (issue 14). Asked per candidate, never per text node.
   */
  readonly isShown: IsShown;
}

/** A text node whose text is a wanted label, or starts with "label:" followed by the value. */
interface TextHit {
  readonly node: Text;
  /** The text after "label:" in the same text node, when there was some. */
  readonly inline?: string;
}

/** A fresh cache for one extraction (or one form lookup); `isShown` defaults to "everything is shown". */
export function newLocateCache(isShown: IsShown = ALWAYS_SHOWN): LocateCache {
  return {
    isShown,
    sections: new Map(),
    columns: new Map(),
    textIndex: new Map(),
    documentHeadings: null,
    wantedKeys: new Set(),
    wantedFirst: new Set(),
    maxKeyLength: 0,
  };
}

/**
 * Registers the label keys of `label` so the text index will record them. Register every label of a
 * profile before the first lookup: a new key afterwards makes the index be rebuilt.
 */
export function wantLabel(cache: LocateCache, label: string | readonly string[] | undefined): void {
  if (label === undefined) return;
  for (const key of labelKeys(label)) {
    if (cache.wantedKeys.has(key)) continue;
    cache.textIndex.clear();
    cache.wantedKeys.add(key);
    cache.wantedFirst.add(key.charAt(0));
    if (key.length > cache.maxKeyLength) cache.maxKeyLength = key.length;
  }
}

const HEADING_SELECTOR = 'h1,h2,h3,h4,h5,h6,[role="heading"]';
const CONTROL_SELECTOR = 'input,select,textarea';
// NodeFilter.SHOW_TEXT, spelled out (lib/ uses no DOM globals).
const SHOW_TEXT = 4;

function headingLevel(el: Element): number {
  const tag = tagOf(el);
  if (tag.length === 2 && tag.charAt(0) === 'h') {
    const n = Number(tag.charAt(1));
    if (n >= 1 && n <= 6) return n;
  }
  const aria = Number(attr(el, 'aria-level'));
  return Number.isInteger(aria) && aria >= 1 ? aria : 2;
}

// "eSIMs (2)", "eSIMs 2": a count after the heading's text is decoration.
const TRAILING_COUNT = /\s*[([]?\d+[)\]]?$/;

/** Finds the heading whose text is the label: exact first, then one starting with it ("eSIMs Add line"). */
function findHeading(roots: Scope, keys: readonly string[], cache: LocateCache): Element | null {
  let prefixed: Element | null = null;
  const isDocument = roots.length === 1 && prop<number>(roots[0] as Node, 'nodeType') === 9;
  for (const root of roots) {
    const headings = isDocument
      ? (cache.documentHeadings ??= queryAll(root, HEADING_SELECTOR))
      : queryAll(root, HEADING_SELECTOR);
    for (const h of headings) {
      const k = labelKey(rawText(h));
      const exact = keys.includes(k) || keys.includes(k.replace(TRAILING_COUNT, ''));
      const prefix = !exact && prefixed === null && keys.some((key) => k.startsWith(key + ' '));
      // Visibility is asked only of headings that match: a hidden stale view's heading is skipped.
      if ((exact || prefix) && !cache.isShown(h)) continue;
      if (exact) return h;
      if (prefix) prefixed = h;
    }
  }
  return prefixed;
}

function holdsHeadingUpTo(el: Element, level: number, except: Element | null): boolean {
  for (const h of queryAll(el, HEADING_SELECTOR)) {
    if (except !== null && invoke<boolean>(except, 'contains', h) === true) continue;
    if (headingLevel(h) <= level) return true;
  }
  return false;
}

/**
 * The section a heading introduces: climb from the heading while the parent holds no other heading
 * of the same or a higher rank (so a card whose header holds the heading counts as the section),
 * then take that element and its following siblings up to the next heading of that rank.
 */
function sectionOf(heading: Element): Element[] {
  const level = headingLevel(heading);
  let el = heading;
  for (;;) {
    const parent = parentOf(el);
    if (parent === null) break;
    const tag = tagOf(parent);
    if (tag === 'body' || tag === 'html') break;
    if (holdsHeadingUpTo(parent, level, el)) break;
    el = parent;
  }
  const out: Element[] = el === heading ? [] : [el];
  for (let sib = nextOf(el); sib !== null; sib = nextOf(sib)) {
    const tag = tagOf(sib);
    if (tag === 'script' || tag === 'style' || tag === 'template') continue;
    const isHeading = matchesSelector(sib, HEADING_SELECTOR);
    if ((isHeading && headingLevel(sib) <= level) || holdsHeadingUpTo(sib, level, null)) break;
    out.push(sib);
  }
  return out;
}

/**
 * How many headings labelled `heading` the agent sees within `roots`, counting up to `max`. Two
 * "Subscriber details" on screen mean two subscribers: the page is ambiguous (issue 14).
 */
export function countShownHeadings(
  roots: Scope,
  heading: string | readonly string[],
  cache: LocateCache,
  max = 2,
): number {
  const keys = labelKeys(heading);
  let n = 0;
  for (const root of roots) {
    for (const h of queryAll(root, HEADING_SELECTOR)) {
      const k = labelKey(rawText(h));
      if (!keys.includes(k) && !keys.includes(k.replace(TRAILING_COUNT, ''))) continue;
      if (cache.isShown(h) && ++n >= max) return n;
    }
  }
  return n;
}

/** The elements of the section after the heading labelled `heading` within `roots`, or null when there is no such heading. */
export function sectionAfter(
  roots: Scope,
  heading: string | readonly string[],
  cache: LocateCache,
): Element[] | null {
  const keys = labelKeys(heading);
  const memo =
    roots.length === 1 && prop<number>(roots[0] as Node, 'nodeType') === 9 ? keys.join('\u0000') : null;
  if (memo !== null && cache.sections.has(memo)) return cache.sections.get(memo) ?? null;
  const h = findHeading(roots, keys, cache);
  const section = h === null ? null : sectionOf(h);
  if (memo !== null) cache.sections.set(memo, section);
  return section;
}

/** `querySelectorAll` over every root of a scope; section roots count themselves when they match. */
export function queryIn(roots: Scope, css: string, includeRoots: boolean): Element[] {
  const out: Element[] = [];
  for (const root of roots) {
    if (
      includeRoots &&
      prop<number>(root as Node, 'nodeType') === ELEMENT_NODE &&
      matchesSelector(root as Element, css)
    ) {
      out.push(root as Element);
    }
    for (const el of queryAll(root, css)) out.push(el);
  }
  return out;
}

/**
 * The rows of a table, in document order, without rows of nested tables. Walks the children
 * rather than using `table.rows`: some DOM implementations (jsdom) rebuild that collection on
 * every index access, which makes a 10,000-row table quadratic. Tables, sections and rows cannot
 * be clobbered (only documents and forms can), so their element links are read directly.
 */
function rowsOf(table: Element): Element[] {
  const out: Element[] = [];
  for (let sec = table.firstElementChild; sec !== null; sec = sec.nextElementSibling) {
    const tag = sec.localName;
    if (tag === 'tr') out.push(sec);
    else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') {
      for (let row = sec.firstElementChild; row !== null; row = row.nextElementSibling)
        if (row.localName === 'tr') out.push(row);
    }
  }
  return out;
}

/** The cells (`td`/`th`) of a table row. */
function cellsOf(row: Element): Element[] {
  const out: Element[] = [];
  for (let cell = row.firstElementChild; cell !== null; cell = cell.nextElementSibling) {
    const tag = cell.localName;
    if (tag === 'td' || tag === 'th') out.push(cell);
  }
  return out;
}

function colSpanOf(cell: Element): number {
  const span = prop<number>(cell, 'colSpan') ?? 1;
  return span > 1 ? span : 1;
}

/** True when a table row is a header row: inside `<thead>`, or made of `<th>` cells only. */
function isHeaderRow(row: Element, cells: readonly Element[] = cellsOf(row)): boolean {
  const parent = parentOf(row);
  if (parent !== null && tagOf(parent) === 'thead') return true;
  if (cells.length === 0) return false;
  for (const cell of cells) if (cell.localName !== 'th') return false;
  return true;
}

/**
 * The data rows of a table: not its header rows, not rows of nested tables, and not full-width
 * single-cell rows (a detail row holding a nested table, or a "No plans on this eSIM." placeholder).
 */
export function dataRows(table: Element): Element[] {
  const out: Element[] = [];
  for (const row of rowsOf(table)) {
    const cells = cellsOf(row);
    if (isHeaderRow(row, cells)) continue;
    if (cells.length === 1 && colSpanOf(cells[0] as Element) > 1) continue;
    out.push(row);
  }
  return out;
}

/** Column index of each header label of a table (colspans counted), memoised per table. */
function columnsOf(table: Element, cache: LocateCache): Map<string, number> {
  let map = cache.columns.get(table);
  if (map !== undefined) return map;
  map = new Map();
  for (const row of rowsOf(table)) {
    const cells = cellsOf(row);
    if (!isHeaderRow(row, cells)) break; // header rows come first; stop at the first data row
    let col = 0;
    for (const cell of cells) {
      const key = labelKey(rawText(cell));
      if (key !== '' && !map.has(key)) map.set(key, col);
      col += colSpanOf(cell);
    }
  }
  cache.columns.set(table, map);
  return map;
}

/** The cell of `row` covering column `col` (colspans counted). */
function cellAt(row: Element, col: number): Element | null {
  let at = 0;
  for (const cell of cellsOf(row)) {
    at += colSpanOf(cell);
    if (col < at) return cell;
  }
  return null;
}

function closestTable(el: Element): Element | null {
  return invoke<Element | null>(el, 'closest', 'table') ?? null;
}

/** The cell under the column headed by one of `keys`, in a table row; null when no header matches. */
export function cellByColumn(row: Element, keys: readonly string[], cache: LocateCache): Element | null {
  if (tagOf(row) !== 'tr') return null;
  const table = closestTable(row);
  if (table === null) return null;
  const columns = columnsOf(table, cache);
  for (const key of keys) {
    const col = columns.get(key);
    if (col !== undefined) return cellAt(row, col);
  }
  return null;
}

/**
 * Rows a locator designates: `css` inside the (heading) scope; with only a heading, the data rows of
 * the section's first table (or its list items); with a label, the data rows of every table having
 * that column header. `within` re-roots the search (plan rows inside one eSIM card).
 */
export function findRows(doc: Document, loc: Locator, cache: LocateCache, within: Scope = [doc]): Element[] {
  let roots: Scope = within;
  if (loc.heading !== undefined) {
    const section = sectionAfter(roots, loc.heading, cache);
    if (section === null) return [];
    roots = section;
  }
  if (loc.css !== undefined) return queryIn(roots, loc.css, loc.heading !== undefined);
  if (loc.label !== undefined) {
    // Rows of every table with that column header, in page order (one plans table per eSIM).
    const keys = labelKeys(loc.label);
    const out: Element[] = [];
    const tables = new Set<Element>();
    for (const th of byKey(roots, 'th', keys, rawText)) {
      const headerRow = parentOf(th);
      const table = closestTable(th);
      if (headerRow === null || table === null || tables.has(table) || !isHeaderRow(headerRow)) continue;
      tables.add(table);
      for (const row of dataRows(table)) out.push(row);
    }
    return out;
  }
  const table = queryIn(roots, 'table', true)[0];
  if (table !== undefined) return dataRows(table);
  const list = queryIn(roots, 'ul,ol', true)[0];
  if (list !== undefined) return queryAll(list, ':scope > li');
  return [];
}

/** The visible value of an element: a control's value (a select's chosen option text), else its text. */
export function valueOf(el: Element, attribute?: string): string {
  if (attribute !== undefined) return normalizeText(attr(el, attribute) ?? '');
  const tag = tagOf(el);
  if (tag === 'select') {
    const option = selectedOption(el);
    return option === null ? '' : normalizeText(rawText(option));
  }
  if (tag === 'input' || tag === 'textarea') return normalizeText(prop<string>(el, 'value') ?? '');
  return normalizeText(rawText(el));
}

/** The selected `<option>` of a `<select>`, or null. */
export function selectedOption(select: Element): Element | null {
  const index = prop<number>(select, 'selectedIndex') ?? -1;
  if (index < 0) return null;
  const options = prop<HTMLCollectionOf<Element>>(select, 'options');
  return (options?.[index] as Element | undefined) ?? null;
}

/** A label's own text, without the text of a control it wraps (a `<select>`'s options). */
function ownLabelText(label: Element): string {
  let text = '';
  const walk = (node: Node): void => {
    for (
      let child = prop<Node | null>(node, 'firstChild') ?? null;
      child !== null;
      child = prop<Node | null>(child, 'nextSibling') ?? null
    ) {
      const type = prop<number>(child, 'nodeType');
      if (type === 3) text += (child as Text).data;
      else if (type === ELEMENT_NODE) {
        const tag = tagOf(child);
        if (tag !== 'select' && tag !== 'textarea' && tag !== 'datalist' && tag !== 'button') walk(child);
      }
    }
  };
  walk(label);
  return text;
}

/** The control a `<label>` names: its `for` target, else the control it wraps. */
function controlOfLabel(label: Element): Element | null {
  const id = attr(label, 'for');
  if (id !== null && id !== '') {
    const target = invoke<Element | null>(docOf(label), 'getElementById', id) ?? null;
    if (target !== null) return target;
  }
  return queryOne(label, CONTROL_SELECTOR);
}

/** Elements in `roots` matching `selector` whose key (computed by `text`) is one of `keys`. */
function byKey(
  roots: Scope,
  selector: string,
  keys: readonly string[],
  text: (el: Element) => string,
): Element[] {
  const out: Element[] = [];
  for (const root of roots)
    for (const el of queryAll(root, selector)) if (keys.includes(labelKey(text(el)))) out.push(el);
  return out;
}

/** Text nodes in `root` whose text is a wanted label key (or "key: value"), built once per root. */
function textIndexOf(root: ParentNode, cache: LocateCache): Map<string, TextHit[]> {
  let index = cache.textIndex.get(root);
  if (index !== undefined) return index;
  index = new Map();
  cache.textIndex.set(root, index);
  const walker = invoke<TreeWalker>(docOf(root as Node), 'createTreeWalker', root, SHOW_TEXT);
  if (walker === undefined) return index;
  const limit = cache.maxKeyLength + 8;
  for (let node = walker.nextNode() as Text | null; node !== null; node = walker.nextNode() as Text | null) {
    const data = node.data;
    // Cheap filter: first non-space character must start some wanted key.
    let i = 0;
    while (i < data.length && data.charCodeAt(i) <= 0x20) i++;
    if (i === data.length || !cache.wantedFirst.has(data.charAt(i).toLowerCase())) continue;
    if (data.length - i <= limit) {
      const key = labelKey(data);
      if (cache.wantedKeys.has(key)) {
        pushHit(index, key, { node });
        continue;
      }
    }
    const colon = data.indexOf(':', i);
    if (colon > 0 && colon - i <= limit) {
      const key = labelKey(data.slice(0, colon));
      const rest = normalizeText(data.slice(colon + 1));
      if (rest !== '' && cache.wantedKeys.has(key)) pushHit(index, key, { node, inline: rest });
    }
  }
  return index;
}

function pushHit(index: Map<string, TextHit[]>, key: string, hit: TextHit): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [hit]);
  else if (list.length < 20) list.push(hit);
}

/** The value next to a label found as plain text: the next element after the label's element. */
function valueAfterText(hit: TextHit, key: string): string | undefined {
  if (hit.inline !== undefined) return hit.inline;
  let el = parentOf(hit.node);
  if (el === null) return undefined;
  if (labelKey(rawText(el)) !== key) {
    // "<p>Plan: <strong>Unlimited All</strong></p>": the label is a bare text node.
    const next = prop<Element | null>(hit.node, 'nextElementSibling') ?? null;
    return next === null ? undefined : valueOf(next) || undefined;
  }
  // Climb while the ancestor holds nothing but the label ("<div><span>Plan:</span></div><div>…</div>").
  for (let depth = 0; depth < 4 && nextOf(el) === null; depth++) {
    const parent = parentOf(el);
    if (parent === null || labelKey(rawText(parent)) !== key) break;
    el = parent;
  }
  const tag = tagOf(el);
  if (tag === 'th' || tag === 'option' || tag === 'label' || tag === 'dt') return undefined; // handled by their own rules
  const next = nextOf(el);
  return next === null ? undefined : valueOf(next) || undefined;
}

/**
 * The value next to a visible label within `roots`, in this order: a column header `<th>` (the
 * cell of `row` in that column, or of the table's first data row; a row header's next cell), a `<dt>`
 * (its `<dd>`), a `<label>` or `aria-label` (the control's value), then any element whose own text is
 * the label (its next element sibling), or "Label: value" in one text node. A label the agent cannot
 * see (hidden, off-screen, in an `aria-hidden` or `inert` subtree) is not one.
 */
export function valueByLabel(
  roots: Scope,
  label: string | readonly string[],
  cache: LocateCache,
  row: Element | null,
): string | undefined {
  for (const value of valuesByLabel(roots, label, cache, row)) return value;
  return undefined;
}

/**
 * Every value {@link valueByLabel} could read, best first (lazily: the first costs what
 * valueByLabel costs). Two different values for a subscriber's id mean two subscribers on screen.
 */
export function* valuesByLabel(
  roots: Scope,
  label: string | readonly string[],
  cache: LocateCache,
  row: Element | null,
): Generator<string, void, undefined> {
  const keys = labelKeys(label);
  if (keys.length === 0) return;
  wantLabel(cache, label);
  const shown = cache.isShown;
  if (row !== null) {
    const cell = cellByColumn(row, keys, cache);
    if (cell !== null) yield valueOf(cell);
  }
  for (const th of byKey(roots, 'th', keys, rawText)) {
    if (!shown(th)) continue;
    const headerRow = parentOf(th);
    if (headerRow !== null && isHeaderRow(headerRow)) {
      const table = closestTable(th);
      const first = table === null ? undefined : dataRows(table)[0];
      const cell = first === undefined ? null : cellByColumn(first, keys, cache);
      if (cell !== null) yield valueOf(cell);
    } else {
      const next = nextOf(th);
      if (next !== null) yield valueOf(next);
    }
  }
  for (const dt of byKey(roots, 'dt', keys, rawText)) {
    if (!shown(dt)) continue;
    for (let next = nextOf(dt); next !== null; next = nextOf(next)) {
      const tag = tagOf(next);
      if (tag === 'dd') {
        yield valueOf(next);
        break;
      }
      if (tag === 'dt') break;
    }
  }
  for (const lab of byKey(roots, 'label', keys, ownLabelText)) {
    if (!shown(lab)) continue;
    const control = controlOfLabel(lab);
    if (control !== null) yield valueOf(control);
  }
  for (const el of byKey(roots, '[aria-label]', keys, (e) => attr(e, 'aria-label') ?? '')) {
    if (shown(el)) yield valueOf(el);
  }
  for (const key of keys) {
    for (const root of roots) {
      for (const hit of textIndexOf(root, cache).get(key) ?? []) {
        const holder = parentOf(hit.node);
        if (holder !== null && !shown(holder)) continue;
        const value = valueAfterText(hit, key);
        if (value !== undefined && value !== '') yield value;
      }
    }
  }
}

/**
 * Reads one value rule within `roots` (for a row-scoped rule, `roots` is `[row]` and `row` is the
 * row). Heading narrows to a section, css to elements, label finds the value next to it.
 */
export function readRule(
  roots: Scope,
  rule: ValueRule,
  cache: LocateCache,
  row: Element | null,
): string | undefined {
  let scope = roots;
  if (rule.heading !== undefined) {
    const section = sectionAfter(scope, rule.heading, cache);
    if (section === null) return undefined;
    scope = section;
  }
  if (rule.css !== undefined) {
    // Roots count themselves: `{ css: ":scope", attr: "data-iccid" }` reads the row's own attribute.
    const els = queryIn(scope, rule.css, true);
    if (rule.label === undefined) {
      const first = els.find(cache.isShown);
      return first === undefined ? undefined : valueOf(first, rule.attr);
    }
    const shown = els.filter(cache.isShown);
    if (shown.length === 0) return undefined;
    scope = shown;
  }
  if (rule.label !== undefined) {
    const narrowed = scope !== roots;
    return valueByLabel(scope, rule.label, cache, narrowed ? null : row);
  }
  return undefined;
}

/** A form control by a field rule: CSS inside the form, or the control its label names. */
export function findControl(
  root: Element,
  rule: { css?: string; label?: string | string[] },
  cache: LocateCache,
): Element | null {
  if (rule.css !== undefined) return queryOne(root, rule.css);
  if (rule.label === undefined) return null;
  const keys = labelKeys(rule.label);
  for (const lab of byKey([root], 'label', keys, ownLabelText)) {
    const control = controlOfLabel(lab);
    if (control !== null) return control;
  }
  const aria = byKey([root], CONTROL_SELECTOR, keys, (e) => attr(e, 'aria-label') ?? '')[0];
  if (aria !== undefined) return aria;
  wantLabel(cache, rule.label);
  for (const key of keys) {
    for (const hit of textIndexOf(root, cache).get(key) ?? []) {
      const holder = parentOf(hit.node);
      const next = holder === null ? null : nextOf(holder);
      if (next === null) continue;
      if (matchesSelector(next, CONTROL_SELECTOR)) return next;
      const inner = queryOne(next, CONTROL_SELECTOR);
      if (inner !== null) return inner;
    }
  }
  return null;
}

/**
 * Elements a form locator designates: css (in the heading's section when both), the form(s) in a
 * heading's section, or by label: a form whose `aria-label`, `<legend>`, first heading or submit
 * button text is the label ("Add plan").
 */
export function findFormElements(
  doc: Document,
  loc: Locator,
  cache: LocateCache,
  candidates?: readonly Element[],
): Element[] {
  let roots: Scope = [doc];
  if (loc.heading !== undefined) {
    const section = sectionAfter(roots, loc.heading, cache);
    if (section === null) return [];
    roots = section;
    if (loc.css === undefined && loc.label === undefined) return queryIn(roots, 'form', true);
  }
  if (loc.css !== undefined) return queryIn(roots, loc.css, loc.heading !== undefined);
  if (loc.label === undefined) return [];
  const keys = labelKeys(loc.label);
  const out: Element[] = [];
  const forms =
    candidates !== undefined && loc.heading === undefined
      ? candidates
      : queryIn(roots, 'form,[role="form"],[role="dialog"],dialog', loc.heading !== undefined);
  for (const form of forms) {
    const names = [attr(form, 'aria-label') ?? ''];
    const legend = queryOne(form, 'legend');
    if (legend !== null) names.push(rawText(legend));
    const heading = queryOne(form, HEADING_SELECTOR);
    if (heading !== null) names.push(rawText(heading));
    const submit = queryOne(form, 'button[type="submit"],input[type="submit"],button:not([type])');
    if (submit !== null)
      names.push(tagOf(submit) === 'input' ? (prop<string>(submit, 'value') ?? '') : rawText(submit));
    if (names.some((n) => keys.includes(labelKey(n)))) out.push(form);
  }
  return out;
}
