// Issue 12 (part 3b): secrets must be gone from pasted API calls in every body format the parser
// accepts. One row per format that leaked; each names the secret words that must not survive and the
// evidence that must (seed 000: "the endpoint you're using and the response with time stamps").
import { describe, expect, it } from 'vitest';
import { parseApiEvidence, type ApiCall } from '../../../lib/evidence/api-call';
import {
  REDACTED,
  createCounter,
  isSecretHeaderName,
  isSecretKey,
  redactBody,
} from '../../../lib/evidence/redact';
import { renderApiCalls, toApiCallEvidence } from '../../../lib/evidence/render-api-call';

const OPTS = { now: new Date('2024-05-14T09:00:00Z'), timeZone: 'Europe/Paris' } as const;

interface Row {
  readonly name: string;
  readonly paste: string;
  /** Words of secrets that must appear nowhere in the result or its rendering. */
  readonly secrets: readonly string[];
  /** Evidence that must survive somewhere in the stored call(s). */
  readonly keep: readonly string[];
}

/** Every string of the calls, as stored and as rendered for the ticket, one per line (not JSON-escaped). */
function everything(calls: readonly ApiCall[]): string {
  const stored = calls.flatMap((c) => [
    c.method,
    c.endpoint,
    c.requestBody ?? '',
    c.responseBody ?? '',
    c.startedAt ?? '',
    String(c.status ?? ''),
    ...[...c.requestHeaders, ...c.responseHeaders].map((h) => `${h.name}: ${h.value}`),
  ]);
  const rendered = (['en', 'fr'] as const).flatMap((locale) => {
    const r = renderApiCalls(calls, { locale });
    return [r.text, r.markdown, ...calls.map((c) => JSON.stringify(toApiCallEvidence(c, locale)))];
  });
  return [...stored, ...rendered].join('\n');
}

function har(request: Record<string, unknown>, response?: Record<string, unknown>): string {
  return JSON.stringify({
    log: {
      entries: [
        {
          startedDateTime: '2024-05-14T09:12:33.000Z',
          time: 21,
          request: { method: 'POST', url: 'https://api.esim-go.com/v2.4/auth', headers: [], ...request },
          response: response ?? {
            status: 200,
            headers: [],
            content: { mimeType: 'application/json', text: '{"ok":true}' },
          },
        },
      ],
    },
  });
}

const MULTIPART = [
  '--XyZ42',
  'Content-Disposition: form-data; name="username"',
  '',
  'agent7',
  '--XyZ42',
  'Content-Disposition: form-data; name="password"',
  '',
  'correct horse battery staple',
  '--XyZ42',
  'Content-Disposition: form-data; name="meta"',
  'Content-Type: application/json',
  '',
  '{"label":"kept-label","pin":"918273"}',
  '--XyZ42--',
  '',
].join('\r\n');

