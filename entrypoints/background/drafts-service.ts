/**
 * The drafts store for the sidebar. The sidebar is an extension page framed in the portal, where
 * browsers refuse or partition IndexedDB; the background owns first-party storage, so it answers the
 * sidebar's calls over a port and tells it when drafts changed (from any surface).
 */
import { browser, type Browser } from 'wxt/browser';
import { createDraftsApi } from '../../lib/db/drafts-api';
import type { HelpdeskDb } from '../../lib/db/database';
import { serveDraftsPort, type JournalEntryWire } from '../../lib/messaging/drafts-rpc';
import { DRAFTS_PORT } from '../../lib/messaging/registry';
import { admitPort } from './router';

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
    /** Takes the drafts port (false: not ours); admits only extension pages (registry PORTS). */
    onConnect(port: Browser.runtime.Port): boolean {
      if (port.name !== DRAFTS_PORT) return false;
      // Messages that arrive while the sender is classified wait for the answer to it, in order.
      const queued: unknown[] = [];
      const early = (raw: unknown) => void queued.push(raw);
      port.onMessage.addListener(early);
      void admitPort(port).then(({ admitted }) => {
        port.onMessage.removeListener(early);
        // Only our own extension pages may reach the drafts (never a content script or another extension).
        if (!admitted) {
          port.disconnect();
          return;
        }
        ports.add(port);
        port.onDisconnect.addListener(() => ports.delete(port));
        const listeners: Array<(raw: unknown) => void> = [];
        serveDraftsPort(
          { postMessage: (m) => port.postMessage(m), onMessage: { addListener: (cb) => void listeners.push(cb) } },
          { api, journal },
        );
        const deliver = (raw: unknown) => listeners.forEach((l) => l(raw));
        port.onMessage.addListener(deliver);
        for (const raw of queued) deliver(raw);
      });
      return true;
    },
  };
}
