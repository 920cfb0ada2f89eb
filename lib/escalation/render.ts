/**
 * Renders a draft as the ticket the vendor receives: the vendor's subject format, then every field in
 * the vendor's order, the priority with the reason it was chosen, and when the first response is due.
 * Two bodies: plain text (web forms, e-mail) and Markdown (help desks that render it).
 *
 * Safety: secret fields are never rendered, whatever the draft holds (a placeholder says they come
 * separately); in Markdown every piece of user or page text is escaped or fenced, so it shows as
 * typed and cannot become a link, an image or HTML.
 */
import { DateTime } from 'luxon';
import { parseIccid } from '../telecom/iccid';
import type { Draft } from './draft';
import { fieldValue, isBlank } from './field-values';
import { effectivePriority, type EffectivePriority } from './priority';
import { stripSecrets } from './secrets';
import { clockStart, responseDue } from './sla';
import { ofName, type TicketTranslate } from './ticket-text';
import {
  fillTemplate,
  vendorDisplayName,
  type Locale,
  type VendorField,
  type VendorProfile,
} from './vendor-profile';

/** One API call pasted or captured as evidence (REFERENCE: the calls an agent pastes; never the API key). */
export interface ApiCallEvidence {
  readonly method: string;
  readonly endpoint: string;
  readonly status?: number | string;
  readonly response?: string;
  /** ISO 8601, as captured. */
  readonly timestamp?: string;
}

/** A file that goes with the ticket, e.g. a screenshot tagged `esim-settings`. */
export interface AttachmentRef {
  readonly name: string;
  readonly tag?: string;
}

/**
 * Options of {@link renderTicket}. `now` is the submission time the SLA clock starts from. `locale` is
 * the ticket's language (issue 16: {@link ticketLocale} of the vendor, not the agent's), and `translate`
 * gives the locale files' `ticketText*` fragments in that language.
 */
export interface RenderOptions {
  readonly locale: Locale;
  readonly translate: TicketTranslate;
  readonly now: Date;
  /** The agent's IANA time zone: dates in the ticket are shown in it, with the zone named. */
  readonly timeZone: string;
  readonly apiCalls?: readonly ApiCallEvidence[];
  readonly attachments?: readonly AttachmentRef[];
}

/** The rendered ticket. */
export interface RenderedTicket {
  readonly subject: string;
  readonly text: string;
  readonly markdown: string;
}

const MAX_SUBJECT = 250;
const MAX_RESPONSE = 8000;

// C0 controls other than tab and newline, DEL, and the bidirectional overrides/isolates that can make
// text read differently from what it holds.
// eslint-disable-next-line no-control-regex -- finding control characters is the purpose of this pattern
const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

// Half of a UTF-16 surrogate pair on its own: not a character, and encodeURIComponent throws on it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces lone surrogates with U+FFFD, so the text is valid Unicode. */
function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** Normalises newlines and removes invisible control characters from text that goes into a ticket. */
function clean(text: string): string {
  return wellFormed(text).replace(/\r\n?/g, '\n').replace(UNSAFE_CHARS, '');
}

function oneLine(text: string): string {
  return clean(text).replace(/\s+/g, ' ').trim();
}

// Characters with a Markdown meaning anywhere in a line (links, images, emphasis, code, tables,
// strikethrough, heading closers). `!` needs no escape once `[` has one.
const MD_INLINE = /[\\`*_{}[\]()#|~]/g;
// Characters that mean something only at the start of a line: list bullets, ordered-list numbers,
// setext underlines.
const MD_LINE_START = /^([-+=]|\d+[.)])/;

/**
 * Escapes text for use inline in Markdown: `&`, `<`, `>` become entities (no HTML, no entity tricks)
 * and every character that could start a link, an image, emphasis, code or a block is backslash-escaped
 * (CommonMark allows a backslash before any ASCII punctuation), so the text shows exactly as typed.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MD_INLINE, '\\$&')
    .replace(MD_LINE_START, (m) => `${m.slice(0, -1)}\\${m.slice(-1)}`);
}

/** A fenced code block that `content` cannot close: the fence is longer than any backtick run inside. */
export function markdownFence(content: string): string {
  let longest = 0;
  for (const m of content.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}\n${content}\n${fence}`;
}