const ROWS: Row[] = [
  {
    name: 'curl -d form body with spaces in the value',
    paste: `curl https://api.esim-go.com/v2.4/login -d 'username=agent7&password=correct horse battery staple'`,
    secrets: ['correct', 'horse', 'battery', 'staple'],
    keep: ['username=agent7', 'https://api.esim-go.com/v2.4/login'],
  },
  {
    name: 'curl -d form body: plus- and percent-encoded, "=" inside, repeated keys, lone "&" part',
    paste: `curl https://h.test/t --data-raw 'token=tok+en%20one%3D&token=second==two&grant_type=password&pwd=a&b c&state=kept-state'`,
    secrets: ['tok+en', 'one', 'second', 'two', 'b c'],
    keep: ['grant_type=password', 'state=kept-state'],
  },
  {
    name: 'curl -F multipart fields, one with spaces',
    paste: `curl https://h.test/upload -F 'note=kept note' -F 'secret=very secret words' -F 'pin=4321'`,
    secrets: ['very', 'words', '4321'],
    keep: ['note=kept note'],
  },
  {
    name: 'raw HTTP multipart/form-data (parts by name, a JSON part)',
    paste: `POST /v2.4/upload HTTP/1.1\r\nHost: api.esim-go.com\r\nContent-Type: multipart/form-data; boundary=XyZ42\r\n\r\n${MULTIPART}`,
    secrets: ['correct', 'horse', 'staple', '918273'],
    keep: ['agent7', 'kept-label', 'name="password"'],
  },
  {
    name: 'HAR postData.params, content type only in postData.mimeType',
    paste: har({
      postData: {
        mimeType: 'application/x-www-form-urlencoded',
        params: [
          { name: 'username', value: 'agent7' },
          { name: 'password', value: 'correct horse battery staple' },
          { name: 'client_secret', value: 'a&b=c d' },
        ],
      },
    }),
    secrets: ['correct', 'horse', 'battery', 'staple', 'b=c d'],
    keep: ['username=agent7'],
  },
  {
    name: 'HAR postData.text form-encoded, content type only in postData.mimeType',
    paste: har({
      postData: {
        mimeType: 'application/x-www-form-urlencoded',
        text: 'user=agent7&pass=correct horse staple',
      },
    }),
    secrets: ['correct', 'horse', 'staple'],
    keep: ['user=agent7'],
  },
  {
    name: 'HAR postData.text multipart, boundary only in postData.mimeType',
    paste: har({ postData: { mimeType: 'multipart/form-data; boundary=XyZ42', text: MULTIPART } }),
    secrets: ['correct', 'horse', 'staple', '918273'],
    keep: ['agent7', 'kept-label'],
  },
  {
    name: 'XML body: elements, namespaced elements, CDATA, attributes, name/value params',
    paste: [
      'POST /soap HTTP/1.1',
      'Host: api.example.test',
      'Content-Type: text/xml',
      '',
      '<?xml version="1.0"?><env:Envelope xmlns:env="urn:x"><env:Body><login lang="fr">',
      '<user>agent7</user><password>correct horse</password><ns:apiKey>AK-123 456</ns:apiKey>',
      '<Secret><![CDATA[cdata <secret> words]]></Secret><auth token="tok en 1" realm="kept-realm"/>',
      "<param name='pin' value='5566'/><param name=\"pass\">passvalue99</param><code>E42</code>",
      '<credentials><id>cred-inner-1</id><note>cred inner two</note></credentials>',
      '</login></env:Body></env:Envelope>',
    ].join('\n'),
    secrets: [
      'correct',
      'horse',
      'AK-123',
      '456',
      'cdata',
      'words',
      'tok en',
      '5566',
      'passvalue99',
      'cred-inner-1',
      'cred inner two',
    ],
    keep: ['agent7', 'kept-realm', '<code>E42</code>', 'lang="fr"'],
  },
  {
    name: 'XML response body without a content type, truncated',
    paste: 'HTTP/1.1 200 OK\n\n<auth><sessionToken>cutshort secret value',
    secrets: ['cutshort', 'secret value'],
    keep: ['<auth>'],
  },
  {
    name: 'signed URLs: AWS SigV4, GCS, Azure SAS, OAuth code, Google key',
    paste: [
      'curl "https://bucket.s3.eu-west-1.amazonaws.com/esim/qr.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20240514%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20240514T091233Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Security-Token=FwoGZXIvYXdzEXAMPLE&X-Amz-Signature=abcdef0123456789"',
      'curl "https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=svc%40p.iam&X-Goog-Signature=9f8e7d6c5b"',
      'curl "https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&se=2024-05-15T09%3A00Z&sr=b&sp=r&sig=SaSsIg%2Bvalue%3D"',
      'curl "https://api.example.test/cb?code=OAUTHcode123&state=kept-state-2"',
      'curl "https://maps.example.test/geo?key=AIzaSyEXAMPLE&q=Paris"',
    ].join('\n'),
    secrets: [
      'AKIAEXAMPLE',
      'FwoGZXIvYXdzEXAMPLE',
      'abcdef0123456789',
      'svc%40p',
      '9f8e7d6c5b',
      'SaSsIg',
      'OAUTHcode123',
      'AIzaSyEXAMPLE',
    ],
    keep: [
      'X-Amz-Date=20240514T091233Z',
      'X-Amz-Expires=900',
      'X-Amz-SignedHeaders=host',
      'sv=2022-11-02',
      'sp=r',
      'state=kept-state-2',
      'q=Paris',
      '/esim/qr.png',
    ],
  },
  {
    name: 'Location and Referer headers with signed URLs and user-info',
    paste: [
      'GET /v2.4/esims HTTP/1.1',
      'Host: api.esim-go.com',
      'Referer: https://portal.test/cb?code=REFcode77&sig=REFsig88',
      '',
      'HTTP/1.1 302 Found',
      'Location: https://u:LOCpass99@files.test/x?sig=LOCsig11&sv=kept-sv',
      'X-Signature: HDRsig22',
      'X-Hub-Signature-256: sha256=HDRsig33',
      'X-Amz-Security-Token: HDRtok44',
      'WWW-Authenticate: Bearer realm="kept-realm-2"',
    ].join('\n'),
    secrets: ['REFcode77', 'REFsig88', 'LOCpass99', 'LOCsig11', 'HDRsig22', 'HDRsig33', 'HDRtok44'],
    keep: ['sv=kept-sv', 'kept-realm-2', 'https://files.test/x'.replace('https://', '')],
  },
  {
    // Found by the property test: `'` is valid in user-info and in a query value (RFC 3986) and
    // encodeURIComponent leaves it, so it must not end a URL unless a `'` opened it.
    name: "a ' inside URL user-info and inside a signed URL in a Referer",
    paste: [
      `curl "https://agent:it's%20QUOTEpass1@api.esim-go.com/v2.4/esims"`,
      `  -H "Referer: https://files.test/qr.png?sv=kept-sv-3&X-Amz-Signature=a'QUOTEsig2%20b"`,
      `  -H "X-Note: see 'https://files.test/x?sig=QUOTEsig3' for details"`,
    ].join(' \\\n'),
    secrets: ['QUOTEpass1', 'QUOTEsig2', 'QUOTEsig3', "it's"],
    keep: ['sv=kept-sv-3', "' for details", 'api.esim-go.com/v2.4/esims'],
  },
  {
    name: 'JSON keys pass, pin, puk at depth, in arrays, in any case and separator style',
    paste: JSON.stringify({
      users: [
        { login: 'agent7', pass: 'PASSword1' },
        { login: 'b', 'API-KEY': 'APIkey2' },
      ],
      sim: { PIN: 1234, puk_1: '87654321', simPin: '2468', postcode: '75001', pincode: '560001' },
      headers: [{ name: 'x-api-key', value: 'HARhdr3' }],
      error: { code: 'ESIM_NOT_FOUND' },
    }),
    secrets: ['PASSword1', 'APIkey2', '1234', '87654321', '2468', 'HARhdr3'],
    keep: ['agent7', '75001', '560001', 'ESIM_NOT_FOUND'],
  },
  {
    name: 'JSON, form and XML embedded as JSON string values',
    paste: JSON.stringify({
      payload: JSON.stringify({ password: 'EMBjson 1', keep: 'kept-embedded' }),
      form: 'user=agent7&password=EMBform 2 words',
      xml: '<r><token>EMBxml 3</token></r>',
    }),
    secrets: ['EMBjson', 'EMBform', '2 words', 'EMBxml'],
    keep: ['kept-embedded', 'user=agent7'],
  },
  {
    name: 'malformed JSON falls back to a text scrub of every vocabulary key',
    paste:
      'HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\n\n{"pin": "9988", "pass": 7766, "apiKey": "unterminated secret',
    secrets: ['9988', '7766', 'unterminated', 'secret'],
    keep: ['"pin"', '500'],
  },
  {
    name: 'curl credentials: -u, --user, --oauth2-bearer, -b/--cookie, -H cookie',
    paste: `curl https://h.test/a -u agent:CURLpass1 --user other:CURLpass2 --oauth2-bearer CURLbearer3 -b 'sid=CURLcookie4; theme=dark' --cookie sess=CURLcookie5 -H 'Cookie: a=CURLcookie6'`,
    secrets: [
      'CURLpass1',
      'CURLpass2',
      'CURLbearer3',
      'CURLcookie4',
      'CURLcookie5',
      'CURLcookie6',
      'agent:',
      'other:',
    ],
    keep: ['https://h.test/a'],
  },
];

