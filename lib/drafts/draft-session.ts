/**
 * One surface's editing session of one draft: the autosave engine behind `useDraft`
 * (components/ticket/use-draft.ts).
 *
 * DESIGN §1 "never loses a draft", §4 "a hard crash loses no more than the last moment of typing"
 * (issue 12). Every edit lands in memory at once and, in the same task, in a crash journal: the
 * `journal` table of the extension's IndexedDB (components/platform/draft-journal.ts; through the
 * background for the framed sidebar), whose committed transactions survive a killed browser, plus a
 * localStorage copy in pages for a tab closed mid-word. The draft itself is written to IndexedDB after a
 * short pause in typing (debounced), at the latest {@link SessionOptions.maxWaitMs} after the first
 * unsaved edit however fast the agent types, and at once when the page is hidden or unloaded.
 *
 * Each session has an id and numbers its edits (`seq`); journal entries carry both, and every save
 * stamps the session and edit it contains in the same transaction (journal-repo.ts). On open,
 * recover-draft.ts reconciles the journal with the stored draft: the newest text wins, and a conflict is
 * shown only when another surface really saved in between.
 *
 * Each write names the revision it started from (`saveDraft` optimistic concurrency); when another
 * surface saved in between, the two edits are merged field by field when they touched different things,
 * and otherwise the agent is asked (keep mine / take theirs). Nothing is overwritten silently.
 *
 * Storage failures (disk full, database blocked by an update) keep the text in memory and in the
 * journal, and are reported so the surface can offer an export.
 */
import type { DraftsApi } from './drafts-api';
import {
  JournalEntrySchema,
  JournalSnapshotSchema,
  type ClearScope,
  type JournalEntry,
  type JournalSnapshot,
} from '../db/journal-repo';
import type { Draft } from '../escalation/draft';
import { mergeDrafts } from './merge-drafts';
import { recoverDraft } from './recover-draft';

export type { ClearScope, JournalEntry, JournalSnapshot } from '../db/journal-repo';

/** Where the session is. `pending`: edits not yet written; `conflict`: the agent must choose. */
export type SessionStatus = 'loading' | 'not-found' | 'saved' | 'pending' | 'saving' | 'conflict' | 'error';

/** What the UI shows. */
export interface SessionView {
  readonly status: SessionStatus;
  /** The draft as the agent sees it (in memory, possibly ahead of the database). */
  readonly draft: Draft | null;
  /** The other surface's version, while in conflict. */
  readonly theirs: Draft | null;
  /** The storage error code (`quota`, `blocked`, `invalid`, `unknown`, `not-found`), while in error. */
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  /** Something the agent should know that needs no decision. */
  readonly notice: 'merged' | 'recovered' | 'refreshed' | null;
}

/**
 * A store for unsaved edits: IndexedDB (+ localStorage) in pages, the background in the framed sidebar,
 * a Map in tests. Writes are fire-and-forget and must leave in the same task, so that a tab closed or a
 * browser killed mid-word keeps the last keystroke; reads may be asynchronous and return one entry (a
 * simple store) or everything known about the draft ({@link JournalSnapshot}, with the save stamps).
 */
export interface DraftJournal {
  read(draftId: string): JournalRead | Promise<JournalRead>;
  write(draftId: string, entry: JournalEntry): void;
  /** Drops one session's unsaved edit (not newer than `scope.seq`), or every entry without a scope. */
  clear(draftId: string, scope?: ClearScope): void;
}

/**
 * What {@link DraftJournal.read} may return: a {@link JournalSnapshot}, one {@link JournalEntry} or
 * `null` — parsed by {@link toSnapshot}, as it may come from localStorage or over a port.
 */
export type JournalRead = unknown;

/** Parses what a journal returned (it may come from localStorage or over a port). */
export function toSnapshot(raw: unknown): JournalSnapshot {
  if (raw && typeof raw === 'object' && 'entries' in raw) {
    const parsed = JournalSnapshotSchema.safeParse(raw);
    return parsed.success ? parsed.data : { entries: [], saved: [] };
  }
  const entry = JournalEntrySchema.safeParse(raw);
  return { entries: entry.success ? [entry.data] : [], saved: [] };
}

