import { describe, expect, it } from 'vitest';
import { ApiCallSchema, parseApiEvidence, type ApiCall } from '../../../lib/evidence/api-call';
import { REDACTED } from '../../../lib/evidence/redact';

// A Luhn-valid ICCID (seed 000 asks for the ICCID; REFERENCE: GET /esims/{iccid}).
const ICCID = '8944500000000000014';
const NOW = new Date('2024-05-14T09:00:00Z');
const OPTS = { now: NOW, timeZone: 'Europe/Paris' } as const;

function parseOk(text: string, options: Parameters<typeof parseApiEvidence>[1] = OPTS) {
  const result = parseApiEvidence(text, options);
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  for (const call of result.calls) expect(ApiCallSchema.safeParse(call).success).toBe(true);
  return result;
}

function only(calls: ApiCall[]): ApiCall {
  expect(calls).toHaveLength(1);
  return calls[0] as ApiCall;
}

function header(headers: ApiCall['requestHeaders'], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

describe('parseApiEvidence — curl', () => {
  it('reads a DevTools "Copy as cURL" command: several -H, --data-raw JSON, \\ continuations', () => {
    const text = [
      `curl 'https://api.esim-go.com/v2.4/esims/${ICCID}/bundles' \\`,
      `  -H 'accept: application/json' \\`,
      `  -H 'content-type: application/json' \\`,
      `  -H 'X-API-Key: abcdef0123456789' \\`,
      `  --data-raw '{"name":"esim_1GB_7D_FR_V2","startTime":"2024-05-14","repeat":1}'`,
    ].join('\n');
    const result = parseOk(text);
    const call = only(result.calls);
    expect(call.method).toBe('POST');
    expect(call.endpoint).toBe(`https://api.esim-go.com/v2.4/esims/${ICCID}/bundles`);
    expect(header(call.requestHeaders, 'accept')).toBe('application/json');
    expect(header(call.requestHeaders, 'X-API-Key')).toBe(REDACTED);
    expect(call.requestBody).toBe(
      JSON.stringify({ name: 'esim_1GB_7D_FR_V2', startTime: '2024-05-14', repeat: 1 }, null, 2),
    );
    expect(call.source).toBe('pasted');
    expect(result.redactions).toBe(1);
    expect(JSON.stringify(result)).not.toContain('abcdef0123456789');
  });

  it("defaults to GET, honours -X, -u (a secret), --url, double quotes and $'…'", () => {
    const get = only(parseOk(`curl -s "https://api.esim-go.com/v2.4/esims/${ICCID}"`).calls);
    expect(get.method).toBe('GET');
    expect(get.requestBody).toBeUndefined();

    const result = parseOk(
      `curl -X PUT -u reseller:hunter2pass --url https://api.example.test/v1/things -H $'X-Note: a\\tb' -d "a=1"`,
    );
    const put = only(result.calls);
    expect(put.method).toBe('PUT');
    expect(put.endpoint).toBe('https://api.example.test/v1/things');
    expect(header(put.requestHeaders, 'Authorization')).toBe(REDACTED);
    expect(header(put.requestHeaders, 'X-Note')).toBe('a\tb');
    expect(put.requestBody).toBe('a=1');
    expect(result.redactions).toBe(1);
    expect(JSON.stringify(result)).not.toContain('hunter2pass');
    expect(JSON.stringify(result)).not.toContain('reseller');
  });

  it('reads clustered short options, -G data into the query, --data-urlencode, and skips | jq', () => {
    const call = only(
      parseOk(`curl -sSL -XGET -G https://h.test/search --data-urlencode 'q=a b' -d page=2 | jq .`).calls,
    );
    expect(call.method).toBe('GET');
    expect(call.endpoint).toBe('https://h.test/search?q=a%20b&page=2');
    expect(call.requestBody).toBeUndefined();
  });

  it('takes what the command printed as the response (with -i: status, Date, body)', () => {
    const text = [
      `$ curl -i https://api.esim-go.com/v2.4/esims/${ICCID} -H "X-API-Key: k-123456789"`,
      'HTTP/2 429',
      'date: Tue, 14 May 2024 09:12:33 GMT',
      'retry-after: 30',
      '',
      '{"message":"Too many requests"}',
    ].join('\n');
    const call = only(parseOk(text).calls);
    expect(call.status).toBe(429);
    expect(header(call.responseHeaders, 'retry-after')).toBe('30');
    expect(call.responseBody).toBe('{\n  "message": "Too many requests"\n}');
    expect(call.startedAt).toBe('2024-05-14T11:12:33.000+02:00');
    expect(call.timestampSource).toBe('headers');
  });

  it('reads several commands in one paste', () => {
    const calls = parseOk(
      `curl https://h.test/a && curl -X DELETE https://h.test/b\ncurl https://h.test/c\n{"ok":true}`,
    ).calls;
    expect(calls.map((c) => `${c.method} ${c.endpoint}`)).toEqual([
      'GET https://h.test/a',
      'DELETE https://h.test/b',
      'GET https://h.test/c',
    ]);
    expect(calls[2]?.responseBody).toBe('{\n  "ok": true\n}');
  });

  it('reads DevTools "Copy as cURL (cmd)" with ^ escapes and ^ continuations', () => {
    const text = [
      'curl ^"https://api.esim-go.com/v2.4/esims/apply^" ^',
      '  -H ^"x-api-key: cmd-secret-123^" ^',
      `  --data-raw ^"^{^\\^"iccid^\\^":^\\^"${ICCID}^\\^"^}^"`,
    ].join('\n');
    const result = parseOk(text);
    const call = only(result.calls);
    expect(call.method).toBe('POST');
    expect(call.endpoint).toBe('https://api.esim-go.com/v2.4/esims/apply');
    expect(call.requestBody).toBe(`{\n  "iccid": "${ICCID}"\n}`);
    expect(JSON.stringify(result)).not.toContain('cmd-secret-123');
  });

  it('refuses a curl command without a URL', () => {
    const result = parseApiEvidence('curl -s -H "Accept: */*"', OPTS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unrecognised');
  });
});

describe('parseApiEvidence — raw HTTP', () => {
  const exchange = [
    `GET /v2.4/esims/${ICCID} HTTP/1.1`,
    'Host: api.esim-go.com',
    'X-API-Key: 0123456789abcdef',
    'Accept: application/json',
    '',
    'HTTP/1.1 200 OK',
    'Date: Tue, 14 May 2024 09:12:33 GMT',
    'Content-Type: application/json',
    '',
    `{"iccid":"${ICCID}","profileStatus":"Installed","firstInstalledDateTime":"2024-05-10T08:00:00Z"}`,
  ].join('\r\n');

  it('reads a request and its response; the Date header becomes the time, in the agent zone', () => {
    const call = only(parseOk(exchange).calls);
    expect(call.method).toBe('GET');
    expect(call.endpoint).toBe(`https://api.esim-go.com/v2.4/esims/${ICCID}`);
    expect(call.status).toBe(200);
    expect(header(call.requestHeaders, 'X-API-Key')).toBe(REDACTED);
    expect(call.responseBody).toContain('"profileStatus": "Installed"');
    expect(call.startedAt).toBe('2024-05-14T11:12:33.000+02:00');
    expect(call.timestampSource).toBe('headers');
  });

  it('reads a response alone', () => {
    const call = only(
      parseOk('HTTP/1.1 503 Service Unavailable\nRetry-After: 120\n\n{"message":"Down"}').calls,
    );
    expect(call).toMatchObject({ method: '', endpoint: '', status: 503, timestampSource: 'agent-entry' });
  });

  it('accepts "METHOD url" without the HTTP version as the first line', () => {
    const call = only(
      parseOk(
        `GET https://api.esim-go.com/v2.4/esims/${ICCID}/location\n\nHTTP/1.1 200 OK\n\n{"country":"FR"}`,
      ).calls,
    );
    expect(call.endpoint).toBe(`https://api.esim-go.com/v2.4/esims/${ICCID}/location`);
    expect(call.status).toBe(200);
  });

  it('reads a POST body and skips an interim 100 Continue', () => {
    const text =
      'POST /v1/x HTTP/1.1\nHost: h.test\nContent-Type: application/json\n\n{"a":1}\nHTTP/1.1 100 Continue\n\nHTTP/1.1 201 Created\n\n{"id":7}';
    const call = only(parseOk(text).calls);
    expect(call.requestBody).toBe('{\n  "a": 1\n}');
    expect(call.status).toBe(201);
    expect(call.responseBody).toBe('{\n  "id": 7\n}');
  });
});

describe('parseApiEvidence — bare JSON and timestamps', () => {
  it('takes a pretty-printed JSON body alone as a response, timed at entry with the Paris offset', () => {
    const body = `{\n    "iccid": "${ICCID}",\n    "profileStatus": "Released"\n}`;
    const call = only(parseOk(body).calls);
    expect(call.method).toBe('');
    expect(call.endpoint).toBe('');
    expect(call.responseBody).toBe(`{\n  "iccid": "${ICCID}",\n  "profileStatus": "Released"\n}`);
    expect(call.startedAt).toBe('2024-05-14T11:00:00.000+02:00');
    expect(call.timestampSource).toBe('agent-entry');
  });

  it('uses the winter offset in January', () => {
    const call = only(
      parseOk('{"a":1}', { now: new Date('2024-01-15T12:00:00Z'), timeZone: 'Europe/Paris' }).calls,
    );
    expect(call.startedAt).toBe('2024-01-15T13:00:00.000+01:00');
  });

  it('falls back to UTC for an unknown time zone instead of throwing', () => {
    const call = only(parseOk('{"a":1}', { now: NOW, timeZone: 'Mars/Olympus' }).calls);
    expect(call.startedAt).toBe('2024-05-14T09:00:00.000Z');
  });
});

describe('parseApiEvidence — HAR 1.2', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJlLXNlY3JldA';
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      entries: [
        {
          startedDateTime: '2024-05-14T09:12:33.123Z',
          time: 245.5,
          request: {
            method: 'GET',
            url: `https://api.esim-go.com/v2.4/esims/${ICCID}/history?api_key=har-query-key-1`,
            httpVersion: 'HTTP/1.1',
            headers: [
              { name: 'X-API-Key', value: 'har-header-key-2' },
              { name: 'Accept', value: 'application/json' },
            ],
            queryString: [{ name: 'api_key', value: 'har-query-key-1' }],
            cookies: [{ name: 'sid', value: 'har-cookie-3' }],
          },
          response: {
            status: 200,
            statusText: 'OK',
            headers: [
              { name: 'Set-Cookie', value: 'sid=har-cookie-3; HttpOnly' },
              { name: 'Content-Type', value: 'application/json' },
            ],
            cookies: [{ name: 'sid', value: 'har-cookie-3' }],
            content: { size: 60, mimeType: 'application/json', text: '{"history":[{"status":"Installed"}]}' },
          },
        },
        {
          startedDateTime: '2024-05-14T11:13:00.000+02:00',
          time: 80,
          request: {
            method: 'POST',
            url: 'https://portal.example.test/api/login',
            headers: [{ name: 'Content-Type', value: 'application/json' }],
            postData: { mimeType: 'application/json', text: '{"user":"agent7"}' },
          },
          response: {
            status: 200,
            headers: [],
            content: { mimeType: 'application/json', text: `{"access_token":"${jwt}","expires_in":3600}` },
          },
        },
      ],
    },
  };

  it('turns every entry into a call, keeps startedDateTime and time, and removes every secret', () => {
    const result = parseOk(JSON.stringify(har, null, 2));
    expect(result.calls).toHaveLength(2);
    const [first, second] = result.calls as [ApiCall, ApiCall];
    expect(first).toMatchObject({
      method: 'GET',
      endpoint: `https://api.esim-go.com/v2.4/esims/${ICCID}/history?api_key=${REDACTED}`,
      status: 200,
      startedAt: '2024-05-14T09:12:33.123Z',
      timestampSource: 'har',
      durationMs: 245.5,
    });
    expect(header(first.requestHeaders, 'X-API-Key')).toBe(REDACTED);
    expect(header(first.responseHeaders, 'Set-Cookie')).toBe(REDACTED);
    expect(first.responseBody).toContain('"status": "Installed"');
    expect(second.startedAt).toBe('2024-05-14T11:13:00.000+02:00');
    expect(second.requestBody).toContain('"user": "agent7"');
    expect(second.responseBody).toContain(`"access_token": "${REDACTED}"`);
    expect(second.responseBody).toContain('"expires_in": 3600');
    const all = JSON.stringify(result);
    for (const secret of ['har-query-key-1', 'har-header-key-2', 'har-cookie-3', jwt, 'c2lnbmF0dXJl']) {
      expect(all).not.toContain(secret);
    }
    expect(result.redactions).toBe(4);
  });

  it('accepts a single entry and decodes base64 content', () => {
    const entry = {
      startedDateTime: '2024-05-14T09:12:33Z',
      time: -1,
      request: { method: 'GET', url: 'https://h.test/x', headers: [] },
      response: {
        status: 200,
        headers: [],
        content: {
          mimeType: 'application/json',
          encoding: 'base64',
          text: btoa('{"é":"ok"}'.replace('é', 'e')),
        },
      },
    };
    const call = only(parseOk(JSON.stringify(entry)).calls);
    expect(call.responseBody).toBe('{\n  "e": "ok"\n}');
    expect(call.durationMs).toBeUndefined();
  });

  it.each([
    ['no entries list', { log: { version: '1.2' } }],
    ['an empty entries list', { log: { entries: [] } }],
    [
      'an entry without URL',
      { log: { entries: [{ request: { method: 'GET' }, response: { status: 200 } }] } },
    ],
  ])('refuses a HAR with %s (har-invalid)', (_label, value) => {
    const result = parseApiEvidence(JSON.stringify(value), OPTS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('har-invalid');
  });

  it('says har-invalid for a HAR cut short', () => {
    const text = JSON.stringify(har).slice(0, 300);
    const result = parseApiEvidence(text, OPTS);
    expect(result.ok ? 'ok' : result.error.code).toBe('har-invalid');
  });
});

