/**
 * Secret redaction for API-call evidence. Seed 000: eSIM Go asks for "details of the API call, the
 * endpoint you're using and the response with time stamps"; REFERENCE: the `X-API-Key` header must never
 * appear in a ticket; DESIGN §2: a secret is never written to IndexedDB, an export or a log. So every
 * piece of pasted or captured HTTP text goes through this module **before** it is stored: what is
 * secret is replaced by {@link REDACTED} and counted, so the UI can say "3 secrets removed".
 *
 * Redaction prefers covering too much: a key named `author` is caught by the `auth` rule, and that is
 * accepted. Nothing here builds a regular expression from input, and every scan is linear in the
 * text's length (a pasted HAR can be megabytes; no backtracking over long base64 runs).
 *
 * Also {@link maskPersonalData}: optional masking of ICCIDs, IMSIs and phone numbers (personal data,
 * DESIGN §2) for when the agent opts in before evidence is kept.
 */
import { findIccids, maskIccid } from '../telecom/iccid';
import { parseImsi } from '../telecom/imsi';
import { findPhoneNumbers } from '../telecom/msisdn';

/** What replaces every secret. Also the marker that a value was already redacted (redaction is idempotent). */
export const REDACTED = '[REDACTED]';

/** Counts the redactions made while processing one input. */
export interface RedactionCounter {
  count: number;
}

/** A fresh counter at zero. */
export function createCounter(): RedactionCounter {
  return { count: 0 };
}

/** Header names whose value is always a credential (REFERENCE: eSIM Go's `X-API-Key`). */
const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'x-api-key',
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

/** Parts of a header name that mark it as carrying a credential (`X-Auth-Token`, `X-Session-Id`, …). */
const SECRET_HEADER_PARTS = [
  'token',
  'secret',
  'api-key',
  'apikey',
  'api_key',
  'session',
  'password',
] as const;

/** Keys (query parameters, JSON and form fields) whose value is treated as a credential. */
const SECRET_KEY = /api[_-]?key|token|secret|password|passwd|pwd|auth|session|signature|credential/i;

/** True when a header with this name carries a credential; its value is then never kept. */
export function isSecretHeaderName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return SECRET_HEADERS.has(lower) || SECRET_HEADER_PARTS.some((part) => lower.includes(part));
}

/** True when a query parameter, JSON key or form field with this name holds a credential. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A header as pasted or captured. */
export interface HeaderLike {
  readonly name: string;
  readonly value: string;
}

/**
 * The header with its value redacted: the whole value when the name says it is a credential, else the
 * free-text rules ({@link redactText}) — a JWT or a URL with a token can sit in any header.
 */
export function redactHeader(header: HeaderLike, counter: RedactionCounter): { name: string; value: string } {
  if (isSecretHeaderName(header.name)) {
    if (header.value === REDACTED || header.value.trim() === '')
      return { name: header.name, value: header.value };
    counter.count++;
    return { name: header.name, value: REDACTED };
  }
  return { name: header.name, value: redactText(header.value, counter) };
}

// ---------------------------------------------------------------------------------------------------
// Free text: URL user-info, bearer tokens, JWTs, `key=value` / `"key": "value"` pairs with a secret key.

const SCHEME_SEPARATOR = '://';

/**
 * Redacts `user:pass@` (or a lone `token@`) in every `scheme://…@host` of the text. Linear: for each
 * `://`, the authority is read up to the first `/ ? # whitespace`; an `@` inside it ends the user-info.
 */
