// Issue 12 (part 3b), "secrets by construction": a random canary secret — spaces, `&`, `=`, `+`, `%`,
// quotes, `<`, non-ASCII — under a random vocabulary key, in every place a pasted call can carry it
// (JSON at depth, JSON in a string, form body in three encodings, XML element / CDATA / attribute,
// multipart part, HAR params, HAR text typed only by mimeType, query string, signed URL, Location and
// Referer, headers, user-info, curl -u), wrapped as curl, raw HTTP or HAR. Nothing of the canary may
// survive in the stored call or its rendering; method, path, status and time must.
//
// Reproducible: a fixed seed. On failure fast-check prints `{ seed, path }` and the counterexample;
// replay one case with `{ seed: SEED, path: '<path>', numRuns: 1 }`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseApiEvidence, redactApiCall, type ApiCall } from '../../../lib/evidence/api-call';
import { renderApiCalls, toApiCallEvidence } from '../../../lib/evidence/render-api-call';

const SEED = 0x12_3b;
const NUM_RUNS = 200;

const OPTS = { now: new Date('2024-05-14T09:00:00Z'), timeZone: 'Europe/Paris' } as const;
const ICCID = '8944500000000000014';
const HOST = 'api.esim-go.com';
const PATH = `/v2.4/esims/${ICCID}/bundles`;
const STATUS = 201;
const HTTP_DATE = 'Tue, 14 May 2024 09:12:33 GMT';
// The HTTP Date in the agent's zone (curl -i output, raw HTTP), and the HAR time as written.
const DATE_IN_ZONE = '2024-05-14T11:12:33.000+02:00';
const HAR_TIME = '2024-05-14T09:12:33.000Z';
// A non-secret field next to every secret body field: it must survive (seed 000 needs the body).
const KEPT = 'kept-7c1';
const BOUNDARY = '----fcBoundary7MA4YWxk';

// ---------------------------------------------------------------------------------------------------
// Canaries: distinct markers (so a partial leak is seen) joined by the characters that broke parsers.

const marker = fc
  .string({ unit: fc.constantFrom(...'abcdefghjkmnpqrstuvwxyz23456789'), minLength: 5, maxLength: 8 })
  .map((s) => `Q${s}`);
const special = fc.constantFrom(
  ' ',
  '  ',
  '&',
  '=',
  '+',
  '%',
  '%2',
  '"',
  "'",
  '<',
  '>',
  ';',
  ',',
  'é',
  '€',
  '😀',
  '\u00a0',
  ' & ',
  '==',
);
const canary = fc
  .record({
    markers: fc.array(marker, { minLength: 1, maxLength: 4 }),
    joins: fc.array(special, { minLength: 4, maxLength: 4 }),
    lead: fc.option(special, { nil: undefined }),
    tail: fc.option(special, { nil: undefined }),
  })
  .map(({ markers, joins, lead, tail }) => ({
    markers,
    text:
      (lead ?? '') +
      markers.map((m, i) => (i === 0 ? m : `${joins[i - 1] ?? ' '}${m}`)).join('') +
      (tail ?? ''),
  }));
type Canary = { markers: string[]; text: string };

// ---------------------------------------------------------------------------------------------------
// Vocabulary keys in every naming style.

const BASE_NAMES = [
  ['password'],
  ['secret'],
  ['client', 'secret'],
  ['api', 'key'],
  ['access', 'token'],
  ['refresh', 'token'],
  ['private', 'key'],
  ['signature'],
  ['credentials'],
  ['authorization'],
  ['session', 'id'],
  ['cookie'],
  ['pass'],
  ['pin'],
  ['sim', 'pin'],
  ['puk'],
  ['otp'],
  ['sig'],
  ['passwd'],
] as const;
const STYLES: ((words: readonly string[]) => string)[] = [
  (w) => w.join('_'),
  (w) => w.join('-'),
  (w) => w.map((x, i) => (i === 0 ? x : x[0]?.toUpperCase() + x.slice(1))).join(''),
  (w) => w.join('_').toUpperCase(),
  (w) => w.map((x) => x[0]?.toUpperCase() + x.slice(1)).join('-'),
  (w) => `x-${w.join('-')}`,
];
const secretKey = fc
  .tuple(fc.constantFrom(...BASE_NAMES), fc.constantFrom(...STYLES))
  .map(([words, style]) => style(words));
