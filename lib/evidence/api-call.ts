/**
 * API-call evidence: what the agent pastes into "API call details" (seed 000: eSIM Go asks for "details
 * of the API call, the endpoint you're using and the response with time stamps"; REFERENCE lists the
 * `GET /esims/{iccid}…` calls agents paste). {@link parseApiEvidence} reads the four shapes agents have
 * at hand — a curl command (DevTools "Copy as cURL", API docs), raw HTTP text, a bare JSON response,
 * a HAR file — and turns each call into an {@link ApiCall} whose secrets are already gone
 * (see `redact.ts`): nothing this module returns holds an API key, a cookie or a token.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  createCounter,
  isSecretKey,
  redactBody,
  redactHeader,
  redactUrl,
  REDACTED,
  tryParseJson,
  type HeaderLike,
  type RedactionCounter,
} from './redact';

/** The most characters of one body a stored call may hold, whatever `maxBodyChars` asks (drafts cap fields at 100 000). */
export const MAX_STORED_BODY_CHARS = 100_000;
/** Default cap of each body in {@link parseApiEvidence}: enough for any eSIM Go response, small in a ticket. */
export const DEFAULT_MAX_BODY_CHARS = 20_000;
/**
 * The largest paste or file accepted, in characters (10 MiB, the per-file attachment limit of
 * `attachments.ts`): a HAR of a whole browsing session is bigger than any evidence a vendor reads.
 */
export const MAX_INPUT_CHARS = 10 * 1024 * 1024;

/** One HTTP header, its value already redacted when it is a credential. */
export const HeaderSchema = z.object({
  name: z.string().max(256),
  value: z.string().max(16_384),
});
/** See {@link HeaderSchema}. */
export type Header = z.infer<typeof HeaderSchema>;

/**
 * Where `startedAt` comes from: the HAR's `startedDateTime`, the HTTP `Date` header, the moment the
 * agent entered the evidence (no time in the input), or the page that reported the call (capture).
 */
export const TimestampSourceSchema = z.enum(['har', 'headers', 'agent-entry', 'page']);
/** See {@link TimestampSourceSchema}. */
export type TimestampSource = z.infer<typeof TimestampSourceSchema>;

/**
 * `pasted`: the agent pasted or dropped it. `reported-by-page`: the opt-in page capture saw it; the
 * page can forge what it reports (REFERENCE: main-world scripts are visible to and forgeable by the
 * page), so it is labelled as such wherever it is shown.
 */
export const EvidenceSourceSchema = z.enum(['pasted', 'reported-by-page']);
/** See {@link EvidenceSourceSchema}. */
export type EvidenceSource = z.infer<typeof EvidenceSourceSchema>;

/**
 * One API call as stored with a draft: secrets redacted, bodies pretty-printed when JSON and capped.
 * `method` and `endpoint` are empty strings when the input did not say (a bare JSON response, a
 * response without its request).
 */
export const ApiCallSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  /** Upper-case HTTP method, or '' when unknown. */
  method: z.string().max(32),
  /** The URL (or path) as given, with user-info, secret query parameters and tokens redacted. */
  endpoint: z.string().max(8192),
  status: z.number().int().min(0).max(999).optional(),
  requestHeaders: z.array(HeaderSchema).max(500),
  requestBody: z.string().max(MAX_STORED_BODY_CHARS).optional(),
  responseHeaders: z.array(HeaderSchema).max(500),
  responseBody: z.string().max(MAX_STORED_BODY_CHARS).optional(),
  /** ISO 8601 with its offset. */
  startedAt: z.iso.datetime({ offset: true }).optional(),
  durationMs: z.number().nonnegative().optional(),
  timestampSource: TimestampSourceSchema,
  source: EvidenceSourceSchema,
  /** True when a body was cut to the size limit. */
  truncated: z.boolean(),
});
/** See {@link ApiCallSchema}. */
export type ApiCall = z.infer<typeof ApiCallSchema>;

/** Why a paste is not API-call evidence. */
export type ApiEvidenceErrorCode = 'empty' | 'unrecognised' | 'too-large' | 'har-invalid';

/** Options of {@link parseApiEvidence}. */
export interface ParseApiEvidenceOptions {
  /** When the agent entered the evidence: the timestamp of calls whose input has none. */
  readonly now: Date;
  /** The agent's IANA time zone (`Europe/Paris`): `startedAt` carries its offset. UTC when unknown. */
  readonly timeZone: string;
  /** Cap of each body, in characters (default {@link DEFAULT_MAX_BODY_CHARS}, at most {@link MAX_STORED_BODY_CHARS}). */
  readonly maxBodyChars?: number;
}