/** A date in the agent's zone, with the zone named: `2025-03-31 09:20 (Europe/Rome, UTC+02:00)`. */
function formatInstant(at: DateTime, timeZone: string): string {
  let local = at.setZone(timeZone);
  if (!local.isValid) local = at.setZone('utc');
  return `${local.toFormat('yyyy-MM-dd HH:mm')} (${local.zoneName}, UTC${local.toFormat('ZZ')})`;
}

/** One entry of an evidence list: a line, and optionally a verbatim block under it. */
interface Item {
  readonly line: string;
  readonly block?: string;
}

/** One labelled part of the ticket. `value` is user text; `items` are evidence entries. */
interface Section {
  readonly label: string;
  readonly value?: string;
  readonly items?: readonly Item[];
}

function renderFieldValue(field: VendorField, raw: string, opts: RenderOptions): string {
  const value = clean(raw).trim();
  switch (field.kind) {
    case 'iccid': {
      // Digits only: what the vendor's tools search for.
      const parsed = parseIccid(value);
      return parsed.ok ? parsed.iccid : value;
    }
    case 'select':
      return field.options?.find((o) => o.id === value)?.label[opts.locale] ?? value;
    case 'datetime': {
      const at = DateTime.fromISO(value, { zone: opts.timeZone });
      return at.isValid ? formatInstant(at, opts.timeZone) : value;
    }
    default:
      return value;
  }
}

function apiItems(calls: readonly ApiCallEvidence[], tr: TicketTranslate): Item[] {
  return calls.map((call) => {
    const parts = [`${oneLine(call.method).toUpperCase()} ${oneLine(call.endpoint)}`];
    if (call.status !== undefined) parts.push(`→ ${oneLine(String(call.status))}`);
    if (call.timestamp) parts.push(`@ ${oneLine(call.timestamp)}`);
    const line = parts.join(' ');
    if (call.response === undefined || isBlank(call.response)) return { line };
    let block = clean(call.response).trim();
    if (block.length > MAX_RESPONSE)
      block = `${sliceCodePoints(block, MAX_RESPONSE)}\n${tr('ticketTextTruncated')}`;
    return { line, block };
  });
}

function attachmentItems(
  attachments: readonly AttachmentRef[],
  field: VendorField | undefined,
  locale: Locale,
): Item[] {
  return attachments.map((a) => {
    const tag = a.tag
      ? (field?.evidenceTags?.find((t) => t.id === a.tag)?.label[locale] ?? a.tag)
      : undefined;
    return { line: tag ? `${oneLine(a.name)} (${oneLine(tag)})` : oneLine(a.name) };
  });
}

function priorityReason(
  vendor: VendorProfile,
  p: EffectivePriority,
  opts: RenderOptions,
): string | undefined {
  const locale = opts.locale;
  const rubric = p.suggestion.levelId !== null ? p.suggestion : null;
  const byRubric = (sentence: string) =>
    opts.translate('ticketTextByRubric', [ofName(vendorDisplayName(vendor, locale), locale), sentence]);
  if (p.source === 'suggestion' && rubric) return byRubric(rubric.sentence[locale]);
  if (p.source === 'override') {
    // An override that agrees with the rubric keeps the rubric's explanation.
    return rubric && rubric.levelId === p.levelId
      ? byRubric(rubric.sentence[locale])
      : opts.translate('ticketTextByAgent');
  }
  return undefined;
}