/** Options of {@link DraftSession}. */
export interface SessionOptions {
  /** Pause in typing before a write (ms, default 300). */
  readonly delayMs?: number;
  /**
   * Longest time an edit waits for its write while the agent keeps typing (ms, default 1500; never
   * shorter than `delayMs`): without it, a debounce never fires for a fast typist (issue 12).
   */
  readonly maxWaitMs?: number;
  /**
   * Default: the journal the drafts store carries (`drafts.journal`), else none. Pages pass their
   * localStorage copy in (components/platform/draft-journal.ts): lib/ touches no browser storage.
   */
  readonly journal?: DraftJournal | null;
  /** Follow the store's change notices to pick up edits made elsewhere. */
  readonly live?: boolean;
}

/** See the module comment. */
export class DraftSession {
  private view: SessionView = {
    status: 'loading',
    draft: null,
    theirs: null,
    errorCode: null,
    errorMessage: null,
    notice: null,
  };
  /** The stored version this session is in step with. */
  private base: Draft | null = null;
  private mine: Draft | null = null;
  private dirty = false;
  private edits = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the oldest edit not yet being written was made (for the maximum wait). */
  private pendingSince: number | null = null;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private unwatch: (() => void) | null = null;
  private listeners = new Set<(v: SessionView) => void>();
  private closed = false;
  /**
   * Sessions whose journalled text this session took over on open, with the newest edit taken. A
   * save of theirs that lands later (a closing tab's last write, still in flight) holds nothing newer.
   */
  private readonly absorbed = new Map<string, number>();
  private readonly delayMs: number;
  private readonly maxWaitMs: number;
  private readonly journal: DraftJournal | null;
  /** This session's id: journal entries and save stamps name it (recover-draft.ts). */
  readonly sessionId: string = crypto.randomUUID();

  constructor(
    private readonly drafts: DraftsApi,
    readonly draftId: string,
    private readonly options: SessionOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 300;
    this.maxWaitMs = Math.max(options.maxWaitMs ?? 1500, this.delayMs);
    const carried = (drafts as DraftsApi & { journal?: DraftJournal }).journal;
    this.journal = options.journal !== undefined ? options.journal : (carried ?? null);
  }

  /** The current view. */
  get current(): SessionView {
    return this.view;
  }

  /** Calls `fn` on every change of the view; returns the unsubscribe function. */
  subscribe(fn: (v: SessionView) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<SessionView>) {
    this.view = { ...this.view, ...patch };
    for (const fn of this.listeners) fn(this.view);
  }

  /** Loads the draft (recovering unsaved journal entries, recover-draft.ts) and starts following the database. */
  async start(): Promise<void> {
    const got = await this.drafts.getDraft(this.draftId);
    if (this.closed) return;
    if (!got.ok) {
      const code = got.error.code;
      const entries = code === 'not-found' ? [] : (await this.readJournal()).entries;
      const recovered = entries.sort((a, b) => b.at - a.at)[0];
      if (this.closed) return;
      if (recovered) {
        // The database is unreadable right now; the journal still has the agent's text.
        this.base = recovered.base;
        this.mine = recovered.mine;
        this.dirty = true;
        this.set({
          status: 'error',
          draft: recovered.mine,
          errorCode: code,
          errorMessage: messageOf(got.error),
        });
        return;
      }
      this.set({
        status: code === 'not-found' ? 'not-found' : 'error',
        errorCode: code,
        errorMessage: messageOf(got.error),
      });
      return;
    }
    const stored = got.draft;
    this.base = stored;
    this.mine = stored;
    const recovery = recoverDraft(stored, await this.readJournal());
    if (this.closed) return;
    for (const entry of recovery.stale)
      this.journal?.clear(this.draftId, { sessionId: entry.sessionId, seq: entry.seq });
    if (recovery.kind === 'stored') {
      this.set({ draft: stored, status: 'saved' });
    } else {
      // The recovered text becomes this session's edit (journalled under its id first), then the
      // crashed sessions' entries go: at no moment is the text only in memory.
      this.mine = recovery.kind === 'recovered' ? recovery.draft : recovery.mine;
      this.dirty = true;
      this.edits++;
      this.pendingSince = Date.now();
      this.journalNow();
      for (const entry of recovery.used) {
        this.absorbed.set(entry.sessionId, Math.max(entry.seq, this.absorbed.get(entry.sessionId) ?? 0));
        this.journal?.clear(this.draftId, { sessionId: entry.sessionId, seq: entry.seq });
      }
      if (recovery.kind === 'recovered') {
        this.set({ draft: this.mine, status: 'pending', notice: 'recovered' });
        void this.flush();
      } else {
        this.set({ draft: this.mine, status: 'conflict', theirs: stored });
      }
    }
    if (this.options.live !== false) this.follow();
  }

