/**
 * Every extension-storage key the product uses, with its area — the names only. Zod-free on purpose:
 * the portal content script (entrypoints/portal/*, entrypoints/portal-guard.ts) imports these instead of
 * string literals and must stay small (no zod in its bundle). The schema, version and migrations of each
 * stored value are in ./registry.ts; the content script reads only values the background or Options
 * validated before writing them.
 *
 * Versions follow WXT's storage convention (`storage.defineItem`): the version of `key` is stored
 * as `{ v: n }` under `key$`; no version stored means version 1 (what everything before the registry
 * wrote). A value that no longer reads is moved to `key:unreadable` instead of being replaced.
 */

/** The extension storage areas (`storage.local`, `.session`, `.managed`). */
export type StorageAreaName = 'local' | 'session' | 'managed';

/** The agent's preferences (Options → Escalation and data, loopback switch). */
export const SETTINGS_KEY = 'settings';
/** The portal profiles the agent added (Options → Portals). Read by the content script. */
export const USER_PORTALS_KEY = 'userPortals';
/**
 * The administrator's valid portal profiles, a derived copy of `storage.managed.portals` for the
 * content script (it has no zod to validate the policy itself). One writer: the background
 * (entrypoints/background/portals.ts); removed when the policy sets none.
 */
export const MANAGED_PORTALS_KEY = 'managedPortals';
/**
 * The plan catalog in effect. Read by the portal guard and the sidebar's plan finder. Written by
 * Options (an import) and by the background (the shipped example when none is stored; the
 * administrator's catalog when the policy sets one).
 */
export const CATALOG_KEY = 'catalog';
/** The agent's own vendor profiles (Options → Vendor profiles). */
export const CUSTOM_VENDORS_KEY = 'customVendors';
/** The imported troubleshooting checklist (absent = the shipped default). */
export const CHECKLIST_KEY = 'checklist';
/** `storage.session`: the latest page context of a tab (lib/settings/tab-contexts.ts). */
export const TAB_CONTEXT_PREFIX = 'tab-context:';

/** The versioned keys of `storage.local` and their area (the registry declares one item for each). */
export const STORAGE_KEYS = {
  [SETTINGS_KEY]: 'local',
  [USER_PORTALS_KEY]: 'local',
  [MANAGED_PORTALS_KEY]: 'local',
  [CATALOG_KEY]: 'local',
  [CUSTOM_VENDORS_KEY]: 'local',
  [CHECKLIST_KEY]: 'local',
} as const satisfies Record<string, StorageAreaName>;
/** One of {@link STORAGE_KEYS}. */
export type StorageKey = keyof typeof STORAGE_KEYS;

/** Where the version of `key` is kept (WXT's metadata key: `key$` holds `{ v: n }`). */
export const versionKey = (key: string): string => `${key}$`;
/** Where a value of `key` that no longer reads is kept, so nothing is lost. */
export const unreadableKey = (key: string): string => `${key}:unreadable`;
/** The key a {@link unreadableKey} was made from, or null. */
export function keyOfUnreadable(key: string): string | null {
  return key.endsWith(':unreadable') ? key.slice(0, -':unreadable'.length) : null;
}
