/**
 * Our own in-page hosts (toggle + sidebar frame, guard verdict and dialog, ICCID badges, capture
 * masks), known by REFERENCE. They still carry `data-helpdesk-assistant="<kind>"` as a label (tests
 * and the benchmark find them by it), but a page can put that attribute on its own `<main>` (issue
 * 14): change detection and the text scan would then ignore the portal's content. Only an element in
 * this set is ours.
 *
 * The set lives on the isolated world's global object, which the page's scripts cannot see, so the
 * portal content script and the scripts the background injects next to it (the guard, the capture
 * bridge) share one set.
 */
const KEY = Symbol.for('helpdesk-assistant.own-hosts');

function registry(): WeakSet<Node> {
  const world = globalThis as Record<symbol, unknown>;
  let set = world[KEY] as WeakSet<Node> | undefined;
  if (set === undefined) {
    set = new WeakSet();
    world[KEY] = set;
  }
  return set;
}

/** Records `host` as one of ours (call when it is created, before it is attached). */
export function markOwnHost<T extends Node>(host: T): T {
  registry().add(host);
  return host;
}

/** True when `node` is one of our hosts (by reference, never by attribute). */
export function isOwnHost(node: Node): boolean {
  return registry().has(node);
}

/** True when `node` is one of our hosts or inside one (in the light DOM). */
export function isInOwnHost(node: Node | null): boolean {
  const set = registry();
  for (let n: Node | null = node; n !== null; n = n.parentNode) if (set.has(n)) return true;
  return false;
}