function buildSubject(
  vendor: VendorProfile,
  draft: Draft,
  p: EffectivePriority,
  opts: RenderOptions,
): string {
  const locale = opts.locale;
  const fields = new Map(vendor.fields.map((f) => [f.id, f]));
  const resolve = (name: string): string => {
    const field = fields.get(name);
    if (field) {
      if (field.kind === 'secret') return '';
      const raw = fieldValue(field, draft);
      if (field.kind === 'iccid') {
        const parsed = parseIccid(raw);
        return parsed.ok ? parsed.iccid : raw;
      }
      return raw;
    }
    switch (name) {
      case 'subject':
        return draft.summary;
      case 'iccid':
        return draft.iccid ?? '';
      case 'vendor':
        return vendorDisplayName(vendor, locale);
      case 'priority':
        return p.level?.label[locale] ?? '';
      default:
        return '';
    }
  };
  // One pass, so a value that happens to contain "{iccid}" is not expanded in turn.
  let subject = fillTemplate(vendor.subjectTemplate, (name) => oneLine(resolve(name)));
  // A missing part must not leave a dangling separator ("- Tracker offline").
  subject = oneLine(subject).replace(/^[\s\-–—:|,]+|[\s\-–—:|,]+$/g, '');
  if (subject === '') subject = opts.translate('ticketTextUntitled');
  return subject.length > MAX_SUBJECT ? `${sliceCodePoints(subject, MAX_SUBJECT - 1)}…` : subject;
}

function buildSections(
  vendor: VendorProfile,
  draft: Draft,
  opts: RenderOptions,
  p: EffectivePriority,
): Section[] {
  const tr = opts.translate;
  // Defence in depth: even a draft that wrongly holds a secret renders without it.
  const safeDraft: Draft = { ...draft, fields: stripSecrets(vendor, draft.fields) };
  const sections: Section[] = [];
  const screenshotField = vendor.fields.find((f) => f.kind === 'evidence-screenshot');
  const apiField = vendor.fields.find((f) => f.kind === 'evidence-api');
  const attachments = attachmentItems(opts.attachments ?? [], screenshotField, opts.locale);
  const calls = apiItems(opts.apiCalls ?? [], tr);

  for (const field of vendor.fields) {
    const label = field.label[opts.locale];
    if (field.kind === 'secret') {
      sections.push({ label, value: tr('ticketTextSecret') });
      continue;
    }
    const raw = fieldValue(field, safeDraft);
    const value = isBlank(raw) ? undefined : renderFieldValue(field, raw, opts);
    const items = field === screenshotField ? attachments : field === apiField ? calls : [];
    if (value === undefined && items.length === 0) {
      if (field.required) sections.push({ label, value: tr('ticketTextNotProvided') });
      continue;
    }
    sections.push({ label, ...(value !== undefined ? { value } : {}), items });
  }
  // Issue 16: an incident over several ICCIDs lists every one (the ICCID field holds the first).
  const iccids = safeDraft.iccids ?? [];
  if (iccids.length > 1) {
    sections.push({
      label: tr('ticketTextIccids', [String(iccids.length)]),
      items: iccids.map((id) => ({ line: id })),
    });
  }
  if (!screenshotField && attachments.length > 0)
    sections.push({ label: tr('ticketTextAttachments'), items: attachments });
  if (!apiField && calls.length > 0) sections.push({ label: tr('ticketTextApiCalls'), items: calls });

  const level = p.level?.label[opts.locale] ?? tr('ticketTextNotSet');
  const reason = priorityReason(vendor, p, opts);
  sections.push({ label: tr('ticketTextPriority'), value: reason ? `${level} — ${reason}` : level });
  if (p.levelId !== null) {
    const due = responseDue(vendor, p.levelId, clockStart(draft, opts.now));
    if (due.kind === 'due') {
      sections.push({
        label: tr('ticketTextResponseDue'),
        value: formatInstant(DateTime.fromJSDate(due.dueAt), opts.timeZone),
      });
    }
  }
  return sections;
}

/** `label` followed by its colon, as the ticket's language writes it (French: a no-break space before). */
type LabelOf = (label: string) => string;

