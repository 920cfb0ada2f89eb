/**
 * The storage registry: every stored value declared once with its key, area, zod schema, version and
 * migrations — `storage.local` treated as the second database it is (DESIGN §3: every stored setting is
 * versioned like the Dexie schema). The same idea as WXT's `storage.defineItem({ version, migrations })`,
 * with the same metadata convention (`key$` = `{ v }`, see ./keys.ts), but framework-free: the area
 * is passed in, so lib/ has no browser global and every step is unit-tested with a fake area.
 *
 * Reading an item:
 * - absent → `value: undefined` (the caller applies its shipped default);
 * - stored under an older version → migrated step by step (`migrations[n]` turns a version n-1 value
 *   into version n), then parsed, and written back with today's version;
 * - anything that does not read (a migration throws, the schema refuses it, or it was stored by a newer
 *   version of the extension) is **reported and kept, never silently replaced**: the raw value is moved
 *   to `key:unreadable` (appended, so nothing is ever overwritten) and the read says what was wrong. For
 *   a list item, only the entries that do not read are moved aside; the others stay.
 * Problems are logged with their key, code and paths only — stored values carry personal data.
 *
 * How to change a stored value's shape: bump `version`, add `migrations[version]`, freeze a fixture
 * of what the old version stored (tests/unit/settings/fixtures/) — the test per step picks it up.
 */
import { z } from 'zod';
import { CatalogSchema, type Catalog } from '../catalog';
import { ChecklistSchema, type Checklist } from '../escalation/checklist';
import { VendorProfileSchema, type VendorProfile } from '../escalation/vendor-profile';
import { PortalProfileSchema, type PortalProfile } from '../portal/profile-schema';
import { schemaProblems, type DataProblem } from './data-problem';
import {
  CATALOG_KEY,
  CHECKLIST_KEY,
  CUSTOM_VENDORS_KEY,
  keyOfUnreadable,
  MANAGED_PORTALS_KEY,
  SETTINGS_KEY,
  STORAGE_KEYS,
  unreadableKey,
  USER_PORTALS_KEY,
  versionKey,
  type StorageKey,
} from './keys';
import type { StorageAreaLike } from './storage-area';

