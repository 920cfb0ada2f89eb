/**
 * Context menu "Escalate this ICCID" (and the inline badges, which lead to the same flow): a valid
 * selection opens a draft — the open one for that ICCID when it exists — in the portal sidebar, or
 * in the drafts tab when the tab is not a portal; an invalid one gets a notification naming why and
 * creates nothing.
 */
import { browser } from 'wxt/browser';
import { purgeExpired } from '../../lib/db';
import { startEscalation } from '../../lib/drafts/start-escalation';
import { readSettings } from '../../lib/settings/settings';
import { loadEffectiveConfig } from '../../lib/settings/effective';
import { browserConfigAreas } from '../../components/platform/storage-areas';
import type { TabContexts } from '../../lib/settings/tab-contexts';
import type { SidebarPorts } from './sidebar-ports';
import { isPortalUrl } from './portals';
import { database } from './database';

export const ESCALATE_MENU_ID = 'escalate-iccid';
export const OPEN_SIDEBAR_MENU_ID = 'open-sidebar';

interface Deps {
  contexts: TabContexts;
  sidebars: SidebarPorts;
  setSidebar: (tabId: number, open: boolean) => Promise<void>;
}

// Keys are checked against public/_locales by a test; the typed overload knows only the last `wxt prepare`.
const message = (key: string, substitutions?: string) =>
  (browser.i18n.getMessage as (k: string, s?: string) => string)(key, substitutions);

export async function escalateIccid(text: string, tabId: number | undefined, deps: Deps) {
  // Policy wins over local choices (lib/settings/effective.ts); custom profiles win over built-in ones.
  const { config } = await loadEffectiveConfig(browserConfigAreas(), ['settings', 'vendors']);
  const { settings, vendorOverrides: customVendors } = config;
  const tab = tabId !== undefined ? await browser.tabs.get(tabId).catch(() => undefined) : undefined;
  const onPortal = !!tab && (await isPortalUrl(tab.url));
  const context = onPortal && tabId !== undefined ? await deps.contexts.get(tabId) : null;
  const result = await startEscalation(database(), {
    text,
    context,
    vendorId: settings.defaultVendorId,
    customVendors,
    now: new Date(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  if (!result.ok) {
    const reason = browser.i18n.getMessage(`iccidError_${result.error.code}`) || result.error.message;
    await browser.notifications.create({
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: browser.i18n.getMessage('notifyNotAnIccidTitle'),
      message: reason,
    });
    return result;
  }
  if (result.leftOut && result.leftOut.length > 0) {
    // Issue 16: the ICCIDs of the selection that failed validation are named, and left out.
    const named = result.leftOut.map(
      (l) => `${l.text} (${browser.i18n.getMessage(`iccidError_${l.code}`) || l.code})`,
    );
    await browser.notifications.create({
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: message('incidentLeftOutTitle'),
      message: message('incidentLeftOut', named.join(', ')),
    });
  }
  if (onPortal && tabId !== undefined) {
    deps.sidebars.openDraft(tabId, result.draft.id);
    await deps.setSidebar(tabId, true);
  } else {
    await browser.tabs.create({ url: browser.runtime.getURL(`/drafts.html#draft=${result.draft.id}`) });
  }
  return result;
}

export async function purgeExpiredDrafts(): Promise<number> {
  const settings = await readSettings(browser.storage.local);
  const result = await purgeExpired(database(), { retentionDays: settings.retentionDays });
  return result.ok ? result.purged : 0;
}