/** The result of {@link parseApiEvidence}. `redactions` counts the secrets removed, for the UI to say so. */
export type ApiEvidenceResult =
  | { readonly ok: true; readonly calls: ApiCall[]; readonly redactions: number }
  | { readonly ok: false; readonly error: { readonly code: ApiEvidenceErrorCode; readonly message: string } };

function fail(code: ApiEvidenceErrorCode, message: string): ApiEvidenceResult {
  return { ok: false, error: { code, message } };
}

/** A call as read from the input, before redaction and capping. */
interface RawCall {
  method: string;
  endpoint: string;
  status?: number;
  requestHeaders: HeaderLike[];
  requestBody?: string;
  /**
   * What the request body is when no `Content-Type` header says so (HAR `postData.mimeType`, curl's
   * `-d` default). `requestBodyBuilt`: the body was built here as `name=value&…` from fields (curl
   * `-F`, HAR `params`), so it is read as a form whatever the header says.
   */
  requestBodyType?: string;
  requestBodyBuilt?: boolean;
  responseHeaders: HeaderLike[];
  responseBody?: string;
  /** HAR `content.mimeType`, when no `Content-Type` header says it. */
  responseBodyType?: string;
  startedAt?: string;
  durationMs?: number;
  timestampSource?: TimestampSource;
}

interface Context {
  readonly now: Date;
  readonly timeZone: string;
  readonly maxBodyChars: number;
  readonly counter: RedactionCounter;
}

// ---------------------------------------------------------------------------------------------------
// Entry point.

/**
 * Reads API-call evidence pasted by the agent: a curl command (several, with `\` continuations, and
 * the output pasted after it), raw HTTP request and/or response text, a bare JSON body, or a HAR 1.2
 * file / entry (every entry becomes a call). Secrets are redacted before anything is returned; bodies
 * are pretty-printed when JSON and cut to `maxBodyChars` (`truncated: true`). Calls without a time in
 * the input get the agent's entry time (`timestampSource: 'agent-entry'`). Never throws.
 */
export function parseApiEvidence(text: string, options: ParseApiEvidenceOptions): ApiEvidenceResult {
  if (text.length > MAX_INPUT_CHARS) {
    return fail(
      'too-large',
      `This is more than ${MAX_INPUT_CHARS / 1024 / 1024} MB of text; keep only the calls that matter.`,
    );
  }
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '')
    return fail('empty', 'Paste a curl command, an HTTP request or response, a JSON response or a HAR file.');
  const ctx: Context = {
    now: options.now,
    timeZone: options.timeZone,
    maxBodyChars: clampBodyLimit(options.maxBodyChars),
    counter: createCounter(),
  };
  const raw = readCalls(trimmed, ctx.counter);
  if (!raw.ok) return raw.result;
  const calls = raw.calls.map((call) => finishCall(call, ctx, 'pasted'));
  return { ok: true, calls, redactions: ctx.counter.count };
}

function clampBodyLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_MAX_BODY_CHARS;
  return Math.min(MAX_STORED_BODY_CHARS, Math.max(1, Math.floor(limit)));
}

type ReadResult = { ok: true; calls: RawCall[] } | { ok: false; result: ApiEvidenceResult };

const CURL_START = /^(?:[$>]\s*)?curl(?:\.exe)?\s/;
const STATUS_LINE = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/;
const METHODS = 'GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT';
// With the version: an unambiguous request line, even in the middle of a paste.
const REQUEST_LINE = new RegExp(`^(${METHODS})\\s+(\\S+)\\s+HTTP\\/\\d(?:\\.\\d)?\\s*$`);
// Without it ("GET https://api…/esims/89…"), accepted only as the first line of a call.
const SHORT_REQUEST_LINE = new RegExp(`^(${METHODS})\\s+(\\S+)\\s*$`);

