/**
 * Issue 18: the escalation panel's calls over the drafts port (the framed sidebar has no database). The
 * real store on fake-indexeddb behind a JSON port pair, as Chrome's ports carry it; every call answered,
 * a malformed one refused at the boundary with a clear error and never reaching the store.
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_VENDORS_ONLY, openDb } from '../../../lib/db';
import { listEscalations } from '../../../lib/db/escalations-repo';
import { createDraftsApi } from '../../../lib/drafts/drafts-api';
import { escalationsOverDrafts } from '../../../lib/drafts/escalations-over-drafts';
import {
  answerDraftsCall,
  createRemoteDraftsApi,
  serveDraftsPort,
  type PortLike,
} from '../../../lib/messaging/drafts-rpc';
import { encodeWire } from '../../../lib/messaging/wire-codec';

function connectTo(api: ReturnType<typeof createDraftsApi>): PortLike {
  const toServer: Array<(m: unknown) => void> = [];
  const toClient: Array<(m: unknown) => void> = [];
  serveDraftsPort(
    {
      postMessage: (m) => toClient.forEach((l) => l(JSON.parse(JSON.stringify(m)))),
      onMessage: { addListener: (cb) => void toServer.push(cb) },
    },
    { api, journal: { read: async () => null, write: () => undefined, clear: () => undefined } },
  );
  api.watch(() => {
    for (const l of toClient) l({ type: 'changed' });
  });
  return {
    postMessage: (m) => toServer.forEach((l) => l(JSON.parse(JSON.stringify(m)))),
    onMessage: { addListener: (cb) => void toClient.push(cb) },
    onDisconnect: { addListener: () => undefined },
  };
}

const HANDED_OVER = '2026-03-02T10:00:00.000Z';

/** A store holding one draft of `vendorId`, handed over at {@link HANDED_OVER}. */
async function handedOver(vendorId: string) {
  const db = openDb(`esc-rpc-${crypto.randomUUID()}`, { vendors: BUILT_IN_VENDORS_ONLY });
  const local = createDraftsApi(db);
  const created = await local.createDraft({ vendorId });
  if (!created.ok) throw new Error('create failed');
  const saved = await local.saveDraft(
    { ...created.draft, status: 'handed-over', handedOverAt: HANDED_OVER },
    created.draft.revision,
  );
  if (!saved.ok) throw new Error('save failed');
  return { db, local, draft: saved.draft };
}

/** The stored escalations, read as the board reads them (its own connection). */
async function stored(db: Parameters<typeof listEscalations>[0]) {
  const all = await listEscalations(db);
  if (!all.ok) throw new Error('list failed');
  return all.escalations;
}

