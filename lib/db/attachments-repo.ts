/**
 * Attachments of drafts (screenshots of the device's eSIM settings, logs — seed 000 asks for them). The
 * Blob is stored as-is: IndexedDB clones Blobs natively, no base64 in the database.
 */
import { ATTACHMENT_KINDS, type AttachmentKind } from '../evidence/attachments';
import { z } from 'zod';
import type { AttachmentRow, HelpdeskDb } from './database';
import {
  guarded,
  zodIssues,
  type DbError,
  type DbResult,
  type InvalidError,
  type InvalidRow,
} from './result';

/** Metadata of an attachment, as stored and as written in backups (without the data). */
export const AttachmentMetaSchema = z.object({
  id: z.string().min(1).max(64),
  draftId: z.string().min(1).max(64),
  name: z.string().max(255),
  /** MIME type as the Blob reported it; may be empty. */
  type: z.string().max(255),
  size: z.number().int().nonnegative(),
  tag: z.string().max(64).optional(),
  /** Issue 17: portal capture vs customer screenshot; absent on older rows (see `attachmentKind`). */
  kind: z.enum(ATTACHMENT_KINDS).optional(),
  createdAt: z.string().max(40),
});
/** Attachment metadata. */
export type AttachmentMeta = z.infer<typeof AttachmentMetaSchema>;

/** A stored attachment row: metadata plus the Blob, whose size must match. */
export const AttachmentSchema = AttachmentMetaSchema.extend({ blob: z.instanceof(Blob) }).refine(
  (a) => a.blob.size === a.size,
  { message: 'size does not match the data', path: ['size'] },
);
/** An attachment with its data. */
export type Attachment = z.infer<typeof AttachmentSchema>;

/** What {@link addAttachment} needs; size and type come from the Blob. */
export interface AttachmentInit {
  draftId: string;
  name: string;
  blob: Blob;
  /** Defaults to `blob.type`. */
  type?: string;
  tag?: string;
  kind?: AttachmentKind;
}

/**
 * Stores a Blob for a draft. Refused with `not-found` when the draft does not exist (checked in the same
 * transaction, so an attachment never outlives a concurrently deleted draft).
 */
export async function addAttachment(
  db: HelpdeskDb,
  init: AttachmentInit,
  options: { now?: Date } = {},
): Promise<DbResult<{ attachment: Attachment }, { readonly code: 'not-found' } | InvalidError | DbError>> {
  const candidate: AttachmentRow = {
    id: crypto.randomUUID(),
    draftId: init.draftId,
    name: init.name,
    type: init.type ?? init.blob.type,
    size: init.blob.size,
    ...(init.tag !== undefined ? { tag: init.tag } : {}),
    ...(init.kind !== undefined ? { kind: init.kind } : {}),
    createdAt: (options.now ?? new Date()).toISOString(),
    blob: init.blob,
  };
  const parsed = AttachmentSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid', message: 'The attachment is not valid.', issues: zodIssues(parsed.error) },
    };
  }
  return guarded(() =>
    db.transaction(
      'rw',
      db.drafts,
      db.attachments,
      async (): Promise<DbResult<{ attachment: Attachment }, { readonly code: 'not-found' }>> => {
        if ((await db.drafts.where('id').equals(init.draftId).count()) === 0) {
          return { ok: false, error: { code: 'not-found' } };
        }
        await db.attachments.add(parsed.data);
        return { ok: true, attachment: parsed.data };
      },
    ),
  );
}

/** The attachments of a draft, oldest first, plus the rows that failed validation. */
export async function listAttachments(
  db: HelpdeskDb,
  draftId: string,
): Promise<DbResult<{ attachments: Attachment[]; invalid: InvalidRow[] }>> {
  return guarded(async () => {
    const rows = await db.attachments.where('draftId').equals(draftId).toArray();
    const attachments: Attachment[] = [];
    const invalid: InvalidRow[] = [];
    for (const row of rows) {
      const parsed = AttachmentSchema.safeParse(row);
      if (parsed.success) attachments.push(parsed.data);
      else invalid.push({ id: typeof row.id === 'string' ? row.id : '?', issues: zodIssues(parsed.error) });
    }
    attachments.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    return { ok: true, attachments, invalid };
  });
}

/** Removes one attachment; `removed` is false when it did not exist. */
export async function removeAttachment(db: HelpdeskDb, id: string): Promise<DbResult<{ removed: boolean }>> {
  return guarded(() =>
    db.transaction('rw', db.attachments, async () => {
      const existed = (await db.attachments.where('id').equals(id).count()) > 0;
      await db.attachments.delete(id);
      return { ok: true as const, removed: existed };
    }),
  );
}
