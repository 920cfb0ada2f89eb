/**
 * The drafts database: one Dexie database, `helpdesk-assistant`, and EVERY schema version it has ever had.
 *
 * DESIGN §3: it lives only in the extension's own origin (background, sidebar, popup, options, drafts tab).
 * Never open it from a content script: IndexedDB opened there belongs to the portal's origin, and the
 * portal's own scripts could read every draft.
 *
 * Versions are append-only. REFERENCE "Dexie": never edit a published `version(n)` — a changed index
 * list under an old number is never applied to browsers that already have that number, and an index added
 * without a new version hides existing rows from queries. Every schema change is a new entry in
 * {@link SCHEMA_VERSIONS} with its upgrade and a frozen fixture (see `migrations.ts`).
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { Draft } from '../escalation/draft';
import type { Escalation } from '../escalation/escalation';
import { escalationsFromV2Rows } from './escalation-upgrade';
import type { JournalRow, SaveStamp } from './journal-repo';
import type { SecretFieldPolicy, VendorSource } from './secret-policy';

export type { SecretFieldPolicy, VendorSource } from './secret-policy';

/** The IndexedDB name. Changing it would orphan every agent's drafts. */
export const DB_NAME = 'helpdesk-assistant';

/**
 * A draft as stored: the {@link Draft} contract plus `terms`, the normalised words of the draft that feed
 * the multiEntry text-search index (computed by `search-terms.ts` on every write, never by callers).
 */
export interface DraftRow extends Draft {
  terms: string[];
  /**
   * Which editing session and edit wrote this revision (v2, issue 12; absent when the writer had no
   * session: creation, import). Read only by crash recovery (`journal-repo.ts`); not part of a Draft.
   */
  savedBy?: SaveStamp;
}

/** An attachment (screenshot, log file) of a draft; the Blob is stored as-is (IndexedDB clones Blobs). */
export interface AttachmentRow {
  id: string;
  draftId: string;
  name: string;
  type: string;
  size: number;
  /** Free label chosen by the UI, e.g. the vendor field it documents ("screenshots"). */
  tag?: string;
  createdAt: string;
  blob: Blob;
}

/** A small extension-wide setting (retention days, last purge…): key → JSON value. */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** One published schema version: Dexie's store declaration, and the upgrade that brings older rows to it. */
export interface SchemaVersion {
  readonly version: number;
  readonly stores: Readonly<Record<string, string | null>>;
  /** Runs inside the versionchange transaction when a database older than `version` is opened. */
  readonly upgrade?: (tx: Transaction) => Promise<void> | void;
}

/**
 * Every version of the schema, oldest first. PUBLISHED ENTRIES ARE FROZEN: never edit or remove one,
 * only append (how: `migrations.ts`).
 *
 * Indexes are exactly what `drafts-repo.ts` queries:
 * - `iccid` — ICCID search (equality and prefix) and the duplicate check (seed 004: one ticket per problem).
 * - `subscriberId` — the subscriber filter.
 * - `updatedAt` — newest-first listing and the order of search results.
 * - `handedOverAt` — retention purge (rows with `null` are not in the index, so open drafts are never seen).
 * - `[status+updatedAt]`, `[vendorId+updatedAt]` — "open drafts, newest first" without sorting in memory.
 *   Dexie also serves `where('status')` / `where('vendorId')` from these (virtual index on the first part),
 *   so separate `status` / `vendorId` indexes would only cost writes.
 * - `*terms` — multiEntry index of normalised words for text search.
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  // v1 — first release (0.1.0). FROZEN.
  {
    version: 1,
    stores: {
      drafts:
        'id, iccid, subscriberId, updatedAt, handedOverAt, [status+updatedAt], [vendorId+updatedAt], *terms',
      attachments: 'id, draftId',
      settings: 'key',
    },
  },
  // v2 — the crash journal (issue 12): unsaved edits, one row per draft × editing session × kind, keyed
  // `<draftId>|<sessionId>|<kind>`; `draftId` is indexed because recovery reads all the rows of one
  // draft. Draft rows may carry `savedBy` (not indexed). A new empty table: nothing to upgrade. FROZEN.
  {
    version: 2,
    stores: {
      drafts:
        'id, iccid, subscriberId, updatedAt, handedOverAt, [status+updatedAt], [vendorId+updatedAt], *terms',
      attachments: 'id, draftId',
      settings: 'key',
      journal: 'key, draftId',
    },
  },
  // v3 — escalations after hand-over (issue 18): one row per handed-over draft, keyed by the draft id
  // (`escalations-repo.ts`). Read whole (the board, the reminders), so nothing else is indexed. The upgrade
  // starts an escalation for every draft already handed over, its first-response due time computed from
  // its hand-over (escalation-upgrade.ts). FROZEN once published.
  {
    version: 3,
    stores: {
      drafts:
        'id, iccid, subscriberId, updatedAt, handedOverAt, [status+updatedAt], [vendorId+updatedAt], *terms',
      attachments: 'id, draftId',
      settings: 'key',
      journal: 'key, draftId',
      escalations: 'draftId',
    },
    upgrade: async (tx) => {
      const rows: unknown[] = await tx.table('drafts').toArray();
      const escalations = escalationsFromV2Rows(rows);
      if (escalations.length > 0) await tx.table('escalations').bulkPut(escalations);
    },
  },
];

/** The version today's code declares last. */
export const LATEST_VERSION: number = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 0;

