/**
 * Enterprise deployment: what an IT administrator sets through browser policy in `storage.managed`
 * (DESIGN §3: portals, catalogs, vendor profiles and checklists are deployable by an IT admin). The
 * browser checks the shape against `public/managed-schema.json`; we validate every part again with the
 * same zod schemas as an import, part by part, so one bad part never hides the good ones.
 *
 * **Policy wins.** Where the administrator and the agent both set something, the administrator's value
 * is used: a managed portal/vendor profile replaces a local one with the same id, a managed catalog or
 * checklist replaces the local one, a managed `defaultVendorId`/`loopbackEnabled` replaces the local
 * setting. Options shows those parts read-only ("set by your administrator"). Anything the policy does
 * not set stays the agent's choice.
 *
 * No policy is the normal case: Chrome then returns `{}`, and Firefox rejects (no managed manifest);
 * some contexts have no `storage.managed` at all. All of these read as "nothing managed".
 */
import { CatalogSchema, type Catalog } from '../catalog';
import type { VendorProfile } from '../escalation/vendor-profile';
import { builtInVendors } from '../escalation/vendors';
import { PortalProfileSchema, type PortalProfile } from '../portal/profile-schema';
import { parseChecklistValue, parseVendorList } from './custom-data';
import { schemaProblems, type DataProblem } from './data-problem';
import type { Checklist } from '../escalation/checklist';
import type { Settings } from './settings';

/** The keys of the managed-storage schema (public/managed-schema.json). */
export const MANAGED_KEYS = ['portals', 'catalog', 'vendors', 'checklist', 'defaultVendorId', 'loopbackEnabled'] as const;
/** One of {@link MANAGED_KEYS}. */
export type ManagedKey = (typeof MANAGED_KEYS)[number];

/** The read-only part of a storage area that managed storage offers. */
export interface ManagedAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
}

/** The valid parts of the policy. An absent part is not managed. */
export interface ManagedData {
  portals?: PortalProfile[];
  catalog?: Catalog;
  vendors?: VendorProfile[];
  checklist?: Checklist;
  defaultVendorId?: string;
  loopbackEnabled?: boolean;
}

/** What {@link readManaged} found: the valid parts and the problems of the others. */
export interface ManagedRead {
  readonly data: ManagedData;
  readonly problems: DataProblem[];
}

/** Nothing managed. */
export const NOTHING_MANAGED: ManagedRead = Object.freeze({ data: Object.freeze({}), problems: [] });

/** Validates a managed-storage snapshot part by part. Never throws. */
export function parseManaged(raw: Record<string, unknown>): ManagedRead {
  const data: ManagedData = {};
  const problems: DataProblem[] = [];

  if (raw.portals !== undefined) {
    if (!Array.isArray(raw.portals)) {
      problems.push({ code: 'not-array', path: 'portals', message: 'Expected a list of portal profiles.' });
    } else {
      const portals: PortalProfile[] = [];
      const seen = new Set<string>();
      raw.portals.slice(0, 100).forEach((entry: unknown, i) => {
        const parsed = PortalProfileSchema.safeParse(entry);
        if (!parsed.success) return void problems.push(...schemaProblems(`portals[${i}]`, parsed.error));
        if (seen.has(parsed.data.id)) {
          return void problems.push({ code: 'duplicate-id', path: `portals[${i}].id`, message: `Portal id "${parsed.data.id}" is repeated.` });
        }
        seen.add(parsed.data.id);
        // A managed portal is never "built in", whatever the policy says (Options lists it as managed).
        const { builtIn: _ignored, ...profile } = parsed.data;
        portals.push(profile);
      });
      data.portals = portals;
    }
  }

  if (raw.catalog !== undefined) {
    const parsed = CatalogSchema.safeParse(raw.catalog);
    if (parsed.success) data.catalog = parsed.data;
    else problems.push(...schemaProblems('catalog', parsed.error));
  }

  if (raw.vendors !== undefined) {
    const read = parseVendorList(raw.vendors, 'vendors');
    problems.push(...read.problems);
    if (Array.isArray(raw.vendors)) data.vendors = read.vendors;
  }

  if (raw.checklist !== undefined) {
    const read = parseChecklistValue(raw.checklist, 'checklist');
    problems.push(...read.problems);
    if (read.checklist) data.checklist = read.checklist;
  }

  if (raw.defaultVendorId !== undefined) {
    const id = raw.defaultVendorId;
    const known = [...builtInVendors, ...(data.vendors ?? [])].some((v) => v.id === id);
    if (typeof id === 'string' && known) data.defaultVendorId = id;
    else {
      problems.push({
        code: 'unknown-vendor',
        path: 'defaultVendorId',
        message: `No built-in or managed vendor profile has the id ${JSON.stringify(id)}.`,
      });
    }
  }

  if (raw.loopbackEnabled !== undefined) {
    if (typeof raw.loopbackEnabled === 'boolean') data.loopbackEnabled = raw.loopbackEnabled;
    else problems.push({ code: 'schema', path: 'loopbackEnabled', message: 'Expected true or false.' });
  }

  return { data, problems };
}

/**
 * Reads and validates the policy. `area` is the extension's `storage.managed` area (possibly undefined). A missing
 * area, a throw or a rejection means nothing is managed: that is what "no policy" looks like.
 */
export async function readManaged(area: ManagedAreaLike | undefined | null): Promise<ManagedRead> {
  if (!area) return NOTHING_MANAGED;
  let raw: unknown;
  try {
    raw = await area.get(null);
  } catch {
    // Firefox without a managed manifest, Chrome in a context without policy support: nothing managed.
    return NOTHING_MANAGED;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return NOTHING_MANAGED;
  return parseManaged(raw as Record<string, unknown>);
}

/** The managed parts that are set, in schema order (what Options lists as "set by your administrator"). */
export function managedKeys(data: ManagedData): ManagedKey[] {
  return MANAGED_KEYS.filter((k) => data[k] !== undefined);
}

/** The settings with the policy's values in place of the agent's (policy wins). */
export function applyManagedSettings(settings: Settings, data: ManagedData): Settings {
  return {
    ...settings,
    ...(data.defaultVendorId !== undefined ? { defaultVendorId: data.defaultVendorId } : {}),
    ...(data.loopbackEnabled !== undefined ? { loopbackEnabled: data.loopbackEnabled } : {}),
  };
}

/** The settings fields the policy overrides (to write them into local storage when they differ). */
export function managedSettingsPatch(settings: Settings, data: ManagedData): Partial<Settings> {
  const patch: Partial<Settings> = {};
  if (data.defaultVendorId !== undefined && data.defaultVendorId !== settings.defaultVendorId) patch.defaultVendorId = data.defaultVendorId;
  if (data.loopbackEnabled !== undefined && data.loopbackEnabled !== settings.loopbackEnabled) patch.loopbackEnabled = data.loopbackEnabled;
  return patch;
}

/**
 * The portal profiles in effect besides the built-in ones: the managed ones, then the agent's own
 * whose id the policy does not set (policy wins).
 */
export function effectivePortals(user: readonly PortalProfile[], managed: readonly PortalProfile[] = []): PortalProfile[] {
  const ids = new Set(managed.map((p) => p.id));
  return [...managed, ...user.filter((p) => !ids.has(p.id))];
}

/** `storage.local` key where the background mirrors the valid managed portals for the content script (no zod there). */
export const MANAGED_PORTALS_KEY = 'managedPortals';