function redactUserInfo(text: string, counter: RedactionCounter): string {
  let out = '';
  let from = 0;
  let at = text.indexOf(SCHEME_SEPARATOR);
  while (at !== -1) {
    const start = at + SCHEME_SEPARATOR.length;
    let end = start;
    let lastAt = -1;
    while (end < text.length) {
      const c = text[end] as string;
      if (
        c === '/' ||
        c === '?' ||
        c === '#' ||
        c === '"' ||
        c === "'" ||
        c === '<' ||
        c === '>' ||
        /\s/.test(c)
      )
        break;
      if (c === '@') lastAt = end;
      end++;
    }
    if (lastAt > start && text.slice(start, lastAt) !== REDACTED) {
      out += text.slice(from, start) + REDACTED;
      from = lastAt;
      counter.count++;
    }
    at = text.indexOf(SCHEME_SEPARATOR, Math.max(end, start));
  }
  return out + text.slice(from);
}

// A JWT is three base64url parts; the header always starts `eyJ` (`{"`). The signature may be empty (alg none).
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
// RFC 6750 bearer token syntax (b64token); 8+ characters so that prose like "bearer of" stays.
const BEARER = /\b(Bearer\s+)([A-Za-z0-9\-._~+/]{8,}=*)/gi;

function redactJwtAndBearer(text: string, counter: RedactionCounter): string {
  const withoutJwt = text.replace(JWT, () => {
    counter.count++;
    return REDACTED;
  });
  return withoutJwt.replace(BEARER, (_all, prefix: string) => {
    counter.count++;
    return `${prefix}${REDACTED}`;
  });
}

const WORD = /[A-Za-z0-9_.-]+/g;
const AUTH_SCHEMES = ['bearer', 'basic', 'digest', 'token', 'negotiate'];

/** End offset (exclusive) of a quoted string starting at `start` (the quote), or -1 when it is not closed. */
function quotedEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quote === '"') i++;
    else if (c === quote) return i + 1;
    else if (c === '\n') return -1;
  }
  return -1;
}

/** End offset of an unquoted value: up to whitespace or a delimiter of query strings, JSON or cookies. */
function bareEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && !/[\s&,;}\]"'<>]/.test(text[i] as string)) i++;
  return i;
}

/** The offset after up to four spaces or tabs from `i` (a key and its value sit close together). */
function skipBlanks(text: string, i: number): number {
  let j = i;
  while (j - i < 4 && (text[j] === ' ' || text[j] === '\t')) j++;
  return j;
}

/**
 * Redacts values that follow a secret-looking key: `api_key=…`, `"password": "…"`, `token: …`,
 * `Authorization: Basic …`, `session=…`. Words are found with a non-backtracking scan; the value is read
 * by hand after the key.
 */
function redactKeyValues(text: string, counter: RedactionCounter): string {
  let out = '';
  let from = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const key = m[0];
    if (!isSecretKey(key)) continue;
    let i = m.index + key.length;
    const before = m.index > 0 ? text[m.index - 1] : '';
    if ((before === '"' || before === "'") && text[i] === before) i++;
    i = skipBlanks(text, i);
    if (text[i] !== ':' && text[i] !== '=') continue;
    i = skipBlanks(text, i + 1);
    let valueStart = i;
    let valueEnd: number;
    if (text[i] === '"' || text[i] === "'") {
      const end = quotedEnd(text, i);
      if (end === -1) continue;
      valueStart = i + 1;
      valueEnd = end - 1;
    } else {
      // "Authorization: Basic dXNlcjpwYXNz": the scheme stays, the credential goes.
      const word = /^[A-Za-z]+/.exec(text.slice(i, i + 12))?.[0] ?? '';
      if (AUTH_SCHEMES.includes(word.toLowerCase()) && /[ \t]/.test(text[i + word.length] ?? '')) {
        valueStart = i + word.length + 1;
        while (text[valueStart] === ' ' || text[valueStart] === '\t') valueStart++;
      }
      valueEnd = bareEnd(text, valueStart);
    }
    const value = text.slice(valueStart, valueEnd);
    WORD.lastIndex = Math.max(valueEnd, WORD.lastIndex);
    if (
      value === '' ||
      text.startsWith(REDACTED, valueStart) ||
      value === 'null' ||
      value === 'true' ||
      value === 'false'
    )
      continue;
    out += text.slice(from, valueStart) + REDACTED;
    from = valueEnd;
    counter.count++;
  }
  return out + text.slice(from);
}