describe('every body format: no secret survives, the evidence does', () => {
  it.each(ROWS)('$name', (row) => {
    const result = parseApiEvidence(row.paste, OPTS);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    const all = everything(result.calls);
    for (const secret of row.secrets) {
      expect(all, `"${secret}" survived`).not.toContain(secret);
      expect(all).not.toContain(encodeURIComponent(secret));
    }
    for (const kept of row.keep) expect(all, `"${kept}" was lost`).toContain(kept);
    expect(result.redactions).toBeGreaterThan(0);
  });

  it('the -d body with spaces keeps its structure: one marker for the whole value', () => {
    const result = parseApiEvidence(
      `curl https://h.test/login -d 'username=agent7&password=correct horse battery staple'`,
      OPTS,
    );
    expect(result.ok && result.calls[0]?.requestBody).toBe(`username=agent7&password=${REDACTED}`);
  });

  it('redactBody is idempotent on every format: a second pass changes and counts nothing', () => {
    const bodies: [string, string][] = [
      ['multipart/form-data; boundary=XyZ42', MULTIPART],
      ['application/xml', '<a><password>x y</password><b token="t u"/></a>'],
      ['application/x-www-form-urlencoded', 'a=1&password=x y&b&c=2'],
      ['', '{"pin":"1","list":[{"pass":"2"}]}'],
    ];
    for (const [type, body] of bodies) {
      const once = redactBody(body, createCounter(), type).text;
      const counter = createCounter();
      expect(redactBody(once, counter, type).text).toBe(once);
      expect(counter.count).toBe(0);
    }
  });
});

