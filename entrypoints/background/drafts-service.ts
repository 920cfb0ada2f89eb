/**
 * The drafts store for the sidebar. The sidebar is an extension page framed in the portal, where
 * browsers refuse or partition IndexedDB; the background owns first-party storage, so it answers the
 * sidebar's calls over a port and tells it when drafts changed (from any surface).
 */
import type { Browser } from 'wxt/browser';
import { createDraftsApi } from '../../lib/drafts/drafts-api';
import type { HelpdeskDb } from '../../lib/db/database';
import {
  clearJournal,
  createJournalQueue,
  putJournalEntry,
  readJournal,
  type ClearScope,
} from '../../lib/db/journal-repo';
import { serveDraftsPort, type JournalEntryWire } from '../../lib/messaging/drafts-rpc';
import { DRAFTS_PORT } from '../../lib/messaging/registry';
import { admitPort } from './router';

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
          {
            postMessage: (m) => port.postMessage(m),
            onMessage: { addListener: (cb) => void listeners.push(cb) },
          },
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
