/**
 * Secret redaction for API-call evidence. Seed 000: eSIM Go asks for "details of the API call, the
 * endpoint you're using and the response with time stamps"; REFERENCE: the `X-API-Key` header must never
 * appear in a ticket; DESIGN §2: a secret is never written to IndexedDB, an export or a log. So every
 * piece of pasted or captured HTTP text goes through this module **before** it is stored: what is
 * secret is replaced by {@link REDACTED} and counted, so the UI can say "3 secrets removed".
 *
 * Secrets by construction (issue 12): every body format the parser accepts is read in its own syntax —
 * JSON at any depth (and JSON, forms or XML inside JSON strings), `application/x-www-form-urlencoded`
 * (values with spaces, `+`, `%xx`, `=`), XML/HTML elements, attributes and CDATA, `multipart/form-data`
 * parts by name, URL queries, fragments and matrix parameters (signed URLs), user-info, headers — and
 * what cannot be read in its syntax (cut-short JSON or XML) gets the conservative text scrub of
 * `key=value`, `"key": "value"` and `<key>value</key>`. Which names are secret is data: `secret-keys.ts`.
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
import { SECRET_KEY_VOCABULARY } from './secret-keys';

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

// ---------------------------------------------------------------------------------------------------
// Which names are secret (the vocabulary is in secret-keys.ts).

/**
 * Where a name is used: `field` for JSON keys, XML names and headers; `query` for URL query, fragment
 * and form parameters (and multipart parts), where `code`, `key` and `sid` are credentials too.
 */
export type KeyContext = 'field' | 'query';

const SUBSTRINGS: readonly string[] = SECRET_KEY_VOCABULARY.substrings;
const WORDS: ReadonlySet<string> = new Set(SECRET_KEY_VOCABULARY.words);
const QUERY_EXACT: ReadonlySet<string> = new Set(SECRET_KEY_VOCABULARY.queryExact);
const NOT_SECRET_HEADERS: ReadonlySet<string> = new Set(SECRET_KEY_VOCABULARY.notSecretHeaders);
const NAME_KEYS: ReadonlySet<string> = new Set(SECRET_KEY_VOCABULARY.nameKeys);
const VALUE_KEYS: ReadonlySet<string> = new Set(SECRET_KEY_VOCABULARY.valueKeys);
// Longer "keys" are runs of data (base64 seen by the text scrub): substrings only, no word split.
const MAX_KEY_FOR_WORDS = 128;

/** Lower-case ASCII letters and digits of `key`: `X-API-Key` → `xapikey`. */
function compactKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

const isUpper = (c: string): boolean => c >= 'A' && c <= 'Z';
const isLower = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

/**
 * The words of a key, lower-case, trailing digits dropped: `simPin` → `sim pin`, `X-Amz-Signature` →
 * `x amz signature`, `PINCode` → `pin code`, `PIN1` → `pin`. One linear pass.
 */
function keyWords(key: string): string[] {
  const words: string[] = [];
  let word = '';
  const push = (): void => {
    const w = word.toLowerCase().replace(/\d+$/, '');
    if (w !== '') words.push(w);
    word = '';
  };
  for (let i = 0; i < key.length; i++) {
    const c = key[i] as string;
    if (!isUpper(c) && !isLower(c)) {
      push();
      continue;
    }
    const prev = key[i - 1] ?? '';
    const next = key[i + 1] ?? '';
    // camelCase (`simPin`) and an acronym before a word (`PINCode`) both start a word here.
    if (isUpper(c) && word !== '' && (isLower(prev) || (isUpper(prev) && next >= 'a' && next <= 'z'))) push();
    word += c;
  }
  push();
  return words;
}

/**
 * True when a key (JSON, form, query, XML element or attribute, multipart part) with this name holds a
 * credential: a vocabulary substring anywhere (`client_secret`, `X-Amz-Security-Token`), a vocabulary
 * word as one word of the name (`simPin`, `user_pass`), or — in a URL query or form — `code`, `key`, `sid`.
 */
export function isSecretKey(key: string, context: KeyContext = 'field'): boolean {
  const compact = compactKey(key);
  if (compact === '') return false;
  if (SUBSTRINGS.some((part) => compact.includes(part))) return true;
  if (context === 'query' && QUERY_EXACT.has(compact)) return true;
  if (key.length > MAX_KEY_FOR_WORDS) return false;
  return keyWords(key).some((word) => WORDS.has(word));
}