/**
 * Redacts secrets in free text: user-info in URLs (`https://user:pass@host`), JWTs (`eyJ….….…`),
 * bearer tokens, and values after a secret-looking key (`?api_key=…`, `"access_token": "…"`). Already
 * redacted values are left alone, so running it twice counts nothing new.
 */
export function redactText(text: string, counter: RedactionCounter): string {
  if (text === '') return text;
  return redactKeyValues(redactJwtAndBearer(redactUserInfo(text, counter), counter), counter);
}

// ---------------------------------------------------------------------------------------------------
// Structured parts: URLs (query and fragment), form bodies, JSON bodies.

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Redacts a `a=1&b=2` list (query string, URL fragment, form body): the value of every secret-looking
 * key, and JWTs/bearer tokens in the others. The text keeps its encoding.
 */
export function redactFormPairs(pairs: string, counter: RedactionCounter): string {
  return pairs
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return redactJwtAndBearer(pair, counter);
      const key = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (isSecretKey(decodeSafe(key))) {
        if (value === '' || value === REDACTED) return pair;
        counter.count++;
        return `${key}=${REDACTED}`;
      }
      return `${key}=${redactJwtAndBearer(value, counter)}`;
    })
    .join('&');
}

/**
 * Redacts a URL as text (no re-encoding, so the agent sees what was pasted): user-info, query
 * parameters and fragment parameters with a secret-looking name (`#access_token=…` of OAuth), and
 * JWTs or bearer tokens anywhere (a token can sit in a path segment).
 */
export function redactUrl(url: string, counter: RedactionCounter): string {
  const withoutUserInfo = redactUserInfo(url, counter);
  const hash = withoutUserInfo.indexOf('#');
  const beforeHash = hash === -1 ? withoutUserInfo : withoutUserInfo.slice(0, hash);
  const fragment = hash === -1 ? null : withoutUserInfo.slice(hash + 1);
  const question = beforeHash.indexOf('?');
  const path = question === -1 ? beforeHash : beforeHash.slice(0, question);
  const query = question === -1 ? null : beforeHash.slice(question + 1);
  let out = redactJwtAndBearer(path, counter);
  if (query !== null) out += `?${redactFormPairs(query, counter)}`;
  if (fragment !== null)
    out += `#${fragment.includes('=') ? redactFormPairs(fragment, counter) : redactJwtAndBearer(fragment, counter)}`;
  return out;
}

/**
 * Redacts a parsed JSON value at any depth, arrays included. Under a secret-looking key every string
 * and number is a secret (`"credentials": {"user": …, "pass": …}` loses both); booleans and null stay,
 * they say nothing. Other strings go through {@link redactText}. Returns a new value.
 */
