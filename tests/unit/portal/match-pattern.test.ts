import { describe, expect, it } from 'vitest';
import {
  findProfileForUrl,
  isTooBroad,
  matchesPattern,
  parseMatchPattern,
} from '../../../lib/portal/match-pattern';

describe('matchesPattern', () => {
  // [pattern, url, expected]
  const table: Array<[string, string, boolean]> = [
    // A pattern without a port matches any port (the demo portal runs on a free port).
    ['http://127.0.0.1/portal/*', 'http://127.0.0.1:5173/portal/subscribers/S-1002', true],
    ['http://127.0.0.1/portal/*', 'http://127.0.0.1/portal/', true],
    ['http://127.0.0.1/portal/*', 'http://127.0.0.1:8080/portal', false],
    ['http://127.0.0.1/portal/*', 'http://127.0.0.1:8080/other/portal/x', false],
    ['http://127.0.0.1/portal/*', 'https://127.0.0.1/portal/x', false],
    ['http://localhost/portal/*', 'http://localhost:3000/portal/esims?rows=10000', true],
    ['http://localhost/portal/*', 'http://localhost.evil.com/portal/x', false],
    // With a port: only that port, or any with :*.
    ['http://127.0.0.1:8080/portal/*', 'http://127.0.0.1:8080/portal/x', true],
    ['http://127.0.0.1:8080/portal/*', 'http://127.0.0.1:9090/portal/x', false],
    ['http://127.0.0.1:*/portal/*', 'http://127.0.0.1:9090/portal/x', true],
    ['https://ap.example.com:443/*', 'https://ap.example.com/x', true],
    // Scheme * = http or https only.
    ['*://ap.example.com/*', 'https://ap.example.com/a', true],
    ['*://ap.example.com/*', 'http://ap.example.com/a', true],
    ['*://ap.example.com/*', 'ftp://ap.example.com/a', false],
    // Host wildcard: subdomains and the domain itself, never a look-alike.
    ['https://*.example.com/*', 'https://ap.eu.example.com/x', true],
    ['https://*.example.com/*', 'https://example.com/x', true],
    ['https://*.example.com/*', 'https://badexample.com/x', false],
    ['https://*.example.com/*', 'https://example.com.evil.org/x', false],
    // Path glob over path + query, fragment ignored; hosts are case-insensitive.
    ['https://ap.example.com/subscribers/*/esims', 'https://AP.example.com/subscribers/S-1/esims', true],
    ['https://ap.example.com/subscribers/*/esims', 'https://ap.example.com/subscribers/S-1/esims/x', false],
    ['https://ap.example.com/list?page=*', 'https://ap.example.com/list?page=2#top', true],
    ['https://ap.example.com/a', 'https://ap.example.com/a?x=1', false],
    // Too broad or malformed patterns match nothing.
    ['<all_urls>', 'https://ap.example.com/', false],
    ['*://*/*', 'https://ap.example.com/', false],
    ['not a pattern', 'https://ap.example.com/', false],
    ['https://ap.example.com/*', 'not a url', false],
  ];
  it.each(table)('%s vs %s → %s', (pattern, url, expected) => {
    expect(matchesPattern(pattern, url)).toBe(expected);
  });
});

describe('isTooBroad / parseMatchPattern', () => {
  const broad = [
    '<all_urls>',
    '*://*/*',
    'http://*/*',
    'https://*/*',
    'https://*:8080/*',
    'https://*.com/*',
    '*://*.co.uk/*',
    'https://*.fr/portal/*',
  ];
  it.each(broad)('%s is too broad', (pattern) => {
    expect(isTooBroad(pattern)).toBe(true);
    const parsed = parseMatchPattern(pattern);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe('too-broad');
  });

  const fine = [
    'http://127.0.0.1/portal/*',
    'https://*.example.com/*',
    'https://ap.example.co.uk/*',
    '*://portal.operator.fr/*',
  ];
  it.each(fine)('%s is acceptable', (pattern) => {
    expect(isTooBroad(pattern)).toBe(false);
    expect(parseMatchPattern(pattern).ok).toBe(true);
  });

  const invalid: Array<[string, string]> = [
    ['file:///home/*', 'scheme'],
    ['ftp://ap.example.com/*', 'scheme'],
    ['https://ap.example.com', 'invalid'],
    ['https://ap.*.com/*', 'invalid'],
    ['https://ap.example.com:http/*', 'invalid'],
    ['ap.example.com/*', 'invalid'],
  ];
  it.each(invalid)('%s is refused (%s)', (pattern, code) => {
    const parsed = parseMatchPattern(pattern);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe(code);
    expect(isTooBroad(pattern)).toBe(false);
  });
});

describe('findProfileForUrl', () => {
  const mine = { id: 'mine', urlPatterns: ['http://127.0.0.1/portal/subscribers/*'] };
  const demo = { id: 'demo', urlPatterns: ['http://127.0.0.1/portal/*', 'http://localhost/portal/*'] };
  const bad = { id: 'bad', urlPatterns: ['<all_urls>'] };

  it('returns the first profile in the given order that matches', () => {
    expect(findProfileForUrl([mine, demo], 'http://127.0.0.1:4000/portal/subscribers/S-1')?.id).toBe('mine');
    expect(findProfileForUrl([mine, demo], 'http://127.0.0.1:4000/portal/esims')?.id).toBe('demo');
    expect(findProfileForUrl([mine, demo], 'http://localhost:4000/portal/esims')?.id).toBe('demo');
  });

  it('returns null when nothing matches, and never matches with a too-broad pattern', () => {
    expect(findProfileForUrl([bad, demo], 'https://mail.example.com/')).toBeNull();
    expect(findProfileForUrl([demo], 'about:blank')).toBeNull();
  });
});