/** True when a header with this name carries a credential; its value is then never kept. */
export function isSecretHeaderName(name: string): boolean {
  return !NOT_SECRET_HEADERS.has(compactKey(name)) && isSecretKey(name);
}

/** A header as pasted or captured. */
export interface HeaderLike {
  readonly name: string;
  readonly value: string;
}

/** One secret value: `[REDACTED]` (counted), unless there is nothing to hide or it is hidden already. */
function secretValue(value: string, counter: RedactionCounter): string {
  if (value.trim() === '' || value === REDACTED) return value;
  counter.count++;
  return REDACTED;
}

/** A secret text node: the marker in place of its content, the white space around it kept. */
function secretText(text: string, counter: RedactionCounter): string {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === REDACTED) return text;
  const start = text.indexOf(trimmed);
  counter.count++;
  return text.slice(0, start) + REDACTED + text.slice(start + trimmed.length);
}

/**
 * The header with its value redacted: the whole value when the name says it is a credential, else the
 * free-text rules ({@link redactText}) — a JWT or a URL with a token can sit in any header (`Location`,
 * `Referer`, `Link`).
 */
export function redactHeader(header: HeaderLike, counter: RedactionCounter): { name: string; value: string } {
  if (isSecretHeaderName(header.name))
    return { name: header.name, value: secretValue(header.value, counter) };
  return { name: header.name, value: redactText(header.value, counter) };
}

// ---------------------------------------------------------------------------------------------------
// Free text: URLs (user-info, query), bearer tokens, JWTs, `key=value` / `"key": "value"` /
// `<key>value</key>` with a secret key.

const SCHEME_SEPARATOR = '://';

/** True for characters that end a URL or an authority in free text. */
function endsUrl(c: string): boolean {
  return c === '"' || c === "'" || c === '<' || c === '>' || c === '`' || /\s/.test(c);
}

/**
 * Redacts `user:pass@` (or a lone `token@`) in every `scheme://…@host` of the text. Linear: for each
 * `://`, the authority is read up to the first `/ ? # whitespace`; an `@` inside it ends the user-info.
 * The text is one URL (an endpoint, or a URL cut out of free text), so quotes do not end it: `'` is
 * allowed in user-info (RFC 3986 §3.2.1) and `encodeURIComponent` leaves it as is.
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
      if (c === '/' || c === '?' || c === '#' || /\s/.test(c)) break;
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

/**
 * Every `scheme://…` in free text goes through {@link redactUrl} (signed URLs in `Location`, bodies,
 * notes). A URL ends at white space, `"`, `<`, `>` or a backtick (never valid in a URL, RFC 3986 §2),
 * and at `'` only when a `'` opened it: `'` is valid inside, and a signature may hold one.
 */
function redactUrlsInText(text: string, counter: RedactionCounter): string {
  let out = '';
  let from = 0;
  let at = text.indexOf(SCHEME_SEPARATOR);
  while (at !== -1) {
    let start = at;
    while (start > from && at - start < 32 && /[A-Za-z0-9+.-]/.test(text[start - 1] as string)) start--;
    const quoted = text[start - 1] === "'";
    let end = at + SCHEME_SEPARATOR.length;
    while (end < text.length) {
      const c = text[end] as string;
      if (c === "'" ? quoted : endsUrl(c)) break;
      end++;
    }
    if (start < at) {
      out += text.slice(from, start) + redactUrl(text.slice(start, end), counter);
      from = end;
    }
    at = text.indexOf(SCHEME_SEPARATOR, end);
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
const WORD_CHAR = /[A-Za-z0-9_.-]/;
const VALUE_STOP = /[\s&,;}\]"'<>]/;

/**
 * End offset (exclusive) of a quoted string starting at `start` (the quote). A quote left open — a body
 * cut short — runs to the end of its line: better a line too much than a secret kept.
 */
function quotedEnd(text: string, start: number): { end: number; closed: boolean } {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quote === '"') i++;
    else if (c === quote) return { end: i + 1, closed: true };
    else if (c === '\n' || c === '\r') return { end: i, closed: false };
  }
  return { end: text.length, closed: false };
}