// In a URL query or a form, `code`, `key` and `sid` are secret too (OAuth code, Google API key).
const queryKey = fc.oneof(secretKey, fc.constantFrom('code', 'key', 'sid', 'access_token', 'apikey'));
const signedUrlKey = fc.constantFrom(
  'X-Amz-Signature',
  'X-Amz-Credential',
  'X-Amz-Security-Token',
  'X-Goog-Signature',
  'X-Goog-Credential',
  'sig',
  'signature',
  'Signature',
  'token',
  'access_token',
  'key',
  'api_key',
  'apikey',
  'code',
);
const headerName = fc.oneof(
  secretKey,
  fc.constantFrom('Authorization', 'Proxy-Authorization', 'Cookie', 'X-API-Key', 'X-Amz-Security-Token'),
);

// ---------------------------------------------------------------------------------------------------
// Where the secret goes: a placement describes the parts of one call.

interface Placement {
  readonly label: string;
  readonly query?: string;
  readonly userinfo?: string;
  readonly requestHeaders?: [string, string][];
  readonly responseHeaders?: [string, string][];
  readonly body?: {
    readonly text: string;
    readonly type: string;
    readonly typeInHeader: boolean;
    readonly inResponse: boolean;
  };
  readonly params?: { name: string; value: string }[];
  readonly curlUser?: string;
}

const plusEncode = (s: string): string => new URLSearchParams({ v: s }).toString().slice(2);
// What agents paste: raw, only `&` (which would end the pair) encoded.
const minimalEncode = (s: string): string => s.replace(/%/g, '%25').replace(/&/g, '%26');
const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const xmlAttr = (s: string): string => xmlText(s).replace(/"/g, '&quot;');
const encoding = fc.constantFrom(encodeURIComponent, plusEncode, minimalEncode);
const bodyWhere = fc.record({ typeInHeader: fc.boolean(), inResponse: fc.boolean() });

type Step = { kind: 'object'; key: string } | { kind: 'array'; index: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('object' as const), key: fc.constantFrom('data', 'items', 'esim', 'meta') }),
  fc.record({ kind: fc.constant('array' as const), index: fc.nat({ max: 2 }) }),
);
function nest(path: readonly Step[], leaf: unknown): unknown {
  let node = leaf;
  for (const s of [...path].reverse()) {
    node =
      s.kind === 'object'
        ? { note: KEPT, [s.key]: node }
        : [...Array.from({ length: s.index }, () => ({ note: KEPT })), node];
  }
  return node;
}

function placement(c: Canary): fc.Arbitrary<Placement> {
  const v = c.text;
  return fc.oneof(
    fc.tuple(secretKey, fc.array(step, { maxLength: 4 }), bodyWhere).map(([key, path, where]) => ({
      label: `JSON ${key}`,
      body: {
        text: JSON.stringify(nest(path, { profileStatus: KEPT, [key]: v })),
        type: 'application/json',
        ...where,
      },
    })),
    fc.tuple(secretKey, bodyWhere).map(([key, where]) => ({
      label: `JSON in a string ${key}`,
      body: {
        text: JSON.stringify({ note: KEPT, payload: JSON.stringify({ [key]: v }) }),
        type: 'application/json',
        ...where,
      },
    })),
    fc.tuple(queryKey, encoding, bodyWhere).map(([key, enc, where]) => ({
      label: `form ${key} (${enc.name})`,
      body: {
        text: `username=${KEPT}&${key}=${enc(v)}&state=${KEPT}`,
        type: 'application/x-www-form-urlencoded',
        ...where,
      },
    })),
    fc.tuple(secretKey, fc.boolean(), bodyWhere).map(([key, cdata, where]) => ({
      label: `XML element ${key}${cdata ? ' CDATA' : ''}`,
      body: {
        text: `<?xml version="1.0"?><request><user>${KEPT}</user><${key}>${cdata ? `<![CDATA[${v}]]>` : xmlText(v)}</${key}></request>`,
        type: 'application/xml',
        ...where,
      },
    })),
    fc.tuple(secretKey, bodyWhere).map(([key, where]) => ({
      label: `XML attribute ${key}`,
      body: { text: `<auth realm="${KEPT}" ${key}="${xmlAttr(v)}"/>`, type: 'text/xml', ...where },
    })),
    fc.tuple(queryKey, bodyWhere).map(([key, where]) => ({
      label: `multipart part ${key}`,
      body: {
        text: [
          `--${BOUNDARY}`,
          'Content-Disposition: form-data; name="username"',
          '',
          KEPT,
          `--${BOUNDARY}`,
          `Content-Disposition: form-data; name="${key}"`,
          '',
          v,
          `--${BOUNDARY}--`,
        ].join('\r\n'),
        type: `multipart/form-data; boundary=${BOUNDARY}`,
        ...where,
      },
    })),
    queryKey.map((key) => ({
      label: `HAR params ${key}`,
      params: [
        { name: 'username', value: KEPT },
        { name: key, value: v },
      ],
    })),
    fc.tuple(queryKey, encoding).map(([key, enc]) => ({
      label: `query ${key} (${enc.name})`,
      query: `page=1&${key}=${enc(v)}&state=${KEPT}`,
    })),
    fc.tuple(signedUrlKey, encoding).map(([key, enc]) => ({
      label: `signed URL ${key} (${enc.name})`,
      query: `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240514T091233Z&X-Amz-Expires=900&${key}=${enc(v)}&X-Amz-SignedHeaders=host`,
    })),
    fc.tuple(signedUrlKey, fc.boolean()).map(([key, location]) => {
      const url = `https://files.example.test/qr.png?sv=${KEPT}&${key}=${encodeURIComponent(v)}`;
      return location
        ? { label: `Location ${key}`, responseHeaders: [['Location', url]] as [string, string][] }
        : { label: `Referer ${key}`, requestHeaders: [['Referer', url]] as [string, string][] };
    }),
    fc
      .tuple(headerName, fc.boolean())
      .map(([name, response]) =>
        response
          ? { label: `response header ${name}`, responseHeaders: [[name, v]] as [string, string][] }
          : { label: `request header ${name}`, requestHeaders: [[name, v]] as [string, string][] },
      ),
    fc.constant({
      label: 'Set-Cookie',
      responseHeaders: [['Set-Cookie', `sid=${v}; Path=/`]] as [string, string][],
    }),
    fc.constant({ label: 'user-info', userinfo: `agent:${encodeURIComponent(v)}` }),
    fc.constant({ label: 'curl -u', curlUser: `agent:${v}` }),
  );
}

