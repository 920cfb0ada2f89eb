/**
 * Issue 12 part 4, "every call answered", on the drafts port: a malformed, unknown or refused call gets a
 * typed error reply and changes nothing; a call whose port goes away, or that nobody answers, rejects
 * with a typed error instead of staying pending forever.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUILT_IN_VENDORS_ONLY, openDb } from '../../../lib/db';
import { createDraftsApi, type DraftsApi } from '../../../lib/drafts/drafts-api';
import {
  answerDraftsCall,
  answerDraftsPortMessage,
  createRemoteDraftsApi,
  serveDraftsPort,
  type JournalEntryWire,
  type PortLike,
} from '../../../lib/messaging/drafts-rpc';

function memoryJournal() {
  const entries = new Map<string, JournalEntryWire>();
  return {
    entries,
    read: async (id: string) => entries.get(id) ?? null,
    write: async (id: string, e: JournalEntryWire) => void entries.set(id, e),
    clear: async (id: string) => void entries.delete(id),
  };
}

/** The background's side of the port, as drafts-service wires it, behind JSON like Chrome's ports. */
function serve(api: DraftsApi, journal = memoryJournal()) {
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
  return client;
}

const freshApi = () => createDraftsApi(openDb(`port-${crypto.randomUUID()}`, { vendors: BUILT_IN_VENDORS_ONLY }));
const typedError = (id: number | null, code: string) => ({
  type: 'reply',
  id,
  ok: false,
  error: { code, message: expect.any(String) },
});

afterEach(() => void vi.useRealTimers());

describe('the drafts port answers every call', () => {
  it('answers a call whose arguments are not a list with a typed error', async () => {
    const api = freshApi();
    expect(await answerDraftsCall(api, { type: 'call', id: 7, method: 'getDraft', args: 'x' })).toEqual(
      typedError(7, 'bad-request'),
    );
  });

  it('answers an unknown method with a typed error', async () => {
    const api = freshApi();
    expect(await answerDraftsCall(api, { type: 'call', id: 8, method: 'deleteEverything', args: [] })).toEqual(
      typedError(8, 'unknown-method'),
    );
  });

  it('refuses arguments that fail the method schema, and changes nothing', async () => {
    const api = freshApi();
    const created = await api.createDraft({ vendorId: 'esim-go' });
    if (!created.ok) throw new Error('create failed');
    // deleteDraft takes one draft id: a number, an extra argument or a missing one are refused.
    for (const args of [[42], [created.draft.id, 'extra'], []]) {
      expect(await answerDraftsCall(api, { type: 'call', id: 9, method: 'deleteDraft', args })).toEqual(
        typedError(9, 'bad-request'),
      );
    }
    // saveDraft with a draft that is not a draft.
    expect(
      await answerDraftsCall(api, { type: 'call', id: 10, method: 'saveDraft', args: [{ id: created.draft.id }, 0] }),
    ).toEqual(typedError(10, 'bad-request'));
    const still = await api.getDraft(created.draft.id);
    expect(still.ok && still.draft.revision).toBe(0);
  });

  it('answers a journal read for a bad draft id (the sidebar does not wait forever)', async () => {
    const remote = createRemoteDraftsApi(() => serve(freshApi()));
    await expect(remote.journal.read('')).resolves.toBeNull();
    await expect(remote.journal.read('x'.repeat(65))).resolves.toBeNull();
  });

  it('answers a malformed journal message or a non-call with a typed error, and stores nothing', async () => {
    const journal = memoryJournal();
    const deps = { api: freshApi(), journal };
    expect(
      await answerDraftsPortMessage(deps, { type: 'journal', op: 'write', draftId: 'x', entry: { base: 1 } }),
    ).toEqual(typedError(null, 'bad-request'));
    expect(await answerDraftsPortMessage(deps, { type: 'journal', op: 'read', id: 3, draftId: '' })).toEqual(
      typedError(3, 'bad-request'),
    );
    for (const bad of [null, 'getDraft', 42, { type: 'call', id: -1, method: 'getDraft', args: ['a'] }])
      expect(await answerDraftsPortMessage(deps, bad)).toEqual(typedError(null, 'malformed'));
    expect(journal.entries.size).toBe(0);
  });

  it('rejects a pending call with a typed error when the port disconnects mid-call', async () => {
    let disconnect = () => {};
    const remote = createRemoteDraftsApi(() => ({
      postMessage: () => undefined, // the background went away before answering
      onMessage: { addListener: () => undefined },
      onDisconnect: { addListener: (cb) => void (disconnect = cb) },
    }));
    const pending = remote.getDraft('d-1');
    disconnect();
    await expect(pending).rejects.toMatchObject({ name: 'MessagingError', code: 'disconnected' });
  });

  it('rejects with a typed error when the port is already gone', async () => {
    const remote = createRemoteDraftsApi(() => ({
      postMessage: () => {
        throw new Error('Attempting to use a disconnected port object');
      },
      onMessage: { addListener: () => undefined },
      onDisconnect: { addListener: () => undefined },
    }));
    await expect(remote.listDrafts({})).rejects.toMatchObject({ name: 'MessagingError', code: 'disconnected' });
  });

  it('times out with a typed error when nobody answers', async () => {
    vi.useFakeTimers();
    const remote = createRemoteDraftsApi(
      () => ({
        postMessage: () => undefined,
        onMessage: { addListener: () => undefined },
        onDisconnect: { addListener: () => undefined },
      }),
      { timeoutMs: 1000 },
    );
    const pending = remote.getDraft('d-1');
    const outcome = expect(pending).rejects.toMatchObject({ name: 'MessagingError', code: 'timeout' });
    await vi.advanceTimersByTimeAsync(1000);
    await outcome;
  });
});