function toText(subject: string, sections: readonly Section[], labelOf: LabelOf): string {
  const parts = [subject];
  for (const sec of sections) {
    const lines: string[] = [];
    const multiline = sec.value?.includes('\n') ?? false;
    if (sec.value !== undefined && !multiline && !sec.items?.length)
      lines.push(`${labelOf(sec.label)} ${sec.value}`);
    else {
      lines.push(labelOf(sec.label));
      if (sec.value !== undefined) lines.push(sec.value);
      for (const item of sec.items ?? []) {
        lines.push(`- ${item.line}`);
        if (item.block) lines.push(item.block);
      }
    }
    parts.push(lines.join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}

function toMarkdown(subject: string, sections: readonly Section[], labelOf: LabelOf): string {
  const parts = [`## ${escapeMarkdown(subject)}`];
  for (const sec of sections) {
    const label = `**${labelOf(escapeMarkdown(sec.label))}**`;
    const multiline = sec.value?.includes('\n') ?? false;
    if (sec.value !== undefined && !multiline && !sec.items?.length) {
      parts.push(`${label} ${escapeMarkdown(sec.value)}`);
      continue;
    }
    const lines = [label];
    if (sec.value !== undefined) {
      // Multi-line user text goes in a fence: shown exactly as typed, never parsed as Markdown.
      lines.push(multiline ? `\n${markdownFence(sec.value)}` : `\n${escapeMarkdown(sec.value)}`);
    }
    for (const item of sec.items ?? []) {
      lines.push(`\n- ${escapeMarkdown(item.line)}`);
      if (item.block) lines.push(`\n${markdownFence(item.block)}`);
    }
    parts.push(lines.join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}

/** Renders the draft for its vendor. See the module comment for what goes in and what never does. */
export function renderTicket(vendor: VendorProfile, draft: Draft, opts: RenderOptions): RenderedTicket {
  const priority = effectivePriority(vendor, draft);
  const subject = buildSubject(
    vendor,
    { ...draft, fields: stripSecrets(vendor, draft.fields) },
    priority,
    opts,
  );
  const sections = buildSections(vendor, draft, opts, priority);
  const labelOf: LabelOf = (label) => opts.translate('ticketTextLabel', [label]);
  return {
    subject,
    text: toText(subject, sections, labelOf),
    markdown: toMarkdown(subject, sections, labelOf),
  };
}

/** `text.slice(0, end)` without leaving half a surrogate pair (encodeURIComponent throws on one). */
function sliceCodePoints(text: string, end: number): string {
  const cut = text.slice(0, end);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** Longest `mailto:` URL handed to the mail client; longer bodies are cut (some clients fail beyond this). */
export const MAX_MAILTO_LENGTH = 8000;

/**
 * A `mailto:` URL (RFC 6068) that opens the rendered ticket in the agent's mail client, or null when the
 * vendor takes no new tickets by e-mail (seed 002: Wildix accepts e-mail only for follow-ups). A body
 * too long for a URL is cut and marked; the full ticket stays available to copy.
 */
export function mailtoUrl(
  vendor: VendorProfile,
  rendered: RenderedTicket,
  maxLength = MAX_MAILTO_LENGTH,
): string | null {
  const to = vendor.channels.email;
  if (!to) return null;
  const enc = (s: string) => encodeURIComponent(wellFormed(s).replace(/\r?\n/g, '\r\n'));
  const head = `mailto:${to}?subject=${enc(rendered.subject)}&body=`;
  let body = rendered.text;
  let url = head + enc(body);
  const marker = '\n[…]';
  while (url.length > maxLength && body.length > 0) {
    // Shrink in proportion to the overshoot; encoded characters take up to 9 bytes each.
    const over = url.length - maxLength;
    const cut = Math.max(1, Math.ceil(over / 9));
    body = sliceCodePoints(body, Math.max(0, body.length - marker.length - cut));
    url = head + enc(body + marker);
  }
  return url.length > maxLength ? head : url;
}
