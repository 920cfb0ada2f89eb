/**
 * The drafts store for the sidebar. The sidebar is an extension page framed in the portal, where
 * browsers refuse or partition IndexedDB; the background owns first-party storage, so it answers the
 * sidebar's calls over a port and tells it when drafts changed (from any surface).
 */
import { browser, type Browser } from 'wxt/browser';
import { createDraftsApi } from '../../lib/db/drafts-api';
import type { HelpdeskDb } from '../../lib/db/database';
import { answerDraftsCall, DRAFTS_PORT } from '../../lib/messaging/drafts-rpc';

export function createDraftsService(db: () => HelpdeskDb) {
  const api = createDraftsApi(db());
  const ports = new Set<Browser.runtime.Port>();
  api.watch(() => {
    for (const port of ports) port.postMessage({ type: 'changed' });
  });

  return {
    onConnect(port: Browser.runtime.Port) {
      if (port.name !== DRAFTS_PORT) return false;
      // Only our own extension pages may reach the drafts (never a content script or another extension).
      const fromExtensionPage =
        port.sender?.id === browser.runtime.id && (port.sender?.url ?? '').startsWith(browser.runtime.getURL('/'));
      if (!fromExtensionPage) {
        port.disconnect();
        return true;
      }
      ports.add(port);
      port.onDisconnect.addListener(() => ports.delete(port));
      port.onMessage.addListener((raw: unknown) => {
        void answerDraftsCall(api, raw).then((answer) => {
          if (!answer) return;
          try {
            port.postMessage(answer);
          } catch {
            // the sidebar closed while we worked
          }
        });
      });
      return true;
    },
  };
}