describe('the escalation panel over the drafts port', () => {
  it('starts the escalation of a handed-over draft, records the ticket number and status, and says so', async () => {
    const { db, local, draft } = await handedOver('samsara');
    const remote = createRemoteDraftsApi(() => connectTo(local));
    const api = escalationsOverDrafts(remote);
    let changes = 0;
    api.watch(() => changes++);

    const started = await api.ensure(draft);
    expect(started.ok && started.value?.handedOverAt).toBe(HANDED_OVER);

    // seed 004: Samsara's ticket number is "a unique 6-digit number" — refused by the rule, as a value.
    const bad = await api.act(draft.id, { type: 'set-ticket-ref', ref: 'ZD-1' }, new Date(HANDED_OVER));
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'ticket-ref-format', example: expect.any(String) },
    });

    const ref = await api.act(draft.id, { type: 'set-ticket-ref', ref: '123456' }, new Date(HANDED_OVER));
    expect(ref.ok && ref.value.ticketRef).toBe('123456');
    const pending = await api.act(
      draft.id,
      { type: 'set-status', statusId: 'pending' },
      new Date(HANDED_OVER),
    );
    expect(pending.ok && pending.value.statusId).toBe('pending');
    const remind = new Date('2026-03-03T08:00:00.000Z');
    const reminded = await api.act(draft.id, { type: 'remind-at', at: remind }, new Date(HANDED_OVER));
    expect(reminded.ok && reminded.value.remindAt).toBe(remind.toISOString());
    await expect.poll(() => changes).toBeGreaterThan(0);

    // What the board reads from its own connection is what the sidebar wrote.
    expect((await stored(db)).map((e) => [e.ticketRef, e.statusId])).toEqual([['123456', 'pending']]);
  });

  it('gives the new ticket referencing a closed Wildix one (seed 002: never reopened)', async () => {
    const { local, draft } = await handedOver('wildix');
    const api = escalationsOverDrafts(createRemoteDraftsApi(() => connectTo(local)));
    await api.ensure(draft);
    await api.act(draft.id, { type: 'set-ticket-ref', ref: '88123' }, new Date(HANDED_OVER));
    const closed = await api.act(draft.id, { type: 'set-status', statusId: 'closed' }, new Date(HANDED_OVER));
    expect(closed.ok).toBe(true);
    const created = await api.newTicketFrom(draft.id, 'fr');
    expect(created.ok && [created.value.vendorId, created.value.fields['previous-ticket']]).toEqual([
      'wildix',
      '88123',
    ]);
  });

  it('refuses a malformed escalation call with a clear error, and touches nothing', async () => {
    const { db, local, draft } = await handedOver('esim-go');
    const before = await local.ensureEscalation(draft);
    expect(before.ok).toBe(true);
    const at = await encodeWire(new Date(HANDED_OVER));
    const refusals: Array<[string, unknown[], RegExp]> = [
      [
        'actOnEscalation',
        [draft.id, { type: 'set-status' }, at],
        /"actOnEscalation" \(argument 1\.statusId\)/,
      ],
      [
        'actOnEscalation',
        [draft.id, { type: 'delete-everything' }, at],
        /"actOnEscalation" \(argument 1\.type\)/,
      ],
      [
        'actOnEscalation',
        [draft.id, { type: 'note', text: 'hi' }, 'yesterday'],
        /"actOnEscalation" \(argument 2\)/,
      ],
      ['actOnEscalation', ['', { type: 'confirm-fix' }, at], /"actOnEscalation" \(argument 0\)/],
      ['newTicketFrom', [draft.id, 'de'], /"newTicketFrom" \(argument 1\)/],
      ['ensureEscalation', [{ id: draft.id }], /"ensureEscalation" \(argument 0\./],
      ['ensureEscalation', [], /"ensureEscalation"/],
    ];
    let id = 1;
    for (const [method, args, message] of refusals) {
      const answer = await answerDraftsCall(local, { type: 'call', id, method, args });
      expect(answer).toMatchObject({ type: 'reply', id, ok: false, error: { code: 'bad-request' } });
      expect(answer.ok === false && answer.error.message).toMatch(message);
      id++;
    }
    // Nothing reached the store: the escalation is as it was started.
    expect(await stored(db)).toEqual([before.ok && before.value]);
  });

  it('rejects, on the sidebar side, an answer that is not an escalation result', async () => {
    const { draft } = await handedOver('esim-go');
    // A background that answers nonsense (an older build, a bug): the client says so instead of guessing.
    const liar: PortLike = {
      postMessage: (m) => {
        const call = m as { id: number };
        queueMicrotask(() =>
          listeners.forEach((l) =>
            l({ type: 'reply', id: call.id, ok: true, value: { ok: true, value: 42 } }),
          ),
        );
      },
      onMessage: { addListener: (cb) => void listeners.push(cb) },
      onDisconnect: { addListener: () => undefined },
    };
    const listeners: Array<(m: unknown) => void> = [];
    const api = escalationsOverDrafts(createRemoteDraftsApi(() => liar));
    await expect(api.ensure(draft)).rejects.toMatchObject({ code: 'bad-reply' });
  });
});
