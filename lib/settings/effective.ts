/**
 * The effective configuration: shipped defaults ← the agent's settings and data (`storage.local`) ←
 * the administrator's policy (`storage.managed`, ./managed.ts). Policy wins; anything the policy does
 * not set stays the agent's choice. Every surface that needs a setting the policy can set reads it
 * here, so the precedence is written once, and the agent's own values are never overwritten by the
 * policy (when the policy goes, the agent's choices come back). The result also says which values are
 * managed, so Options can show them read-only.
 */
import { EXAMPLE_CATALOG, type Catalog } from '../catalog';
import type { Checklist } from '../escalation/checklist';
import type { VendorProfile } from '../escalation/vendor-profile';
import type { PortalProfile } from '../portal/profile-schema';
import {
  effectiveChecklist,
  effectiveVendors,
  readChecklist,
  readCustomVendors,
  vendorOverrides,
} from './custom-data';
import type { DataProblem } from './data-problem';
import {
  applyManagedSettings,
  effectivePortals,
  managedKeys,
  readManaged,
  type ManagedAreaLike,
  type ManagedData,
  type ManagedKey,
} from './managed';
import { catalogItem, readList, readValue, userPortalsItem } from './registry';
import { DEFAULT_SETTINGS, readSettingsWithProblem, type Settings } from './settings';
import type { StorageAreaLike } from './storage-area';

/** The settings fields the policy can set (public/managed-schema.json). */
export const MANAGEABLE_SETTINGS = [
  'defaultVendorId',
  'loopbackEnabled',
] as const satisfies readonly (keyof Settings & ManagedKey)[];
/** One of {@link MANAGEABLE_SETTINGS}. */
export type ManageableSetting = (typeof MANAGEABLE_SETTINGS)[number];

/** What the agent stored (absent parts: nothing stored, the shipped default applies). */
export interface UserConfig {
  readonly settings?: Settings;
  readonly portals?: readonly PortalProfile[];
  readonly vendors?: readonly VendorProfile[];
  readonly checklist?: Checklist | null;
  readonly catalog?: Catalog | null;
}

/** The configuration in effect and what of it the administrator sets. */
export interface EffectiveConfig {
  readonly settings: Settings;
  /** The portals besides the built-in ones: the managed ones, then the agent's whose id the policy does not set. */
  readonly portals: PortalProfile[];
  /** Every vendor to offer (built-ins replaced by custom/managed profiles of the same id, then the others). */
  readonly vendors: VendorProfile[];
  /** The profiles that override or extend the built-ins (`getVendor(id, overrides)`). */
  readonly vendorOverrides: VendorProfile[];
  readonly checklist: Checklist;
  readonly checklistSource: 'default' | 'custom' | 'managed';
  readonly catalog: Catalog;
  /** What the policy sets, part by part (what Options shows as "set by your administrator"). */
  readonly managed: {
    readonly parts: readonly ManagedKey[];
    readonly settings: readonly ManageableSetting[];
  };
}

/** See the module comment. Pure: `user` is what was read from storage, `policy` the valid policy parts. */
export function effectiveConfig(user: UserConfig, policy: ManagedData): EffectiveConfig {
  const stored = user.settings ?? DEFAULT_SETTINGS;
  const checklist = user.checklist ?? null;
  return {
    settings: applyManagedSettings({ ...stored }, policy),
    portals: effectivePortals(user.portals ?? [], policy.portals),
    vendors: effectiveVendors(user.vendors ?? [], policy.vendors),
    vendorOverrides: vendorOverrides(user.vendors ?? [], policy.vendors),
    checklist: effectiveChecklist(checklist, policy.checklist),
    checklistSource: policy.checklist ? 'managed' : checklist ? 'custom' : 'default',
    catalog: policy.catalog ?? user.catalog ?? EXAMPLE_CATALOG,
    managed: {
      parts: managedKeys(policy),
      settings: MANAGEABLE_SETTINGS.filter((k) => policy[k] !== undefined),
    },
  };
}

/** The storage areas the configuration comes from (`managed` may be missing: nothing managed). */
export interface ConfigAreas {
  readonly local: StorageAreaLike;
  readonly managed?: ManagedAreaLike | undefined;
}

/** The parts of the agent's configuration a reader needs (each part costs a read and a parse). */
export type UserConfigPart = keyof UserConfig;

/**
 * {@link effectiveConfig} read from storage, with every problem found on the way (policy and stored
 * values). Only `parts` of the agent's configuration are read; the others take their shipped default,
 * so read the parts you use (the policy is always read).
 */
export async function loadEffectiveConfig(
  areas: ConfigAreas,
  parts: readonly UserConfigPart[] = ['settings', 'portals', 'vendors', 'checklist', 'catalog'],
): Promise<{ config: EffectiveConfig; problems: DataProblem[] }> {
  const want = new Set(parts);
  const problems: DataProblem[] = [];
  const [policy, settings, portals, vendors, checklist, catalog] = await Promise.all([
    readManaged(areas.managed),
    want.has('settings') ? readSettingsWithProblem(areas.local) : null,
    want.has('portals') ? readList(areas.local, userPortalsItem) : null,
    want.has('vendors') ? readCustomVendors(areas.local) : null,
    want.has('checklist') ? readChecklist(areas.local) : null,
    want.has('catalog') ? readValue(areas.local, catalogItem) : null,
  ]);
  problems.push(...policy.problems);
  if (settings?.problem) problems.push(...settings.problem.problems);
  if (portals?.problem) problems.push(...portals.problem.problems);
  if (vendors) problems.push(...vendors.problems);
  if (checklist) problems.push(...checklist.problems);
  if (catalog?.problem) problems.push(...catalog.problem.problems);
  const user: UserConfig = {
    ...(settings ? { settings: settings.settings } : {}),
    ...(portals ? { portals: portals.value } : {}),
    ...(vendors ? { vendors: vendors.vendors } : {}),
    ...(checklist ? { checklist: checklist.checklist } : {}),
    ...(catalog ? { catalog: catalog.value ?? null } : {}),
  };
  return { config: effectiveConfig(user, policy.data), problems };
}