describe('the vocabulary matches key names whatever their style', () => {
  it.each([
    ['api_key', true],
    ['apiKey', true],
    ['API-KEY', true],
    ['x-api-key', true],
    ['X-Amz-Signature', true],
    ['X-Amz-Credential', true],
    ['X-Amz-Security-Token', true],
    ['X-Goog-Signature', true],
    ['pass', true],
    ['user_pass', true],
    ['PIN', true],
    ['simPin', true],
    ['PIN1', true],
    ['PUK', true],
    ['sig', true],
    ['sms_otp', true],
    ['PHPSESSID', true],
    ['postcode', false],
    ['pincode', false],
    ['passenger', false],
    ['spinner', false],
    ['signal', false],
    ['X-Amz-SignedHeaders', false],
    ['X-Amz-Date', false],
    ['footprint', false],
    ['code', false], // a JSON/XML error code: only secret as a query parameter
    ['key', false],
  ])('isSecretKey(%s) = %s', (key, secret) => {
    expect(isSecretKey(key)).toBe(secret);
  });

  it.each([
    ['code', true],
    ['key', true],
    ['sid', true],
    ['state', false],
    ['errorCode', false],
  ])('as a query parameter, isSecretKey(%s) = %s', (key, secret) => {
    expect(isSecretKey(key, 'query')).toBe(secret);
  });

  it.each([
    ['X-Signature', true],
    ['X-Hub-Signature-256', true],
    ['X-Amz-Security-Token', true],
    ['X-Pin', true],
    ['WWW-Authenticate', false],
    ['Access-Control-Allow-Headers', false],
    ['Access-Control-Allow-Credentials', false],
    ['Location', false],
  ])('isSecretHeaderName(%s) = %s', (name, secret) => {
    expect(isSecretHeaderName(name)).toBe(secret);
  });
});
