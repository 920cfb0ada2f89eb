/**
 * The agent's (or support lead's) own vendor profiles and troubleshooting checklist, kept in
 * `storage.local` (DESIGN §3: behaviour is data — shipped defaults, editable in Options,
 * importable/exportable as JSON). Storage is a boundary: everything is validated again on read, and a
 * damaged entry is dropped and reported instead of breaking a surface; writes are validated too, so a
 * bad value is never stored.
 *
 * Precedence (documented in managed.ts too): a profile/checklist set by the IT administrator through
 * managed storage wins over the local one with the same id, which wins over the built-in one.
 */
import { ChecklistSchema, DEFAULT_ESIM_CHECKLIST, type Checklist } from '../escalation/checklist';
import { VendorProfileSchema, type VendorProfile } from '../escalation/vendor-profile';
import { builtInVendors } from '../escalation/vendors';
import { schemaProblems, type DataProblem, type DataProblemCode } from './data-problem';
import { CUSTOM_VENDORS_KEY } from './keys';
import { checklistItem, customVendorsItem, readList, readValue, removeItem, writeList, writeValue } from './registry';
import type { StorageAreaLike } from './storage-area';

export { CHECKLIST_KEY, CUSTOM_VENDORS_KEY } from './keys';

/** More custom profiles than anyone maintains by hand: refused on write, truncated on read. */
export const MAX_CUSTOM_VENDORS = 100;
/** An imported checklist file larger than this is refused before parsing. */
const MAX_CHECKLIST_JSON = 256 * 1024;

/** Vendor profiles read back, with what was dropped. */
export interface VendorsRead {
  readonly vendors: VendorProfile[];
  readonly problems: DataProblem[];
}

/** A checklist read back (null when none is stored or it was damaged), with what was wrong. */
export interface ChecklistRead {
  readonly checklist: Checklist | null;
  readonly problems: DataProblem[];
}

/** Result of a write: refused whole with its problems, or stored. */
export type WriteResult = { readonly ok: true } | { readonly ok: false; readonly problems: DataProblem[] };

/**
 * Validates a list of vendor profiles entry by entry: a bad entry is dropped (and reported under
 * `prefix[i]`), a repeated id keeps the first one. Anything but an array gives no profile. Never throws.
 */
export function parseVendorList(raw: unknown, prefix: string): VendorsRead {
  if (raw === undefined || raw === null) return { vendors: [], problems: [] };
  if (!Array.isArray(raw)) {
    return { vendors: [], problems: [{ code: 'not-array', path: prefix, message: 'Expected a list of vendor profiles.' }] };
  }
  const vendors: VendorProfile[] = [];
  const problems: DataProblem[] = [];
  const seen = new Set<string>();
  raw.slice(0, MAX_CUSTOM_VENDORS).forEach((entry: unknown, i) => {
    const parsed = VendorProfileSchema.safeParse(entry);
    if (!parsed.success) {
      problems.push(...schemaProblems(`${prefix}[${i}]`, parsed.error));
      return;
    }
    if (seen.has(parsed.data.id)) {
      problems.push({ code: 'duplicate-id', path: `${prefix}[${i}].id`, message: `Vendor id "${parsed.data.id}" is repeated.` });
      return;
    }
    seen.add(parsed.data.id);
    vendors.push(parsed.data);
  });
  return { vendors, problems };
}

/** Validates a stored/managed checklist: null (and the problems) when it is damaged. Never throws. */
export function parseChecklistValue(raw: unknown, prefix: string): ChecklistRead {
  if (raw === undefined || raw === null) return { checklist: null, problems: [] };
  const parsed = ChecklistSchema.safeParse(raw);
  return parsed.success
    ? { checklist: parsed.data, problems: [] }
    : { checklist: null, problems: schemaProblems(prefix, parsed.error) };
}

/**
 * The custom vendor profiles in `area` (validated by the registry: damaged entries are kept aside under
 * `customVendors:unreadable` and reported; a repeated id is reported and the first one used).
 */
export async function readCustomVendors(area: StorageAreaLike): Promise<VendorsRead> {
  const read = await readList(area, customVendorsItem);
  const vendors: VendorProfile[] = [];
  const problems: DataProblem[] = [...(read.problem?.problems ?? [])];
  const seen = new Set<string>();
  read.value.forEach((vendor, i) => {
    if (seen.has(vendor.id)) {
      problems.push({ code: 'duplicate-id', path: `${CUSTOM_VENDORS_KEY}[${i}].id`, message: `Vendor id "${vendor.id}" is repeated.` });
      return;
    }
    seen.add(vendor.id);
    vendors.push(vendor);
  });
  return { vendors, problems };
}

