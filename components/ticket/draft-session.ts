/**
 * One surface's editing session of one draft: the autosave engine behind {@link useDraftAutosave}.
 *
 * DESIGN §1 "never loses a draft": every edit lands in memory at once and, synchronously, in a small
 * crash journal (localStorage of the extension's origin — the only synchronous storage a page has, so
 * a tab closed mid-word still has its last keystroke). The draft itself is written to IndexedDB after a
 * short pause in typing (debounced), and at once when the page is hidden or unloaded. Each write names
 * the revision it started from (`saveDraft` optimistic concurrency); when another surface saved in
 * between, the two edits are merged field by field when they touched different things, and otherwise
 * the agent is asked (keep mine / take theirs). Nothing is overwritten silently.
 *
 * Storage failures (disk full, database blocked by an update) keep the text in memory and in the
 * journal, and are reported so the surface can offer an export.
 */
import type { DraftsApi } from '../../lib/db/drafts-api';
import type { Draft } from '../../lib/escalation/draft';
import { mergeDrafts } from './merge-drafts';

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
 * A store for unsaved edits: localStorage in pages, the background in the framed sidebar (no storage
 * of its own there), a Map in tests. Writes are fire-and-forget and must leave in the same task, so
 * that a tab closed mid-word keeps the last keystroke; reads may be asynchronous.
 */
export interface DraftJournal {
  read(draftId: string): JournalEntry | null | Promise<JournalEntry | null>;
  write(draftId: string, entry: JournalEntry): void;
  clear(draftId: string): void;
}

/** An unsaved edit: the agent's copy and the stored version it was based on. */
export interface JournalEntry {
  readonly base: Draft;
  readonly mine: Draft;
}

const JOURNAL_PREFIX = 'helpdesk-draft-journal:';

/** A journal in `storage` (localStorage). Drafts never hold secrets, so nothing secret lands here. */
export function storageJournal(storage: Storage): DraftJournal {
  return {
    read(draftId) {
      try {
        const raw = storage.getItem(JOURNAL_PREFIX + draftId);
        if (!raw) return null;
        const entry = JSON.parse(raw) as JournalEntry;
        return entry && typeof entry === 'object' && entry.base && entry.mine ? entry : null;
      } catch {
        return null;
      }
    },
    write(draftId, entry) {
      try {
        storage.setItem(JOURNAL_PREFIX + draftId, JSON.stringify(entry));
      } catch {
        // A full localStorage only loses the crash copy; the draft is still in memory and in IndexedDB.
      }
    },
    clear(draftId) {
      try {
        storage.removeItem(JOURNAL_PREFIX + draftId);
      } catch {
        // Nothing to do: a stale journal entry equal to the stored draft is ignored on the next load.
      }
    },
  };
}

/** The default journal: the page's localStorage when it has one. */
export function defaultJournal(): DraftJournal | null {
  try {
    return typeof localStorage === 'undefined' ? null : storageJournal(localStorage);
  } catch {
    return null;
  }
}

/** Options of {@link DraftSession}. */
export interface SessionOptions {
  /** Pause in typing before a write (ms). */
  readonly delayMs?: number;
  readonly journal?: DraftJournal | null;
  /** Follow the store's change notices to pick up edits made elsewhere. */
  readonly live?: boolean;
}

/** The parts of a draft that carry the agent's content (not the bookkeeping). */
function content(d: Draft): string {
  const { revision: _r, updatedAt: _u, createdAt: _c, ...rest } = d;
  return JSON.stringify(rest);
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
  private inFlight: Promise<void> | null = null;
  private again = false;
  private unwatch: (() => void) | null = null;
  private listeners = new Set<(v: SessionView) => void>();
  private closed = false;
  private readonly delayMs: number;
  private readonly journal: DraftJournal | null;

  constructor(
    private readonly drafts: DraftsApi,
    readonly draftId: string,
    private readonly options: SessionOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 300;
    this.journal = options.journal === undefined ? defaultJournal() : options.journal;
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

  /** Loads the draft (recovering an unsaved journal entry) and starts following the database. */
  async start(): Promise<void> {
    const got = await this.drafts.getDraft(this.draftId);
    if (this.closed) return;
    if (!got.ok) {
      const code = got.error.code;
      const recovered = await this.journal?.read(this.draftId);
      if (code !== 'not-found' && recovered) {
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
    const entry = (await this.journal?.read(this.draftId)) ?? null;
    if (entry && content(entry.mine) !== content(stored)) {
      if (entry.base.revision === stored.revision) {
        this.mine = { ...entry.mine, revision: stored.revision };
        this.dirty = true;
        this.set({ draft: this.mine, status: 'pending', notice: 'recovered' });
        void this.flush();
      } else {
        const merged = mergeDrafts(entry.base, entry.mine, stored);
        if (merged.ok) {
          this.mine = merged.draft;
          this.dirty = true;
          this.set({ draft: this.mine, status: 'pending', notice: 'recovered' });
          void this.flush();
        } else {
          this.mine = entry.mine;
          this.dirty = true;
          this.set({ draft: this.mine, status: 'conflict', theirs: stored });
        }
      }
    } else {
      if (entry) this.journal?.clear(this.draftId);
      this.set({ draft: stored, status: 'saved' });
    }
    if (this.options.live !== false) this.follow();
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
    this.journal?.write(this.draftId, { base: this.base, mine: this.mine });
    const keepStatus = this.view.status === 'conflict' || this.view.status === 'saving';
    this.set({ draft: this.mine, ...(keepStatus ? {} : { status: 'pending' as const }) });
    this.schedule();
  }

  private schedule() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
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
    this.set({ status: 'saving' });
    const result = await this.drafts.saveDraft(snapshot, this.base!.revision, options);
    if (result.ok) {
      this.base = result.draft;
      if (this.edits === editsAtStart) {
        this.mine = result.draft;
        this.dirty = false;
        this.journal?.clear(this.draftId);
        this.set({ status: 'saved', draft: result.draft, errorCode: null, errorMessage: null });
      } else {
        // Typing went on during the write: keep the newer text, now based on the new revision.
        this.mine = { ...this.mine!, revision: result.draft.revision, updatedAt: result.draft.updatedAt };
        this.journal?.write(this.draftId, { base: this.base, mine: this.mine });
        this.set({ status: 'pending', draft: this.mine, errorCode: null, errorMessage: null });
        this.again = true;
      }
      return;
    }
    const error = result.error;
    if (error.code === 'conflict') {
      const theirs = error.current;
      const merged = mergeDrafts(this.base!, this.mine!, theirs);
      this.base = theirs;
      if (merged.ok) {
        this.mine = merged.draft;
        this.journal?.write(this.draftId, { base: theirs, mine: this.mine });
        this.set({ draft: this.mine, status: 'pending', notice: 'merged' });
        this.again = true;
      } else {
        this.journal?.write(this.draftId, { base: theirs, mine: this.mine! });
        this.set({ status: 'conflict', theirs });
      }
      return;
    }
    this.set({ status: 'error', errorCode: error.code, errorMessage: messageOf(error) });
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
    this.journal?.clear(this.draftId);
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