// ---------------------------------------------------------------------------------------------------
// The three envelopes. Each gives the paste and the time the call must keep.

type Envelope = 'curl' | 'raw' | 'har';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The URL; outside curl, `-u user:pass` is the same credential as URL user-info. */
function url(p: Placement, envelope: Envelope): string {
  const userinfo =
    p.userinfo ??
    (envelope !== 'curl' && p.curlUser !== undefined ? encodeURIComponent(p.curlUser) : undefined);
  return `https://${userinfo !== undefined ? `${userinfo}@` : ''}${HOST}${PATH}${p.query !== undefined ? `?${p.query}` : ''}`;
}

function requestHeaders(p: Placement): [string, string][] {
  const headers: [string, string][] = [['Accept', 'application/json'], ...(p.requestHeaders ?? [])];
  if (p.body && !p.body.inResponse && p.body.typeInHeader) headers.push(['Content-Type', p.body.type]);
  return headers;
}

function responseHeaders(p: Placement): [string, string][] {
  const headers: [string, string][] = [['Date', HTTP_DATE], ...(p.responseHeaders ?? [])];
  if (p.body && p.body.inResponse && p.body.typeInHeader) headers.push(['Content-Type', p.body.type]);
  return headers;
}

function responseBody(p: Placement): string {
  return p.body?.inResponse ? p.body.text : `{"result":"${KEPT}"}`;
}

function asCurl(p: Placement, method: string): string {
  const words = ['curl', '-i', '-X', method, shellQuote(url(p, 'curl'))];
  for (const [name, value] of requestHeaders(p)) words.push('-H', shellQuote(`${name}: ${value}`));
  if (p.curlUser !== undefined) words.push('-u', shellQuote(p.curlUser));
  if (p.body && !p.body.inResponse) words.push('--data-raw', shellQuote(p.body.text));
  if (p.params) for (const f of p.params) words.push('-F', shellQuote(`${f.name}=${f.value}`));
  const output = [
    `HTTP/1.1 ${STATUS} Created`,
    ...responseHeaders(p).map(([n, v]) => `${n}: ${v}`),
    '',
    responseBody(p),
  ];
  return [words.join(' '), ...output].join('\n');
}

function asRawHttp(p: Placement, method: string): string {
  const userinfo = p.userinfo !== undefined || p.curlUser !== undefined;
  // A request line has no blanks in its target: a client sends them encoded.
  const target = (userinfo ? url(p, 'raw') : `${PATH}${p.query !== undefined ? `?${p.query}` : ''}`).replace(
    /\s/g,
    encodeURIComponent,
  );
  const request = [
    `${method} ${target} HTTP/1.1`,
    `Host: ${HOST}`,
    ...requestHeaders(p).map(([n, v]) => `${n}: ${v}`),
    '',
  ];
  if (p.body && !p.body.inResponse) request.push(p.body.text, '');
  else if (p.params) {
    request[request.length - 1] = 'Content-Type: application/x-www-form-urlencoded';
    request.push('', p.params.map((f) => `${f.name}=${encodeURIComponent(f.value)}`).join('&'), '');
  }
  const response = [
    `HTTP/1.1 ${STATUS} Created`,
    ...responseHeaders(p).map(([n, v]) => `${n}: ${v}`),
    '',
    responseBody(p),
  ];
  return [...request, ...response].join('\n');
}

