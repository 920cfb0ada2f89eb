/**
 * The background service worker: the whole wiring of the extension on one screen.
 * Context menu, keyboard command, toolbar menu, the message handlers, the sidebar and drafts ports,
 * content-script registration for enabled portals and the retention schedule.
 */
// First: zod's jitless mode before any schema is used (lib/zod-jitless.ts).
import '../../lib/zod-jitless';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createTabContexts } from '../../lib/settings/tab-contexts';
import { createRouter } from './router';
import { captureHandlers } from './handlers/capture';
import { iccidLookupHandlers } from './handlers/iccid-lookup';
import { pageUiHandlers } from './handlers/page-ui';
import { portalHandlers } from './handlers/portal';
import { sessionMemoryHandlers } from './handlers/session-memory';
import { settingsHandlers } from './handlers/settings';
import { sidebarHandlers } from './handlers/sidebar';
import { teachHandlers } from './handlers/teach';
import { setSidebar } from './tabs';
import { createSidebarPorts } from './sidebar-ports';
import { createDraftsService } from './drafts-service';
import { database } from './database';
import { isPortalUrl, syncPortalScript } from './portals';
import { ensureDefaultCatalog } from './default-catalog';
import { escalateIccid, ESCALATE_MENU_ID, OPEN_SIDEBAR_MENU_ID, purgeExpiredDrafts } from './escalate';
import { createEvidenceCapture } from './capture';
import { syncManagedPolicy } from './managed-policy';
import { TOOLBAR_MENU_CONTEXT } from './browser-differences';
import { startReminders } from './reminders';

const PURGE_ALARM = 'purge-expired-drafts';
// A read of a 100,000-row page in slices takes a few seconds on a loaded machine.
const ASK_CONTEXT_MS = 10_000;

/** The portal content script's context of a tab, read now (its top frame; undefined: no answer). */
function askTabContext(tabId: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve(undefined), ASK_CONTEXT_MS)));
  const answer = browser.tabs.sendMessage(tabId, { type: 'get-context' }, { frameId: 0 });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}

export default defineBackground({
  type: 'module',
  main() {
    // Issue 15: portal pages are read when asked; the answer is awaited at most ASK_CONTEXT_MS.
    const contexts = createTabContexts(browser.storage.session, { ask: askTabContext });
    const sidebars = createSidebarPorts(contexts);
    const drafts = createDraftsService(database);
    const evidence = createEvidenceCapture({ isPortalUrl });

    // Every runtime message type of the registry (lib/messaging/registry.ts), one feature per line.
    const route = createRouter({
      ...portalHandlers({ contexts, sidebars }),
      ...sidebarHandlers({ contexts, sidebars }),
      ...captureHandlers(evidence),
      ...settingsHandlers(),
      ...pageUiHandlers(),
      ...sessionMemoryHandlers(browser.storage.session),
      ...teachHandlers(),
      ...iccidLookupHandlers({ contexts }),
    });

    browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
    browser.runtime.onConnect.addListener((port) => {
      if (!drafts.onConnect(port)) void sidebars.onConnect(port);
    });
    browser.tabs.onRemoved.addListener((tabId) => void contexts.remove(tabId));
    browser.tabs.onRemoved.addListener((tabId) => void evidence.forget(tabId));

    browser.runtime.onInstalled.addListener(() => {
      browser.contextMenus.removeAll().then(() => {
        browser.contextMenus.create({
          id: ESCALATE_MENU_ID,
          title: browser.i18n.getMessage('menuEscalateIccid'),
          contexts: ['selection'],
        });
        browser.contextMenus.create({
          id: OPEN_SIDEBAR_MENU_ID,
          title: browser.i18n.getMessage('menuOpenSidebar'),
          // Issue 20: `action` in MV3, `browser_action` in Firefox MV2 (browser-differences.ts).
          contexts: [TOOLBAR_MENU_CONTEXT],
        });
      });
      void browser.alarms.create(PURGE_ALARM, { periodInMinutes: 60 * 6, delayInMinutes: 1 });
    });

    browser.contextMenus.onClicked.addListener((info, tab) => {
      if (info.menuItemId === ESCALATE_MENU_ID) {
        void escalateIccid(info.selectionText ?? '', tab?.id, { contexts, sidebars, setSidebar });
      } else if (info.menuItemId === OPEN_SIDEBAR_MENU_ID && tab?.id !== undefined) {
        void setSidebar(tab.id, true);
      }
    });

    browser.commands.onCommand.addListener((command, tab) => {
      if (command === 'toggle-sidebar' && tab?.id !== undefined) void setSidebar(tab.id, 'toggle');
    });

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === PURGE_ALARM) void purgeExpiredDrafts();
    });

    // Issue 18: escalation reminders and the overdue badge, recomputed from the database on every start.
    startReminders(database);
    // Every start of the worker re-checks where the portal script runs (install, update, restart).
    void syncPortalScript();
    // The portal guard reads the plan catalog from storage only (its bundle has no zod).
    void ensureDefaultCatalog();
    // The administrator's policy (storage.managed) wins over local choices: applied now and on every change.
    void syncManagedPolicy({ settingsOnly: true });
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area === 'managed') void syncManagedPolicy();
    });
    browser.permissions.onAdded.addListener(() => void syncPortalScript());
    browser.permissions.onRemoved.addListener(() => void syncPortalScript());
  },
});
