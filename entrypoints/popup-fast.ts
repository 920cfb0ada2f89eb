/**
 * Issue 15 item 4, "pages that open at once": the popup's first field, usable before the React form has
 * loaded. popup.html already holds the real ICCID field (a static shell); this classic script, loaded
 * as soon as the field is parsed, gives the shell its translated text and puts the focus in the field —
 * while the form's ~180 KB gzip of JavaScript is still being fetched and evaluated. The agent can type
 * (or paste) the ICCID at once; the form adopts the text, the caret and the focus when it takes over
 * (components/popup/early-field.ts). MV3's CSP forbids inline scripts, hence a file of its own.
 *
 * It imports nothing but the extension API namespace (no polyfill, no React): it must cost next to
 * nothing to fetch and run.
 */
import { browser } from '@wxt-dev/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { EARLY_IDS, markEarlyInput } from '../components/popup/early-field';

export default defineUnlistedScript(() => {
  // Loaded async from the head (popup.html): neither waiting for the stylesheet nor holding up the parser.
  // The field may not be parsed yet when this runs; it is by the end of parsing ("interactive").
  if (document.getElementById(EARLY_IDS.input)) start();
  else document.addEventListener('readystatechange', start, { once: true });
});

function start() {
  // Keys are checked by a test against public/_locales; the typed overload only knows the keys of the
  // last `wxt prepare`, so look them up as plain strings.
  const getMessage = browser.i18n.getMessage as (key: string) => string;
  const t = (key: string) => getMessage(key) || key;
  const ui = browser.i18n.getUILanguage().toLowerCase();
  // Same choice as the form's translator (components/platform/page-i18n.ts).
  document.documentElement.lang = ui.startsWith('fr') ? 'fr' : 'en';
  document.title = t('ppTitle');
  const title = document.getElementById(EARLY_IDS.title);
  const label = document.getElementById(EARLY_IDS.label);
  const input = document.getElementById(EARLY_IDS.input);
  if (title) title.textContent = t('ppTitle');
  if (label) label.textContent = t('ppIccid');
  if (input instanceof HTMLInputElement) {
    markEarlyInput(input);
    // (The field has `autofocus` too: whichever comes first, the browser's or this.)
    if (document.activeElement !== input) input.focus();
  }
}