/**
 * Stores the custom vendor profiles, all or nothing: every entry must pass the vendor schema and ids
 * must be unique. The stored value is the parsed one (defaults applied, unknown keys refused).
 */
export async function writeCustomVendors(area: StorageAreaLike, vendors: readonly unknown[]): Promise<WriteResult> {
  if (vendors.length > MAX_CUSTOM_VENDORS) {
    return { ok: false, problems: [{ code: 'schema', path: CUSTOM_VENDORS_KEY, message: `At most ${MAX_CUSTOM_VENDORS} profiles.` }] };
  }
  const read = parseVendorList([...vendors], CUSTOM_VENDORS_KEY);
  if (read.problems.length > 0) return { ok: false, problems: read.problems };
  const written = await writeList(area, customVendorsItem, read.vendors);
  return written.ok ? { ok: true } : { ok: false, problems: written.problems };
}

/** The custom checklist in `area`, or null (none stored, or damaged — then kept aside and reported). */
export async function readChecklist(area: StorageAreaLike): Promise<ChecklistRead> {
  const read = await readValue(area, checklistItem);
  return { checklist: read.value ?? null, problems: [...(read.problem?.problems ?? [])] };
}

/** Stores a checklist after validating it; `null` removes it (back to the shipped default). */
export async function writeChecklist(area: StorageAreaLike, checklist: unknown): Promise<WriteResult> {
  if (checklist === null) {
    await removeItem(area, checklistItem);
    return { ok: true };
  }
  const written = await writeValue(area, checklistItem, checklist);
  return written.ok ? { ok: true } : { ok: false, problems: written.problems };
}

/**
 * The profiles that override or extend the built-in ones, first match wins — what `getVendor(id, custom)`
 * takes: the administrator's (managed) first, then the local ones whose id the administrator did not set.
 */
export function vendorOverrides(
  custom: readonly VendorProfile[],
  managed: readonly VendorProfile[] = [],
): VendorProfile[] {
  const managedIds = new Set(managed.map((v) => v.id));
  return [...managed, ...custom.filter((v) => !managedIds.has(v.id))];
}

/**
 * Every vendor a surface offers: the built-in ones in their order, each replaced by a custom (or
 * managed) profile with the same id, then the other custom/managed profiles in their order.
 */
export function effectiveVendors(
  custom: readonly VendorProfile[],
  managed: readonly VendorProfile[] = [],
): VendorProfile[] {
  const overrides = vendorOverrides(custom, managed);
  const byId = new Map(overrides.map((v) => [v.id, v]));
  const builtInIds = new Set(builtInVendors.map((v) => v.id));
  return [
    ...builtInVendors.map((v) => byId.get(v.id) ?? v),
    ...overrides.filter((v) => !builtInIds.has(v.id)),
  ];
}

/** The checklist surfaces use: the administrator's, else the stored one, else the shipped default. */
export function effectiveChecklist(stored: Checklist | null | undefined, managed?: Checklist | null): Checklist {
  return managed ?? stored ?? DEFAULT_ESIM_CHECKLIST;
}

/** Result of {@link parseChecklistJson}. */
export type ChecklistJsonResult =
  | { readonly ok: true; readonly checklist: Checklist }
  | { readonly ok: false; readonly error: { readonly code: DataProblemCode; readonly message: string; readonly issues: DataProblem[] } };

/** Parses an imported checklist file. Never throws: schema problems come with their path (`steps[2].label.fr`). */
export function parseChecklistJson(text: string): ChecklistJsonResult {
  if (text.length > MAX_CHECKLIST_JSON) {
    return { ok: false, error: { code: 'too-large', message: 'This file is too large for a checklist.', issues: [] } };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { code: 'json', message: `This is not JSON: ${detail}`, issues: [] } };
  }
  const parsed = ChecklistSchema.safeParse(value);
  if (parsed.success) return { ok: true, checklist: parsed.data };
  const issues = schemaProblems('', parsed.error);
  return {
    ok: false,
    error: { code: 'schema', message: `This is not a valid checklist (${issues.length} problem${issues.length === 1 ? '' : 's'}).`, issues },
  };
}

/** A vendor profile or checklist as the JSON file Options exports (re-importable as is). */
export function toJsonFile(value: VendorProfile | Checklist): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Adds a profile to the custom list, replacing the one with the same id (keeps the list's order). */
export function upsertVendor(list: readonly VendorProfile[], profile: VendorProfile): VendorProfile[] {
  const at = list.findIndex((v) => v.id === profile.id);
  if (at < 0) return [...list, profile];
  return list.map((v, i) => (i === at ? profile : v));
}
