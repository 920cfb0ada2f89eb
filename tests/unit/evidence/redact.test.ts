import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseApiEvidence } from '../../../lib/evidence/api-call';
import {
  REDACTED,
  createCounter,
  isSecretHeaderName,
  maskPersonalData,
  redactJsonValue,
  redactText,
  redactUrl,
} from '../../../lib/evidence/redact';

const CANARY = 'CANARY-7f3a9';
const ICCID = '8944500000000000014';
const OPTS = { now: new Date('2024-05-14T09:00:00Z'), timeZone: 'Europe/Paris' } as const;
// A JWT whose signature part is the canary (base64url allows "-").
const JWT = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.${CANARY}`;

const SECRET_HEADERS = [
  'X-API-Key',
  'Authorization',
  'Proxy-Authorization',
  'Cookie',
  'X-Auth-Token',
  'X-Client-Secret',
  'X-Apikey',
  'Api-Key',
  'X-Session-Id',
  'X-Password',
];
const SECRET_QUERY_KEYS = [
  'api_key',
  'apiKey',
  'api-key',
  'token',
  'client_secret',
  'password',
  'passwd',
  'pwd',
  'auth',
  'session',
  'signature',
  'credential',
];

function parseOk(text: string) {
  const result = parseApiEvidence(text, OPTS);
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result;
}

describe('canary: no secret survives parsing, whatever its position', () => {
  const query = SECRET_QUERY_KEYS.map((k) => `${k}=${CANARY}`).join('&');
  const endpointPath = `/v2.4/esims/${ICCID}/bundles`;
  const jsonBody = {
    name: 'esim_1GB_7D_FR_V2',
    password: CANARY,
    nested: { deeper: [{ refresh_token: CANARY }, { list: [{ clientSecret: CANARY }] }] },
    credentials: { user: CANARY, pin: 1234 },
    apiKey: CANARY,
    note: `signed with ${JWT}`,
    callback: `https://user:${CANARY}@hooks.example.test/cb`,
  };

  it('curl: every secret header, query keys, -u, URL user-info, JSON body keys at depth, JWT in a field', () => {
    const text = [
      `curl 'https://reseller:${CANARY}@api.esim-go.com${endpointPath}?${query}&limit=5' \\`,
      ...SECRET_HEADERS.map((h) => `  -H '${h}: ${h === 'Authorization' ? `Bearer ${CANARY}` : CANARY}' \\`),
      `  -H 'Accept: application/json' \\`,
      `  -u "agent:${CANARY}" \\`,
      `  --data-raw '${JSON.stringify(jsonBody)}'`,
    ].join('\n');
    const result = parseOk(text);
    const all = JSON.stringify(result);
    expect(all).not.toContain(CANARY);
    expect(all).not.toContain('reseller'); // the user-info goes whole
    const call = result.calls[0];
    expect(call?.endpoint).toContain(`api.esim-go.com${endpointPath}`);
    expect(call?.endpoint).toContain('limit=5');
    expect(call?.requestBody).toContain('"name": "esim_1GB_7D_FR_V2"');
    expect(call?.requestHeaders.find((h) => h.name === 'Accept')?.value).toBe('application/json');
    expect(result.redactions).toBeGreaterThanOrEqual(
      SECRET_HEADERS.length + SECRET_QUERY_KEYS.length + 1 /* -u */ + 1 /* user-info */ + 7 /* body */,
    );
  });

  it('HAR: Set-Cookie, form body keys, fragment tokens, JWT and bearer tokens in a text body', () => {
    const har = {
      log: {
        entries: [
          {
            startedDateTime: '2024-05-14T09:12:33.000Z',
            time: 12,
            request: {
              method: 'POST',
              url: `https://api.esim-go.com/oauth/token?session=${CANARY}#access_token=${CANARY}&state=ok`,
              headers: [
                { name: 'Content-Type', value: 'application/x-www-form-urlencoded' },
                { name: 'Proxy-Authorization', value: `Basic ${CANARY}` },
                { name: 'X-Trace', value: `context ${JWT}` },
              ],
              cookies: [{ name: 'sid', value: CANARY }],
              queryString: [{ name: 'session', value: CANARY }],
              postData: {
                mimeType: 'application/x-www-form-urlencoded',
                text: `grant_type=password&username=agent7&password=${CANARY}&client_secret=${CANARY}`,
              },
            },
            response: {
              status: 200,
              headers: [{ name: 'Set-Cookie', value: `sid=${CANARY}; Path=/; HttpOnly` }],
              cookies: [{ name: 'sid', value: CANARY }],
              content: {
                mimeType: 'text/plain',
                text: `Use Authorization: Bearer ${CANARY}\nor the token ${JWT}\nsession=${CANARY}; expires soon`,
              },
            },
          },
          {
            startedDateTime: '2024-05-14T09:12:34.000Z',
            time: 40,
            request: { method: 'GET', url: `https://api.esim-go.com/v2.4/esims/${ICCID}`, headers: [] },
            response: {
              status: 200,
              headers: [],
              content: {
                mimeType: 'application/json',
                text: JSON.stringify({
                  iccid: ICCID,
                  profileStatus: 'Installed',
                  data: [{ sessionToken: CANARY }],
                }),
              },
            },
          },
        ],
      },
    };
    const result = parseOk(JSON.stringify(har));
    expect(JSON.stringify(result)).not.toContain(CANARY);
    const [login, esim] = result.calls;
    expect(login?.endpoint).toBe(
      `https://api.esim-go.com/oauth/token?session=${REDACTED}#access_token=${REDACTED}&state=ok`,
    );
    expect(login?.requestBody).toContain('grant_type=password&username=agent7');
    expect(login?.responseBody).toContain('expires soon');
    expect(esim?.endpoint).toBe(`https://api.esim-go.com/v2.4/esims/${ICCID}`);
    expect(esim?.status).toBe(200);
    expect(esim?.responseBody).toContain('"profileStatus": "Installed"');
  });

  it('raw HTTP: secret headers of request and response, secrets in a non-JSON body', () => {
    const text = [
      `POST /v2.4/esims/apply?token=${CANARY} HTTP/1.1`,
      'Host: api.esim-go.com',
      `X-API-Key: ${CANARY}`,
      `Cookie: a=${CANARY}`,
      '',
      `<apply><name>esim_1GB</name><secret>x</secret></apply> api_key=${CANARY}`,
      '',
      'HTTP/1.1 401 Unauthorized',
      'Date: Tue, 14 May 2024 09:12:33 GMT',
      `Set-Cookie: sid=${CANARY}`,
      `WWW-Authenticate: Bearer realm="api", error="invalid_token"`,
      '',
      `{"message":"Invalid key ${JWT}"}`,
    ].join('\n');
    const result = parseOk(text);
    expect(JSON.stringify(result)).not.toContain(CANARY);
    expect(result.calls[0]?.status).toBe(401);
    expect(result.calls[0]?.endpoint).toBe(`https://api.esim-go.com/v2.4/esims/apply?token=${REDACTED}`);
  });

  it('a bare JSON body with secrets at depth', () => {
    const result = parseOk(
      JSON.stringify({ a: [{ b: { Authorization: `Bearer ${CANARY}` } }], status: 'ok' }),
    );
    expect(JSON.stringify(result)).not.toContain(CANARY);
    expect(result.calls[0]?.responseBody).toContain('"status": "ok"');
  });
});

