/**
 * How evidence is kept with a draft (issue 7), as plain functions the panel and its tests share:
 * - screenshots and files are attachments (lib/db attachments repo), a screenshot tagged with one of
 *   {@link SCREENSHOT_TAGS} (seed 000: "eSIM settings and details of networks it's connected to");
 * - API calls are a JSON attachment tagged {@link API_CALL_TAG} holding the calls the agent selected,
 *   already redacted — so completeness can count them and the ticket renders them;
 * - text files (logs, JSON, HAR) are never stored as given: a HAR becomes redacted API calls, other
 *   text is redacted (DESIGN §2: a secret is never written to IndexedDB).
 */
import { attachmentKind } from '../../lib/evidence/attachments';
import { z } from 'zod';
import type { Attachment } from '../../lib/db/attachments-repo';
import type { EvidenceSummary } from '../../lib/escalation/completeness';
import type { AttachmentRef } from '../../lib/escalation/render';
import {
  ApiCallSchema,
  createCounter,
  parseApiEvidence,
  redactApiCall,
  redactBody,
  type ApiCall,
  type ApiEvidenceErrorCode,
} from '../../lib/evidence';

/** The tag of an attachment that holds selected API calls. */
export const API_CALL_TAG = 'api-call';
/** MIME type of those attachments. */
export const API_CALL_TYPE = 'application/json';

const ApiCallFileSchema = z.object({
  kind: z.literal('helpdesk-api-calls'),
  version: z.literal(1),
  calls: z.array(z.unknown()).max(500),
});

/**
 * The attachment content for selected calls. Every call is redacted once more on the way in (cheap and
 * idempotent), so nothing that reaches the database holds a key, whatever path it came by.
 */
export function encodeApiCalls(calls: readonly ApiCall[]): string {
  const safe = calls.flatMap((c) => {
    const r = redactApiCall(c);
    return r ? [r.call] : [];
  });
  return JSON.stringify({ kind: 'helpdesk-api-calls', version: 1, calls: safe }, null, 2);
}

/** The calls of an API-call attachment's text; calls that do not validate are left out. Never throws. */
export function decodeApiCalls(text: string): ApiCall[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const file = ApiCallFileSchema.safeParse(json);
  if (!file.success) return [];
  return file.data.calls.flatMap((c) => {
    const parsed = ApiCallSchema.safeParse(c);
    return parsed.success ? [parsed.data] : [];
  });
}

/** True for an image attachment (a screenshot). */
export const isImage = (a: { type: string }) => a.type.startsWith('image/');
/** True for an attachment holding selected API calls. */
export const isApiCallFile = (a: { tag?: string | undefined; type: string }) =>
  a.tag === API_CALL_TAG && a.type === API_CALL_TYPE;

/** An attachment as the panel shows it: the stored row, plus its calls when it holds API calls. */
export interface EvidenceItem {
  readonly attachment: Attachment;
  readonly calls: readonly ApiCall[];
}

/** Everything the ticket needs from the evidence. */
export interface EvidenceState {
  /** Counts for `checkCompleteness` (seed 000's screenshot tags and API calls). */
  readonly summary: EvidenceSummary;
  /** Files for `renderTicket` (API-call files are not listed: their calls are rendered instead). */
  readonly attachments: AttachmentRef[];
  /** Selected API calls, oldest first, for `renderTicket` / `renderApiCalls`. */
  readonly apiCalls: ApiCall[];
}

/** The ticket's view of a draft's evidence. */
export function evidenceState(items: readonly EvidenceItem[]): EvidenceState {
  const files = items.filter((i) => !isApiCallFile(i.attachment));
  // Issue 17: only the customer's screenshots answer "screenshots from the device"; portal captures are
  // attached to the ticket all the same, as what they are.
  const screenshots = files.filter((i) => isImage(i.attachment) && attachmentKind(i.attachment) === 'customer-screenshot');
  const apiCalls = items.filter((i) => isApiCallFile(i.attachment)).flatMap((i) => i.calls);
  return {
    summary: {
      screenshots: screenshots.length,
      screenshotTags: screenshots.flatMap((i) => (i.attachment.tag ? [i.attachment.tag] : [])),
      apiCalls: apiCalls.length,
    },
    attachments: files.map((i) => ({
      name: i.attachment.name,
      ...(i.attachment.tag !== undefined ? { tag: i.attachment.tag } : {}),
    })),
    apiCalls,
  };
}

/** What to store for a file the agent added, after redaction. */
export type PreparedFile =
  | { readonly kind: 'file'; readonly name: string; readonly blob: Blob; readonly type: string; readonly redactions: number }
  | { readonly kind: 'api-calls'; readonly calls: ApiCall[]; readonly redactions: number }
  | { readonly kind: 'error'; readonly code: ApiEvidenceErrorCode; readonly message: string };

const TEXT_TYPES = new Set(['text/plain', 'application/json']);

/**
 * Prepares an accepted file (`type` from `checkAttachment`) for storage: images and PDFs as they are;
 * a HAR (or any JSON holding `log.entries`) becomes redacted API calls; other text is redacted.
 */
export async function prepareFile(
  file: Blob & { name: string },
  type: string,
  options: { now: Date; timeZone: string },
): Promise<PreparedFile> {
  if (!TEXT_TYPES.has(type)) return { kind: 'file', name: file.name, blob: file, type, redactions: 0 };
  const text = await blobText(file);
  const isHar = /\.har$/i.test(file.name) || (type === 'application/json' && /"log"\s*:/.test(text) && /"entries"\s*:/.test(text));
  if (isHar) {
    const parsed = parseApiEvidence(text, options);
    if (!parsed.ok) return { kind: 'error', code: parsed.error.code, message: parsed.error.message };
    return { kind: 'api-calls', calls: parsed.calls, redactions: parsed.redactions };
  }
  const counter = createCounter();
  const redacted = redactBody(text, counter, type).text;
  return { kind: 'file', name: file.name, blob: new Blob([redacted], { type }), type, redactions: counter.count };
}

/** A Blob's text (FileReader where `Blob.text` is missing, e.g. older test DOMs). */
export function blobText(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') return blob.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(blob);
  });
}