/**
 * End offset of an unquoted value: up to white space or a delimiter of query strings, JSON or cookies.
 * With `spaces`, a form-style value (`password=correct horse battery`) goes on over blanks until the
 * line ends, a delimiter comes, or the next word is itself a `key=` / `key:`.
 */
function bareEnd(text: string, start: number, spaces: boolean): number {
  let i = start;
  for (;;) {
    while (i < text.length && !VALUE_STOP.test(text[i] as string)) i++;
    if (!spaces || (text[i] !== ' ' && text[i] !== '\t') || i === start) return i;
    let j = i;
    while (text[j] === ' ' || text[j] === '\t') j++;
    if (j >= text.length || VALUE_STOP.test(text[j] as string)) return i;
    let k = j;
    while (k < text.length && WORD_CHAR.test(text[k] as string)) k++;
    if (k > j && (text[k] === '=' || text[k] === ':')) return i;
    i = j;
  }
}

/** The offset after up to four spaces or tabs from `i` (a key and its value sit close together). */
function skipBlanks(text: string, i: number): number {
  let j = i;
  while (j - i < 4 && (text[j] === ' ' || text[j] === '\t')) j++;
  return j;
}

const MAX_TAG_CHARS = 2048;

/** True when the word at `index` opens an XML tag: `<key`, `<ns:key`. */
function opensTag(text: string, index: number): boolean {
  let i = index - 1;
  if (text[i] === ':') {
    while (i > 0 && index - i < 64 && WORD_CHAR.test(text[i - 1] as string)) i--;
    i--;
  }
  return text[i] === '<';
}

/**
 * The range of the content of the element whose name ends at `i` (`<key attr="…">value</key>`): from
 * after `>` to the next `<` (or past a CDATA section); to the end of the text when it is cut short.
 */
function elementValue(text: string, i: number): { start: number; end: number } | null {
  // The tag's end is looked for within 2 KB only: many `<token ` never closed stay linear.
  const close = text.slice(i, i + MAX_TAG_CHARS).indexOf('>') + i;
  if (close < i || text[close - 1] === '/') return null;
  const start = close + 1;
  if (text.startsWith('<![CDATA[', start)) {
    const end = text.indexOf(']]>', start);
    return { start, end: end === -1 ? text.length : end + 3 };
  }
  const end = text.indexOf('<', start);
  return { start, end: end === -1 ? text.length : end };
}

/**
 * The conservative text scrub: redacts values that follow a secret-looking key — `api_key=…`,
 * `"password": "…"`, `token: …`, `Authorization: Basic …`, `<pin>…</pin>`. Words are found with a
 * non-backtracking scan; the value is read by hand after the key.
 */