  private async readJournal(): Promise<JournalSnapshot> {
    try {
      return toSnapshot(await this.journal?.read(this.draftId));
    } catch {
      return { entries: [], saved: [] };
    }
  }

  /** Writes the current unsaved copy to the journal, numbered with the latest edit. */
  private journalNow(base: Draft = this.base!) {
    if (!this.mine) return;
    this.journal?.write(this.draftId, {
      sessionId: this.sessionId,
      seq: this.edits,
      at: Date.now(),
      base,
      mine: this.mine,
    });
  }

  private follow() {
    const onChange = async () => {
      const result = await this.drafts.getDraft(this.draftId).catch(() => null);
      if (this.closed || !result || !result.ok || !this.base) return;
      {
        const stored = result.draft;
        // Revisions only grow: an older emission (queued before our own write) is stale, not news.
        if (stored.revision <= this.base.revision) return;
        // Another surface saved. Not dirty and not writing: simply show theirs.
        if (!this.dirty && !this.inFlight && this.view.status !== 'conflict') {
          // Issue 17: unless it is a newer revision with OLDER content (a backup restored with Replace puts
          // back what was saved then): a revert is never taken silently — the agent chooses, as in any
          // conflict. (Dirty, the next write meets it and merges or asks, below.)
          if (Date.parse(stored.updatedAt) < Date.parse(this.base.updatedAt)) {
            this.base = stored;
            this.set({ status: 'conflict', theirs: stored });
            return;
          }
          this.base = stored;
          this.mine = stored;
          this.set({ draft: stored, status: 'saved', notice: 'refreshed' });
        }
        // Dirty: the next write meets the new revision, merges or asks.
      }
    };
    this.unwatch = this.drafts.watch(() => void onChange());
  }

  /** Applies an edit in memory and in the journal at once; the database write follows after a pause. */
  update(change: Partial<Draft> | ((d: Draft) => Draft)): void {
    if (!this.mine || !this.base) return;
    this.mine = typeof change === 'function' ? change(this.mine) : { ...this.mine, ...change };
    this.dirty = true;
    this.edits++;
    this.pendingSince ??= Date.now();
    this.journalNow();
    const keepStatus = this.view.status === 'conflict' || this.view.status === 'saving';
    this.set({ draft: this.mine, ...(keepStatus ? {} : { status: 'pending' as const }) });
    this.schedule();
  }

