/**
 * The background service worker: the whole wiring of the extension on one screen.
 * Context menu, keyboard command, toolbar menu, the message router, the sidebar channel,
 * content-script registration for enabled portals and the retention schedule.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createTabContexts } from '../../lib/settings/tab-contexts';
import { createRouter } from './router';
import { createSidebarPorts } from './sidebar-ports';
import { createDraftsService } from './drafts-service';
import { database } from './database';
import { isPortalUrl, syncPortalScript } from './portals';
import { ensureDefaultCatalog } from './default-catalog';
import { escalateIccid, ESCALATE_MENU_ID, OPEN_SIDEBAR_MENU_ID, purgeExpiredDrafts } from './escalate';
import { createEvidenceCapture } from './capture';
import { syncManagedPolicy } from './managed-policy';

const PURGE_ALARM = 'purge-expired-drafts';

export default defineBackground({
  type: 'module',
  main() {
    const contexts = createTabContexts(browser.storage.session);
    const sidebars = createSidebarPorts(contexts);
    const drafts = createDraftsService(database);
    const evidence = createEvidenceCapture({ isPortalUrl });

    async function setSidebar(tabId: number, open: boolean | 'toggle') {
      const message = open === 'toggle' ? { type: 'toggle-sidebar' } : { type: 'set-sidebar', open };
      await browser.tabs.sendMessage(tabId, message).catch(() => undefined);
    }

    const route = createRouter({
      async fromContent(message, tab) {
        if (!(await isPortalUrl(tab.url))) throw new Error('Not an enabled portal.');
        switch (message.type) {
          case 'page-context':
            await contexts.set(tab.id, message.context);
            sidebars.push(tab.id, { type: 'context', tabId: tab.id, context: message.context });
            return null;
          case 'escalate-iccid':
            return escalateIccid(message.iccid, tab.id, { contexts, sidebars, setSidebar });
          case 'sidebar-state':
            return null;
          case 'load-guard':
            await browser.scripting.executeScript({
              target: { tabId: tab.id, frameIds: [0] },
              files: ['/portal-guard.js'],
            });
            return null;
          case 'captured-call':
            return evidence.onCapturedCall(tab.id, message.channel, message.call);
        }
      },
      async fromPage(message, sender) {
        switch (message.type) {
          case 'close-sidebar':
            if (sender.tab?.id !== undefined) await setSidebar(sender.tab.id, false);
            return null;
          case 'dock-sidebar':
            if (sender.tab?.id !== undefined) {
              await browser.tabs
                .sendMessage(sender.tab.id, { type: 'dock-sidebar', side: message.side })
                .catch(() => undefined);
            }
            return null;
          case 'get-tab-context':
            return contexts.get(message.tabId);
          case 'open-sidebar': {
            const tab = await browser.tabs.get(message.tabId);
            if (!(await isPortalUrl(tab.url))) return { opened: false };
            if (message.draftId) sidebars.openDraft(message.tabId, message.draftId);
            await setSidebar(message.tabId, true);
            return { opened: true };
          }
          case 'portals-changed':
            return syncPortalScript();
          case 'capture-tab':
            return evidence.captureTab(message, sender);
          case 'capture-start':
            return evidence.start(message, sender);
          case 'capture-stop':
            return evidence.stop(message, sender);
          case 'capture-status':
            return evidence.status(message, sender);
          case 'list-captured-calls':
            return evidence.list(message, sender);
        }
      },
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
          contexts: ['action'],
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
