/**
 * The translator of an extension page, from the browser's i18n. Kept apart so components stay free
 * of browser APIs (they receive `t` through I18nProvider).
 */
import { browser } from 'wxt/browser';
import type { I18n } from '../i18n';

// Keys are checked by a test against public/_locales; the typed overload only knows the keys of the
// last `wxt prepare`, so look them up as plain strings.
const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string | string[]) => string;

export function browserI18n(): I18n {
  const ui = browser.i18n.getUILanguage().toLowerCase();
  return {
    t: (key, substitutions) => getMessage(key, substitutions) || key,
    locale: ui.startsWith('fr') ? 'fr' : 'en',
  };
}