function readCalls(text: string, counter: RedactionCounter): ReadResult {
  if (CURL_START.test(text)) {
    const calls = readCurl(text, counter);
    if (calls.length > 0) return { ok: true, calls };
    return { ok: false, result: fail('unrecognised', 'This curl command has no URL.') };
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (STATUS_LINE.test(firstLine) || REQUEST_LINE.test(firstLine) || SHORT_REQUEST_LINE.test(firstLine)) {
    return { ok: true, calls: readRawHttp(text) };
  }
  if (text.startsWith('{') || text.startsWith('[')) {
    const json = tryParseJson(text);
    if (json !== undefined) {
      const har = readHar(json.value, counter);
      if (har !== null) return har;
    } else if (/"log"\s*:/.test(text) && /"entries"\s*:/.test(text)) {
      return {
        ok: false,
        result: fail(
          'har-invalid',
          'This looks like a HAR file but is not valid JSON (it may be cut short).',
        ),
      };
    }
    // A response body on its own (possibly cut short, so not valid JSON): redacted as text if so.
    return {
      ok: true,
      calls: [{ method: '', endpoint: '', requestHeaders: [], responseHeaders: [], responseBody: text }],
    };
  }
  return {
    ok: false,
    result: fail(
      'unrecognised',
      'Not recognised: paste a curl command, an HTTP request or response (starting with "GET …" or "HTTP/1.1 …"), a JSON response or a HAR file.',
    ),
  };
}

// ---------------------------------------------------------------------------------------------------
// Redaction, pretty-printing, capping, timestamps.

/** The agent's entry time as ISO 8601 with the offset of `timeZone` (UTC when the zone is unknown). */
export function entryTimestamp(now: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const at = local.isValid ? local : DateTime.fromJSDate(now, { zone: 'utc' });
  return at.toISO() ?? now.toISOString();
}

/** `text` cut to `max` UTF-16 units without splitting a surrogate pair. */
function truncate(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return { text: text.slice(0, end), truncated: true };
}

function headerValue(headers: readonly HeaderLike[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.trim().toLowerCase() === lower)?.value;
}

function finishBody(
  body: string | undefined,
  type: string,
  ctx: Context,
): { text?: string; truncated: boolean } {
  if (body === undefined || body.trim() === '') return { truncated: false };
  const redacted = redactBody(body, ctx.counter, type);
  return truncate(redacted.text, ctx.maxBodyChars);
}

const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * `name=value` of one form field (curl `-F`, HAR `params`), its value redacted here when the name is
 * secret: fields are joined with `&` afterwards, and a value holding `&` or `=` must not be split.
 */
function formField(name: string, value: string, counter: RedactionCounter): string {
  if (value === '' || value === REDACTED || !isSecretKey(name, 'query')) return `${name}=${value}`;
  counter.count++;
  return `${name}=${REDACTED}`;
}

/** Redacts, pretty-prints and caps a raw call, and fills in its timestamp. */
function finishCall(raw: RawCall, ctx: Context, source: EvidenceSource): ApiCall {
  const requestType = raw.requestBodyBuilt
    ? FORM_TYPE
    : (headerValue(raw.requestHeaders, 'content-type') ?? raw.requestBodyType ?? '');
  const responseType = headerValue(raw.responseHeaders, 'content-type') ?? raw.responseBodyType ?? '';
  const request = finishBody(raw.requestBody, requestType, ctx);
  const response = finishBody(raw.responseBody, responseType, ctx);
  const time = timestampOf(raw, ctx);
  const call: ApiCall = {
    method: raw.method.trim().toUpperCase().slice(0, 32),
    endpoint: redactUrl(raw.endpoint.trim(), ctx.counter).slice(0, 8192),
    requestHeaders: raw.requestHeaders.slice(0, 500).map((h) => capHeader(redactHeader(h, ctx.counter))),
    responseHeaders: raw.responseHeaders.slice(0, 500).map((h) => capHeader(redactHeader(h, ctx.counter))),
    startedAt: time.startedAt,
    timestampSource: time.source,
    source,
    truncated: request.truncated || response.truncated,
  };
  if (raw.status !== undefined && Number.isInteger(raw.status) && raw.status > 0 && raw.status <= 999) {
    call.status = raw.status;
  }
  if (request.text !== undefined) call.requestBody = request.text;
  if (response.text !== undefined) call.responseBody = response.text;
  if (raw.durationMs !== undefined && Number.isFinite(raw.durationMs) && raw.durationMs >= 0) {
    call.durationMs = Math.round(raw.durationMs * 1000) / 1000;
  }
  return call;
}

/**
 * The call's time, best source first: the input's own (HAR `startedDateTime`), the HTTP `Date` header
 * (response first: it is when the server answered), else the agent's entry time.
 */
function timestampOf(raw: RawCall, ctx: Context): { startedAt: string; source: TimestampSource } {
  if (raw.startedAt !== undefined && raw.timestampSource !== undefined) {
    return { startedAt: raw.startedAt, source: raw.timestampSource };
  }
  const date = headerValue(raw.responseHeaders, 'date') ?? headerValue(raw.requestHeaders, 'date');
  if (date !== undefined) {
    // RFC 9110 §5.6.7: HTTP dates are GMT; shown in the agent's zone, same instant.
    const at = DateTime.fromHTTP(date.trim(), { zone: 'utc' });
    const local = at.setZone(ctx.timeZone);
    const iso = (local.isValid ? local : at).toISO();
    if (at.isValid && iso !== null) return { startedAt: iso, source: 'headers' };
  }
  return { startedAt: entryTimestamp(ctx.now, ctx.timeZone), source: 'agent-entry' };
}

function capHeader(h: { name: string; value: string }): Header {
  return { name: h.name.trim().slice(0, 256), value: h.value.slice(0, 16_384) };
}

// A structured call before capping: bodies may be longer than stored ones (they are cut here).
const IncomingCallSchema = ApiCallSchema.extend({
  requestBody: z.string().max(MAX_INPUT_CHARS).optional(),
  responseBody: z.string().max(MAX_INPUT_CHARS).optional(),
});

/** Options of {@link redactApiCall}. */
export interface RedactApiCallOptions {
  readonly maxBodyChars?: number;
  readonly source?: EvidenceSource;
}

/**
 * Redacts and caps a call that arrives already structured (the page capture: the main-world script
 * redacts before posting, but the page can forge what it posts, so the extension redacts again).
 * Input that does not fit {@link ApiCallSchema} (bodies may be longer: they are cut here) gives `null`. Idempotent: a redacted call
 * comes back unchanged with zero redactions.
 */
export function redactApiCall(
  input: unknown,
  options: RedactApiCallOptions = {},
): { call: ApiCall; redactions: number } | null {
  const parsed = IncomingCallSchema.safeParse(input);
  if (!parsed.success) return null;
  const given = parsed.data;
  const counter = createCounter();
  const ctx: Context = {
    now: new Date(0),
    timeZone: 'utc',
    maxBodyChars: clampBodyLimit(options.maxBodyChars),
    counter,
  };
  const call = finishCall(given, ctx, options.source ?? given.source);
  // Keep the given time (or its absence): the epoch placeholder above is never used as evidence.
  if (given.startedAt === undefined) delete call.startedAt;
  call.timestampSource = given.timestampSource;
  call.truncated = call.truncated || given.truncated;
  if (given.id !== undefined) call.id = given.id;
  return { call, redactions: counter.count };
}

// ---------------------------------------------------------------------------------------------------
// curl.

interface ShellCommand {
  tokens: string[];
  /** The text after the command up to the next curl command: what the command printed. */
  output: string;
}

/** Reads `$'…'` (ANSI-C quoting) from `i` (at the `$`); returns the text and the offset after it. */
function readAnsiC(text: string, i: number): { value: string; end: number } {
  let value = '';
  let j = i + 2;
  while (j < text.length && text[j] !== "'") {
    const c = text[j] as string;
    if (c !== '\\') {
      value += c;
      j++;
      continue;
    }
    const e = text[j + 1] ?? '';
    // prettier-ignore
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', '?': '?' };
    if (e in simple) {
      value += simple[e];
      j += 2;
    } else if (e === 'x') {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(text.slice(j + 2, j + 4))?.[0] ?? '';
      value += hex === '' ? '\\x' : String.fromCharCode(parseInt(hex, 16));
      j += 2 + hex.length;
    } else if (e === 'u' || e === 'U') {
      const hex =
        new RegExp(`^[0-9a-fA-F]{1,${e === 'u' ? 4 : 8}}`).exec(text.slice(j + 2, j + 10))?.[0] ?? '';
      const code = hex === '' ? NaN : parseInt(hex, 16);
      value += Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : `\\${e}`;
      j += 2 + hex.length;
    } else if (/[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(text.slice(j + 1, j + 4))?.[0] ?? '0';
      value += String.fromCharCode(parseInt(oct, 8) & 0xff);
      j += 1 + oct.length;
    } else {
      value += `\\${e}`;
      j += 2;
    }
  }
  return { value, end: j + 1 };
}

/**
 * Splits one shell command into words the way bash does for the cases pasted curl commands use:
 * `'…'`, `"…"` (with `\"`, `\\`, `\$`), `$'…'`, backslash escapes, `\`-newline continuations, and
 * `#` comments. The command ends at an unquoted newline, `;`, `&&`, `||` or `|` (`| jq .` is skipped).
 */
function tokenizeCommand(text: string, start: number): { tokens: string[]; end: number } {
  const tokens: string[] = [];
  let current = '';
  let inWord = false;
  const flush = (): void => {
    if (inWord) tokens.push(current);
    current = '';
    inWord = false;
  };
  const skipLine = (from: number): number => {
    const nl = text.indexOf('\n', from);
    return nl === -1 ? text.length : nl + 1;
  };
  let i = start;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '\n') i += 2;
      else if (next === '\r' && text[i + 2] === '\n') i += 3;
      else if (next === undefined) i++;
      else {
        current += next;
        inWord = true;
        i += 2;
      }
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close === -1 ? text.length : close;
      current += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '$' && text[i + 1] === "'") {
      const read = readAnsiC(text, i);
      current += read.value;
      inWord = true;
      i = read.end;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        const d = text[j] as string;
        if (d === '\\' && j + 1 < text.length) {
          const e = text[j + 1] as string;
          if (e === '\n') j += 2;
          else if (e === '"' || e === '\\' || e === '$' || e === '`') {
            current += e;
            j += 2;
          } else {
            current += '\\';
            j++;
          }
        } else {
          current += d;
          j++;
        }
      }
      inWord = true;
      i = j + 1;
    } else if (c === ' ' || c === '\t') {
      flush();
      i++;
    } else if (c === '\n' || c === '\r') {
      flush();
      return { tokens, end: i + 1 };
    } else if (c === ';') {
      flush();
      return { tokens, end: i + 1 };
    } else if (c === '|') {
      flush();
      // `| jq .` / `|| true`: what follows on this line is not part of the request.
      return { tokens, end: text[i + 1] === '|' ? i + 2 : skipLine(i) };
    } else if (c === '&' && text[i + 1] === '&') {
      flush();
      return { tokens, end: i + 2 };
    } else if (c === '#' && !inWord) {
      flush();
      i = skipLine(i) - 1; // the newline itself ends the command
    } else {
      // A lone `&` inside an unquoted URL (`?a=1&b=2`) is kept: agents paste URLs unquoted.
      current += c;
      inWord = true;
      i++;
    }
  }
  flush();
  return { tokens, end: text.length };
}