  /** A pause of `delayMs` in typing, or `maxWaitMs` after the oldest unsaved edit, whichever comes first. */
  private schedule() {
    if (this.timer !== null) clearTimeout(this.timer);
    const sinceFirst = Date.now() - (this.pendingSince ?? Date.now());
    const wait = Math.max(0, Math.min(this.delayMs, this.maxWaitMs - sinceFirst));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, wait);
  }

  /** Writes pending edits now (page hidden, unload, hand-over). Resolves when the write is done. */
  async flush(options: { durability?: 'default' | 'strict' } = {}): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.inFlight) {
      this.again = true;
      await this.inFlight;
      return;
    }
    if (!this.dirty || !this.mine || !this.base || this.view.status === 'conflict') return;
    this.inFlight = this.write(options);
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
    if (this.again) {
      this.again = false;
      await this.flush(options);
    }
  }

  private async write(options: { durability?: 'default' | 'strict' }): Promise<void> {
    const snapshot = this.mine!;
    const editsAtStart = this.edits;
    this.pendingSince = null;
    this.set({ status: 'saving' });
    // The stamp tells crash recovery which edit this revision contains (journal-repo.ts).
    const stamp = { sessionId: this.sessionId, seq: editsAtStart };
    const result = await this.drafts.saveDraft(snapshot, this.base!.revision, { ...options, stamp });
    if (result.ok) {
      this.base = result.draft;
      if (this.edits === editsAtStart) {
        this.mine = result.draft;
        this.dirty = false;
        this.journal?.clear(this.draftId, stamp);
        this.set({ status: 'saved', draft: result.draft, errorCode: null, errorMessage: null });
      } else {
        // Typing went on during the write: keep the newer text, now based on the new revision.
        this.mine = { ...this.mine!, revision: result.draft.revision, updatedAt: result.draft.updatedAt };
        this.journalNow();
        this.set({ status: 'pending', draft: this.mine, errorCode: null, errorMessage: null });
        this.again = true;
      }
      return;
    }
    const error = result.error;
    if (error.code === 'conflict') {
      const theirs = error.current;
      if (await this.isOlderTextOfAbsorbed(theirs)) {
        // The closed tab's late save of words this session already holds: not a conflict (issue 12).
        this.base = theirs;
        this.mine = { ...this.mine!, revision: theirs.revision, updatedAt: theirs.updatedAt };
        this.journalNow(theirs);
        this.again = true;
        return;
      }
      const merged = mergeDrafts(this.base!, this.mine!, theirs);
      this.base = theirs;
      if (merged.ok) {
        this.mine = merged.draft;
        this.journalNow(theirs);
        this.set({ draft: this.mine, status: 'pending', notice: 'merged' });
        this.again = true;
      } else {
        this.journalNow(theirs);
        this.set({ status: 'conflict', theirs });
      }
      return;
    }
    this.set({ status: 'error', errorCode: error.code, errorMessage: messageOf(error) });
  }

  /** Whether `theirs` was saved by a session whose later edit this session recovered (see `absorbed`). */
  private async isOlderTextOfAbsorbed(theirs: Draft): Promise<boolean> {
    if (this.absorbed.size === 0) return false;
    const { saved } = await this.readJournal();
    return saved.some(
      (mark) => mark.revision === theirs.revision && (this.absorbed.get(mark.sessionId) ?? -1) >= mark.seq,
    );
  }

  /** Conflict: write my version on top of theirs (their changes to the same fields are replaced, knowingly). */
  async keepMine(): Promise<void> {
    const theirs = this.view.theirs;
    if (!theirs || !this.mine) return;
    this.base = theirs;
    this.mine = { ...this.mine, revision: theirs.revision };
    this.dirty = true;
    this.set({ status: 'pending', theirs: null });
    await this.flush();
  }

  /** Conflict: drop my unsaved edits and show the other surface's version. */
  takeTheirs(): void {
    const theirs = this.view.theirs;
    if (!theirs) return;
    this.base = theirs;
    this.mine = theirs;
    this.dirty = false;
    this.journal?.clear(this.draftId, { sessionId: this.sessionId });
    this.set({ status: 'saved', draft: theirs, theirs: null });
  }

  /** Retries a failed write (after the agent freed space, or the database was reopened). */
  async retry(): Promise<void> {
    if (this.view.status !== 'error') return;
    this.set({ status: 'pending', errorCode: null, errorMessage: null });
    await this.flush();
  }

  /** Clears an informational notice. */
  dismissNotice(): void {
    this.set({ notice: null });
  }

  /** Stops following the database. Pending edits are written first (best effort) — never dropped. */
  close(): void {
    if (this.dirty) void this.flush();
    this.closed = true;
    this.unwatch?.();
    this.listeners.clear();
  }
}

function messageOf(error: { code: string; message?: string }): string {
  return error.message ?? error.code;
}
