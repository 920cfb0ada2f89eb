/**
 * The words of a ticket that are not the agent's or the vendor's (labels like "Priority", "(not
 * provided)"): issue 16 moves them to the locale files (`ticketText*` keys) so the ticket is written in
 * the vendor's language — the first one its profile lists that the product speaks — while the agent
 * sees the form in their own. lib/ stays framework-free: the shell passes a translator in.
 */
import { z } from 'zod';
import type { Locale, VendorProfile } from './vendor-profile';

/** Every locale key a rendered ticket uses (a convention test checks each exists in en and fr). */
export const TICKET_TEXT_KEYS = [
  'ticketTextLabel',
  'ticketTextNotProvided',
  'ticketTextPriority',
  'ticketTextNotSet',
  'ticketTextByRubric',
  'ticketTextByAgent',
  'ticketTextResponseDue',
  'ticketTextApiCalls',
  'ticketTextAttachments',
  'ticketTextUntitled',
  'ticketTextTruncated',
  'ticketTextSecret',
  'ticketTextIccids',
] as const;
/** See {@link TICKET_TEXT_KEYS}. */
export type TicketTextKey = (typeof TICKET_TEXT_KEYS)[number];

/** A translator for ONE locale (the ticket's), given by the surface: the extension's own or a loaded messages.json. */
export type TicketTranslate = (key: TicketTextKey, substitutions?: string[]) => string;

/** The language a vendor's ticket is written in: the first of its profile's languages the product speaks. */
export function ticketLocale(vendor: Pick<VendorProfile, 'languages'>): Locale {
  for (const lang of vendor.languages) if (lang === 'en' || lang === 'fr') return lang;
  return 'en';
}

/**
 * "de" + a name in French, elided before a vowel or a mute h ("d’eSIM Go", "de Wildix"); in English
 * the name alone (the message itself says "X's"). Issue 16: no "de eSIM Go".
 */
export function ofName(name: string, locale: Locale): string {
  if (locale !== 'fr') return name;
  return /^[aeiouyhàâäéèêëîïôöûüœæ]/i.test(name) ? `d’${name}` : `de ${name}`;
}

/** The shape of a `_locales/<lang>/messages.json` file (Chrome i18n), as far as the ticket needs it. */
export const MessagesFileSchema = z.record(
  z.string(),
  z.object({
    message: z.string(),
    placeholders: z.record(z.string(), z.object({ content: z.string() })).optional(),
  }),
);

/**
 * A translator over a messages.json file, substituting as Chrome's `i18n.getMessage` does (`$NAME$` →
 * the placeholder's content, then `$1`…`$9`, then `$$` → `$`). A missing key gives the key itself,
 * so a gap shows rather than an empty label. Null when the file is not a messages file.
 */
export function translatorFromMessages(file: unknown): TicketTranslate | null {
  const parsed = MessagesFileSchema.safeParse(file);
  if (!parsed.success) return null;
  const messages = parsed.data;
  return (key, substitutions = []) => {
    const entry = Object.hasOwn(messages, key) ? messages[key] : undefined;
    if (!entry) return key;
    const named = Object.fromEntries(
      Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]),
    );
    // Substitutions go in once, inside the placeholder's content: a value holding "$1" stays as typed.
    const fill = (content: string) =>
      content.replace(/\$(\d)/g, (_m, n: string) => substitutions[Number(n) - 1] ?? '');
    // One pass, so "$$" (a literal "$") and a placeholder's content are never read twice.
    return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (m, name: string | undefined) => {
      if (name === undefined) return '$';
      const content = named[name.toLowerCase()];
      return content === undefined ? m : fill(content);
    });
  };
}
