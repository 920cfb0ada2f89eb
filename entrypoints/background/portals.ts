/**
 * Where the portal content script runs: loopback (unless turned off) plus every user-added portal
 * whose host permission the agent granted. Registered at run time so that enabling a portal in
 * Options takes effect without a new manifest (least privilege: no <all_urls>).
 */
import { browser } from 'wxt/browser';
import { LOOPBACK_PATTERNS, readSettings, USER_PORTALS_KEY } from '../../lib/settings/settings';
import { MANAGED_PORTALS_KEY, readManaged, type ManagedAreaLike } from '../../lib/settings/managed';
import { PortalProfileSchema } from '../../lib/portal/profile-schema';
// Static: a dynamic import() in the service worker goes through Vite's preload helper, which touches
// `document` (undefined in a worker) and made every content-script message fail.
import { matchesPattern } from '../../lib/portal/match-pattern';

const SCRIPT_ID = 'portal';

/** The match patterns the content script should run on now. */
export async function enabledPortalPatterns(): Promise<string[]> {
  const settings = await readSettings(browser.storage.local);
  // Policy wins: a managed loopback switch replaces the agent's; managed portals count as the
  // agent's own (they still need their host permission granted).
  const managed = await readManaged(browser.storage.managed as ManagedAreaLike | undefined);
  const loopback = managed.data.loopbackEnabled ?? settings.loopbackEnabled;
  const patterns = new Set<string>(loopback ? LOOPBACK_PATTERNS : []);
  const raw = (await browser.storage.local.get(USER_PORTALS_KEY))[USER_PORTALS_KEY];
  for (const entry of [...(managed.data.portals ?? []), ...(Array.isArray(raw) ? raw : [])]) {
    const parsed = PortalProfileSchema.safeParse(entry);
    if (!parsed.success) continue;
    for (const pattern of parsed.data.urlPatterns) {
      if (await browser.permissions.contains({ origins: [pattern] })) patterns.add(pattern);
    }
  }
  return [...patterns];
}

/**
 * Copies the valid managed portals to `storage.local[MANAGED_PORTALS_KEY]`, where the content script
 * (which has no zod) reads them before the agent's own; removes the copy when the policy sets none.
 */
async function mirrorManagedPortals(): Promise<void> {
  const managed = await readManaged(browser.storage.managed as ManagedAreaLike | undefined);
  if (managed.data.portals?.length)
    await browser.storage.local.set({ [MANAGED_PORTALS_KEY]: managed.data.portals });
  else await browser.storage.local.remove(MANAGED_PORTALS_KEY);
}

/** Makes the registered content script match `enabledPortalPatterns()`; idempotent. */
export async function syncPortalScript(): Promise<string[]> {
  await mirrorManagedPortals();
  const matches = await enabledPortalPatterns();
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (matches.length) {
    await browser.scripting.registerContentScripts([
      { id: SCRIPT_ID, matches, js: ['portal.js'], runAt: 'document_idle', allFrames: false },
    ]);
  }
  return matches;
}

/** Whether a tab's URL is one of the enabled portals (the sidebar shows nothing elsewhere). */
export async function isPortalUrl(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  return (await enabledPortalPatterns()).some((p) => matchesPattern(p, url));
}
