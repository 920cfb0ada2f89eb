/**
 * The translator of an extension page, from the browser's i18n. Kept apart so components stay free
 * of browser APIs (they receive `t` through I18nProvider).
 */
import { browser } from 'wxt/browser';
import { translatorFromMessages, type TicketTranslate } from '../../lib/escalation/ticket-text';
import type { I18n, Locale } from '../i18n';

// Keys are checked by a test against public/_locales; the typed overload only knows the keys of the
// last `wxt prepare`, so look them up as plain strings.
const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string | string[]) => string;

export function browserI18n(): I18n {
  const ui = browser.i18n.getUILanguage().toLowerCase();
  return {
    t: (key, substitutions) => getMessage(key, substitutions) || key,
    locale: ui.startsWith('fr') ? 'fr' : 'en',
    loadLocale,
  };
}

const loaded = new Map<Locale, Promise<TicketTranslate | null>>();

/**
 * Another locale's messages, read from the extension's own `_locales` files (getMessage only knows the
 * browser's language): the ticket is written in the vendor's language (issue 16). Read once per page.
 */
function loadLocale(locale: Locale): Promise<TicketTranslate | null> {
  let pending = loaded.get(locale);
  if (!pending) {
    const url = (browser.runtime.getURL as (path: string) => string)(`/_locales/${locale}/messages.json`);
    pending = fetch(url)
      .then((r) => (r.ok ? (r.json() as Promise<unknown>) : null))
      .then((json) => (json === null ? null : translatorFromMessages(json)))
      .catch(() => null);
    loaded.set(locale, pending);
  }
  return pending;
}