describe('parseApiEvidence — limits and errors', () => {
  it('cuts long bodies to maxBodyChars and flags truncated', () => {
    const body = JSON.stringify({
      items: Array.from({ length: 200 }, (_, i) => ({ i, name: `bundle-${i}` })),
    });
    const cut = only(parseOk(body, { ...OPTS, maxBodyChars: 500 }).calls);
    expect(cut.truncated).toBe(true);
    expect(cut.responseBody).toHaveLength(500);
    const whole = only(parseOk(body, OPTS).calls);
    expect(whole.truncated).toBe(false);
  });

  it('does not split a surrogate pair when cutting', () => {
    const call = only(
      parseOk(`HTTP/1.1 200 OK\n\n${'a'.repeat(9)}😀😀`, { ...OPTS, maxBodyChars: 10 }).calls,
    );
    expect(call.responseBody).toBe('a'.repeat(9));
  });

  it.each([
    ['', 'empty'],
    ['   \n\t ', 'empty'],
    ['hello, the API did not work', 'unrecognised'],
  ])('%j → %s', (text, code) => {
    const result = parseApiEvidence(text, OPTS);
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
  });

  it('refuses more than 10 MB of text', () => {
    const result = parseApiEvidence(`{"a":"${'x'.repeat(10 * 1024 * 1024)}"}`, OPTS);
    expect(result.ok ? 'ok' : result.error.code).toBe('too-large');
  });
});
