/**
 * `useDraft()`: the one React binding of the draft lifecycle (lib/drafts/draft-session.ts), shared by
 * the ticket editor and the popup's quick ticket.
 *
 * - Autosave: the draft in memory, a debounced write after each pause in typing, and an immediate write
 *   when the page is hidden (`visibilitychange`) or unloaded (`pagehide`) — the moments a popup closes
 *   or a tab goes away. Conflicts and storage failures: see draft-session.ts.
 * - Lazy creation (`lazy`): no draft exists until the first meaningful edit. Until then the form shows
 *   `lazy.blank`; the first edit creates the draft (from `lazy.init`), once `lazy.ready` (the popup waits
 *   for the page context so the draft gets the page's subscriber). Edits made while the draft is being
 *   created wait in memory and are written on top of it once it has loaded. A remembered draft that is
 *   gone or handed over is forgotten (`lazy.remember(null)`).
 * - Duplicate detection (`duplicates`): another open draft for the same ICCID (seed 004: one ticket per
 *   problem) is offered.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { DraftInit } from '../../lib/db/drafts-repo';
import type { DraftsApi } from '../../lib/drafts/drafts-api';
import { DraftSession, type DraftJournal, type SessionView } from '../../lib/drafts/draft-session';
import type { Draft } from '../../lib/escalation/draft';
import { defaultJournal } from '../platform/draft-journal';

type Change = Partial<Draft> | ((d: Draft) => Draft);

/** The autosave state and actions of the open draft (what SaveBanner shows). */
export interface DraftAutosave extends SessionView {
  update(change: Change): void;
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

/** Lazy creation: see the module comment. */
export interface LazyDraft {
  /** What the form shows before the draft exists. */
  readonly blank: Draft;
  /** False while creation must wait (edits are kept meanwhile). */
  readonly ready: boolean;
  /** The draft to create from the first edits. */
  init(first: Draft): DraftInit;
  /** Completes edits made before `ready` with what became known (e.g. the page's ICCID). */
  whenReady?(pending: Draft): Draft;
  /** False while these edits must not create a draft yet (issue 17: a mistyped ICCID); they are kept. */
  canCreate?(pending: Draft): boolean;
  /** Remembers (or forgets, with null) the draft being edited. */
  remember(draftId: string | null): void;
}

export interface UseDraftOptions {
  autosave?: AutosaveOptions | undefined;
  lazy?: LazyDraft;
  /** Look for another open draft for the draft's ICCID. */
  duplicates?: boolean;
}

/** What {@link useDraft} gives the form. `draft` is what to show (edits not yet in a draft included). */
export interface UseDraft extends DraftAutosave {
  /** The draft being edited; null before a lazy draft is created. */
  readonly draftId: string | null;
  /** Edits are waiting for their draft (to be created, or to load). */
  readonly pending: boolean;
  /** An existing draft is being opened (its fields wait until it has loaded). */
  readonly loading: boolean;
  /** Another open draft for the same ICCID (with `duplicates`). */
  readonly duplicate: Draft | null;
  /** Makes sure the draft exists and is written; resolves to its id (null when it could not be created). */
  ensure(): Promise<string | null>;
  /** Switches to another draft, or (null) to a fresh lazy one; pending edits of this one are written first. */
  open(draftId: string | null): void;
}

const LOADING: SessionView = {
  status: 'loading',
  draft: null,
  theirs: null,
  errorCode: null,
  errorMessage: null,
  notice: null,
};

const noop = () => undefined;

/** One autosave session per draft id. A new id starts a new session (the old one is flushed). */
function useDraftSession(drafts: DraftsApi, draftId: string | null, options: AutosaveOptions = {}) {
  const { delayMs, journal } = options;
  const [session, setSession] = useState<DraftSession | null>(null);

  useEffect(() => {
    if (draftId === null) {
      setSession(null);
      return;
    }
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
  return { view, session: session && session.draftId === draftId ? session : null };
}

/** Edits one draft with autosave; see the module comment. `draftId` null: a lazy draft not created yet. */
export function useDraft(drafts: DraftsApi, draftId: string | null, options: UseDraftOptions = {}): UseDraft {
  const { lazy, duplicates = false } = options;
  // The id follows the caller's, and changes by itself when a lazy draft is created or another opened.
  const [ids, setIds] = useState({ given: draftId, current: draftId });
  let id = ids.current;
  if (ids.given !== draftId) {
    id = draftId;
    setIds({ given: draftId, current: draftId });
  }
  const setId = (next: string | null) => setIds((s) => ({ ...s, current: next }));
  const { view, session } = useDraftSession(drafts, id, options.autosave);

  // Edits made before the draft exists (or has loaded): the freshest text, written on top once loaded.
  const pendingRef = useRef<Draft | null>(null);
  const [pendingDraft, setPendingDraft] = useState<Draft | null>(null);
  const setPending = (next: Draft | null) => {
    pendingRef.current = next;
    setPendingDraft(next);
  };
  const creating = useRef(false);
  const createdHere = useRef<string | null>(null);
  const lazyRef = useRef(lazy);
  lazyRef.current = lazy;

  // A remembered draft that is gone or handed over is forgotten: the form starts afresh.
  useEffect(() => {
    if (!lazyRef.current || id === null) return;
    if (view.status === 'not-found' || (view.draft && view.draft.status !== 'open')) {
      setId(null);
      lazyRef.current.remember(null);
    }
  }, [view.status, view.draft, id]);

  // Edits made while the new draft was being created are written on top of it once it has loaded.
  useEffect(() => {
    const late = pendingRef.current;
    if (!late || !session || !view.draft || view.draft.id !== id) return;
    setPending(null);
    const { vendorId, iccid, summary, fields, problemKind, scope, severity, priorityOverride } = late;
    session.update((d) => ({
      ...d,
      // Issue 17: a subscriber found for the ICCID while the draft was being created (the popup's lookup
      // in the open portal tabs) is kept; one the draft already names is never replaced.
      ...(d.subscriberId === null && d.subscriberName === null && (late.subscriberId !== null || late.subscriberName !== null)
        ? { subscriberId: late.subscriberId, subscriberName: late.subscriberName, portalUrl: d.portalUrl ?? late.portalUrl }
        : {}),
      vendorId,
      iccid,
      summary,
      fields: { ...d.fields, ...fields },
      problemKind,
      scope,
      severity,
      priorityOverride,
    }));
  }, [view, session, id]);

  // Opening an existing draft disables the fields until it has loaded; a draft just created from what
  // is being typed does not (the agent keeps typing into the same fields, focus stays put).
  const loading = id !== null && id !== createdHere.current && view.status === 'loading';
  const draft: Draft | null = pendingDraft ?? (id !== null ? view.draft : null) ?? lazy?.blank ?? null;

  const create = async (first: Draft) => {
    const how = lazyRef.current;
    if (!how) return;
    creating.current = true;
    const created = await drafts.createDraft(how.init(first));
    creating.current = false;
    if (!created.ok) return;
    // pendingRef keeps the latest text (typing may go on meanwhile); it is written on top once loaded.
    createdHere.current = created.draft.id;
    how.remember(created.draft.id);
    setId(created.draft.id);
  };

  const update = (change: Change) => {
    const fn = typeof change === 'function' ? change : (d: Draft) => ({ ...d, ...change });
    if (!lazy || (id !== null && view.draft && pendingRef.current === null)) {
      session?.update(fn);
      return;
    }
    if (loading) return; // a draft being opened: its fields are disabled until it has loaded
    const next = fn(pendingRef.current ?? lazy.blank);
    setPending(next);
    // One draft per form session: created once, at the first edit (later edits wait in pendingRef),
    // and only once `ready`.
    if (!lazy.ready || lazy.canCreate?.(next) === false) return;
    if (!creating.current && createdHere.current === null && id === null) void create(next);
  };

  // Became ready: edits made meanwhile are completed and the draft they started is created now.
  const ready = lazy?.ready ?? true;
  useEffect(() => {
    const how = lazyRef.current;
    if (!how || !ready) return;
    const late = pendingRef.current;
    if (late === null || id !== null || creating.current || createdHere.current !== null) return;
    const next = how.whenReady ? how.whenReady(late) : late;
    if (next !== late) setPending(next);
    if (how.canCreate?.(next) === false) return;
    void create(next);
    // Runs once, when it becomes ready.
  }, [ready]);

  // The duplicate check (seed 004: one ticket per problem): another open draft for this ICCID.
  const [duplicate, setDuplicate] = useState<Draft | null>(null);
  const iccid = duplicates ? (draft?.iccid ?? null) : null;
  useEffect(() => {
    let live = true;
    setDuplicate(null);
    if (!iccid) return;
    void drafts.findOpenDraftForIccid(iccid).then((found) => {
      if (live && found.ok && found.draft && found.draft.id !== id) setDuplicate(found.draft);
    });
    return () => {
      live = false;
    };
  }, [iccid, id]);

  const ensure = async (): Promise<string | null> => {
    if (id !== null) {
      await session?.flush();
      return id;
    }
    if (!draft) return null;
    const created = await drafts.createDraft({
      vendorId: draft.vendorId,
      iccid: draft.iccid,
      summary: draft.summary,
      fields: draft.fields,
    });
    if (!created.ok) return null;
    createdHere.current = created.draft.id;
    lazyRef.current?.remember(created.draft.id);
    setId(created.draft.id);
    return created.draft.id;
  };

  const open = (other: string | null) => {
    void session?.flush();
    setPending(null);
    createdHere.current = null;
    setId(other);
    lazyRef.current?.remember(other);
  };

  return {
    ...view,
    draft,
    draftId: id,
    pending: pendingDraft !== null,
    loading,
    duplicate,
    update,
    flush: async (o) => session?.flush(o),
    keepMine: async () => session?.keepMine(),
    takeTheirs: () => session?.takeTheirs(),
    retry: async () => session?.retry(),
    dismissNotice: () => session?.dismissNotice(),
    ensure,
    open,
  };
}
