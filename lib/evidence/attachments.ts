/**
 * Rules for files attached to a draft, as data (STYLE: behaviour is data). Seed 000: eSIM Go asks for
 * "screenshots from your customers device including eSIM settings and details of networks it's
 * connected to" and the API call details — so images, PDFs, text logs, JSON and HAR files.
 *
 * Why these limits:
 * - **10 MB per file.** A phone screenshot is well under 5 MB (PNG of a 1440×3200 screen), a HAR of a
 *   short session a few MB; 10 MB leaves room and stays far below vendor upload limits (Zendesk, which
 *   eSIM Go's support runs on — REFERENCE —, accepts up to 50 MB per attachment) and e-mail gateways,
 *   which commonly refuse messages over 10–25 MB in total when the ticket is handed over by e-mail.
 * - **40 MB per draft.** Drafts live in IndexedDB in the extension's origin (DESIGN §3), whose quota is
 *   a share of free disk that the browser may evict under pressure unless the extension asks for
 *   `unlimitedStorage`; a few drafts with their screenshots must stay far from it. 40 MB is eight
 *   full-size screenshots plus a HAR: more than any escalation needs.
 */

/** A file as the picker or a drop reports it. */
export interface AttachmentCandidate {
  readonly name: string;
  /** MIME type as the browser reported it; often empty for `.har` and `.log`. */
  readonly type: string;
  /** Bytes. */
  readonly size: number;
}

/** Why a file is refused. */
export type AttachmentErrorCode = 'type' | 'size' | 'total';

/** The result of {@link checkAttachment}: the accepted file's MIME type, or why it is refused. */
export type AttachmentCheck =
  | { readonly ok: true; readonly type: string }
  | { readonly ok: false; readonly error: { readonly code: AttachmentErrorCode; readonly message: string } };

const MB = 1024 * 1024;

/** The attachment rules. See the file comment for why these numbers. */
export const ATTACHMENT_RULES = {
  /** Largest single file, in bytes. */
  maxFileBytes: 10 * MB,
  /** Largest total of one draft's attachments, in bytes. */
  maxDraftBytes: 40 * MB,
  /** Accepted MIME types, each with the file extensions that stand for it when the browser gives no type. */
  types: {
    'image/png': ['.png'],
    'image/jpeg': ['.jpg', '.jpeg'],
    'image/webp': ['.webp'],
    'application/pdf': ['.pdf'],
    'text/plain': ['.txt', '.log'],
    // HAR 1.2 is JSON; browsers report `.har` as "" or application/json.
    'application/json': ['.json', '.har'],
  },
} as const satisfies {
  maxFileBytes: number;
  maxDraftBytes: number;
  types: Record<string, readonly string[]>;
};

/** Types browsers give when they do not know: the extension decides then. */
const UNKNOWN_TYPES = new Set(['', 'application/octet-stream']);
// Types some browsers report for HAR files.
const HAR_ALIASES = new Set(['application/har+json', 'application/x-har']);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot).toLowerCase();
}

/** The accepted MIME type for this file, or null when it is not an accepted kind. */
function acceptedType(file: AttachmentCandidate): string | null {
  const type = file.type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type in ATTACHMENT_RULES.types) return type;
  const extension = extensionOf(file.name);
  if (HAR_ALIASES.has(type) && extension === '.har') return 'application/json';
  if (!UNKNOWN_TYPES.has(type)) return null;
  for (const [mime, extensions] of Object.entries(ATTACHMENT_RULES.types)) {
    if ((extensions as readonly string[]).includes(extension)) return mime;
  }
  return null;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}

/**
 * Checks a file before it is attached to a draft whose attachments already total `existingTotal`
 * bytes: type (by MIME type, or by extension when the browser gave none), then size (not empty, at
 * most {@link ATTACHMENT_RULES}.maxFileBytes), then the draft's total. Never throws.
 */
export function checkAttachment(file: AttachmentCandidate, existingTotal: number): AttachmentCheck {
  const type = acceptedType(file);
  if (type === null) {
    return {
      ok: false,
      error: {
        code: 'type',
        message: 'Attach a screenshot (PNG, JPEG, WebP), a PDF, a text or JSON file, or a HAR file.',
      },
    };
  }
  if (!Number.isFinite(file.size) || file.size <= 0) {
    return { ok: false, error: { code: 'size', message: 'This file is empty.' } };
  }
  if (file.size > ATTACHMENT_RULES.maxFileBytes) {
    return {
      ok: false,
      error: {
        code: 'size',
        message: `This file is ${megabytes(file.size)}; a file can be at most ${megabytes(ATTACHMENT_RULES.maxFileBytes)}.`,
      },
    };
  }
  if (Math.max(0, existingTotal) + file.size > ATTACHMENT_RULES.maxDraftBytes) {
    return {
      ok: false,
      error: {
        code: 'total',
        message: `The attachments of a draft can total at most ${megabytes(ATTACHMENT_RULES.maxDraftBytes)}; remove one first.`,
      },
    };
  }
  return { ok: true, type };
}

/**
 * What a screenshot shows, for eSIM Go (seed 000: "eSIM settings and details of networks it's
 * connected to"). The id is stored with the attachment (`AttachmentMeta.tag`).
 */
export const SCREENSHOT_TAGS = [
  { id: 'esim-settings', label: { en: 'eSIM settings', fr: "Réglages de l'eSIM" } },
  { id: 'connected-networks', label: { en: 'Connected networks', fr: 'Réseaux connectés' } },
  { id: 'other', label: { en: 'Other', fr: 'Autre' } },
] as const;

/** One of {@link SCREENSHOT_TAGS}' ids. */
export type ScreenshotTag = (typeof SCREENSHOT_TAGS)[number]['id'];

/**
 * Issue 17: what an attachment is. A capture of the *portal* is not a screenshot from the customer's
 * device (seed 000 asks for "screenshots from your customers device"): only `customer-screenshot`
 * satisfies that item.
 */
export const ATTACHMENT_KINDS = ['portal-capture', 'customer-screenshot', 'file'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** Prefix of the names the portal capture gives its images (`portal-<time>.png`). */
export const PORTAL_CAPTURE_PREFIX = 'portal-';

/**
 * The kind of an attachment; rows stored before kinds existed have none and get one from what they
 * are: an image named by the portal capture is one, any other image came from the agent (the
 * customer's screenshot), anything else is a file. No database version: the default is read-time.
 */
export function attachmentKind(a: { readonly name: string; readonly type: string; readonly kind?: AttachmentKind | undefined }): AttachmentKind {
  if (a.kind !== undefined) return a.kind;
  if (!a.type.startsWith('image/')) return 'file';
  return a.name.startsWith(PORTAL_CAPTURE_PREFIX) ? 'portal-capture' : 'customer-screenshot';
}