/** Splits the paste into curl commands, each with the output pasted after it. */
function splitCurlCommands(text: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let pos = 0;
  while (pos < text.length) {
    const lineStart = pos;
    const rest = text.slice(pos);
    const lead = /^[ \t]*(?:[$>][ \t]*)?/.exec(rest)?.[0] ?? '';
    if (/^curl(?:\.exe)?\s/.test(rest.slice(lead.length))) {
      const { tokens, end } = tokenizeCommand(text, pos + lead.length);
      commands.push({ tokens, output: '' });
      pos = end;
      continue;
    }
    // Not a curl line: output of the previous command (or a line between `&&`-joined commands).
    let nl = text.indexOf('\n', lineStart);
    if (nl === -1) nl = text.length;
    const last = commands[commands.length - 1];
    if (last !== undefined) last.output += text.slice(lineStart, Math.min(nl + 1, text.length));
    pos = nl + 1;
  }
  return commands;
}

// curl options that take an argument and do not change the request we record.
// prettier-ignore
const IGNORED_WITH_ARGUMENT = new Set([
  '-o', '--output', '-m', '--max-time', '--connect-timeout', '-w', '--write-out', '-x', '--proxy',
  '--cacert', '--capath', '--cert-type', '--key', '--key-type', '--retry', '--retry-delay',
  '--retry-max-time', '-c', '--cookie-jar', '-K', '--config', '--resolve', '--max-redirs', '-r',
  '--range', '--limit-rate', '--interface', '--dns-servers', '--connect-to', '--output-dir', '--trace',
  '--trace-ascii', '--stderr', '-Y', '--speed-limit', '-y', '--speed-time', '-z', '--time-cond',
  '--expect100-timeout', '--local-port', '--ciphers', '--noproxy', '--preproxy', '--socks5',
  '--socks5-hostname', '--unix-socket', '--abstract-unix-socket', '--aws-sigv4', '--variable', '-D',
  '--dump-header', '-C', '--continue-at', '-P', '--ftp-port', '-Q', '--quote', '-t', '--telnet-option',
  '--netrc-file', '--proto', '--proto-redir', '--max-filesize', '--happy-eyeballs-timeout-ms',
]);
// Options whose argument is a credential: dropped, and counted as a redaction.
// prettier-ignore
const SECRET_WITH_ARGUMENT = new Set([
  '-U', '--proxy-user', '-E', '--cert', '--pass', '--tlspassword', '--proxy-pass', '--tlsuser',
  '--proxy-tlspassword', '--proxy-tlsuser', '--delegation', '--login-options', '--sasl-authzid',
]);
const SHORT_WITH_ARGUMENT = new Set('XHduomwxbceAEFTrYyzKUCPQtD'.split(''));

