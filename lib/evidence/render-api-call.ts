/**
 * Renders API-call evidence for the ticket in the order seed 000 asks for it — "the API call, the
 * endpoint you're using and the response with time stamps": `METHOD endpoint → status`, the time with
 * its offset and where it comes from, then the request and response bodies. Plain text (web forms,
 * e-mail) and Markdown (help desks that render it), English or French.
 *
 * Calls captured from the page are labelled "reported by the page": the page could have forged them
 * (REFERENCE: main-world scripts are visible to and forgeable by the page).
 */
import type { ApiCallEvidence } from '../escalation/render';
import type { Locale } from '../escalation/vendor-profile';
import type { ApiCall, TimestampSource } from './api-call';

const STRINGS = {
  en: {
    colon: ':',
    time: 'Time',
    duration: 'Duration',
    requestBody: 'Request body',
    responseBody: 'Response body',
    truncated: '(truncated)',
    noEndpoint: '(endpoint not given)',
    noMethod: '(method not given)',
    reportedByPage: 'reported by the page',
    none: 'No API call selected.',
    sources: {
      har: 'from the HAR file',
      headers: 'from the HTTP Date header',
      'agent-entry': 'time the agent entered it',
      page: 'reported by the page',
    } satisfies Record<TimestampSource, string>,
  },
  fr: {
    // French typography puts a space before the colon (as lib/escalation/render.ts does).
    colon: ' :',
    time: 'Heure',
    duration: 'Durée',
    requestBody: 'Corps de la requête',
    responseBody: 'Corps de la réponse',
    truncated: '(tronqué)',
    noEndpoint: '(point de terminaison non précisé)',
    noMethod: '(méthode non précisée)',
    reportedByPage: 'signalé par la page',
    none: 'Aucun appel API sélectionné.',
    sources: {
      har: 'du fichier HAR',
      headers: "de l'en-tête HTTP Date",
      'agent-entry': "heure de saisie par l'agent",
      page: 'signalée par la page',
    } satisfies Record<TimestampSource, string>,
  },
} as const;

/** Options of {@link renderApiCalls}. */
export interface RenderApiCallsOptions {
  readonly locale: Locale;
}

/** The calls rendered both ways. */
export interface RenderedApiCalls {
  readonly text: string;
  readonly markdown: string;
}

/** Line breaks and control characters out of a one-line value (an endpoint cannot add lines to the ticket). */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

/** A Markdown code span that shows `text` literally, whatever backticks it holds (CommonMark §6.1). */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/**
 * A fenced code block whose fence is longer than any backtick run inside (CommonMark §4.5), so a body
 * can never close it early and turn the rest into Markdown.
 */
export function fencedBlock(body: string, info = ''): string {
  const longest = Math.max(0, ...Array.from(body.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

function looksLikeJson(body: string): boolean {
  const t = body.trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

interface CallParts {
  readonly title: string;
  readonly time?: { iso: string; source: string };
  readonly duration?: string;
  readonly bodies: { label: string; body: string }[];
}

function parts(call: ApiCall, locale: Locale): CallParts {
  const s = STRINGS[locale];
  const method = call.method === '' ? s.noMethod : oneLine(call.method);
  const endpoint = call.endpoint === '' ? s.noEndpoint : oneLine(call.endpoint);
  let title = `${method} ${endpoint}`;
  if (call.status !== undefined) title += ` → ${call.status}`;
  if (call.source === 'reported-by-page') title += ` (${s.reportedByPage})`;
  const bodies: { label: string; body: string }[] = [];
  const suffix = call.truncated ? ` ${s.truncated}` : '';
  if (call.requestBody !== undefined)
    bodies.push({ label: `${s.requestBody}${suffix}`, body: call.requestBody });
  if (call.responseBody !== undefined)
    bodies.push({ label: `${s.responseBody}${suffix}`, body: call.responseBody });
  const out: { -readonly [K in keyof CallParts]: CallParts[K] } = { title, bodies };
  if (call.startedAt !== undefined)
    out.time = { iso: oneLine(call.startedAt), source: s.sources[call.timestampSource] };
  if (call.durationMs !== undefined) out.duration = `${Math.round(call.durationMs)} ms`;
  return out;
}

/** One call as plain text. */
function callText(call: ApiCall, locale: Locale): string {
  const s = STRINGS[locale];
  const p = parts(call, locale);
  const lines = [p.title];
  if (p.time !== undefined) lines.push(`${s.time}${s.colon} ${p.time.iso} (${p.time.source})`);
  if (p.duration !== undefined) lines.push(`${s.duration}${s.colon} ${p.duration}`);
  for (const b of p.bodies) lines.push(`${b.label}${s.colon}`, b.body);
  return lines.join('\n');
}

/** One call as Markdown: the title in code spans (an endpoint never becomes a link), bodies fenced. */
function callMarkdown(call: ApiCall, locale: Locale): string {
  const s = STRINGS[locale];
  const method = call.method === '' ? s.noMethod : codeSpan(oneLine(call.method));
  const endpoint = call.endpoint === '' ? s.noEndpoint : codeSpan(oneLine(call.endpoint));
  let title = `**${method} ${endpoint}**`;
  if (call.status !== undefined) title += ` → ${call.status}`;
  if (call.source === 'reported-by-page') title += ` _(${s.reportedByPage})_`;
  const p = parts(call, locale);
  const lines = [title, ''];
  if (p.time !== undefined) lines.push(`- ${s.time}${s.colon} ${codeSpan(p.time.iso)} (${p.time.source})`);
  if (p.duration !== undefined) lines.push(`- ${s.duration}${s.colon} ${p.duration}`);
  for (const b of p.bodies) {
    lines.push('', `${b.label}${s.colon}`, '', fencedBlock(b.body, looksLikeJson(b.body) ? 'json' : ''));
  }
  return lines.join('\n');
}

/**
 * Renders the calls the agent selected for the ticket, in their order, as plain text and Markdown.
 * Headers are not rendered: the vendor asks for endpoint, response and time (seed 000), and headers are
 * where credentials live. An empty selection renders a short "no API call selected" line.
 */
export function renderApiCalls(calls: readonly ApiCall[], options: RenderApiCallsOptions): RenderedApiCalls {
  if (calls.length === 0) {
    const none = STRINGS[options.locale].none;
    return { text: none, markdown: none };
  }
  return {
    text: calls.map((c) => callText(c, options.locale)).join('\n\n'),
    markdown: calls.map((c) => callMarkdown(c, options.locale)).join('\n\n---\n\n'),
  };
}

/**
 * Adapts a call to the ticket renderer's `ApiCallEvidence` (lib/escalation/render.ts), which shows
 * one line per call and the response. A call reported by the page keeps that label in its method
 * line, so the ticket never presents it as pasted evidence.
 */
export function toApiCallEvidence(call: ApiCall, locale: Locale): ApiCallEvidence {
  const s = STRINGS[locale];
  const evidence: { -readonly [K in keyof ApiCallEvidence]: ApiCallEvidence[K] } = {
    method: call.method === '' ? '?' : call.method,
    endpoint:
      (call.endpoint === '' ? s.noEndpoint : call.endpoint) +
      (call.source === 'reported-by-page' ? ` (${s.reportedByPage})` : ''),
  };
  if (call.status !== undefined) evidence.status = call.status;
  if (call.responseBody !== undefined) evidence.response = call.responseBody;
  if (call.startedAt !== undefined) evidence.timestamp = call.startedAt;
  return evidence;
}
