/**
 * Follows the IT administrator's policy (`storage.managed`, lib/settings/managed.ts) where the content
 * script needs it: it has no zod to validate the policy itself, so the background writes derived copies
 * of the parts it reads — the managed catalog into the catalog key (default-catalog.ts) and the
 * managed portals into `managedPortals` (portals.ts). Settings are not copied: every surface reads
 * them through the effective configuration (lib/settings/effective.ts), so the agent's own choices
 * stay stored and come back when the policy goes. Run at start-up and whenever the policy changes.
 */
import { browser } from 'wxt/browser';
import { migrateStoredItems } from '../../lib/settings/registry';
import { ensureDefaultCatalog } from './default-catalog';
import { syncPortalScript } from './portals';

/**
 * See the module comment. At start-up pass `{ settingsOnly: true }`: the worker already runs
 * `ensureDefaultCatalog` and `syncPortalScript` (two concurrent script registrations would collide);
 * this then only brings every stored value to today's version, so migrations run in one context first.
 */
export async function syncManagedPolicy({
  settingsOnly = false,
}: { settingsOnly?: boolean } = {}): Promise<void> {
  if (settingsOnly) {
    await migrateStoredItems(browser.storage.local);
    return;
  }
  await ensureDefaultCatalog();
  await syncPortalScript();
}
