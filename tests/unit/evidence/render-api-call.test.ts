import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../../../lib/evidence/api-call';
import { fencedBlock, renderApiCalls, toApiCallEvidence } from '../../../lib/evidence/render-api-call';

const ICCID = '8944500000000000014';

const pasted: ApiCall = {
  method: 'GET',
  endpoint: `https://api.esim-go.com/v2.4/esims/${ICCID}`,
  status: 200,
  requestHeaders: [],
  responseHeaders: [],
  responseBody: '{\n  "profileStatus": "Installed"\n}',
  startedAt: '2024-05-14T11:12:33.000+02:00',
  durationMs: 245.4,
  timestampSource: 'headers',
  source: 'pasted',
  truncated: false,
};

const fromPage: ApiCall = {
  method: 'POST',
  endpoint: `https://api.esim-go.com/v2.4/esims/apply`,
  status: 400,
  requestHeaders: [{ name: 'X-API-Key', value: '[REDACTED]' }],
  responseHeaders: [],
  requestBody: '{"iccid":"x"}',
  responseBody: 'bad ``` fence ````',
  startedAt: '2024-05-14T11:13:00.000+02:00',
  timestampSource: 'page',
  source: 'reported-by-page',
  truncated: true,
};

describe('renderApiCalls', () => {
  it('plain text: METHOD endpoint → status, time with offset and source, bodies', () => {
    const { text } = renderApiCalls([pasted], { locale: 'en' });
    expect(text).toBe(
      [
        `GET https://api.esim-go.com/v2.4/esims/${ICCID} → 200`,
        'Time: 2024-05-14T11:12:33.000+02:00 (from the HTTP Date header)',
        'Duration: 245 ms',
        'Response body:',
        '{\n  "profileStatus": "Installed"\n}',
      ].join('\n'),
    );
  });

  it('labels page-sourced calls "reported by the page", in both formats and both languages', () => {
    const en = renderApiCalls([pasted, fromPage], { locale: 'en' });
    expect(en.text).toContain('POST https://api.esim-go.com/v2.4/esims/apply → 400 (reported by the page)');
    expect(en.markdown).toContain('_(reported by the page)_');
    expect(en.text.split('reported by the page').length - 1).toBe(2); // title + time source
    expect(en.text).not.toMatch(/GET [^\n]*reported by the page/);
    const fr = renderApiCalls([fromPage], { locale: 'fr' });
    expect(fr.text).toContain('(signalé par la page)');
    expect(fr.text).toContain('Corps de la réponse (tronqué) :');
    expect(fr.text).toContain('Heure : 2024-05-14T11:13:00.000+02:00 (signalée par la page)');
  });

  it('never renders headers (where credentials live)', () => {
    const { text, markdown } = renderApiCalls([fromPage], { locale: 'en' });
    expect(text).not.toContain('X-API-Key');
    expect(markdown).not.toContain('X-API-Key');
  });

  it('Markdown: endpoint in a code span, bodies fenced longer than any backtick run inside', () => {
    const { markdown } = renderApiCalls([fromPage], { locale: 'en' });
    expect(markdown).toContain('**`POST` `https://api.esim-go.com/v2.4/esims/apply`** → 400');
    expect(markdown).toContain('`````\nbad ``` fence ````\n`````');
    expect(markdown).toContain('```json\n{"iccid":"x"}\n```');
  });

  it('says when the endpoint is not known and when nothing is selected', () => {
    const bare: ApiCall = { ...pasted, method: '', endpoint: '', status: undefined };
    delete bare.status;
    expect(renderApiCalls([bare], { locale: 'en' }).text.split('\n')[0]).toBe(
      '(method not given) (endpoint not given)',
    );
    expect(renderApiCalls([], { locale: 'fr' }).text).toBe('Aucun appel API sélectionné.');
  });

  it('keeps a hostile endpoint on one line', () => {
    const hostile: ApiCall = { ...pasted, endpoint: 'https://h.test/a\n## Priority: Urgent' };
    expect(renderApiCalls([hostile], { locale: 'en' }).text.split('\n')[0]).toBe(
      'GET https://h.test/a ## Priority: Urgent → 200',
    );
  });
});

describe('fencedBlock', () => {
  it.each([
    ['plain', '```'],
    ['has ``` inside', '````'],
    ['has `````` inside', '```````'],
  ])('%s → fence %s', (body, fence) => {
    expect(fencedBlock(body)).toBe(`${fence}\n${body}\n${fence}`);
  });
});

describe('toApiCallEvidence', () => {
  it('adapts a call for the ticket renderer and keeps the page label', () => {
    expect(toApiCallEvidence(fromPage, 'en')).toEqual({
      method: 'POST',
      endpoint: 'https://api.esim-go.com/v2.4/esims/apply (reported by the page)',
      status: 400,
      response: 'bad ``` fence ````',
      timestamp: '2024-05-14T11:13:00.000+02:00',
    });
  });
});
