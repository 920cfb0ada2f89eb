/**
 * Applies the IT administrator's policy (`storage.managed`, lib/settings/managed.ts) where other
 * contexts read plain `storage.local`: the default vendor and loopback switch are written into the
 * settings (policy wins; Options shows them as set by the administrator), the managed catalog into the
 * catalog key, the managed portals into the content script's copy. Run at start-up and whenever the
 * policy changes. No policy changes nothing.
 */
import { browser } from 'wxt/browser';
import { managedSettingsPatch, readManaged, type ManagedAreaLike } from '../../lib/settings/managed';
import { readSettings, writeSettings } from '../../lib/settings/settings';
import { ensureDefaultCatalog } from './default-catalog';
import { syncPortalScript } from './portals';

/**
 * See the module comment. At start-up pass `{ settingsOnly: true }`: the worker already runs
 * `ensureDefaultCatalog` and `syncPortalScript` (both read the policy themselves), and two concurrent
 * script registrations would collide.
 */
export async function syncManagedPolicy({
  settingsOnly = false,
}: { settingsOnly?: boolean } = {}): Promise<void> {
  const managed = await readManaged(browser.storage.managed as ManagedAreaLike | undefined);
  const patch = managedSettingsPatch(await readSettings(browser.storage.local), managed.data);
  if (Object.keys(patch).length > 0) await writeSettings(browser.storage.local, patch);
  if (settingsOnly) return;
  await ensureDefaultCatalog();
  await syncPortalScript();
}
