/**
 * React binding of {@link DraftSession}: the draft in memory, a debounced write after each pause in
 * typing, and an immediate write when the page is hidden (`visibilitychange`) or unloaded (`pagehide`)
 * — the moments a popup closes or a tab goes away. See draft-session.ts for conflicts and failures.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { DraftsApi } from '../../lib/drafts/drafts-api';
import type { Draft } from '../../lib/escalation/draft';
import { DraftSession, type DraftJournal, type SessionView } from '../../lib/drafts/draft-session';
import { defaultJournal } from '../platform/draft-journal';

/** What {@link useDraftAutosave} gives the form. */
export interface DraftAutosave extends SessionView {
  update(change: Partial<Draft> | ((d: Draft) => Draft)): void;
  flush(options?: { durability?: 'default' | 'strict' }): Promise<void>;
  keepMine(): Promise<void>;
  takeTheirs(): void;
  retry(): Promise<void>;
  dismissNotice(): void;
}

/** Options: the debounce delay (default 300 ms) and the crash journal (default: localStorage). */
export interface AutosaveOptions {
  delayMs?: number;
  journal?: DraftJournal | null;
}

/** Edits one draft with autosave. A new `draftId` starts a new session (the old one is flushed). */
const LOADING: SessionView = {
  status: 'loading',
  draft: null,
  theirs: null,
  errorCode: null,
  errorMessage: null,
  notice: null,
};

const noop = () => undefined;

/** Edits one draft with autosave. A new `draftId` starts a new session (the old one is flushed). */
export function useDraftAutosave(
  drafts: DraftsApi,
  draftId: string,
  options: AutosaveOptions = {},
): DraftAutosave {
  const { delayMs, journal } = options;
  const [session, setSession] = useState<DraftSession | null>(null);

  useEffect(() => {
    // The journal the store carries, else the page's localStorage (lib/ touches no browser storage).
    const carried = (drafts as DraftsApi & { journal?: DraftJournal }).journal;
    const next = new DraftSession(drafts, draftId, {
      delayMs,
      journal: journal !== undefined ? journal : (carried ?? defaultJournal()),
    });
    setSession(next);
    void next.start();
    const flush = () => void next.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      next.close();
    };
    // A session lives as long as its database and draft id; options are read once.
  }, [drafts, draftId]);

  const view = useSyncExternalStore(
    (fn) => (session ? session.subscribe(fn) : noop),
    () => (session && session.draftId === draftId ? session.current : LOADING),
  );

  return useMemo(
    () => ({
      ...view,
      update: (change) => session?.update(change),
      flush: async (o) => session?.flush(o),
      keepMine: async () => session?.keepMine(),
      takeTheirs: () => session?.takeTheirs(),
      retry: async () => session?.retry(),
      dismissNotice: () => session?.dismissNotice(),
    }),
    [view, session],
  );
}