/** Extension-wide preferences: the switches around the customer data (issues 2 and 6). */
export const SettingsSchema = z.object({
  loopbackEnabled: z.boolean().default(true),
  defaultVendorId: z.string().min(1).max(64).default('esim-go'),
  /** Drafts expire this many days after hand-over (issue 6: default 30). */
  retentionDays: z.number().int().min(1).max(3650).default(30),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** One stored value: where it lives, what it must look like and how older versions become today's. */
export interface StoredItem<T> {
  readonly key: StorageKey;
  readonly area: 'local';
  /** Today's version (1 = what was stored before versions existed). */
  readonly version: number;
  /** `migrations[n]` turns a version n-1 value into version n; may throw (the value is then kept aside). */
  readonly migrations: Readonly<Record<number, (value: unknown) => unknown>>;
  /** Today's shape of the whole value; for a list item, of one entry. */
  readonly schema: z.ZodType<T>;
  /** A list item is an array whose entries are read one by one: a bad entry does not hide the others. */
  readonly list: boolean;
  /** A list item keeps at most this many entries (the rest are kept aside). */
  readonly maxEntries?: number;
}

type ItemDef<T> = Omit<StoredItem<T>, 'migrations' | 'list'> & Partial<Pick<StoredItem<T>, 'migrations'>>;

/** Declares a whole-value item. Throws on a declaration error (a programming error, caught by the tests). */
export function defineItem<T>(def: ItemDef<T>): StoredItem<T> {
  return check({ migrations: {}, ...def, list: false });
}
/** Declares a list item: `schema` is the schema of one entry. */
export function defineListItem<T>(def: ItemDef<T>): StoredItem<T> {
  return check({ migrations: {}, ...def, list: true });
}

function check<T>(item: StoredItem<T>): StoredItem<T> {
  if (!Number.isInteger(item.version) || item.version < 1)
    throw new Error(`${item.key}: versions start at 1`);
  for (const step of Object.keys(item.migrations).map(Number)) {
    if (!Number.isInteger(step) || step < 2 || step > item.version)
      throw new Error(`${item.key}: no version ${step}`);
  }
  if (STORAGE_KEYS[item.key] !== item.area)
    throw new Error(`${item.key}: declared in keys.ts for another area`);
  return Object.freeze(item);
}

// ---- The registry: every versioned key of storage.local (keys.ts lists the same keys). ----

export const settingsItem = defineItem<Settings>({
  key: SETTINGS_KEY,
  area: 'local',
  version: 1,
  schema: SettingsSchema,
});
export const userPortalsItem = defineListItem<PortalProfile>({
  key: USER_PORTALS_KEY,
  area: 'local',
  version: 1,
  schema: PortalProfileSchema,
  maxEntries: 100,
});
export const managedPortalsItem = defineListItem<PortalProfile>({
  key: MANAGED_PORTALS_KEY,
  area: 'local',
  version: 1,
  schema: PortalProfileSchema,
  maxEntries: 100,
});
export const catalogItem = defineItem<Catalog>({
  key: CATALOG_KEY,
  area: 'local',
  version: 1,
  schema: CatalogSchema,
});
export const customVendorsItem = defineListItem<VendorProfile>({
  key: CUSTOM_VENDORS_KEY,
  area: 'local',
  version: 1,
  schema: VendorProfileSchema,
  maxEntries: 100,
});
export const checklistItem = defineItem<Checklist>({
  key: CHECKLIST_KEY,
  area: 'local',
  version: 1,
  schema: ChecklistSchema,
});

/** Every item, in keys.ts order (a test checks that each key has exactly one). */
export const STORED_ITEMS: readonly StoredItem<unknown>[] = [
  settingsItem,
  userPortalsItem,
  managedPortalsItem,
  catalogItem,
  customVendorsItem,
  checklistItem,
] as StoredItem<unknown>[];

// ---- Reading and writing ----

/**
 * Why a stored value (or some entries of a list) did not read: `schema` (today's schema refuses it),
 * `migration-failed` (a migration step threw), `newer-version` (stored by a newer extension),
 * `not-array` (a list item that is not a list).
 */
export type StorageProblemCode = 'schema' | 'migration-failed' | 'newer-version' | 'not-array';

/** A value that did not read and was kept aside under `unreadableKey(key)` (no stored data in here). */
export interface StorageProblem {
  readonly key: StorageKey;
  readonly code: StorageProblemCode;
  /** The version the value was stored under. */
  readonly storedVersion: number;
  /** Where it was wrong (paths and schema messages only). */
  readonly problems: readonly DataProblem[];
}

/** What {@link readItem} found. */
export interface ItemRead<T> {
  /** Today's value (a list: its readable entries); undefined when nothing readable is stored. */
  readonly value: T | undefined;
  /** Set when the value (or some entries) did not read and were moved aside. */
  readonly problem: StorageProblem | null;
  /** The version the value was migrated from, when a migration ran. */
  readonly migratedFrom?: number;
}

/** How a logger is told about a problem (the default logs key, code and paths; never a value). */
export type ProblemLog = (problem: StorageProblem) => void;

const defaultLog: ProblemLog = (p) =>
  console.warn(
    `[storage] ${p.key}: stored value (v${p.storedVersion}) does not read (${p.code}${
      p.problems.length
        ? `: ${[...new Set(p.problems.map((x) => x.path))].slice(0, 5).join(', ')}${p.problems.length > 5 ? ', …' : ''}`
        : ''
    }); kept as ${unreadableKey(p.key)}`,
  );

/** One value kept aside (what `unreadableKey(key)` holds: a list of these, oldest first). */
export interface UnreadableRecord {
  readonly version: number;
  readonly code: StorageProblemCode;
  readonly problems: readonly DataProblem[];
  /** The raw value as it was stored (a list item: only the entries that did not read). */
  readonly value: unknown;
}

const UnreadableRecordSchema = z.object({
  version: z.number(),
  code: z.enum(['schema', 'migration-failed', 'newer-version', 'not-array']),
  problems: z.array(z.object({ code: z.string(), path: z.string(), message: z.string() })),
  value: z.unknown(),
});

/** Result of {@link upgradeValue}. */
export type Upgrade<T> =
  | {
      readonly ok: true;
      readonly value: T;
      readonly rejected: readonly unknown[];
      readonly problems: readonly DataProblem[];
    }
  | { readonly ok: false; readonly code: StorageProblemCode; readonly problems: readonly DataProblem[] };

/**
 * Turns a raw value stored under `storedVersion` into today's value. Pure (the fixture tests call it).
 * A list keeps its readable entries and returns the others in `rejected`.
 */
export function upgradeValue<T>(item: StoredItem<T>, raw: unknown, storedVersion: number): Upgrade<T> {
  if (storedVersion > item.version) {
    return {
      ok: false,
      code: 'newer-version',
      problems: [
        {
          code: 'schema',
          path: item.key,
          message: `Stored by version ${storedVersion}; this extension reads up to ${item.version}.`,
        },
      ],
    };
  }
  let value = raw;
  for (let step = storedVersion + 1; step <= item.version; step++) {
    const migrate = item.migrations[step];
    if (!migrate) continue;
    try {
      value = migrate(value);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        code: 'migration-failed',
        problems: [{ code: 'schema', path: item.key, message: `Migration to version ${step}: ${message}` }],
      };
    }
  }
  if (!item.list) {
    const parsed = item.schema.safeParse(value);
    return parsed.success
      ? { ok: true, value: parsed.data, rejected: [], problems: [] }
      : { ok: false, code: 'schema', problems: schemaProblems(item.key, parsed.error) };
  }
  if (!Array.isArray(value)) {
    return {
      ok: false,
      code: 'not-array',
      problems: [{ code: 'not-array', path: item.key, message: 'Expected a list.' }],
    };
  }
  const entries: unknown[] = [];
  const rejected: unknown[] = [];
  const problems: DataProblem[] = [];
  value.forEach((entry: unknown, i) => {
    if (item.maxEntries !== undefined && entries.length >= item.maxEntries) {
      rejected.push(entry);
      problems.push({
        code: 'schema',
        path: `${item.key}[${i}]`,
        message: `At most ${item.maxEntries} entries.`,
      });
      return;
    }
    const parsed = item.schema.safeParse(entry);
    if (parsed.success) entries.push(parsed.data);
    else {
      rejected.push(entry);
      problems.push(...schemaProblems(`${item.key}[${i}]`, parsed.error));
    }
  });
  return { ok: true, value: entries as T, rejected, problems };
}

function storedVersionOf(meta: unknown): number {
  const v = typeof meta === 'object' && meta !== null ? (meta as { v?: unknown }).v : undefined;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

async function keepAside(area: StorageAreaLike, key: string, record: UnreadableRecord): Promise<void> {
  const aside = unreadableKey(key);
  const before = (await area.get(aside))[aside];
  const list = Array.isArray(before) ? before : before === undefined ? [] : [before];
  await area.set({ [aside]: [...list, record] });
}

/**
 * Reads an item (see the module comment): migrates an older value and writes it back; moves what does
 * not read to `key:unreadable` and reports it (also to `log`). Never throws on stored data.
 */
export async function readItem(
  area: StorageAreaLike,
  item: StoredItem<unknown>,
  log: ProblemLog = defaultLog,
): Promise<ItemRead<unknown>> {
  const meta = versionKey(item.key);
  const got = await area.get([item.key, meta]);
  const raw = got[item.key];
  if (raw === undefined || raw === null) return { value: undefined, problem: null };
  const storedVersion = storedVersionOf(got[meta]);
  const upgraded = upgradeValue(item, raw, storedVersion);

  if (!upgraded.ok) {
    const problem: StorageProblem = {
      key: item.key,
      code: upgraded.code,
      storedVersion,
      problems: upgraded.problems,
    };
    await keepAside(area, item.key, {
      version: storedVersion,
      code: upgraded.code,
      problems: upgraded.problems,
      value: raw,
    });
    await area.remove([item.key, meta]);
    log(problem);
    return { value: undefined, problem };
  }

  let problem: StorageProblem | null = null;
  if (upgraded.rejected.length > 0) {
    problem = { key: item.key, code: 'schema', storedVersion, problems: upgraded.problems };
    await keepAside(area, item.key, {
      version: storedVersion,
      code: 'schema',
      problems: upgraded.problems,
      value: upgraded.rejected,
    });
    log(problem);
  }
  const migrated = storedVersion !== item.version;
  if (migrated || upgraded.rejected.length > 0) {
    await area.set({ [item.key]: upgraded.value, [meta]: { v: item.version } });
  }
  return { value: upgraded.value, problem, ...(migrated ? { migratedFrom: storedVersion } : {}) };
}

/** Reads a whole-value item. */
export const readValue = <T>(area: StorageAreaLike, item: StoredItem<T>, log?: ProblemLog) =>
  readItem(area, item as StoredItem<unknown>, log) as Promise<ItemRead<T>>;
/** Reads a list item (its readable entries; `[]` when none is stored). */
export async function readList<T>(
  area: StorageAreaLike,
  item: StoredItem<T>,
  log?: ProblemLog,
): Promise<ItemRead<T[]> & { value: T[] }> {
  const read = (await readItem(area, item as StoredItem<unknown>, log)) as ItemRead<T[]>;
  return { ...read, value: read.value ?? [] };
}

/** Result of {@link writeItem}: refused whole with its problems, or stored as parsed. */
export type ItemWrite<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: DataProblem[] };

/**
 * Validates and stores a value with today's version (a list: every entry must pass). A refused value
 * changes nothing.
 */
export async function writeItem(
  area: StorageAreaLike,
  item: StoredItem<unknown>,
  value: unknown,
): Promise<ItemWrite<unknown>> {
  const schema: z.ZodType = item.list
    ? z.array(item.schema).max(item.maxEntries ?? Number.MAX_SAFE_INTEGER)
    : item.schema;
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, problems: schemaProblems('', parsed.error) };
  await area.set({ [item.key]: parsed.data, [versionKey(item.key)]: { v: item.version } });
  return { ok: true, value: parsed.data };
}

