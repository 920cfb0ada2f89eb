/**
 * The drafts store for the sidebar. The sidebar is an extension page framed in the portal, where
 * browsers refuse or partition IndexedDB; the background owns first-party storage, so it answers the
 * sidebar's calls over a port and tells it when drafts changed (from any surface).
 */
import { browser, type Browser } from 'wxt/browser';
import { createDraftsApi } from '../../lib/db/drafts-api';
import type { HelpdeskDb } from '../../lib/db/database';
import {
  answerDraftsCall,
  answerJournalMessage,
  DRAFTS_PORT,
  type JournalEntryWire,
} from '../../lib/messaging/drafts-rpc';

// The sidebar's crash copies of unsaved edits: session storage (memory of this browser session, never
// on disk); drafts never hold secrets.
const journalKey = (id: string) => `draft-journal:${id}`;
const journal = {
  async read(id: string) {
    return (
      ((await browser.storage.session.get(journalKey(id)))[journalKey(id)] as JournalEntryWire | undefined) ??
      null
    );
  },
  async write(id: string, entry: JournalEntryWire) {
    await browser.storage.session.set({ [journalKey(id)]: entry });
  },
  async clear(id: string) {
    await browser.storage.session.remove(journalKey(id));
  },
};

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
        port.sender?.id === browser.runtime.id &&
        (port.sender?.url ?? '').startsWith(browser.runtime.getURL('/'));
      if (!fromExtensionPage) {
        port.disconnect();
        return true;
      }
      ports.add(port);
      port.onDisconnect.addListener(() => ports.delete(port));
      port.onMessage.addListener((raw: unknown) => {
        const isJournal =
          typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'journal';
        void (isJournal ? answerJournalMessage(journal, raw) : answerDraftsCall(api, raw)).then((answer) => {
          if (answer?.type === 'none') return;
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