/** What {@link openDb} needs from its environment. */
export interface DbDeps {
  /**
   * REQUIRED: where the store reads the vendor profiles, whose `secret` fields every write drops (DESIGN §2,
   * seed 002). The extension passes `storedVendorSource(...)` (built-in + custom + managed; see
   * `openExtensionDb`); tests and tools may pass `BUILT_IN_VENDORS_ONLY`. Required so that a database
   * opened without the vendors' policy does not compile.
   */
  vendors: VendorSource;
  /** IndexedDB factory; tests pass fake-indexeddb's. Defaults to the global one. */
  indexedDB?: IDBFactory;
  /** Key range constructor matching `indexedDB`. */
  IDBKeyRange?: typeof IDBKeyRange;
  /**
   * Extra secret fields, on top of the vendors' policy (`vendors`) and of the policy a single call may
   * pass: dropped by every write of the repositories and every export.
   */
  secretFields?: SecretFieldPolicy;
  /**
   * Called when another connection (usually an updated extension) needs this database closed or upgraded.
   * Dexie closes this connection itself; the surface should save what it can and offer a reload.
   */
  onVersionChange?: () => void;
}

/** Internal construction options: which versions to declare and the transaction durability. */
interface HelpdeskDbOptions {
  /** Declare only versions ≤ this one (migration tests write old data with it). */
  upToVersion?: number;
  durability?: 'default' | 'strict' | 'relaxed';
}

/**
 * The typed Dexie database. Build it with {@link openDb}; tables are `drafts`, `attachments`, `settings`,
 * `journal`.
 */
export class HelpdeskDb extends Dexie {
  declare readonly drafts: Table<DraftRow, string>;
  declare readonly attachments: Table<AttachmentRow, string>;
  declare readonly settings: Table<SettingRow, string>;
  /** The crash journal (v2); rows are parsed by `journal-repo.ts`, the only code that touches it. */
  declare readonly journal: Table<JournalRow, string>;
  /** Escalations after hand-over (v3); rows are parsed by `escalations-repo.ts`. */
  declare readonly escalations: Table<Escalation, string>;
  /** {@link DbDeps.vendors}: every repository write drops the fields these vendors declare secret. */
  readonly vendors: VendorSource;
  /** The extra policy from {@link DbDeps.secretFields}, applied by every repository write. */
  readonly secretFields: SecretFieldPolicy | undefined;
  readonly #deps: DbDeps;
  readonly #options: HelpdeskDbOptions;
  #strict: HelpdeskDb | undefined;

  /** Prefer {@link openDb}; the constructor is for {@link openDbAtVersion} and strict siblings. */
  constructor(name: string, deps: DbDeps, options: HelpdeskDbOptions = {}) {
    super(name, {
      ...(deps.indexedDB ? { indexedDB: deps.indexedDB } : {}),
      ...(deps.IDBKeyRange ? { IDBKeyRange: deps.IDBKeyRange } : {}),
      ...(options.durability ? { chromeTransactionDurability: options.durability } : {}),
    });
    this.vendors = deps.vendors;
    this.secretFields = deps.secretFields;
    this.#deps = deps;
    this.#options = options;
    declareVersions(this, options.upToVersion ?? LATEST_VERSION);
    if (deps.onVersionChange) {
      const notify = deps.onVersionChange;
      // Dexie's own handler (registered first) has already closed the connection when this runs.
      this.on('versionchange', () => {
        notify();
      });
    }
  }

  /**
   * A second connection to the same database whose transactions ask for strict durability (REFERENCE
   * "Durability": a relaxed transaction can be lost on an OS crash). Dexie sets durability per connection,
   * not per transaction, so explicit saves go through this sibling, opened on first use.
   */
  strict(): HelpdeskDb {
    if (this.#options.durability === 'strict') return this;
    this.#strict ??= new HelpdeskDb(
      this.name,
      { ...this.#deps, onVersionChange: undefined },
      {
        ...this.#options,
        durability: 'strict',
      },
    );
    return this.#strict;
  }

  /** Closes this connection and its strict sibling. */
  override close(options?: { disableAutoOpen: boolean }): void {
    this.#strict?.close(options);
    super.close(options);
  }
}

/** Declares versions 1..upTo of {@link SCHEMA_VERSIONS} on `db`, with their upgrades. */
function declareVersions(db: Dexie, upTo: number): void {
  for (const v of SCHEMA_VERSIONS) {
    if (v.version > upTo) break;
    const declared = db.version(v.version).stores({ ...v.stores });
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
}

/**
 * Opens (lazily — Dexie opens on first use) today's drafts database. The extension's surfaces use
 * `openExtensionDb` (extension-db.ts), which names {@link DB_NAME} and the stored vendors.
 * @param name {@link DB_NAME} in the extension; tests pass a unique name for isolation.
 */
export function openDb(name: string, deps: DbDeps): HelpdeskDb {
  return new HelpdeskDb(name, deps);
}

/**
 * A connection declaring only the versions up to `version` — what an older release of the extension
 * opened. Migration tests write frozen fixtures with it, then open the same name with {@link openDb}.
 */
export function openDbAtVersion(name: string, version: number, deps: DbDeps): HelpdeskDb {
  return new HelpdeskDb(name, deps, { upToVersion: version });
}