function redactKeyValues(text: string, counter: RedactionCounter): string {
  let out = '';
  let from = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const key = m[0];
    let i = m.index + key.length;
    let valueStart: number;
    let valueEnd: number;
    if ((text[i] === '>' || text[i] === ' ' || text[i] === '\t') && opensTag(text, m.index)) {
      if (!isSecretKey(key)) continue;
      const range = elementValue(text, i);
      if (range === null) continue;
      valueStart = range.start;
      valueEnd = range.end;
      if (text.slice(valueStart, valueEnd).trim() === '') continue;
    } else {
      const before = m.index > 0 ? text[m.index - 1] : '';
      if ((before === '"' || before === "'") && text[i] === before) i++;
      i = skipBlanks(text, i);
      const separator = text[i];
      if (separator !== ':' && separator !== '=') continue;
      if (!isSecretKey(key, separator === '=' ? 'query' : 'field')) continue;
      i = skipBlanks(text, i + 1);
      valueStart = i;
      if (text[i] === '"' || text[i] === "'") {
        const quoted = quotedEnd(text, i);
        valueStart = i + 1;
        valueEnd = quoted.closed ? quoted.end - 1 : quoted.end;
      } else {
        // "Authorization: Basic dXNlcjpwYXNz": the scheme stays, the credential goes.
        const word = /^[A-Za-z]+/.exec(text.slice(i, i + 12))?.[0] ?? '';
        if (AUTH_SCHEMES.includes(word.toLowerCase()) && /[ \t]/.test(text[i + word.length] ?? '')) {
          valueStart = i + word.length + 1;
          while (text[valueStart] === ' ' || text[valueStart] === '\t') valueStart++;
          valueEnd = bareEnd(text, valueStart, false);
        } else valueEnd = bareEnd(text, valueStart, separator === '=');
      }
    }
    const value = text.slice(valueStart, valueEnd);
    WORD.lastIndex = Math.max(valueEnd, WORD.lastIndex);
    if (
      value.trim() === '' ||
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
 * Redacts secrets in free text: URLs (user-info, secret query and fragment parameters), JWTs
 * (`eyJ….….…`), bearer tokens, and values after a secret-looking key (`api_key=…`,
 * `"access_token": "…"`, `<password>…</password>`). Already redacted values are left alone, so running
 * it twice counts nothing new.
 */
export function redactText(text: string, counter: RedactionCounter): string {
  if (text === '') return text;
  const withoutUrls = text.includes(SCHEME_SEPARATOR) ? redactUrlsInText(text, counter) : text;
  return redactKeyValues(redactJwtAndBearer(withoutUrls, counter), counter);
}

// ---------------------------------------------------------------------------------------------------
// URLs and form bodies.

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * A value whose name is not secret: free-text rules on it, and when it is percent-encoded (a
 * `redirect_uri` holding `?code=…`) the decoded text is checked too — if that holds a secret, the whole
 * value goes (re-encoding a partly redacted value would not read better).
 */
function redactPlainValue(value: string, counter: RedactionCounter): string {
  const redacted = redactText(value, counter);
  const decoded = decodeSafe(redacted);
  if (decoded === redacted) return redacted;
  const scratch = createCounter();
  redactText(decoded, scratch);
  return scratch.count > 0 ? secretValue(redacted, counter) : redacted;
}

/**
 * Redacts a `a=1&b=2` list (query string, URL fragment, form body): the value of every secret-looking
 * key (in any encoding: the key is compared decoded), free-text rules on the others. The text keeps its
 * encoding. A part without `=` right after a secret is read as the rest of that secret (an `&` pasted
 * unencoded inside a password: `password=a&b`).
 */
export function redactFormPairs(pairs: string, counter: RedactionCounter): string {
  const out: string[] = [];
  let afterSecret = false;
  for (const pair of pairs.split('&')) {
    const eq = pair.indexOf('=');
    if (eq === -1) {
      if (afterSecret && pair !== '') continue; // swallowed by the marker before it
      out.push(redactText(pair, counter));
      continue;
    }
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (isSecretKey(decodeSafe(key), 'query')) {
      afterSecret = value !== '';
      out.push(`${key}=${value === '' ? '' : secretValue(value, counter)}`);
      continue;
    }
    afterSecret = false;
    out.push(`${key}=${redactPlainValue(value, counter)}`);
  }
  return out.join('&');
}

/** `;name=value` path parameters (`;jsessionid=…`) with a secret name. */
const MATRIX_PARAM = /;([^;/?#=]*)=([^;/?#]*)/g;

/**
 * Redacts a URL as text (no re-encoding, so the agent sees what was pasted): user-info, query
 * parameters and fragment parameters with a secret-looking name (signed URLs: `X-Amz-Signature`,
 * `X-Goog-Credential`, Azure SAS `sig`; OAuth `#access_token=…`, `?code=…`), path parameters
 * (`;jsessionid=…`), and JWTs or bearer tokens anywhere (a token can sit in a path segment).
 */
export function redactUrl(url: string, counter: RedactionCounter): string {
  const withoutUserInfo = redactUserInfo(url, counter);
  const hash = withoutUserInfo.indexOf('#');
  const beforeHash = hash === -1 ? withoutUserInfo : withoutUserInfo.slice(0, hash);
  const fragment = hash === -1 ? null : withoutUserInfo.slice(hash + 1);
  const question = beforeHash.indexOf('?');
  const path = question === -1 ? beforeHash : beforeHash.slice(0, question);
  const query = question === -1 ? null : beforeHash.slice(question + 1);
  let out = redactJwtAndBearer(path, counter).replace(MATRIX_PARAM, (all, name: string, value: string) =>
    isSecretKey(decodeSafe(name), 'query') ? `;${name}=${secretValue(value, counter)}` : all,
  );
  if (query !== null) out += `?${redactFormPairs(query, counter)}`;
  if (fragment !== null)
    out += `#${fragment.includes('=') ? redactFormPairs(fragment, counter) : redactJwtAndBearer(fragment, counter)}`;
  return out;
}

/**
 * True when a one-line body reads as `application/x-www-form-urlencoded`: `key=value` first, and no
 * part has blanks in its name (values may have any character but `&`). Linear.
 */
function looksLikeForm(text: string): boolean {
  if (text === '' || text.includes('\n')) return false;
  const parts = text.split('&');
  const first = parts[0] as string;
  if (first.indexOf('=') <= 0) return false;
  return parts.every((part) => {
    const eq = part.indexOf('=');
    return !/\s/.test(eq === -1 ? part : part.slice(0, eq));
  });
}

// ---------------------------------------------------------------------------------------------------
// JSON.

/** True when `key`'s string value names a secret field (`{"name": "x-api-key", "value": "…"}`). */
function namesSecret(key: string, value: unknown): boolean {
  return (
    NAME_KEYS.has(key.toLowerCase()) &&
    typeof value === 'string' &&
    value.length <= 64 &&
    isSecretKey(value, 'query')
  );
}

/**
 * A string that is not under a secret key: JSON, a form or XML inside it is redacted in its own
 * syntax (a webhook payload stored as a string), anything else as free text. A string unchanged by
 * redaction is kept as it was (embedded JSON is re-serialised only when something was removed).
 */
function redactStringValue(value: string, counter: RedactionCounter): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = tryParseJson(trimmed);
    if (json !== undefined && typeof json.value === 'object' && json.value !== null) {
      const scratch = createCounter();
      const redacted = redactJsonValue(json.value, scratch);
      if (scratch.count === 0) return value;
      counter.count += scratch.count;
      return JSON.stringify(redacted);
    }
  }
  if (looksLikeXml(trimmed)) return redactXml(value, counter, false);
  if (looksLikeForm(trimmed)) return redactFormPairs(value, counter);
  return redactText(value, counter);
}

/**
 * Redacts a parsed JSON value at any depth, arrays included. Under a secret-looking key every string
 * and number is a secret (`"credentials": {"user": …, "pass": …}` loses both); booleans and null stay,
 * they say nothing. A `value` whose sibling `name`/`key` names a secret (HAR and Postman exports) is a
 * secret too. Other strings are redacted in their own syntax ({@link redactStringValue}). Returns a new
 * value.
 */
export function redactJsonValue(value: unknown, counter: RedactionCounter, underSecret = false): unknown {
  if (typeof value === 'string') {
    if (underSecret) return secretValue(value, counter);
    return redactStringValue(value, counter);
  }
  if (typeof value === 'number') {
    if (!underSecret) return value;
    counter.count++;
    return REDACTED;
  }
  if (Array.isArray(value)) return value.map((item) => redactJsonValue(item, counter, underSecret));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    const named = entries.some(([key, item]) => namesSecret(key, item));
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const secret = underSecret || isSecretKey(key) || (named && VALUE_KEYS.has(key.toLowerCase()));
      // defineProperty, not assignment: a "__proto__" key from JSON.parse stays a plain own key.
      Object.defineProperty(out, key, {
        value: redactJsonValue(item, counter, secret),
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

// ---------------------------------------------------------------------------------------------------
// XML and HTML.

// HTML elements without an end tag (HTML Living Standard §13.1.2): never open, so `<input name=
// "password" value="…">` does not make the rest of the page secret.
// prettier-ignore
const HTML_VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const TAG_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*/;

function localName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1);
}

/** True when `text` (trimmed) starts like markup: `<tag`, `<?xml`, `<!DOCTYPE`, `<!--`. */
function looksLikeXml(text: string): boolean {
  return text.startsWith('<') && /^<[A-Za-z_?!]/.test(text) && text.includes('>');
}

interface Attribute {
  readonly name: string;
  readonly start: number; // of the value, quotes excluded
  readonly end: number;
}

/** A start tag read from `<` at `at`: its name, attributes and end; `null` when `<` starts no tag. */
function readTag(
  text: string,
  at: number,
): { name: string; attributes: Attribute[]; end: number; selfClosing: boolean } | 'cut' | null {
  const name = TAG_NAME.exec(text.slice(at + 1, at + 257))?.[0];
  if (name === undefined) return null;
  const attributes: Attribute[] = [];
  let j = at + 1 + name.length;
  for (;;) {
    while (j < text.length && /\s/.test(text[j] as string)) j++;
    if (j >= text.length) return 'cut';
    const c = text[j] as string;
    if (c === '>') return { name, attributes, end: j + 1, selfClosing: false };
    if (c === '/' && text[j + 1] === '>') return { name, attributes, end: j + 2, selfClosing: true };
    if (c === '<') return null;
    const nameStart = j;
    while (j < text.length && !/[\s=/>"'<]/.test(text[j] as string)) j++;
    if (j === nameStart) {
      j++; // a stray character inside the tag
      continue;
    }
    const attrName = text.slice(nameStart, j);
    while (j < text.length && /\s/.test(text[j] as string)) j++;
    if (text[j] !== '=') continue; // an attribute without a value
    j++;
    while (j < text.length && /\s/.test(text[j] as string)) j++;
    const quote = text[j];
    if (quote === '"' || quote === "'") {
      const close = text.indexOf(quote, j + 1);
      if (close === -1) return 'cut';
      attributes.push({ name: attrName, start: j + 1, end: close });
      j = close + 1;
    } else {
      const start = j;
      while (j < text.length && !/[\s>]/.test(text[j] as string)) j++;
      attributes.push({ name: attrName, start, end: j });
    }
  }
}

/**
 * Redacts XML (or HTML) without building a tree, in one pass: the content of an element with a
 * secret name (`<password>`, `<ns:apiKey>`, CDATA included) and of everything inside it; attribute
 * values with a secret name (`token="…"`); the `value` of an element named by a secret
 * (`<param name="pin" value="…"/>`). Other text and attribute values get the free-text rules. Markup
 * cut short gets the text scrub from where it breaks.
 */
function redactXml(text: string, counter: RedactionCounter, html: boolean): string {
  const stack: { name: string; secret: boolean }[] = [];
  const inSecret = (): boolean => stack[stack.length - 1]?.secret ?? false;
  const content = (s: string): string => (inSecret() ? secretText(s, counter) : redactText(s, counter));
  let out = '';
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      out += content(text.slice(i));
      break;
    }
    if (lt > i) out += content(text.slice(i, lt));
    if (text.startsWith('<!--', lt) || text.startsWith('<![CDATA[', lt)) {
      const comment = text.startsWith('<!--', lt);
      const open = comment ? '<!--' : '<![CDATA[';
      const closeMark = comment ? '-->' : ']]>';
      const close = text.indexOf(closeMark, lt + open.length);
      const stop = close === -1 ? text.length : close;
      const inner = text.slice(lt + open.length, stop);
      out += open + (comment ? redactText(inner, counter) : content(inner)) + (close === -1 ? '' : closeMark);
      i = close === -1 ? text.length : close + closeMark.length;
      continue;
    }
    const next = text[lt + 1];
    if (next === '?' || next === '!' || next === '/') {
      const close = text.indexOf('>', lt);
      if (close === -1) {
        out += redactText(text.slice(lt), counter);
        break;
      }
      if (next === '/') {
        const name = text.slice(lt + 2, close).trim();
        // Only the innermost elements are searched: a stray end tag in a deep document stays linear.
        for (let k = stack.length - 1; k >= Math.max(0, stack.length - 64); k--) {
          if (stack[k]?.name === name) {
            stack.length = k;
            break;
          }
        }
      }
      out += text.slice(lt, close + 1);
      i = close + 1;
      continue;
    }
    const tag = readTag(text, lt);
    if (tag === 'cut') {
      out += redactText(text.slice(lt), counter);
      break;
    }
    if (tag === null) {
      out += '<';
      i = lt + 1;
      continue;
    }
    const inherited = inSecret();
    const named = tag.attributes.some(
      (a) =>
        NAME_KEYS.has(localName(a.name).toLowerCase()) &&
        namesSecret(localName(a.name), text.slice(a.start, a.end)),
    );
    let from = lt;
    for (const a of tag.attributes) {
      const attr = localName(a.name);
      const value = text.slice(a.start, a.end);
      const secret =
        (inherited && !a.name.startsWith('xmlns')) ||
        isSecretKey(attr) ||
        (named && VALUE_KEYS.has(attr.toLowerCase()));
      out += text.slice(from, a.start) + (secret ? secretValue(value, counter) : redactText(value, counter));
      from = a.end;
    }
    out += text.slice(from, tag.end);
    i = tag.end;
    if (!tag.selfClosing && !(html && HTML_VOID.has(tag.name.toLowerCase()))) {
      stack.push({ name: tag.name, secret: inherited || named || isSecretKey(localName(tag.name)) });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// multipart/form-data (RFC 7578).

/** The `boundary` parameter of a multipart content type. */
function boundaryOf(contentType: string): string | undefined {
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/** The boundary of a multipart body whose type was not given: its first line is `--boundary`. */
function sniffBoundary(body: string): string | undefined {
  if (!body.startsWith('--')) return undefined;
  const line = body.split(/\r?\n/, 1)[0] as string;
  const boundary = line.slice(2).trim();
  if (boundary === '' || /\s/.test(boundary) || !/content-disposition/i.test(body)) return undefined;
  return body.includes(`--${boundary}`, line.length) ? boundary : undefined;
}

/** One part (what lies between two delimiters): the value of a secret-named part goes; others by their type. */
function redactPart(part: string, counter: RedactionCounter): string {
  const blank = /\r?\n\r?\n/.exec(part);
  if (blank === null) return redactText(part, counter);
  const headers = part.slice(0, blank.index);
  const bodyStart = blank.index + blank[0].length;
  const trail = /\r?\n$/.exec(part.slice(bodyStart))?.[0] ?? '';
  const value = part.slice(bodyStart, part.length - trail.length);
  const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
  const name = /[;\s]name\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
  const partName = name?.[1] ?? name?.[2];
  const type = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1] ?? '';
  let redacted: string;
  if (partName !== undefined && isSecretKey(partName, 'query')) redacted = secretValue(value, counter);
  else {
    const scratch = createCounter();
    const text = redactBody(value, scratch, type).text;
    counter.count += scratch.count;
    redacted = scratch.count === 0 ? value : text;
  }
  return redactText(headers, counter) + part.slice(blank.index, bodyStart) + redacted + trail;
}

function redactMultipart(body: string, boundary: string, counter: RedactionCounter): string {
  const delimiter = `--${boundary}`;
  let at = body.indexOf(delimiter);
  if (at === -1) return redactText(body, counter);
  let out = redactText(body.slice(0, at), counter);
  while (at !== -1) {
    const after = at + delimiter.length;
    if (body.startsWith('--', after)) {
      out += body.slice(at, after + 2) + redactText(body.slice(after + 2), counter);
      break;
    }
    const next = body.indexOf(delimiter, after);
    out += delimiter + redactPart(body.slice(after, next === -1 ? body.length : next), counter);
    at = next;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Bodies.

/** How a body was read by {@link redactBody}. */
export type BodyKind = 'json' | 'form' | 'xml' | 'multipart' | 'text';

/**
 * Redacts a request or response body in its own syntax. The declared type (`Content-Type`, HAR
 * `mimeType`, curl's `-d` default) and the body itself decide: `multipart/*` by its boundary; JSON
 * (whatever the declared type) parsed, redacted key by key and pretty-printed with two spaces;
 * `application/x-www-form-urlencoded` (or a one-line `a=1&b=2`) pair by pair; XML/HTML (declared, or
 * starting with `<`) element by element; anything else — malformed JSON included — by the text scrub.
 */
export function redactBody(
  body: string,
  counter: RedactionCounter,
  contentType = '',
): { text: string; kind: BodyKind } {
  const type = contentType.toLowerCase();
  const trimmed = body.trim();
  // A form type may be only curl's -d default: a multipart or XML body sent with -d is read as what it is.
  const form = type.includes('x-www-form-urlencoded');
  if (type.includes('multipart/') || type === '' || form) {
    const boundary = (form ? undefined : boundaryOf(contentType)) ?? sniffBoundary(trimmed);
    if (boundary !== undefined) return { text: redactMultipart(body, boundary, counter), kind: 'multipart' };
  }
  const json = tryParseJson(body);
  if (json !== undefined && typeof json.value === 'object' && json.value !== null) {
    return { text: JSON.stringify(redactJsonValue(json.value, counter), null, 2), kind: 'json' };
  }
  if (form && !looksLikeXml(trimmed)) return { text: redactFormPairs(trimmed, counter), kind: 'form' };
  const html = type.includes('html') || /^<(?:!doctype\s+html|html)\b/i.test(trimmed);
  if (/xml|html|soap/.test(type) || looksLikeXml(trimmed)) {
    return { text: redactXml(body, counter, html), kind: 'xml' };
  }
  if (!type.includes('json') && looksLikeForm(trimmed)) {
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