function asHar(p: Placement, method: string): string {
  const toHeaders = (h: [string, string][]) => h.map(([name, value]) => ({ name, value }));
  const request: Record<string, unknown> = {
    method,
    url: url(p, 'har'),
    headers: toHeaders(requestHeaders(p)),
  };
  if (p.body && !p.body.inResponse) request.postData = { mimeType: p.body.type, text: p.body.text };
  if (p.params) request.postData = { mimeType: 'application/x-www-form-urlencoded', params: p.params };
  const inResponse = p.body?.inResponse === true;
  const entry = {
    startedDateTime: HAR_TIME,
    time: 42,
    request,
    response: {
      status: STATUS,
      headers: toHeaders(responseHeaders(p)),
      content: { mimeType: inResponse ? p.body?.type : 'application/json', text: responseBody(p) },
    },
  };
  return JSON.stringify({ log: { version: '1.2', entries: [entry] } });
}

function paste(envelope: Envelope, p: Placement, method: string): { text: string; time: string } {
  if (envelope === 'curl') return { text: asCurl(p, method), time: DATE_IN_ZONE };
  if (envelope === 'raw') return { text: asRawHttp(p, method), time: DATE_IN_ZONE };
  return { text: asHar(p, method), time: HAR_TIME };
}

// ---------------------------------------------------------------------------------------------------

/** Every string of the calls, stored and rendered (text, Markdown, ticket evidence; en and fr). */
function everything(calls: readonly ApiCall[]): string {
  const stored = calls.flatMap((c) => [
    c.method,
    c.endpoint,
    c.requestBody ?? '',
    c.responseBody ?? '',
    ...[...c.requestHeaders, ...c.responseHeaders].map((h) => `${h.name}: ${h.value}`),
  ]);
  const rendered = (['en', 'fr'] as const).flatMap((locale) => {
    const r = renderApiCalls(calls, { locale });
    return [r.text, r.markdown, ...calls.map((c) => JSON.stringify(toApiCallEvidence(c, locale)))];
  });
  return [...stored, ...rendered].join('\n');
}

// (HAR params become -F fields in curl and a form body in raw HTTP.)

/** The canary as it could appear: raw, percent-, plus-, JSON- and XML-encoded. */
function variants(text: string): string[] {
  return [text, encodeURIComponent(text), plusEncode(text), JSON.stringify(text).slice(1, -1), xmlAttr(text)];
}

describe('property: no canary secret survives, in any format, and the evidence does', () => {
  it.each<Envelope>(['curl', 'raw', 'har'])('%s', (envelope) => {
    const placementCase = canary.chain((c) =>
      fc.record({ canary: fc.constant(c), placement: placement(c), method: fc.constantFrom('POST', 'PUT') }),
    );
    fc.assert(
      fc.property(placementCase, ({ canary: c, placement: p, method }) => {
        const { text, time } = paste(envelope, p, method);
        const result = parseApiEvidence(text, OPTS);
        if (!result.ok) throw new Error(`${p.label}: ${result.error.code} ${result.error.message}\n${text}`);
        const all = everything(result.calls);
        for (const m of c.markers) {
          if (all.includes(m))
            throw new Error(`${p.label}: "${m}" of ${JSON.stringify(c.text)} survived in\n${all}`);
        }
        for (const form of variants(c.text)) expect(all).not.toContain(form);

        expect(result.calls).toHaveLength(1);
        const call = result.calls[0] as ApiCall;
        expect(call.method).toBe(method);
        expect(call.endpoint).toContain(`${HOST}${PATH}`);
        expect(call.status).toBe(STATUS);
        expect(call.startedAt).toBe(time);
        const rendered = renderApiCalls(result.calls, { locale: 'en' }).text;
        expect(rendered).toContain(`${method} `);
        expect(rendered).toContain(`${PATH}`);
        expect(rendered).toContain(`→ ${STATUS}`);
        expect(rendered).toContain(time);
        if (p.body !== undefined || p.params !== undefined) expect(all).toContain(KEPT);
        expect(result.redactions).toBeGreaterThan(0);
        // Stored calls are redacted again (capture buffer, evidence store): nothing changes, nothing counts.
        expect(redactApiCall(call)).toEqual({ call, redactions: 0 });
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  });
});
