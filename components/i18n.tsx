/**
 * Every user-visible string goes through the extension's i18n (public/_locales, en and fr; the
 * browser's language picks). Components get the translator from context, so they hold no browser
 * API: extension pages provide `browser.i18n.getMessage`, tests provide the messages.json files.
 */
import { createContext, useContext } from 'react';
import type { TicketTranslate } from '../lib/escalation/ticket-text';

export type Translate = (key: string, substitutions?: string | string[]) => string;
export type Locale = 'en' | 'fr';

export interface I18n {
  t: Translate;
  locale: Locale;
  /**
   * The ticket fragments of another locale (issue 16: the ticket is written in the vendor's language,
   * the form in the agent's). Absent or null: only the surface's own locale is available.
   */
  loadLocale?: (locale: Locale) => Promise<TicketTranslate | null>;
}

const I18nContext = createContext<I18n>({ t: (key) => key, locale: 'en' });

export const I18nProvider = I18nContext.Provider;

/** The translator and locale of the surface. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** Picks the text of a `{ en, fr }` pair from data (vendor profiles, checklists). */
export function pick(text: { en: string; fr?: string } | undefined, locale: Locale): string {
  if (!text) return '';
  return (locale === 'fr' && text.fr) || text.en;
}