export function redactJsonValue(value: unknown, counter: RedactionCounter, underSecret = false): unknown {
  if (typeof value === 'string') {
    if (underSecret) {
      if (value === '' || value === REDACTED) return value;
      counter.count++;
      return REDACTED;
    }
    return redactText(value, counter);
  }
  if (typeof value === 'number') {
    if (!underSecret) return value;
    counter.count++;
    return REDACTED;
  }
  if (Array.isArray(value)) return value.map((item) => redactJsonValue(item, counter, underSecret));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty, not assignment: a "__proto__" key from JSON.parse stays a plain own key.
      Object.defineProperty(out, key, {
        value: redactJsonValue(item, counter, underSecret || isSecretKey(key)),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** Parses `text` as JSON, or `undefined` when it is not JSON (never throws). */
export function tryParseJson(text: string): { value: unknown } | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || !/^[[{"\d\-tfn]/.test(trimmed)) return undefined;
  try {
    return { value: JSON.parse(trimmed) as unknown };
  } catch {
    return undefined;
  }
}

const FORM_BODY = /^[^\s=&]+=[^\s&]*(?:&[^\s=&]+=[^\s&]*)*$/;

/** How a body was read by {@link redactBody}. */
export type BodyKind = 'json' | 'form' | 'text';

/**
 * Redacts a request or response body. JSON (whatever the declared type) is parsed, redacted key by key
 * and pretty-printed with two spaces; an `a=1&b=2` body (or one declared
 * `application/x-www-form-urlencoded`) is redacted pair by pair; anything else as free text.
 */
export function redactBody(
  body: string,
  counter: RedactionCounter,
  contentType = '',
): { text: string; kind: BodyKind } {
  const json = tryParseJson(body);
  if (json !== undefined && typeof json.value === 'object' && json.value !== null) {
    return { text: JSON.stringify(redactJsonValue(json.value, counter), null, 2), kind: 'json' };
  }
  const trimmed = body.trim();
  if (/x-www-form-urlencoded/i.test(contentType) || FORM_BODY.test(trimmed)) {
    return { text: redactFormPairs(trimmed, counter), kind: 'form' };
  }
  return { text: redactText(body, counter), kind: 'text' };
}

// ---------------------------------------------------------------------------------------------------
// Personal data (opt-in).

/** What {@link maskPersonalData} did. */
export interface MaskResult {
  readonly text: string;
  /** How many identifiers were masked. */
  readonly masked: number;
}

const MASK = '•';
// How far before a 15-digit run the word "imsi" may be for the run to be read as an IMSI (a label
// and a few separators: `IMSI: `, `"imsi": "`, `IMSI profile … ` is too far on purpose).
const IMSI_WINDOW = 24;
const FIFTEEN_DIGITS = /(?<!\d)\d{15}(?!\d)/g;

/** Masks every digit of `raw` except the last `keep`, keeping `+`, spaces and punctuation. */
function maskDigits(raw: string, keep: number): string {
  let digitsLeft = raw.replace(/\D/g, '').length;
  let out = '';
  for (const c of raw) {
    if (/\d/.test(c)) {
      out += digitsLeft > keep ? MASK : c;
      digitsLeft--;
    } else out += c;
  }
  return out;
}

/**
 * Masks personal identifiers in text, for the agent who opts in before evidence is kept (DESIGN §2:
 * tickets carry personal data). ICCIDs (Luhn-checked) become {@link maskIccid}'s `89•• … 0017`; a
 * 15-digit run with "imsi" just before it keeps MCC+MNC (the network, useful to the vendor) and hides
 * the subscriber part; E.164 phone numbers keep `+` and the last two digits. Secrets are not this
 * function's job: see {@link redactText}.
 */
export function maskPersonalData(text: string): MaskResult {
  const ranges: { start: number; end: number; replacement: string }[] = [];
  for (const m of findIccids(text))
    ranges.push({ start: m.start, end: m.end, replacement: maskIccid(m.raw) });
  FIFTEEN_DIGITS.lastIndex = 0;
  for (let m = FIFTEEN_DIGITS.exec(text); m !== null; m = FIFTEEN_DIGITS.exec(text)) {
    const before = text.slice(Math.max(0, m.index - IMSI_WINDOW), m.index).toLowerCase();
    if (!before.includes('imsi')) continue;
    const imsi = parseImsi(m[0]);
    if (!imsi.ok) continue;
    const visible = imsi.mcc + imsi.mnc;
    ranges.push({
      start: m.index,
      end: m.index + m[0].length,
      replacement: visible + MASK.repeat(m[0].length - visible.length),
    });
  }
  for (const m of findPhoneNumbers(text))
    ranges.push({ start: m.start, end: m.end, replacement: maskDigits(m.raw, 2) });
  // Earlier, then longer, wins; overlapping later ranges are dropped (an ICCID is never also a phone number).
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let from = 0;
  let masked = 0;
  for (const r of ranges) {
    if (r.start < from) continue;
    out += text.slice(from, r.start) + r.replacement;
    from = r.end;
    masked++;
  }
  return { text: out + text.slice(from), masked };
}
