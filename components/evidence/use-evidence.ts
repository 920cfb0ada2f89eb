/**
 * The evidence of one draft, loaded from and written to the drafts store (attachments), locally or
 * through the background (the sidebar). Kept as React state so every change (add, remove, tag) is
 * reported at once through `onChange`; changes made on another surface are followed too.
 */
import type { AttachmentKind } from '../../lib/evidence/attachments';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Attachment } from '../../lib/db/attachments-repo';
import type { DraftsApi } from '../../lib/drafts/drafts-api';
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
  addFile(init: { name: string; blob: Blob; type: string; tag?: string; kind?: AttachmentKind }, options?: { now?: Date }): Promise<EvidenceWriteError | null>;
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
  drafts: DraftsApi,
  draftId: string,
  onChange?: (state: EvidenceState) => void,
  clock: () => Date = () => new Date(),
): DraftEvidence {
  const [items, setItems] = useState<EvidenceItem[]>([]);
  const [loading, setLoading] = useState(true);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const reload = useCallback(async () => {
    const result = await drafts.listAttachments(draftId);
    const next = result.ok ? await Promise.all(result.attachments.map(toItem)) : [];
    setItems(next);
    setLoading(false);
    onChangeRef.current?.(evidenceState(next));
  }, [drafts, draftId]);

  useEffect(() => {
    setLoading(true);
    void reload();
    return drafts.watch(() => void reload());
  }, [drafts, reload]);

  const addFile = useCallback(
    async (init: { name: string; blob: Blob; type: string; tag?: string; kind?: AttachmentKind }, options: { now?: Date } = {}) => {
      const result = await drafts.addAttachment({ draftId, ...init }, options);
      await reload();
      return result.ok ? null : result.error.code === 'not-found' || result.error.code === 'invalid' ? result.error.code : 'storage';
    },
    [drafts, draftId, reload],
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
      const result = await drafts.removeAttachment(id);
      await reload();
      return result.ok ? null : 'storage';
    },
    [drafts, reload],
  );

  // The drafts store has no update for attachments: a new tag is the same file added again with the
  // same creation time (so it keeps its place), then the old row removed.
  const setTag = useCallback(
    async (id: string, tag: string) => {
      const old = items.find((i) => i.attachment.id === id)?.attachment;
      if (!old) return 'not-found' as const;
      const added = await drafts.addAttachment(
        { draftId, name: old.name, blob: old.blob, type: old.type, tag },
        { now: new Date(old.createdAt) },
      );
      if (!added.ok) {
        await reload();
        return 'storage' as const;
      }
      await drafts.removeAttachment(id);
      await reload();
      return null;
    },
    [drafts, draftId, items, reload],
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
