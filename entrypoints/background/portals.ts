/**
 * Where the portal content script runs: loopback (unless turned off) plus every user-added portal
 * whose host permission the agent granted. Registered at run time so that enabling a portal in
 * Options takes effect without a new manifest (least privilege: no <all_urls>).
 */
import { browser } from 'wxt/browser';
import { LOOPBACK_PATTERNS, readSettings, USER_PORTALS_KEY } from '../../lib/settings/settings';
import { PortalProfileSchema } from '../../lib/portal/profile-schema';
// Static: a dynamic import() in the service worker goes through Vite's preload helper, which touches
// `document` (undefined in a worker) and made every content-script message fail.
import { matchesPattern } from '../../lib/portal/match-pattern';

const SCRIPT_ID = 'portal';

/** The match patterns the content script should run on now. */
export async function enabledPortalPatterns(): Promise<string[]> {
  const settings = await readSettings(browser.storage.local);
  const patterns = new Set<string>(settings.loopbackEnabled ? LOOPBACK_PATTERNS : []);
  const raw = (await browser.storage.local.get(USER_PORTALS_KEY))[USER_PORTALS_KEY];
  for (const entry of Array.isArray(raw) ? raw : []) {
    const parsed = PortalProfileSchema.safeParse(entry);
    if (!parsed.success) continue;
    for (const pattern of parsed.data.urlPatterns) {
      if (await browser.permissions.contains({ origins: [pattern] })) patterns.add(pattern);
    }
  }
  return [...patterns];
}

/** Makes the registered content script match `enabledPortalPatterns()`; idempotent. */
export async function syncPortalScript(): Promise<string[]> {
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
