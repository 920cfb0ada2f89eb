/**
 * Where the portal content script runs: loopback (unless turned off) plus every user-added portal
 * whose host permission the agent granted. Registered at run time so that enabling a portal in
 * Options takes effect without a new manifest (least privilege: no <all_urls>).
 */
import { browser } from 'wxt/browser';
import { loadEffectiveConfig } from '../../lib/settings/effective';
import { readManaged } from '../../lib/settings/managed';
import { managedPortalsItem, removeItem, writeList } from '../../lib/settings/registry';
import { LOOPBACK_PATTERNS } from '../../lib/settings/settings';
import { browserConfigAreas, managedStorage } from '../../components/platform/storage-areas';
// Static: a dynamic import() in the service worker goes through Vite's preload helper, which touches
// `document` (undefined in a worker) and made every content-script message fail.
import { matchesPattern } from '../../lib/portal/match-pattern';
import { CAPTURE_SCRIPT_IDS, captureScripts } from './capture-scripts';

const SCRIPT_ID = 'portal';

/** The match patterns the content script should run on now. */
export async function enabledPortalPatterns(): Promise<string[]> {
  // Policy wins (lib/settings/effective.ts): a managed loopback switch replaces the agent's; managed
  // portals count as the agent's own (they still need their host permission granted).
  const { config } = await loadEffectiveConfig(browserConfigAreas(), ['settings', 'portals']);
  const patterns = new Set<string>(config.settings.loopbackEnabled ? LOOPBACK_PATTERNS : []);
  for (const portal of config.portals) {
    for (const pattern of portal.urlPatterns) {
      if (await browser.permissions.contains({ origins: [pattern] })) patterns.add(pattern);
    }
  }
  return [...patterns];
}

/**
 * Copies the valid managed portals to `storage.local` (`managedPortals`, lib/settings/keys.ts), where
 * the content script (which has no zod) reads them before the agent's own; removes the copy when the
 * policy sets none. The only writer of that key.
 */
async function mirrorManagedPortals(): Promise<void> {
  const managed = await readManaged(managedStorage());
  if (managed.data.portals?.length) await writeList(browser.storage.local, managedPortalsItem, managed.data.portals);
  else await removeItem(browser.storage.local, managedPortalsItem);
}

/** Makes the registered content script match `enabledPortalPatterns()`; idempotent. */
export async function syncPortalScript(): Promise<string[]> {
  await mirrorManagedPortals();
  const matches = await enabledPortalPatterns();
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID, ...CAPTURE_SCRIPT_IDS] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  if (matches.length) {
    const portal = { id: SCRIPT_ID, matches, js: ['portal.js'], runAt: 'document_idle' as const, allFrames: false };
    // Issue 14: the API-capture hook and relay at document_start (capture-scripts.ts); a browser that
    // refuses a MAIN-world script still gets the portal script, and capture says it is unavailable.
    await browser.scripting
      .registerContentScripts([portal, ...captureScripts(matches)])
      .catch(() => browser.scripting.registerContentScripts([portal]));
  }
  return matches;
}

/** Whether a tab's URL is one of the enabled portals (the sidebar shows nothing elsewhere). */
export async function isPortalUrl(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  return (await enabledPortalPatterns()).some((p) => matchesPattern(p, url));
}
