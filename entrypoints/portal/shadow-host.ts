/**
 * Small helpers for our in-page elements (guard verdict, guard dialog, ICCID badges, the capture
 * bridge's screenshot masks and recording badge): each lives in a CLOSED shadow root on a host we
 * hold by reference (own-hosts.ts; its `data-helpdesk-assistant` attribute is only a label), and every call on the
 * portal's own nodes goes through lib/portal/safe-dom, because a hostile page can clobber
 * `document.createElement`, `document.documentElement` and form methods.
 */
import { browser } from '@wxt-dev/browser';
import { invoke, prop } from '../../lib/portal/safe-dom';
import { HOST_ATTRIBUTE } from './overlay';
import { markOwnHost } from './own-hosts';

export { HOST_ATTRIBUTE };

/** The content script's translator (the extension's messages.json; the key itself when missing). */
export const t = (key: string, subs?: string[]): string =>
  (browser.i18n.getMessage as (k: string, s?: string[]) => string)(key, subs) || key;

/** Creates an element of the page's document without trusting the document's own properties. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: { className?: string; text?: string; attrs?: Record<string, string> } = {},
): HTMLElementTagNameMap[K] {
  const node = invoke<HTMLElementTagNameMap[K]>(doc, 'createElement', tag)!;
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  return node;
}

/** A host element with a closed shadow root holding `css`. The host is not attached yet. */
export function makeHost(doc: Document, kind: string, css: string, tag: 'div' | 'span' = 'div') {
  // Ours by reference (own-hosts.ts); the attribute is only a label a page could copy.
  const host = markOwnHost(el(doc, tag, { attrs: { [HOST_ATTRIBUTE]: kind } }));
  const root = host.attachShadow({ mode: 'closed' });
  root.append(el(doc, 'style', { text: css }));
  return { host, root };
}

/** The page's root element, read through the prototype (a page can shadow `documentElement`). */
export function rootOf(doc: Document): Element {
  return prop<Element>(doc, 'documentElement')!;
}

/** The element that has focus, read through the prototype (a page can shadow `activeElement`). */
export function focused(doc: Document): Element | null {
  return prop<Element | null>(doc, 'activeElement') ?? null;
}

/** Adds a listener on the page's document through the prototype (a page can shadow `addEventListener`). */
export function listen(doc: Document, type: string, fn: (e: Event) => void, capture = true): () => void {
  invoke(doc, 'addEventListener', type, fn, capture);
  return () => void invoke(doc, 'removeEventListener', type, fn, capture);
}

/**
 * Common look of our small in-page UI. System colours (`Canvas`, `CanvasText`) with `color-scheme`
 * follow the system's light or dark mode in a few bytes (every byte here is paid by each portal page).
 */
export const BASE_CSS =
  ':host{all:initial;color-scheme:light dark;font:13px/1.4 system-ui,sans-serif;color:CanvasText}' +
  'button{font:inherit;cursor:pointer;border-radius:6px;border:1px solid #2563eb;padding:4px 10px;background:Canvas;color:inherit}' +
  'button.primary{background:#1d4ed8;color:#fff}button.danger{border-color:#dc2626}' +
  'button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}';
