/**
 * What the Options page needs from the platform, as one interface: the entry point implements it with
 * `browser.*` and the drafts database; component tests pass a fake. Components stay free of browser APIs.
 */
import type { Catalog } from '../../lib/catalog';
import type { ImportResult } from '../../lib/db';
import type { PageContext } from '../../lib/portal/page-context';
import type { PortalProfile } from '../../lib/portal/profile-schema';
import type { ManageableSetting } from '../../lib/settings/effective';
import type { Settings } from '../../lib/settings/settings';

/** What "Test on an open tab" found. */
export type ProfileTestResult =
  | { readonly ok: true; readonly url: string; readonly context: PageContext }
  | { readonly ok: false; readonly code: 'no-tab' | 'failed'; readonly message?: string };

/** The platform side of the Options page. */
export interface OptionsApi {
  /** The settings in effect (the administrator's value where the policy sets one, lib/settings/effective.ts). */
  loadSettings(): Promise<Settings>;
  /** The settings the administrator sets (shown read-only); none when absent. */
  managedSettings?(): Promise<readonly ManageableSetting[]>;
  /** Saves a settings change and returns the settings in effect; the entry point also tells the background when portals are affected. */
  saveSettings(patch: Partial<Settings>): Promise<Settings>;
  listUserPortals(): Promise<PortalProfile[]>;
  /** Stores the agent's portals (already validated) and tells the background to re-register the script. */
  saveUserPortals(portals: PortalProfile[]): Promise<void>;
  /** Asks for host access to these patterns. Must be called straight from a click (a user gesture). */
  requestOrigins(patterns: string[]): Promise<boolean>;
  /** Reads an open tab matching the profile with that profile, without changing the tab. */
  testProfile(profile: PortalProfile): Promise<ProfileTestResult>;
  loadCatalog(): Promise<Catalog>;
  saveCatalog(catalog: Catalog): Promise<void>;
  exportBackup(): Promise<{ ok: true; json: string; drafts: number } | { ok: false; message: string }>;
  importBackup(text: string, mode: 'merge' | 'replace'): Promise<ImportResult>;
  /** Issue 17: the drafts stored here, named before "Replace" deletes them; none: not offered. */
  storedDrafts?(): Promise<{ total: number; open: number }>;
  /** Offers a file to save. */
  download(filename: string, text: string, mime: string): void;
}
