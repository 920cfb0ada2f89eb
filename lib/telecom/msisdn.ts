/**
 * MSISDN — a phone number in international form (ITU-T E.164): `+`, a country code that never
 * starts with 0, then the national number; 8 to 15 digits after the `+` here. Phone numbers in tickets
 * are personal data (DESIGN §2), so {@link findPhoneNumbers} exists for redaction.
 */
import { isDigit, isGroupSeparator } from './digit-groups';
import { fail, type ParseResult } from './result';

/**
 * Why a text is not an international phone number, in the order the checks run. `country-code` is
 * a national number (`06 12 34 56 78`) or a `+0…`: E.164 country codes never start with 0.
 */
export type MsisdnErrorCode = 'empty' | 'characters' | 'length' | 'country-code';

/** The result of {@link parseMsisdn}: the number as `+` and digits only. */
export type MsisdnResult = ParseResult<{ readonly e164: string }, MsisdnErrorCode>;

const MIN_DIGITS = 8;
// ITU-T E.164: at most 15 digits, country code included.
const MAX_DIGITS = 15;

/**
 * Parses a phone number into E.164 (`+33612345678`). Accepts spaces, dashes, dots, no-break spaces
 * and balanced parentheses between digits (`+1 (415) 555-0100`, `(+44) 20 7946 0958`), the `(0)` trunk
 * prefix that some countries write after the country code (`+44 (0)20 …`, dropped as dialling
 * does), `00` for `+`, and — the MSISDN convention of operator systems — bare international digits
 * (`447700900123`). Checks: empty → characters → length (8–15 digits) → country code. Never throws.
 */
export function parseMsisdn(text: string): MsisdnResult {
  const trimmed = text.trim();
  if (trimmed === '') return fail('empty', 'Enter a phone number.');
  // "+44 (0)20 …": the (0) is dialled only from inside the country.
  const body = trimmed.replace(/\(0\)/g, '');
  let digits = '';
  let plus = false;
  let open = false;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const char = body[i];
    if (isDigit(code)) digits += char;
    else if (char === '+' && digits === '' && !plus && (i === 0 || (i === 1 && open))) plus = true;
    else if (char === '(' && !open) open = true;
    else if (char === ')' && open) open = false;
    else if (!isGroupSeparator(code)) {
      return fail(
        'characters',
        `A phone number has digits, spaces, dashes and parentheses only; found ${JSON.stringify(char)} at position ${i + 1}.`,
      );
    }
  }
  if (open) return fail('characters', 'A parenthesis is not closed in this phone number.');
  // "00" is the international call prefix used in most countries: same as "+".
  const international = !plus && digits.startsWith('00') ? digits.slice(2) : digits;
  if (international.length < MIN_DIGITS || international.length > MAX_DIGITS) {
    return fail(
      'length',
      `An international phone number has 8 to 15 digits after the +; this one has ${international.length}.`,
    );
  }
  if (international.startsWith('0')) {
    return fail(
      'country-code',
      'Write the number in international form with its country code, e.g. +33 6 12 34 56 78.',
    );
  }
  return { ok: true, e164: `+${international}` };
}

/** A phone number found in free text, with the `[start, end)` offsets of `raw` in the text. */
export interface PhoneNumberMatch {
  readonly e164: string;
  readonly start: number;
  readonly end: number;
  readonly raw: string;
}

/** True for a character that may sit between the digit groups of a written phone number. */
function isPhoneSeparator(code: number): boolean {
  return isGroupSeparator(code) || code === 0x28 || code === 0x29; // ( )
}

/** True for an ASCII letter or digit: a `+` right after one is not the start of a phone number. */
function isAlphanumeric(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * Finds phone numbers written in international form with a `+` (`+33 6 12 34 56 78`,
 * `(+44) 20 7946 0958`, `+1 (415) 555-0100`) in free text, for redaction. Digit groups may be apart
 * by up to three separator characters (spaces, dashes, parentheses; a dot only alone); a match is returned when it
 * parses with {@link parseMsisdn}. Greedy on purpose — redaction prefers covering a digit too many —
 * so a number directly followed by other digit groups takes them in while it stays within 15 digits.
 * Linear in the text's length.
 */
export function findPhoneNumbers(text: string): PhoneNumberMatch[] {
  const found: PhoneNumberMatch[] = [];
  const n = text.length;
  let plus = text.indexOf('+');
  while (plus !== -1 && plus < n - 1) {
    let resumeAt = plus + 1;
    const first = text.charCodeAt(plus + 1);
    const before = plus > 0 ? text.charCodeAt(plus - 1) : -1;
    // "+" after a letter or digit is arithmetic or base64, not a phone number.
    if (first >= 0x31 && first <= 0x39 && !isAlphanumeric(before)) {
      let p = plus + 1;
      let lastDigitEnd = p;
      for (;;) {
        while (p < n && isDigit(text.charCodeAt(p))) p++;
        lastDigitEnd = p;
        let q = p;
        while (q < n && q - p < 3 && isPhoneSeparator(text.charCodeAt(q))) q++;
        // A dot stands alone between digits ("20.7946"); ". " ends a sentence, not a number.
        const dotInRun = q - p > 1 && text.slice(p, q).includes('.');
        if (q > p && q < n && !dotInRun && isDigit(text.charCodeAt(q))) p = q;
        else break;
      }
      // "(+44) 20 …": the opening parenthesis before the + belongs to the number when it is closed inside it.
      let start = plus;
      let parsed = parseMsisdn(text.slice(plus, lastDigitEnd));
      if (!parsed.ok && before === 0x28) {
        start = plus - 1;
        parsed = parseMsisdn(text.slice(start, lastDigitEnd));
      }
      if (parsed.ok) {
        found.push({ e164: parsed.e164, start, end: lastDigitEnd, raw: text.slice(start, lastDigitEnd) });
      }
      resumeAt = lastDigitEnd;
    }
    plus = text.indexOf('+', resumeAt);
  }
  return found;
}
