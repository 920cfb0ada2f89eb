import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../../../lib/evidence/api-call';
import { createCaptureBuffer } from '../../../lib/evidence/capture-buffer';
import { shouldCapture } from '../../../lib/evidence/page-capture-filter';

function captured(n: number, extra: Partial<ApiCall> = {}): ApiCall {
  return {
    method: 'GET',
    endpoint: `https://api.esim-go.com/v2.4/esims?page=${n}`,
    status: 200,
    requestHeaders: [],
    responseHeaders: [],
    startedAt: '2024-05-14T09:12:33.000Z',
    timestampSource: 'page',
    source: 'reported-by-page',
    truncated: false,
    ...extra,
  };
}

describe('createCaptureBuffer', () => {
  it('keeps the last 50 calls by default, oldest first', () => {
    const buffer = createCaptureBuffer();
    for (let n = 1; n <= 60; n++) expect(buffer.push(captured(n)).ok).toBe(true);
    const list = buffer.list();
    expect(buffer.size).toBe(50);
    expect(list).toHaveLength(50);
    expect(list[0]?.endpoint).toMatch(/page=11$/);
    expect(list[49]?.endpoint).toMatch(/page=60$/);
  });

  it('caps bodies at 10 KB and flags them truncated', () => {
    const buffer = createCaptureBuffer();
    const result = buffer.push(captured(1, { responseBody: 'x'.repeat(50_000) }));
    expect(result.ok && result.call.responseBody?.length).toBe(10 * 1024);
    expect(result.ok && result.call.truncated).toBe(true);
  });

  it('redacts again what the page reports, and marks it reported-by-page whatever it claims', () => {
    const buffer = createCaptureBuffer({ capacity: 3 });
    const forged = captured(1, {
      endpoint: 'https://api.esim-go.com/v2.4/esims?api_key=leaked-key-1',
      requestHeaders: [{ name: 'X-API-Key', value: 'leaked-key-2' }],
      responseBody: '{"token":"leaked-key-3"}',
      source: 'pasted',
      timestampSource: 'har',
    });
    const result = buffer.push(forged);
    expect(result.ok && result.redactions).toBe(3);
    const [kept] = buffer.list();
    expect(JSON.stringify(kept)).not.toContain('leaked-key');
    expect(kept?.source).toBe('reported-by-page');
    expect(kept?.timestampSource).toBe('page');
    expect(kept?.startedAt).toBe('2024-05-14T09:12:33.000Z');
  });

  it('refuses a message of the wrong shape without keeping anything', () => {
    const buffer = createCaptureBuffer();
    const result = buffer.push({ method: 'GET', endpoint: 42 });
    expect(result.ok ? 'ok' : result.error.code).toBe('invalid');
    expect(buffer.size).toBe(0);
  });

  it('list() returns copies; clear() empties it', () => {
    const buffer = createCaptureBuffer({ capacity: 2 });
    buffer.push(captured(1));
    const first = buffer.list()[0] as ApiCall;
    first.endpoint = 'changed';
    expect(buffer.list()[0]?.endpoint).toMatch(/page=1$/);
    buffer.clear();
    expect(buffer.list()).toEqual([]);
    buffer.push(captured(2));
    expect(buffer.list().map((c) => c.endpoint)).toEqual(['https://api.esim-go.com/v2.4/esims?page=2']);
  });
});

describe('shouldCapture', () => {
  const allowed = ['api.esim-go.com', '*.reseller.example'];
  it.each([
    ['https://api.esim-go.com/v2.4/esims', true],
    ['https://API.esim-go.com.:443/v2.4/esims', true],
    ['https://esim-go.com/v2.4/esims', false],
    ['https://evil-api.esim-go.com/x', false],
    ['https://api.esim-go.com.evil.test/x', false],
    ['https://reseller.example/api', true],
    ['https://portal.eu.reseller.example/api', true],
    ['https://notreseller.example/api', false],
    ['ftp://api.esim-go.com/x', false],
    ['/v2.4/esims', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(shouldCapture(url, allowed)).toBe(expected);
  });

  it('resolves relative URLs against the page when a base is given', () => {
    expect(shouldCapture('/v2.4/esims', allowed, 'https://api.esim-go.com/app')).toBe(true);
  });

  it('ignores entries that would capture everything', () => {
    expect(shouldCapture('https://api.esim-go.com/x', ['*', '*.com', ''])).toBe(false);
    expect(shouldCapture('https://api.esim-go.com/x', [])).toBe(false);
  });
});