describe('redaction rules', () => {
  it.each([
    ['X-API-Key', true],
    ['authorization', true],
    ['Set-Cookie', true],
    ['X-CSRF-Token', true],
    ['X-Goog-Api-Key', true],
    ['Accept', false],
    ['Content-Type', false],
    ['Retry-After', false],
  ])('isSecretHeaderName(%s) = %s', (name, secret) => {
    expect(isSecretHeaderName(name)).toBe(secret);
  });

  it('redactUrl keeps what is not secret, byte for byte', () => {
    const counter = createCounter();
    expect(redactUrl('https://api.esim-go.com/v2.4/esims?page=1&perPage=25&direction=asc', counter)).toBe(
      'https://api.esim-go.com/v2.4/esims?page=1&perPage=25&direction=asc',
    );
    expect(counter.count).toBe(0);
  });

  it('redactText is idempotent: a second pass counts nothing', () => {
    const counter = createCounter();
    const once = redactText(
      `Authorization: Basic dXNlcjpwYXNz and api_key=${CANARY} https://u:p@h.test`,
      counter,
    );
    expect(once).toBe(`Authorization: Basic ${REDACTED} and api_key=${REDACTED} https://${REDACTED}@h.test`);
    expect(counter.count).toBe(3);
    const again = createCounter();
    expect(redactText(once, again)).toBe(once);
    expect(again.count).toBe(0);
  });

  it('keeps booleans and null under secret keys and a "__proto__" key as data', () => {
    const counter = createCounter();
    const value = JSON.parse('{"authEnabled":true,"token":null,"__proto__":{"password":"x"}}') as unknown;
    const out = redactJsonValue(value, counter);
    expect(JSON.stringify(out)).toBe(
      `{"authEnabled":true,"token":null,"__proto__":{"password":"${REDACTED}"}}`,
    );
    expect(counter.count).toBe(1);
  });

  it('stays fast on a long unbroken base64 run (no backtracking)', () => {
    const counter = createCounter();
    const long = `eyJ${'A'.repeat(200_000)} token=${'b'.repeat(100_000)}`;
    const started = performance.now();
    redactText(long, counter);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('property: a secret-looking key at any depth never leaks its value', () => {
  const secretKeys = fc.constantFrom(
    'api_key',
    'apiKey',
    'X-API-Key',
    'access_token',
    'refreshToken',
    'client_secret',
    'password',
    'passwd',
    'pwd',
    'Authorization',
    'sessionId',
    'signature',
    'credentials',
  );
  // A value that cannot appear by chance elsewhere in the generated document.
  const secretValue = fc
    .string({ minLength: 6, maxLength: 24, unit: fc.constantFrom(...'abcdefXYZ0123456789-_') })
    .map((s) => `S3CR37${s}`);
  const filler = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
  // A path from the root to the secret: object keys (non-secret names) or array positions.
  const step = fc.oneof(
    fc.record({
      kind: fc.constant('object' as const),
      key: fc.constantFrom('data', 'items', 'esim', 'meta', 'x'),
      filler,
    }),
    fc.record({ kind: fc.constant('array' as const), index: fc.nat({ max: 3 }), filler }),
  );

  type Step =
    | { kind: 'object'; key: string; filler: Record<string, unknown> }
    | { kind: 'array'; index: number; filler: Record<string, unknown> };

  /** Wraps `leaf` in the path's objects and arrays, innermost last. */
  function build(path: readonly Step[], leaf: unknown): unknown {
    let node = leaf;
    for (const s of [...path].reverse()) {
      if (s.kind === 'object') node = { ...s.filler, [s.key]: node };
      else node = [...Array.from({ length: s.index }, () => s.filler), node];
    }
    return node;
  }

  it('holds for redactJsonValue and for a pasted JSON body', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 6 }),
        secretKeys,
        secretValue,
        filler,
        (path, key, value, siblings) => {
          const doc = build(path, { ...siblings, [key]: value });
          const counter = createCounter();
          const redacted = JSON.stringify(redactJsonValue(doc, counter));
          expect(redacted).not.toContain(value);
          expect(counter.count).toBeGreaterThanOrEqual(1);
          const pasted = parseApiEvidence(JSON.stringify(doc, null, 2), OPTS);
          expect(JSON.stringify(pasted)).not.toContain(value);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('holds for a secret-looking query parameter', () => {
    fc.assert(
      fc.property(secretKeys, secretValue, fc.nat({ max: 3 }), (key, value, position) => {
        const params = ['page=1', 'perPage=25', 'direction=asc'];
        params.splice(position, 0, `${encodeURIComponent(key)}=${value}`);
        const counter = createCounter();
        expect(redactUrl(`https://api.esim-go.com/v2.4/esims?${params.join('&')}`, counter)).not.toContain(
          value,
        );
      }),
    );
  });
});

describe('maskPersonalData', () => {
  it('masks ICCIDs, IMSIs next to "imsi" and E.164 numbers; leaves other numbers', () => {
    const text = `ICCID ${ICCID}, IMSI: 208150123456789, call +33 6 12 34 56 78, order 123456789012345`;
    const out = maskPersonalData(text);
    expect(out.masked).toBe(3);
    expect(out.text).toBe(
      'ICCID 89•• •••• •••• ••• 0014, IMSI: 20815••••••••••, call +•• • •• •• •• 78, order 123456789012345',
    );
  });

  it('reads "imsi" as a JSON key too', () => {
    expect(maskPersonalData('{"imsi": "234150999999999"}').text).toBe('{"imsi": "23415••••••••••"}');
  });

  it('returns the text unchanged when there is nothing personal', () => {
    expect(maskPersonalData('GET /v2.4/esims → 200')).toEqual({ text: 'GET /v2.4/esims → 200', masked: 0 });
  });
});
