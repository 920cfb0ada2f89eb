/**
 * Shared helper of the component tests: renders a component inside `I18nProvider` with the REAL
 * `public/_locales/<locale>/messages.json`, substituting placeholders the way Chrome's
 * `i18n.getMessage` does (`$NAME$` → the placeholder's `content`, then `$1`…`$9` → substitutions,
 * `$$` → `$`). A missing key renders as the key itself, so tests notice.
 */
import { render, type RenderOptions, type RenderResult } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReactElement } from 'react';
import { I18nProvider, type I18n, type Locale } from '../../components/i18n';
import { translatorFromMessages } from '../../lib/escalation/ticket-text';

interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cache = new Map<Locale, Record<string, MessageEntry>>();

/** The messages.json of a locale, read from disk each first time (later tests see new keys). */
export function messagesOf(locale: Locale): Record<string, MessageEntry> {
  let messages = cache.get(locale);
  if (!messages) {
    messages = JSON.parse(readFileSync(path.join(root, 'public/_locales', locale, 'messages.json'), 'utf8')) as Record<
      string,
      MessageEntry
    >;
    cache.set(locale, messages);
  }
  return messages;
}

/** Chrome's substitution: named placeholders first (case-insensitive names), then `$n`, then `$$`. */
export function formatMessage(entry: MessageEntry, substitutions: string | string[] = []): string {
  const subs = Array.isArray(substitutions) ? substitutions : [substitutions];
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]),
  );
  const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const content = placeholders[name.toLowerCase()];
      return content === undefined ? whole : fill(content);
    })
    .replace(/\$\$/g, '$');
}

/** A translator over the real messages of `locale`. */
export function testI18n(locale: Locale = 'en'): I18n {
  const messages = messagesOf(locale);
  return {
    locale,
    t: (key, substitutions) => {
      const entry = messages[key];
      return entry ? formatMessage(entry, substitutions) : key;
    },
    // Issue 16: the ticket is written in the vendor's language, read from the same files.
    loadLocale: (other) => Promise.resolve(translatorFromMessages(messagesOf(other))),
  };
}

/** `render` from Testing Library inside the i18n of `locale` (default English). */
export function renderWithI18n(
  ui: ReactElement,
  options: { locale?: Locale } & Omit<RenderOptions, 'wrapper'> = {},
): RenderResult {
  const { locale = 'en', ...rest } = options;
  const i18n = testI18n(locale);
  return render(ui, {
    ...rest,
    wrapper: ({ children }) => <I18nProvider value={i18n}>{children}</I18nProvider>,
  });
}