function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `--data-urlencode` forms: `content`, `=content`, `name=content`, `@file`, `name@file`. */
function urlencodeData(arg: string): string {
  const eq = arg.indexOf('=');
  const atSign = arg.indexOf('@');
  if (atSign !== -1 && (eq === -1 || atSign < eq)) return arg; // a file reference: kept as written
  if (eq === -1) return percentEncode(arg);
  return `${arg.slice(0, eq)}${eq === 0 ? '' : '='}${percentEncode(arg.slice(eq + 1))}`;
}

function headerFrom(arg: string): HeaderLike | null {
  if (arg.startsWith('@')) return null; // headers from a file: nothing to record
  const colon = arg.indexOf(':');
  if (colon > 0) return { name: arg.slice(0, colon).trim(), value: arg.slice(colon + 1).trim() };
  if (arg.endsWith(';')) return { name: arg.slice(0, -1).trim(), value: '' };
  return null;
}

/** Turns the words of one curl command (without `curl`) into a call. */
function curlToCall(words: readonly string[], output: string, counter: RedactionCounter): RawCall | null {
  let method: string | undefined;
  let url: string | undefined;
  const headers: HeaderLike[] = [];
  const data: string[] = [];
  const form: string[] = [];
  const query: string[] = [];
  let get = false;
  let head = false;
  let upload = false;
  let json = false;

  const apply = (option: string, arg: string): void => {
    switch (option) {
      case '-X':
      case '--request':
        method = arg;
        break;
      case '-H':
      case '--header': {
        const h = headerFrom(arg);
        if (h) headers.push(h);
        break;
      }
      case '-d':
      case '--data':
      case '--data-ascii':
      case '--data-binary':
      case '--data-raw':
        data.push(arg);
        break;
      case '--data-urlencode':
        data.push(urlencodeData(arg));
        break;
      case '--json':
        data.push(arg);
        json = true;
        break;
      case '-F':
      case '--form':
      case '--form-string':
        form.push(arg);
        break;
      case '--url-query':
        query.push(urlencodeData(arg));
        break;
      case '--url':
        url ??= arg;
        break;
      case '-u':
      case '--user':
      case '--oauth2-bearer':
        // seed 000 wants the call, never the credentials: recorded as "authenticated", value gone.
        headers.push({ name: 'Authorization', value: REDACTED });
        counter.count++;
        break;
      case '-b':
      case '--cookie':
        if (arg.includes('=')) headers.push({ name: 'Cookie', value: arg });
        break;
      case '-A':
      case '--user-agent':
        headers.push({ name: 'User-Agent', value: arg });
        break;
      case '-e':
      case '--referer':
        headers.push({ name: 'Referer', value: arg });
        break;
      case '-T':
      case '--upload-file':
        upload = true;
        break;
      default:
        if (SECRET_WITH_ARGUMENT.has(option) && arg !== '') counter.count++;
    }
  };
  // prettier-ignore
  const takesArgument = (option: string): boolean =>
    [
      '--request', '--header', '--data', '--data-ascii', '--data-binary', '--data-raw', '--data-urlencode',
      '--json', '--form', '--form-string', '--url-query', '--url', '--user', '--oauth2-bearer', '--cookie',
      '--user-agent', '--referer', '--upload-file',
    ].includes(option) ||
    IGNORED_WITH_ARGUMENT.has(option) ||
    SECRET_WITH_ARGUMENT.has(option);

  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word.startsWith('--') && word.length > 2) {
      if (word === '--get') get = true;
      else if (word === '--head') head = true;
      else if (takesArgument(word)) apply(word, words[++i] ?? '');
      continue; // other long options are switches (--compressed, --location, --insecure, …)
    }
    if (word.startsWith('-') && word.length > 1) {
      // A cluster of short options: `-sSL`, `-XPOST`, `-sX POST`.
      for (let k = 1; k < word.length; k++) {
        const letter = word[k] as string;
        if (SHORT_WITH_ARGUMENT.has(letter)) {
          const attached = word.slice(k + 1);
          apply(`-${letter}`, attached !== '' ? attached : (words[++i] ?? ''));
          break;
        }
        if (letter === 'G') get = true;
        else if (letter === 'I') head = true;
      }
      continue;
    }
    url ??= word;
  }
  if (url === undefined) return null;

  let endpoint = url;
  const extraQuery = [...query, ...(get ? data : [])];
  if (extraQuery.length > 0) endpoint += (endpoint.includes('?') ? '&' : '?') + extraQuery.join('&');
  let body: string | undefined;
  let built = false;
  if (!get && data.length > 0) body = data.join('&');
  else if (form.length > 0) {
    body = form
      .map((field) => {
        const eq = field.indexOf('=');
        return eq === -1 ? field : formField(field.slice(0, eq), field.slice(eq + 1), counter);
      })
      .join('&');
    built = true;
  }
  if (json) {
    if (headerValue(headers, 'content-type') === undefined)
      headers.push({ name: 'Content-Type', value: 'application/json' });
    if (headerValue(headers, 'accept') === undefined)
      headers.push({ name: 'Accept', value: 'application/json' });
  }
  const defaultMethod = head ? 'HEAD' : upload ? 'PUT' : body !== undefined ? 'POST' : 'GET';
  const call: RawCall = {
    method: method ?? defaultMethod,
    endpoint,
    requestHeaders: headers,
    responseHeaders: [],
  };
  if (body !== undefined) {
    call.requestBody = body;
    // curl sends -d data as application/x-www-form-urlencoded unless told otherwise (curl(1), -d).
    if (built) call.requestBodyBuilt = true;
    else if (!json) call.requestBodyType = FORM_TYPE;
  }
  // The command's printed output: with `-i` it starts with the status line, else it is the body.
  const printed = output.trim();
  if (printed !== '') {
    const firstLine = printed.split(/\r?\n/, 1)[0] ?? '';
    if (STATUS_LINE.test(firstLine)) {
      const lines = printed.replace(/\r\n?/g, '\n').split('\n');
      readResponse(lines, 0, call, true);
    } else call.responseBody = printed;
  }
  return call;
}