/** Writes a whole-value item. */
export const writeValue = <T>(area: StorageAreaLike, item: StoredItem<T>, value: unknown) =>
  writeItem(area, item as StoredItem<unknown>, value) as Promise<ItemWrite<T>>;
/** Writes a list item (all entries or nothing). */
export const writeList = <T>(area: StorageAreaLike, item: StoredItem<T>, value: readonly unknown[]) =>
  writeItem(area, item as StoredItem<unknown>, value) as Promise<ItemWrite<T[]>>;

/** Removes an item (and its version). */
export async function removeItem(area: StorageAreaLike, item: StoredItem<unknown>): Promise<void> {
  await area.remove([item.key, versionKey(item.key)]);
}

/** What is kept aside for one key (Options lists these; the values themselves are not shown). */
export interface UnreadableEntry {
  readonly key: StorageKey;
  readonly records: readonly Omit<UnreadableRecord, 'value'>[];
}

/** Every value kept aside in `area`, by key (in keys.ts order). */
export async function listUnreadable(area: StorageAreaLike): Promise<UnreadableEntry[]> {
  const keys = STORED_ITEMS.map((i) => unreadableKey(i.key));
  const got = await area.get(keys);
  const out: UnreadableEntry[] = [];
  for (const aside of keys) {
    const raw = got[aside];
    if (raw === undefined) continue;
    const key = keyOfUnreadable(aside) as StorageKey;
    const records = (Array.isArray(raw) ? raw : [raw]).map((r: unknown) => {
      const parsed = UnreadableRecordSchema.safeParse(r);
      // Something else wrote here: still listed, so the agent can see and clear it.
      if (!parsed.success) return { version: 0, code: 'schema' as const, problems: [] };
      const { value: _value, ...rest } = parsed.data;
      return rest as Omit<UnreadableRecord, 'value'>;
    });
    out.push({ key, records });
  }
  return out;
}

/** Deletes what is kept aside for `key` (the agent's choice in Options, after exporting it if they want). */
export async function discardUnreadable(area: StorageAreaLike, key: StorageKey): Promise<void> {
  await area.remove(unreadableKey(key));
}

/**
 * Reads every item once, so older values are migrated (and unreadable ones kept aside) by one context —
 * the background at start-up — before the surfaces read them. Never throws on stored data.
 */
export async function migrateStoredItems(area: StorageAreaLike, log?: ProblemLog): Promise<void> {
  for (const item of STORED_ITEMS) await readItem(area, item, log);
}
