/**
 * DOM access that a hostile page cannot redirect by "DOM clobbering". A `Document` and an
 * `HTMLFormElement` expose their named children as properties that win over the built-in ones
 * (`<img name="querySelectorAll">` replaces `document.querySelectorAll`, `<input name="textContent">`
 * replaces `form.textContent`). Calling such a property would throw or read the wrong node, so every
 * built-in used by the extraction engine is looked up on the prototype chain, never on the object.
 *
 * `Object.getPrototypeOf` is not a property access and cannot be clobbered; looking the method up
 * on the node's own prototype (rather than a global `Document.prototype`) keeps this realm-agnostic:
 * it works on a document from another window or a jsdom instance. No DOM globals (lib/ rule).
 */

type AnyFn = (...args: unknown[]) => unknown;

interface Accessors {
  get: Map<string, AnyFn | null>;
  set: Map<string, AnyFn | null>;
  call: Map<string, AnyFn | null>;
}

const cache = new WeakMap<object, Accessors>();

function accessorsOf(proto: object): Accessors {
  let acc = cache.get(proto);
  if (acc === undefined) {
    acc = { get: new Map(), set: new Map(), call: new Map() };
    cache.set(proto, acc);
  }
  return acc;
}

function findDescriptor(proto: object | null, name: string): PropertyDescriptor | undefined {
  for (let p = proto; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d !== undefined) return d;
  }
  return undefined;
}

function lookup(node: object, kind: keyof Accessors, name: string): AnyFn | null {
  const proto = Object.getPrototypeOf(node) as object | null;
  if (proto === null) return null;
  const acc = accessorsOf(proto);
  const map = acc[kind];
  let fn = map.get(name);
  if (fn === undefined) {
    const d = findDescriptor(proto, name);
    const found = kind === 'get' ? d?.get : kind === 'set' ? d?.set : d?.value;
    fn = typeof found === 'function' ? (found as AnyFn) : null;
    map.set(name, fn);
  }
  return fn;
}

/** Reads the built-in getter `name` of `node` (e.g. `textContent`, `localName`); undefined when there is none. */
export function prop<T>(node: object, name: string): T | undefined {
  const fn = lookup(node, 'get', name);
  return fn === null ? undefined : (fn.call(node) as T);
}

/** Calls the built-in setter `name` of `node` (e.g. `value`); false when there is none. */
export function setProp(node: object, name: string, value: unknown): boolean {
  const fn = lookup(node, 'set', name);
  if (fn === null) return false;
  fn.call(node, value);
  return true;
}

/** Calls the built-in method `name` of `node` with `args`; undefined when there is none. */
export function invoke<T>(node: object, name: string, ...args: unknown[]): T | undefined {
  const fn = lookup(node, 'call', name);
  return fn === null ? undefined : (fn.apply(node, args) as T);
}

/** Node types (Node.ELEMENT_NODE…), spelled out because lib/ does not touch DOM globals. */
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const DOCUMENT_NODE = 9;

/** `querySelectorAll` as an array; an invalid selector yields no elements instead of throwing at the page. */
export function queryAll(root: ParentNode, selector: string): Element[] {
  try {
    const list = invoke<NodeListOf<Element>>(root, 'querySelectorAll', selector);
    return list === undefined ? [] : Array.prototype.slice.call(list);
  } catch {
    return [];
  }
}

/** `querySelector`, null on an invalid selector. */
export function queryOne(root: ParentNode, selector: string): Element | null {
  try {
    return invoke<Element | null>(root, 'querySelector', selector) ?? null;
  } catch {
    return null;
  }
}

/** `matches`, false on an invalid selector. */
export function matchesSelector(el: Element, selector: string): boolean {
  try {
    return invoke<boolean>(el, 'matches', selector) === true;
  } catch {
    return false;
  }
}

/** Lower-case tag name of an element (`localName`), '' for anything else. */
export function tagOf(node: Node): string {
  return prop<number>(node, 'nodeType') === ELEMENT_NODE ? (prop<string>(node, 'localName') ?? '') : '';
}

/** `parentElement`, read safely. */
export function parentOf(node: Node): Element | null {
  return prop<Element | null>(node, 'parentElement') ?? null;
}

/** `nextElementSibling`, read safely. */
export function nextOf(node: Node): Element | null {
  return prop<Element | null>(node, 'nextElementSibling') ?? null;
}

/** `textContent`, read safely ('' when null). */
export function rawText(node: Node): string {
  return prop<string | null>(node, 'textContent') ?? '';
}

/** `getAttribute`, read safely. */
export function attr(el: Element, name: string): string | null {
  return invoke<string | null>(el, 'getAttribute', name) ?? null;
}

/** The document a node belongs to (the node itself for a document). */
export function docOf(node: Node): Document {
  return prop<number>(node, 'nodeType') === DOCUMENT_NODE
    ? (node as Document)
    : (prop<Document>(node, 'ownerDocument') as Document);
}
