/**
 * The translator of an extension page, from the browser's i18n. Kept apart so components stay free
 * of browser APIs (they receive `t` through I18nProvider).
 */
import { browser } from 'wxt/browser';
import type { I18n } from '../i18n';

export function browserI18n(): I18n {
  const ui = browser.i18n.getUILanguage().toLowerCase();
  return {
    t: (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key,
    locale: ui.startsWith('fr') ? 'fr' : 'en',
  };
}
