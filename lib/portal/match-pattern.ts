/**
 * WebExtension match patterns (`<scheme>://<host><path>`), as used to say which pages a portal
 * profile reads. Semantics follow the extension platform: scheme `*` means http or https, a host
 * `*.example.com` also matches `example.com`, the path is a glob over path + query, and a pattern
 * without a port matches any port (the demo portal runs on whatever port is free).
 *
 * No zod and no regular expression built from user data: the content script imports this file.
 */

/** Why a pattern cannot be used. */
export type MatchPatternErrorCode = 'invalid' | 'scheme' | 'too-broad';

/** A match pattern split into its parts, ready to test URLs against. */
export interface ParsedMatchPattern {
  /** `*` (http or https), `http` or `https`. */
  readonly scheme: '*' | 'http' | 'https';
  /** Lower-case host without the `*.` prefix; `*` for any host. */
  readonly host: string;
  /** True for `*.example.com`: subdomains of `host` and `host` itself. */
  readonly subdomains: boolean;
  /** Port digits, `*`, or null when the pattern names no port (any port). */
  readonly port: string | null;
  /** The path glob, starting with `/`; `*` matches any run of characters. */
  readonly path: string;
}

/** The result of {@link parseMatchPattern}. */
export type MatchPatternResult =
  | { readonly ok: true; readonly pattern: ParsedMatchPattern }
  | {
      readonly ok: false;
      readonly error: { readonly code: MatchPatternErrorCode; readonly message: string };
    };

function fail(code: MatchPatternErrorCode, message: string): MatchPatternResult {
  return { ok: false, error: { code, message } };
}

// Second-level labels under which registrations are public (co.uk, com.au, …): `*.co.uk` is as broad
// as a wildcard top-level domain. Not the whole Public Suffix List; the common shapes only.
const PUBLIC_SECOND_LEVEL = new Set([
  'co',
  'com',
  'net',
  'org',
  'gov',
  'gouv',
  'ac',
  'edu',
  'ne',
  'or',
  'go',
]);

/**
 * Parses a match pattern for a portal. Only web schemes are accepted (`*`, `http`, `https`: a portal
 * is a web page), and patterns that would read every site — `<all_urls>`, a host of `*`, a wildcard
 * top-level domain like `*.com` or `*.co.uk` — are refused as too broad. Never throws.
 */
export function parseMatchPattern(input: string): MatchPatternResult {
  const text = input.trim();
  if (text === '<all_urls>')
    return fail('too-broad', '"<all_urls>" would read every site: name the portal\'s host.');
  const sep = text.indexOf('://');
  if (sep <= 0)
    return fail('invalid', `"${clip(text)}" is not a match pattern like "https://portal.example.com/*".`);
  const scheme = text.slice(0, sep).toLowerCase();
  if (scheme !== '*' && scheme !== 'http' && scheme !== 'https') {
    return fail('scheme', `Only http, https or * schemes can name a portal, not "${clip(scheme)}".`);
  }
  const rest = text.slice(sep + 3);
  const slash = rest.indexOf('/');
  if (slash < 0) return fail('invalid', `"${clip(text)}" has no path: add "/*" after the host.`);
  const hostPort = rest.slice(0, slash).toLowerCase();
  const path = rest.slice(slash);
  let host = hostPort;
  let port: string | null = null;
  // IPv6 literals keep their colons inside brackets.
  const colon = hostPort.startsWith('[')
    ? hostPort.indexOf(':', hostPort.indexOf(']'))
    : hostPort.lastIndexOf(':');
  if (colon >= 0) {
    host = hostPort.slice(0, colon);
    port = hostPort.slice(colon + 1);
    if (port !== '*' && !/^\d{1,5}$/.test(port)) return fail('invalid', `"${clip(port)}" is not a port.`);
  }
  if (host === '') return fail('invalid', `"${clip(text)}" has no host.`);
  if (host === '*') return fail('too-broad', `"${clip(text)}" matches every site: name the portal's host.`);
  let subdomains = false;
  if (host.startsWith('*.')) {
    subdomains = true;
    host = host.slice(2);
  }
  if (host.includes('*')) return fail('invalid', `"*" may only start the host, as in "*.example.com".`);
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)$/.test(host) || host.startsWith('.') || host.endsWith('.')) {
    return fail('invalid', `"${clip(host)}" is not a host name.`);
  }
  if (subdomains) {
    const labels = host.split('.');
    const broad =
      labels.length === 1 ||
      (labels.length === 2 && (labels[1]?.length ?? 0) === 2 && PUBLIC_SECOND_LEVEL.has(labels[0] ?? ''));
    if (broad) return fail('too-broad', `"*.${host}" is a whole top-level domain: name the portal's host.`);
  }
  return { ok: true, pattern: { scheme, host, subdomains, port, path } };
}

/**
 * True when a pattern would let a profile read far more than one portal (`<all_urls>`, `*://*\/*`,
 * `https://*\/*`, `*.com`). Malformed patterns are not "too broad": {@link parseMatchPattern} says why.
 */
export function isTooBroad(pattern: string): boolean {
  const parsed = parseMatchPattern(pattern);
  return !parsed.ok && parsed.error.code === 'too-broad';
}

/** Glob match where `*` stands for any run of characters; linear-ish, no regular expression. */
function globMatch(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] !== '*' && glob[g] === text[t]) {
      g++;
      t++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      mark = t;
    } else if (star >= 0) {
      g = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

interface UrlParts {
  scheme: string;
  host: string;
  port: string;
  pathAndQuery: string;
}

/** Splits an absolute http(s) URL without the URL global's quirks mattering; null when it is not one. */
function splitUrl(url: string): UrlParts | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return null;
  return {
    scheme,
    host: parsed.hostname.toLowerCase(),
    port: parsed.port || (scheme === 'https' ? '443' : '80'),
    pathAndQuery: parsed.pathname + parsed.search,
  };
}

function matchesParsed(p: ParsedMatchPattern, u: UrlParts): boolean {
  if (p.scheme !== '*' && p.scheme !== u.scheme) return false;
  if (p.subdomains) {
    if (u.host !== p.host && !u.host.endsWith('.' + p.host)) return false;
  } else if (u.host !== p.host) {
    return false;
  }
  if (p.port !== null && p.port !== '*' && p.port !== u.port) return false;
  return globMatch(p.path, u.pathAndQuery);
}

/**
 * True when `url` matches the WebExtension match pattern `pattern`. The path glob is tested against
 * path + query (the fragment is ignored). A malformed or too-broad pattern matches nothing: a profile
 * must never silently read every site.
 */
export function matchesPattern(pattern: string, url: string): boolean {
  const parsed = parseMatchPattern(pattern);
  if (!parsed.ok) return false;
  const parts = splitUrl(url);
  return parts !== null && matchesParsed(parsed.pattern, parts);
}

/**
 * The first profile (in the order given: put the agent's own profiles before the built-in ones) with
 * a URL pattern matching `url`, or null. Works on anything with `urlPatterns` so callers can pass
 * profiles with extra fields.
 */
export function findProfileForUrl<P extends { readonly urlPatterns: readonly string[] }>(
  profiles: readonly P[],
  url: string,
): P | null {
  const parts = splitUrl(url);
  if (parts === null) return null;
  for (const profile of profiles) {
    for (const pattern of profile.urlPatterns) {
      const parsed = parseMatchPattern(pattern);
      if (parsed.ok && matchesParsed(parsed.pattern, parts)) return profile;
    }
  }
  return null;
}

function clip(text: string): string {
  return text.length > 80 ? text.slice(0, 79) + '…' : text;
}
