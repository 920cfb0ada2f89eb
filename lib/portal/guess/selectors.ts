/**
 * CSS for the places a label cannot name (the repeated card of an eSIM line, a plan block inside
 * it): built from what survives a portal's next release — tag names, `data-*`/`role` attributes, the
 * nesting under a heading or a stable `id` — and class names only as a last resort (issue 19: "the
 * visible label next to it first, a stable selector last"; generated class names change per build).
 */
import { attr, matchesSelector, parentOf, queryAll, tagOf } from '../safe-dom';

/** Tags that name a repeated block by themselves. */
const BLOCK_TAGS = new Set(['article', 'section', 'li', 'dl', 'fieldset', 'details', 'tr', 'form']);

/** An `id` that looks written by a person, not generated per render ("root", "t-esims"; not "ember412"). */
export function isStableId(id: string | null): id is string {
  return id !== null && /^[A-Za-z][\w-]{0,39}$/.test(id) && !/\d{3,}/.test(id);
}

function cssString(value: string): string {
  return '"' + value.replace(/["\\]/g, '\\$&') + '"';
}

/** One step of a path: the tag, with `:nth-of-type` only when siblings share the tag. */
function step(el: Element, withIndex: boolean): string {
  const tag = tagOf(el);
  const parent = parentOf(el);
  if (!withIndex || parent === null) return tag;
  let n = 0;
  let index = 0;
  for (let c = parent.firstElementChild; c !== null; c = c.nextElementSibling) {
    if (tagOf(c) !== tag) continue;
    n++;
    if (c === el) index = n;
  }
  return n > 1 ? `${tag}:nth-of-type(${index})` : tag;
}

/**
 * A class-free path to `el`: from `root` (relative, `:scope > …`) when given, else from the nearest
 * ancestor with a stable id, else from `body`. `indexed` adds `:nth-of-type` where needed.
 */
export function structuralPath(el: Element, root: Element | null, indexed: boolean): string | null {
  const steps: string[] = [];
  let cur: Element | null = el;
  for (let depth = 0; cur !== null && depth < 12; depth++) {
    if (root !== null && cur === root) return steps.length === 0 ? null : ':scope > ' + steps.join(' > ');
    const id = attr(cur, 'id');
    if (root === null && cur !== el && isStableId(id)) return `#${id} > ` + steps.join(' > ');
    const tag = tagOf(cur);
    if (root === null && (tag === 'body' || tag === 'html'))
      return steps.length === 0 ? null : 'body > ' + steps.join(' > ');
    steps.unshift(step(cur, indexed));
    cur = parentOf(cur);
  }
  return null;
}

/**
 * CSS candidates for a set of sibling-like blocks, most stable first. `root` makes them relative
 * (plan blocks inside one eSIM card); without it they are for the document (or a heading's section).
 */
export function blockCandidates(blocks: readonly Element[], root: Element | null): string[] {
  const first = blocks[0];
  if (first === undefined) return [];
  const tag = tagOf(first);
  const sameTag = blocks.every((b) => tagOf(b) === tag);
  const out: string[] = [];
  if (sameTag && BLOCK_TAGS.has(tag)) out.push(tag);
  // data-* and role attributes shared by every block (a value when they all agree).
  for (const name of first.getAttributeNames()) {
    if (!(name.startsWith('data-') || name === 'role' || name === 'itemtype' || name === 'itemprop'))
      continue;
    const value = attr(first, name);
    if (blocks.every((b) => attr(b, name) === value) && value !== null && value.length <= 60)
      out.push(`${sameTag ? tag : ''}[${name}=${cssString(value)}]`);
    else if (blocks.every((b) => attr(b, name) !== null)) out.push(`${sameTag ? tag : ''}[${name}]`);
  }
  if (sameTag) {
    if (root !== null) out.push(`:scope > ${tag}`, `:scope > * > ${tag}`, `:scope > * > * > ${tag}`);
    const parent = parentOf(first);
    if (parent !== null && blocks.every((b) => parentOf(b) === parent)) {
      const base = structuralPath(parent, root, false);
      const indexed = structuralPath(parent, root, true);
      if (base !== null) out.push(`${base} > ${tag}`);
      if (indexed !== null && indexed !== base) out.push(`${indexed} > ${tag}`);
    }
  }
  // Last resort: a class every block has.
  const classes = (attr(first, 'class') ?? '').split(/\s+/).filter((c) => /^[A-Za-z_][\w-]*$/.test(c));
  for (const c of classes)
    if (blocks.every((b) => (attr(b, 'class') ?? '').split(/\s+/).includes(c)))
      out.push(`${sameTag ? tag : ''}.${c}`);
  return out;
}

/** CSS that finds exactly `el` in the document (or under `root`), class-free first; null when none does. */
export function uniqueSelector(el: Element, root: ParentNode): string | null {
  const rootEl = tagOf(root as Node) === '' || (root as Node).nodeType === 9 ? null : (root as Element);
  const id = attr(el, 'id');
  const candidates: string[] = [];
  if (isStableId(id)) candidates.push(`#${id}`);
  const name = attr(el, 'name');
  if (name !== null && name.length <= 60) candidates.push(`${tagOf(el)}[name=${cssString(name)}]`);
  for (const indexed of [false, true]) {
    const path = structuralPath(el, rootEl, indexed);
    if (path !== null) candidates.push(path);
  }
  for (const css of candidates) {
    const found = rootEl === null ? queryAll(root, css) : queryAll(rootEl, css);
    if (found.length === 1 && found[0] === el) return css;
    if (rootEl !== null && matchesSelector(rootEl, css) && rootEl === el) return css;
  }
  return null;
}