/**
 * DevTools "Copy as cURL (cmd)" escapes with `^` (`^"`, `^{`) and continues lines with a trailing `^`.
 * Dropping the carets leaves a command that reads like the bash one.
 */
function fromCmdSyntax(text: string): string {
  const firstLine = text.split('\n', 1)[0] ?? '';
  if (!/\^\r?$/.test(firstLine) && !/^\S*curl(?:\.exe)?\s+\^"/.test(text)) return text;
  return text.replace(/\^\r?\n/g, ' ').replace(/\^(.)/g, '$1');
}

function readCurl(text: string, counter: RedactionCounter): RawCall[] {
  const calls: RawCall[] = [];
  for (const command of splitCurlCommands(fromCmdSyntax(text))) {
    const call = curlToCall(command.tokens.slice(1), command.output, counter);
    if (call) calls.push(call);
  }
  return calls;
}

// ---------------------------------------------------------------------------------------------------
// Raw HTTP text.

const HEADER_LINE = /^(:?[!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*)$/;

function isCallStart(line: string): boolean {
  return STATUS_LINE.test(line) || REQUEST_LINE.test(line);
}

/** Reads header lines from `i`; stops at a blank line (consumed), a start line or a non-header line. */
function readHeaders(lines: readonly string[], i: number, into: HeaderLike[]): number {
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') return i + 1;
    if (isCallStart(line)) return i;
    const m = HEADER_LINE.exec(line);
    if (m === null) return i; // no blank line before the body: tolerate it
    into.push({ name: m[1] as string, value: (m[2] as string).trim() });
    i++;
  }
  return i;
}

/** Reads body lines from `i` up to the next request or status line. */
function readBody(lines: readonly string[], i: number): { body?: string; next: number } {
  const start = i;
  while (i < lines.length && !isCallStart(lines[i] as string)) i++;
  const body = lines.slice(start, i).join('\n').trim();
  return body === '' ? { next: i } : { body, next: i };
}

/** Reads a response (status line at `i`) into `call`; returns the next line. `toEnd`: the body runs to the end. */
function readResponse(lines: readonly string[], i: number, call: RawCall, toEnd = false): number {
  const status = STATUS_LINE.exec(lines[i] as string);
  if (status !== null) call.status = Number(status[1]);
  const next = readHeaders(lines, i + 1, call.responseHeaders);
  if (toEnd) {
    const body = lines.slice(next).join('\n').trim();
    if (body !== '') call.responseBody = body;
    return lines.length;
  }
  const read = readBody(lines, next);
  if (read.body !== undefined) call.responseBody = read.body;
  return read.next;
}

/** The request target as a URL: absolute as given, else `https://` + the Host header + the path. */
function endpointOf(target: string, headers: readonly HeaderLike[]): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return target;
  const host = headerValue(headers, 'host') ?? headerValue(headers, ':authority');
  // eSIM Go's API (REFERENCE) is HTTPS only; a pasted request line does not say the scheme.
  return host !== undefined && target.startsWith('/') ? `https://${host.trim()}${target}` : target;
}

