/**
 * The drafts store for the sidebar. The sidebar is an extension page framed in the portal, where
 * browsers refuse or partition IndexedDB; the background owns first-party storage, so it answers the
 * sidebar's calls over a port and tells it when drafts changed (from any surface).
 */
import { browser, type Browser } from 'wxt/browser';
import { createDraftsApi } from '../../lib/db/drafts-api';
import type { HelpdeskDb } from '../../lib/db/database';
import {
  clearJournal,
  createJournalQueue,
  putJournalEntry,
  readJournal,
  type ClearScope,
} from '../../lib/db/journal-repo';
import {
  answerDraftsCall,
  answerJournalMessage,
  DRAFTS_PORT,
  type JournalEntryWire,
} from '../../lib/messaging/drafts-rpc';

export function createDraftsService(db: () => HelpdeskDb) {
  const api = createDraftsApi(db());
  // The sidebar's crash copies of unsaved edits (issue 12): the `journal` table of the extension's
  // IndexedDB, durable against a killed browser once committed (storage.session, memory only, lost
  // everything). Per draft, one write in flight and the newest waiting; drafts never hold secrets.
  const queue = createJournalQueue((draftId, op) =>
    op.kind === 'write' ? putJournalEntry(db(), draftId, op.entry) : clearJournal(db(), draftId, op.scope),
  );
  const journal = {
    async read(id: string) {
      await queue.idle();
      const read = await readJournal(db(), id);
      if (!read.ok) return null;
      const { entries, saved } = read.snapshot;
      const newest = [...entries].sort((a, b) => b.at - a.at)[0];
      return newest ? { ...newest, entries, saved } : null;
    },
    write(id: string, entry: JournalEntryWire) {
      queue.push(id, { kind: 'write', entry });
    },
    clear(id: string, scope?: ClearScope) {
      queue.push(id, scope ? { kind: 'clear', scope } : { kind: 'clear' });
    },
  };
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
