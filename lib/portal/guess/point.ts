/**
 * Teach by pointing (issue 19): the agent clicks the element that shows a value; this turns it into
 * the most robust rule we can write — the visible label next to it first (a `dt`, a row or column
 * header, a `<label>`, the element before it, "Label: value"), a stable selector last — and puts the
 * rule in the draft. A rule is only kept if reading the page with it gives the clicked value back.
 */
import { dataRows, findRows, newLocateCache, readRule, valueOf } from '../locate';
import type { PortalProfile, ValueRule } from '../profile-schema';
import { attr, parentOf, rawText, tagOf } from '../safe-dom';
import { normalizeText } from '../values';
import type { IsShown } from '../visibility';
import type { TeachableKey } from './keys';
import { structuralPath, uniqueSelector } from './selectors';

export { TEACHABLE_KEYS, type TeachableKey } from './keys';

const MAX_LABEL = 60;

function prevElement(el: Element): Element | null {
  return el.previousElementSibling;
}

function looksLikeLabel(text: string): boolean {
  const t = normalizeText(text);
  return t !== '' && t.length <= MAX_LABEL && !/\d{6,}/.test(t);
}

function clean(label: string): string {
  return normalizeText(label).replace(/\s*[:：]\s*$/, '');
}

/** Visible label candidates next to `el`, nearest first. */
export function labelsNextTo(el: Element): string[] {
  const out: string[] = [];
  const push = (text: string | null | undefined) => {
    if (text !== null && text !== undefined && looksLikeLabel(text)) {
      const c = clean(text);
      if (c !== '' && !out.includes(c)) out.push(c);
    }
  };
  // "Label: value" in one text node.
  const own = normalizeText(rawText(el));
  const colon = own.indexOf(':');
  if (colon > 0 && colon <= MAX_LABEL) push(own.slice(0, colon));
  for (let cur: Element | null = el, depth = 0; cur !== null && depth < 3; cur = parentOf(cur), depth++) {
    const tag = tagOf(cur);
    if (tag === 'dd') {
      for (let p = prevElement(cur); p !== null; p = prevElement(p))
        if (tagOf(p) === 'dt') {
          push(rawText(p));
          break;
        }
    }
    if (tag === 'td' || tag === 'th') {
      const row = parentOf(cur);
      const prev = prevElement(cur);
      if (prev !== null && tagOf(prev) === 'th') push(rawText(prev));
      const table = cur.closest('table');
      const header = table?.querySelector('thead tr, tr');
      if (row !== null && header !== null && header !== undefined && header !== row) {
        const index = [...row.children].indexOf(cur);
        const th = header.children[index];
        if (th !== undefined) push(rawText(th));
      }
    }
    const id = attr(cur, 'id');
    if (id !== null && id !== '') {
      const lab = cur.ownerDocument.querySelector(`label[for="${id.replace(/["\\]/g, '\\$&')}"]`);
      if (lab !== null) push(rawText(lab));
    }
    push(attr(cur, 'aria-label'));
    const prev = prevElement(cur);
    if (prev !== null) push(rawText(prev));
  }
  return out;
}

function same(a: string | undefined, b: string): boolean {
  return a !== undefined && normalizeText(a).toLowerCase() === normalizeText(b).toLowerCase();
}

/** The value text `el` shows, as a rule on it would read it ("Label: value" → value). */
function shownValue(el: Element): string {
  const own = normalizeText(valueOf(el));
  const colon = own.indexOf(':');
  return colon > 0 && colon <= MAX_LABEL ? normalizeText(own.slice(colon + 1)) : own;
}

/**
 * The draft with `key` read from `el` (a new object; `profile` is not changed), or null when no rule
 * reads the clicked value back (then the agent points again, closer to the value).
 */
export function teachFromElement(
  doc: Document,
  profile: PortalProfile,
  key: TeachableKey,
  el: Element,
  isShown?: IsShown,
): PortalProfile | null {
  const cache = newLocateCache(isShown);
  const want = shownValue(el);
  if (want === '') return null;
  const [part, field] = key.split('.') as ['subscriber' | 'esims', string];
  const parse: Partial<ValueRule> =
    field === 'iccid'
      ? { parse: 'iccid' }
      : field === 'imsiProfile' || field === 'unlimitedBundles'
        ? { parse: 'int' }
        : {};
  if (part === 'subscriber') {
    const scope = profile.subscriber?.scope;
    const roots: ParentNode[] =
      scope === undefined
        ? [doc]
        : findRows(doc, scope.heading && !scope.css ? { ...scope, css: '*' } : scope, cache);
    const candidates: ValueRule[] = labelsNextTo(el).map((label) => ({ label, ...parse }));
    const css = uniqueSelector(el, doc);
    if (css !== null) candidates.push({ css, ...parse });
    const rule = candidates.find((r) => same(readRule(roots.length ? roots : [doc], r, cache, null), want));
    if (rule === undefined) return null;
    const fields = { ...(profile.subscriber?.fields ?? {}), [field]: rule };
    return { ...profile, subscriber: { ...(profile.subscriber ?? {}), fields } };
  }
  // An eSIM line value: the rule is relative to the line's row/card.
  const rows = profile.esims === undefined ? [] : findRows(doc, profile.esims.rows, cache);
  const row = rows.find((r) => r === el || r.contains(el));
  let rowsLoc = profile.esims?.rows;
  let block = row;
  if (block === undefined) {
    // No line found around it: take the table row, or the list item / card it sits in.
    const tr = el.closest('tr');
    if (tr !== null) {
      const table = tr.closest('table');
      const headers = table === null ? [] : labelsNextTo(el);
      rowsLoc = headers[0] !== undefined ? { label: headers[0] } : undefined;
      block = tr;
      if (table !== null && rowsLoc !== undefined && !dataRows(table).includes(tr)) return null;
    } else {
      const item = el.closest('li,article,section');
      if (item === null) return null;
      const css = structuralPath(item, null, false);
      if (css === null) return null;
      rowsLoc = { css };
      block = item;
    }
  }
  if (rowsLoc === undefined || block === undefined) return null;
  const candidates: ValueRule[] = labelsNextTo(el).map((label) => ({ label, ...parse }));
  const rel = structuralPath(el, block, true);
  if (rel !== null) candidates.push({ css: rel, ...parse });
  const rowEl = block;
  const rule = candidates.find((r) => {
    const got = readRule([rowEl], r, cache, rowEl);
    if (field === 'iccid') return got !== undefined && got.replace(/\D/g, '') === want.replace(/\D/g, '');
    return same(got, want);
  });
  if (rule === undefined) return null;
  const esims = profile.esims ?? { rows: rowsLoc, fields: {} };
  return { ...profile, esims: { ...esims, rows: rowsLoc, fields: { ...esims.fields, [field]: rule } } };
}
