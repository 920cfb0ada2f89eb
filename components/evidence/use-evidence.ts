/**
 * The evidence of one draft, loaded from and written to the drafts database (attachments table). Kept
 * as React state so every change (add, remove, tag) is reported at once through `onChange`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  addAttachment,
  listAttachments,
  removeAttachment,
  type Attachment,
} from '../../lib/db/attachments-repo';
import type { HelpdeskDb } from '../../lib/db/database';
import type { ApiCall } from '../../lib/evidence';
import {
  API_CALL_TAG,
  API_CALL_TYPE,
  blobText,
  decodeApiCalls,
  encodeApiCalls,
  evidenceState,
  isApiCallFile,
  type EvidenceItem,
  type EvidenceState,
} from './evidence-store';

/** Why a write failed, for the UI to translate. */
export type EvidenceWriteError = 'not-found' | 'invalid' | 'storage';

/** The hook's result. */
export interface DraftEvidence {
  readonly items: readonly EvidenceItem[];
  readonly loading: boolean;
  readonly state: EvidenceState;
  /** Total bytes of the draft's attachments (for the per-draft limit). */
  readonly totalBytes: number;
  addFile(init: { name: string; blob: Blob; type: string; tag?: string }): Promise<EvidenceWriteError | null>;
  addApiCalls(calls: readonly ApiCall[]): Promise<EvidenceWriteError | null>;
  remove(id: string): Promise<EvidenceWriteError | null>;
  setTag(id: string, tag: string): Promise<EvidenceWriteError | null>;
}

async function toItem(attachment: Attachment): Promise<EvidenceItem> {
  if (!isApiCallFile(attachment)) return { attachment, calls: [] };
  return { attachment, calls: decodeApiCalls(await blobText(attachment.blob)) };
}

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-').slice(0, 19);

/** See the module comment. `onChange` receives the ticket's view after each load or change. */
export function useDraftEvidence(
  db: HelpdeskDb,
  draftId: string,
  onChange?: (state: EvidenceState) => void,
  clock: () => Date = () => new Date(),
): DraftEvidence {
  const [items, setItems] = useState<EvidenceItem[]>([]);
  const [loading, setLoading] = useState(true);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const reload = useCallback(async () => {
    const result = await listAttachments(db, draftId);
    const next = result.ok ? await Promise.all(result.attachments.map(toItem)) : [];
    setItems(next);
    setLoading(false);
    onChangeRef.current?.(evidenceState(next));
  }, [db, draftId]);

  useEffect(() => {
    setLoading(true);
    void reload();
  }, [reload]);

  const addFile = useCallback(
    async (init: { name: string; blob: Blob; type: string; tag?: string }) => {
      const result = await addAttachment(db, { draftId, ...init });
      await reload();
      return result.ok ? null : result.error.code === 'not-found' || result.error.code === 'invalid' ? result.error.code : 'storage';
    },
    [db, draftId, reload],
  );

  const addApiCalls = useCallback(
    (calls: readonly ApiCall[]) =>
      addFile({
        name: `api-calls-${stamp(clock())}.json`,
        blob: new Blob([encodeApiCalls(calls)], { type: API_CALL_TYPE }),
        type: API_CALL_TYPE,
        tag: API_CALL_TAG,
      }),
    [addFile, clock],
  );

  const remove = useCallback(
    async (id: string) => {
      const result = await removeAttachment(db, id);
      await reload();
      return result.ok ? null : 'storage';
    },
    [db, reload],
  );

  // The attachments repo has no update: the tag is the only field that changes after adding.
  const setTag = useCallback(
    async (id: string, tag: string) => {
      try {
        await db.attachments.update(id, { tag });
      } catch {
        return 'storage' as const;
      }
      await reload();
      return null;
    },
    [db, reload],
  );

  return {
    items,
    loading,
    state: evidenceState(items),
    totalBytes: items.reduce((sum, i) => sum + i.attachment.size, 0),
    addFile,
    addApiCalls,
    remove,
    setTag,
  };
}
