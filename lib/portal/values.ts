/**
 * Turning page text into values: whitespace normalisation, label keys, and the small parsers for
 * integers, IMSI profiles and dates. Every regular expression is compiled once here, never per row.
 * No zod: the content script imports this.
 */
import monthNamesJson from './month-names.json';

const WHITESPACE = /[\s\u00a0\u202f]+/g;
const TRAILING_COLON = /\s*[:：]\s*$/;

/** Collapses runs of whitespace (including no-break spaces) to one space and trims. */
export function normalizeText(text: string): string {
  return text.replace(WHITESPACE, ' ').trim();
}

/**
 * The key a visible label is compared by: case-insensitive, spaces collapsed, an optional trailing
 * colon (and a required-field `*`) dropped. "ICCID:" and "  iccid " have the same key.
 */
export function labelKey(text: string): string {
  let t = normalizeText(text).toLowerCase();
  if (t.endsWith('*')) t = t.slice(0, -1).trimEnd();
  return t.replace(TRAILING_COLON, '');
}

/** The label keys of a rule's `label` (one string or several alternatives). */
export function labelKeys(label: string | readonly string[]): string[] {
  return (typeof label === 'string' ? [label] : label).map(labelKey).filter((k) => k !== '');
}

/** Cuts page text to `max` UTF-16 units (the limits of page-context.ts). */
export function cap(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

const STANDALONE_INT = /(?:^|[^\d])(\d{1,6})(?![\d])/;
const NONE_WORDS = new Set(['none', 'no', 'aucun', 'aucune', 'non', '-', '—', '–']);

/**
 * The first stand-alone integer in the text ("3", "3 bundles", "Bundles: 2"); "none"/"aucun" read as 0.
 * Digits glued into a longer number do not count, so an IMSI or ICCID never reads as a small integer.
 */
export function parseIntValue(text: string): number | undefined {
  const m = STANDALONE_INT.exec(text);
  if (m !== null) return Number(m[1]);
  return NONE_WORDS.has(normalizeText(text).toLowerCase()) ? 0 : undefined;
}

const PROFILE_NUMBER = /(?:^|[^\d])(\d{1,4})(?![\d])/;

/**
 * An IMSI profile number from text like "7", "Profile 7", "IMSI 7", "IMSI profile 10 (Asia)"
 * (seed 001: profiles 2, 7 and 10). A full 15-digit IMSI is not a profile number.
 */
export function parseImsiProfile(text: string): number | undefined {
  const m = PROFILE_NUMBER.exec(text);
  return m === null ? undefined : Number(m[1]);
}

/** Day/month order for all-numeric dates. */
export type DateOrder = 'dmy' | 'mdy';

const ISO_DATE =
  /(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?/;
const NUMERIC_DATE = /(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:,?\s+(\d{1,2})[:h](\d{2}))?/;
// Day, month name, year: `14 Mar 2025`, `1er juillet 2025`, `14. März 2025`, `14 de marzo de 2025`
// (es/pt put "de" around the month), then an optional time.
const DAY_MONTH_NAME =
  /(\d{1,2})(?:er|º)?\.?\s+(?:de\s+)?(\p{L}{3,10})\.?,?\s+(?:de\s+)?(\d{4})(?:,?\s+(?:at\s+|à\s+|um\s+|om\s+|às\s+|alle\s+|a las\s+)?(\d{1,2})[:h](\d{2}))?/u;
const MONTH_NAME_DAY = /(\p{L}{3,10})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2}))?/u;
const ACCENTS = /[\u0300-\u036f]/g;

const fold = (name: string): string => name.normalize('NFD').replace(ACCENTS, '').toLowerCase();

/**
 * Every month name and abbreviation of lib/portal/month-names.json (en, fr, de, es, it, pt, nl; data,
 * so a language is a JSON edit), folded (no accents, lower case), with its month number.
 */
// Shipped data checked by tests/unit/portal/month-names.test.ts (no zod here: see the module comment).
const MONTH_FORMS: ReadonlyArray<readonly [string, number]> = Object.entries(monthNamesJson)
  .filter(([k]) => !k.startsWith('$'))
  .flatMap(([, months]) =>
    (months as string[][]).flatMap((forms, i) => forms.map((f) => [fold(f), i + 1] as const)),
  );

/**
 * The month a name stands for, in any language of the table: a name or abbreviation as listed, or an
 * unambiguous start of one (`Sept`, `févr`); undefined when languages disagree (`jui`: juin or juillet).
 */
function monthNumber(name: string): number | undefined {
  const n = fold(name);
  if (n.length < 3) return undefined;
  const exact = new Set(MONTH_FORMS.filter(([f]) => f === n).map(([, m]) => m));
  const found =
    exact.size > 0 ? exact : new Set(MONTH_FORMS.filter(([f]) => f.startsWith(n)).map(([, m]) => m));
  return found.size === 1 ? [...found][0] : undefined;
}

const pad = (n: number): string => (n < 10 ? '0' : '') + String(n);

function build(
  y: number,
  mo: number,
  d: number,
  h?: string,
  mi?: string,
  s?: string,
  zone?: string,
): string | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1970 || y > 2200) return undefined;
  // Reject 31 February and friends by round-tripping through UTC.
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1) return undefined;
  let out = `${y}-${pad(mo)}-${pad(d)}`;
  if (h !== undefined && mi !== undefined) {
    const hh = Number(h);
    const mm = Number(mi);
    if (hh > 23 || mm > 59) return undefined;
    out += `T${pad(hh)}:${pad(mm)}`;
    if (s !== undefined) out += `:${pad(Math.min(Number(s), 59))}`;
    if (zone !== undefined)
      out += zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  }
  return out;
}

/**
 * An ISO 8601 date (`2025-03-14`) or local date-time (`2025-03-14T09:30`, with its zone when the
 * page shows one) from the ways portals print dates: ISO, `14/03/2025`, `14 Mar 2025`, `Mar 14, 2025`,
 * `14 mars 2025`. All-numeric dates use `order` unless the numbers decide it (`25/12` is day first).
 * Undefined when there is no date ("—", "Not activated").
 */
export function parseDateValue(text: string, order: DateOrder = 'dmy'): string | undefined {
  let m = ISO_DATE.exec(text);
  if (m !== null) return build(Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], m[6], m[7]);
  m = NUMERIC_DATE.exec(text);
  if (m !== null) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const dayFirst = a > 12 ? true : b > 12 ? false : order === 'dmy';
    return build(Number(m[3]), dayFirst ? b : a, dayFirst ? a : b, m[4], m[5]);
  }
  m = DAY_MONTH_NAME.exec(text);
  if (m !== null) {
    const mo = monthNumber(m[2] ?? '');
    if (mo !== undefined) return build(Number(m[3]), mo, Number(m[1]), m[4], m[5]);
  }
  m = MONTH_NAME_DAY.exec(text);
  if (m !== null) {
    const mo = monthNumber(m[1] ?? '');
    if (mo !== undefined) return build(Number(m[3]), mo, Number(m[2]), m[4], m[5]);
  }
  return undefined;
}
