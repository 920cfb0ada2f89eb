/**
 * The sidebar reaches the drafts store through the background (the framed sidebar has no usable
 * IndexedDB). These tests run the real store on fake-indexeddb behind a fake port pair.
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_VENDORS_ONLY, openDb } from '../../../lib/db';
import { createDraftsApi } from '../../../lib/drafts/drafts-api';
import {
  answerDraftsCall,
  answerJournalMessage,
  createRemoteDraftsApi,
  serveDraftsPort,
  type JournalEntryWire,
  type PortLike,
} from '../../../lib/messaging/drafts-rpc';
import { decodeWire, encodeWire } from '../../../lib/messaging/wire-codec';

/** A port pair whose messages go through JSON, as Chrome's do; the background side as drafts-service wires it. */
function connectTo(api: ReturnType<typeof createDraftsApi>, journal = memoryJournal()) {
  const toServer: Array<(m: unknown) => void> = [];
  const toClient: Array<(m: unknown) => void> = [];
  serveDraftsPort(
    {
      postMessage: (m) => toClient.forEach((l) => l(JSON.parse(JSON.stringify(m)))),
      onMessage: { addListener: (cb) => void toServer.push(cb) },
    },
    { api, journal },
  );
  const client: PortLike = {
    postMessage: (m) => toServer.forEach((l) => l(JSON.parse(JSON.stringify(m)))),
    onMessage: { addListener: (cb) => void toClient.push(cb) },
    onDisconnect: { addListener: () => undefined },
  };
  api.watch(() => {
    for (const l of toClient) l({ type: 'changed' });
  });
  return client;
}

function memoryJournal() {
  const entries = new Map<string, JournalEntryWire>();
  return {
    entries,
    read: async (id: string) => entries.get(id) ?? null,
    write: async (id: string, e: JournalEntryWire) => void entries.set(id, e),
    clear: async (id: string) => void entries.delete(id),
  };
}

describe('drafts over a port', () => {
  it('keeps the crash copy of unsaved edits in the background, written without waiting', async () => {
    const local = createDraftsApi(openDb(`rpc-${crypto.randomUUID()}`, { vendors: BUILT_IN_VENDORS_ONLY }));
    const journal = memoryJournal();
    const remote = createRemoteDraftsApi(() => connectTo(local, journal));
    const created = await local.createDraft({ vendorId: 'esim-go' });
    if (!created.ok) throw new Error('create failed');
    const mine = { ...created.draft, summary: 'No data in Tok' };
    remote.journal.write(created.draft.id, { base: created.draft, mine });
    await expect.poll(() => journal.entries.size).toBe(1);
    expect((await remote.journal.read(created.draft.id))?.mine.summary).toBe('No data in Tok');
    remote.journal.clear(created.draft.id);
    await expect.poll(() => journal.entries.size).toBe(0);
    // A malformed journal write is refused and stores nothing.
    expect(await answerJournalMessage(journal, { type: 'journal', op: 'write', draftId: 'x', entry: { base: 1 } })).toBeNull();
    expect(journal.entries.size).toBe(0);
  });

  it('creates, reads and saves a draft with the same results as the local store', async () => {
    const local = createDraftsApi(openDb(`rpc-${crypto.randomUUID()}`, { vendors: BUILT_IN_VENDORS_ONLY }));
    const remote = createRemoteDraftsApi(() => connectTo(local));
    const created = await remote.createDraft({ vendorId: 'esim-go', summary: 'No data in Japan' }, { now: new Date('2026-11-20T10:00:00Z') });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.draft.createdAt).toBe('2026-11-20T10:00:00.000Z');
    const saved = await remote.saveDraft({ ...created.draft, summary: 'No data in Tokyo' }, 0);
    expect(saved.ok && saved.draft.revision).toBe(1);
    const stale = await remote.saveDraft({ ...created.draft, summary: 'older tab' }, 0);
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('conflict');
    const read = await local.getDraft(created.draft.id);
    expect(read.ok && read.draft.summary).toBe('No data in Tokyo');
  });

  it('carries attachment Blobs both ways', async () => {
    const local = createDraftsApi(openDb(`rpc-${crypto.randomUUID()}`, { vendors: BUILT_IN_VENDORS_ONLY }));
    const remote = createRemoteDraftsApi(() => connectTo(local));
    const created = await remote.createDraft({ vendorId: 'esim-go' });
    if (!created.ok) throw new Error('create failed');
    const bytes = new Uint8Array([137, 80, 78, 71, 0, 255]);
    const added = await remote.addAttachment({ draftId: created.draft.id, name: 'shot.png', blob: new Blob([bytes], { type: 'image/png' }) });
    expect(added.ok).toBe(true);
    const listed = await remote.listAttachments(created.draft.id);
    if (!listed.ok) throw new Error('list failed');
    const blob = listed.attachments[0]!.blob;
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([...bytes]);
  });

  it('tells the sidebar when drafts change', async () => {
    const local = createDraftsApi(openDb(`rpc-${crypto.randomUUID()}`, { vendors: BUILT_IN_VENDORS_ONLY }));
    const remote = createRemoteDraftsApi(() => connectTo(local));
    let changes = 0;
    remote.watch(() => changes++);
    await local.createDraft({ vendorId: 'esim-go' });
    await expect.poll(() => changes).toBeGreaterThan(0);
  });

  it('refuses anything that is not a known call, and does nothing', async () => {
    const local = createDraftsApi(openDb(`rpc-${crypto.randomUUID()}`, { vendors: BUILT_IN_VENDORS_ONLY }));
    // Each is answered with a typed refusal (issue 12 part 4), and none reaches the store.
    const refusals: Array<[unknown, number | null, string]> = [
      [null, null, 'malformed'],
      ['getDraft', null, 'malformed'],
      [{ type: 'call', id: 1, method: 'deleteEverything', args: [] }, 1, 'unknown-method'],
      [{ type: 'call', id: -1, method: 'getDraft', args: [] }, null, 'malformed'],
    ];
    for (const [bad, id, code] of refusals) {
      const answer = await answerDraftsCall(local, bad);
      expect(answer).toMatchObject({ type: 'reply', id, ok: false, error: { code } });
    }
    const listed = await local.listDrafts({});
    expect(listed.ok && listed.drafts).toEqual([]);
  });

  it('round-trips Dates and Blobs through JSON', async () => {
    const value = { at: new Date('2026-03-29T01:30:00Z'), list: [1, 'a', null], blob: new Blob(['hi'], { type: 'text/plain' }) };
    const decoded = decodeWire(JSON.parse(JSON.stringify(await encodeWire(value)))) as typeof value;
    expect(decoded.at.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(decoded.list).toEqual([1, 'a', null]);
    expect(await decoded.blob.text()).toBe('hi');
  });
});
