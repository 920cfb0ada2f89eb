/**
 * Extension-wide preferences kept in `storage.local` (extension storage: not readable by pages, not
 * cleared with browsing data). Behaviour that differs per customer — portals, catalog, vendors,
 * checklist — is data; these are the switches around it. The value is a registry item (./registry.ts):
 * versioned, migrated on read, and a value that no longer parses is kept aside and reported — the
 * surface then works with the defaults, but nothing the agent stored is lost.
 *
 * These are the agent's own choices. What a surface should use is the effective configuration
 * (./effective.ts), where the administrator's policy wins.
 */
import {
  readValue,
  settingsItem,
  SettingsSchema,
  writeValue,
  type ProblemLog,
  type Settings,
  type StorageProblem,
} from './registry';
import type { StorageAreaLike } from './storage-area';

export { SettingsSchema, type Settings } from './registry';
export { CATALOG_KEY, SETTINGS_KEY, USER_PORTALS_KEY } from './keys';

/** Loopback is where the demo portal runs; enabled by default, can be turned off (issue 2). */
export const LOOPBACK_PATTERNS = ['http://localhost/*', 'http://127.0.0.1/*'] as const;

/** The shipped defaults. */
export const DEFAULT_SETTINGS: Settings = Object.freeze(SettingsSchema.parse({}));

/** The agent's settings and, when the stored value did not read, what was wrong (it was kept aside). */
export async function readSettingsWithProblem(
  area: StorageAreaLike,
  log?: ProblemLog,
): Promise<{ settings: Settings; problem: StorageProblem | null }> {
  const read = await readValue(area, settingsItem, log);
  return { settings: read.value ?? { ...DEFAULT_SETTINGS }, problem: read.problem };
}

/** The agent's settings (defaults for what is not stored or did not read — see the module comment). */
export async function readSettings(area: StorageAreaLike): Promise<Settings> {
  return (await readSettingsWithProblem(area)).settings;
}

export async function writeSettings(area: StorageAreaLike, patch: Partial<Settings>): Promise<Settings> {
  const next = SettingsSchema.parse({ ...(await readSettings(area)), ...patch });
  const written = await writeValue(area, settingsItem, next);
  return written.ok ? written.value : next;
}