/**
 * Reads raw HTTP text: requests (`GET /esims/89… HTTP/1.1`, or `GET https://…` as the first line),
 * each optionally followed by its response (`HTTP/1.1 200 OK`), or responses alone. Header blocks end
 * at a blank line; a body runs to the next request or status line.
 */
function readRawHttp(text: string): RawCall[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const calls: RawCall[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const request = REQUEST_LINE.exec(line) ?? (calls.length === 0 ? SHORT_REQUEST_LINE.exec(line) : null);
    if (request !== null) {
      const call: RawCall = {
        method: request[1] as string,
        endpoint: '',
        requestHeaders: [],
        responseHeaders: [],
      };
      i = readHeaders(lines, i + 1, call.requestHeaders);
      const body = readBody(lines, i);
      if (body.body !== undefined) call.requestBody = body.body;
      i = body.next;
      call.endpoint = endpointOf(request[2] as string, call.requestHeaders);
      // "HTTP/1.1 100 Continue" comes before the real response: read on until a final status.
      while (i < lines.length && STATUS_LINE.test(lines[i] as string)) {
        i = readResponse(lines, i, call);
        if (call.status !== 100) break;
      }
      calls.push(call);
      continue;
    }
    if (STATUS_LINE.test(line)) {
      const call: RawCall = { method: '', endpoint: '', requestHeaders: [], responseHeaders: [] };
      i = readResponse(lines, i, call);
      calls.push(call);
      continue;
    }
    i++; // unreachable in practice: bodies run to the next start line
  }
  return calls;
}

