/** Shared setup of the evidence component tests: a fresh database with one eSIM Go draft. */
import { createDraft, BUILT_IN_VENDORS_ONLY, openDb, type HelpdeskDb } from '../../../lib/db';
import { createDraftsApi, type DraftsApi } from '../../../lib/drafts/drafts-api';
import type { Attachment } from '../../../lib/db/attachments-repo';
import { blobText } from '../../../components/evidence/evidence-store';

export async function draftDb(): Promise<{ db: HelpdeskDb; drafts: DraftsApi; draftId: string }> {
  const db = openDb(`test-${crypto.randomUUID()}`, { vendors: BUILT_IN_VENDORS_ONLY });
  const created = await createDraft(db, { vendorId: 'esim-go' });
  if (!created.ok) throw new Error('draft not created');
  return { db, drafts: createDraftsApi(db), draftId: created.draft.id };
}

/** Every attachment row as text: metadata and the Blob's content (what a leak check must read). */
export async function dumpAttachments(db: HelpdeskDb): Promise<string> {
  const rows = (await db.attachments.toArray()) as Attachment[];
  const parts = await Promise.all(
    rows.map(async (r) => JSON.stringify({ ...r, blob: undefined }) + '\n' + (await blobText(r.blob))),
  );
  return parts.join('\n');
}

/** A File whose reported size is `size` (content stays tiny: limits are checked on the reported size). */
export function fileOfSize(name: string, type: string, size: number): File {
  const file = new File(['x'], name, { type });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}
