/**
 * Helpers for the shell tests (entrypoints/ wiring run with WXT's fake browser in jsdom): the
 * extension's English messages behind `i18n.getMessage` (the fake browser does not implement i18n),
 * and a way to look into our closed shadow roots the way assistive technology can but the page cannot.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const en = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../public/_locales/en/messages.json'), 'utf8'),
) as Messages;

/** chrome.i18n.getMessage over public/_locales/en: `$P1$` → its placeholder's `$1` → subs[0]. */
export function getMessage(key: string, subs?: string | string[]): string {
  const entry = en[key];
  if (entry === undefined) return '';
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_m, n: string) => list[Number(n) - 1] ?? '');
  });
}

/** Gives the fake browser the English UI. */
export function englishUi(): void {
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  i18n.getMessage = getMessage;
  i18n.getUILanguage = () => 'en-US';
}

/**
 * Records every shadow root attached from now on (also closed ones), by host. Returns the map; the
 * spy is restored by `vi.restoreAllMocks()`.
 */
export function captureShadowRoots(win: { Element: typeof Element }): Map<Element, ShadowRoot> {
  const roots = new Map<Element, ShadowRoot>();
  const original = win.Element.prototype.attachShadow;
  vi.spyOn(win.Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
    const root = original.call(this, init);
    roots.set(this, root);
    return root;
  });
  return roots;
}

/** The shadow root of our host of this kind (`data-helpdesk-assistant="<kind>"`), if mounted. */
export function ourRoot(
  doc: Document,
  roots: Map<Element, ShadowRoot>,
  kind: string,
): ShadowRoot | undefined {
  const host = doc.querySelector(`[data-helpdesk-assistant="${kind}"]`);
  return host === null ? undefined : roots.get(host);
}