// ---------------------------------------------------------------------------------------------------
// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/).

const HarHeaderSchema = z.object({ name: z.string(), value: z.string() });
const HarEntrySchema = z.object({
  startedDateTime: z.string().optional(),
  time: z.number().optional(),
  request: z.object({
    method: z.string().min(1),
    url: z.string().min(1),
    headers: z.array(HarHeaderSchema).optional(),
    postData: z
      .object({
        mimeType: z.string().optional(),
        text: z.string().optional(),
        params: z.array(z.object({ name: z.string(), value: z.string().optional() })).optional(),
      })
      .optional(),
  }),
  response: z
    .object({
      status: z.number(),
      headers: z.array(HarHeaderSchema).optional(),
      content: z
        .object({
          mimeType: z.string().optional(),
          text: z.string().optional(),
          encoding: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});
type HarEntry = z.infer<typeof HarEntrySchema>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeEntry(value: unknown): boolean {
  return isRecord(value) && isRecord(value.request) && 'url' in value.request;
}

/**
 * Reads a HAR (`{ log: { entries } }`), one entry, or an array of entries. Returns null when the JSON is
 * none of these (it is then a response body). `request.cookies`, `request.queryString` and
 * `response.cookies` are never read: they only repeat what the headers and URL say, as secrets.
 */
function readHar(value: unknown, counter: RedactionCounter): ReadResult | null {
  let entries: unknown[];
  if (isRecord(value) && 'log' in value) {
    const log = value.log;
    if (!isRecord(log) || !Array.isArray(log.entries)) {
      return { ok: false, result: fail('har-invalid', 'This HAR file has no "log.entries" list.') };
    }
    entries = log.entries;
  } else if (looksLikeEntry(value)) entries = [value];
  else if (Array.isArray(value) && value.length > 0 && value.every(looksLikeEntry)) entries = value;
  else return null;
  if (entries.length === 0) {
    return { ok: false, result: fail('har-invalid', 'This HAR file has no requests in it.') };
  }
  const calls: RawCall[] = [];
  for (const [index, entry] of entries.entries()) {
    const parsed = HarEntrySchema.safeParse(entry);
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path.join('.') ?? '';
      return {
        ok: false,
        result: fail(
          'har-invalid',
          `Entry ${index + 1} of this HAR file is not valid${path ? ` (at "${path}")` : ''}.`,
        ),
      };
    }
    calls.push(harToCall(parsed.data, counter));
  }
  return { ok: true, calls };
}

const TEXTUAL_MIME = /json|text|xml|javascript|x-www-form-urlencoded|graphql/i;

/** HAR `content.text`, decoded when the HAR stored it as base64 (Chrome does for some responses). */
function harContent(content: NonNullable<HarEntry['response']>['content']): string | undefined {
  if (content?.text === undefined) return undefined;
  if (content.encoding !== 'base64') return content.text;
  const mime = content.mimeType ?? '';
  if (!TEXTUAL_MIME.test(mime)) return `[binary content${mime ? `, ${mime}` : ''}]`;
  try {
    const bytes = Uint8Array.from(atob(content.text), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return `[undecodable base64 content${mime ? `, ${mime}` : ''}]`;
  }
}

function harToCall(entry: HarEntry, counter: RedactionCounter): RawCall {
  const call: RawCall = {
    method: entry.request.method,
    endpoint: entry.request.url,
    requestHeaders: entry.request.headers ?? [],
    responseHeaders: entry.response?.headers ?? [],
  };
  const post = entry.request.postData;
  // HAR 1.2: postData.mimeType is the request's content type, present even when no header says it.
  if (post?.mimeType !== undefined && post.mimeType !== '') call.requestBodyType = post.mimeType;
  if (post?.text !== undefined) call.requestBody = post.text;
  else if (post?.params !== undefined) {
    call.requestBody = post.params.map((p) => formField(p.name, p.value ?? '', counter)).join('&');
    call.requestBodyBuilt = true;
  }
  const responseType = entry.response?.content?.mimeType;
  if (responseType !== undefined && responseType !== '') call.responseBodyType = responseType;
  if (entry.response !== undefined) call.status = entry.response.status;
  const body = harContent(entry.response?.content);
  if (body !== undefined) call.responseBody = body;
  // HAR 1.2: startedDateTime is ISO 8601 with its offset; kept as written when valid.
  if (
    entry.startedDateTime !== undefined &&
    ApiCallSchema.shape.startedAt.safeParse(entry.startedDateTime).success
  ) {
    call.startedAt = entry.startedDateTime;
    call.timestampSource = 'har';
  }
  // HAR 1.2: time is the total elapsed milliseconds, -1 when unknown.
  if (entry.time !== undefined && entry.time >= 0) call.durationMs = entry.time;
  return call;
}
