/**
 * The drafts store over a port (DESIGN §3: every message is a zod schema, parsed on receipt). The
 * sidebar calls; the background, which owns first-party storage, answers and tells every connected
 * sidebar when drafts changed.
 */
import { z } from 'zod';
import { JournalEntrySchema, type ClearScope, type JournalEntryInput, type JournalSnapshot } from '../db/journal-repo';
import { DRAFTS_API_METHODS, type DraftsApi, type DraftsApiMethod } from '../db/drafts-api';
import { decodeWire, encodeWire, encodeWireSync } from './wire-codec';

export const DRAFTS_PORT = 'helpdesk-drafts';

/** The sidebar's crash copy of unsaved edits, kept by the background (see components/ticket/draft-session.ts). */
export const JournalMessageSchema = z.discriminatedUnion('op', [
  z.object({
    type: z.literal('journal'),
    op: z.literal('write'),
    draftId: z.string().min(1).max(64),
    entry: JournalEntrySchema,
  }),
  z.object({
    type: z.literal('journal'),
    op: z.literal('clear'),
    draftId: z.string().min(1).max(64),
    /** One session's edit (up to `seq`); absent: every entry of the draft. */
    scope: z.object({ sessionId: z.string().max(64), seq: z.number().int().nonnegative().optional() }).optional(),
  }),
  z.object({
    type: z.literal('journal'),
    op: z.literal('read'),
    id: z.number().int().nonnegative(),
    draftId: z.string().min(1).max(64),
  }),
]);
export type JournalEntryWire = JournalEntryInput;
/**
 * A journal read: the newest entry, plus (from the background's IndexedDB journal) every entry and save
 * stamp of the draft for crash recovery (components/ticket/recover-draft.ts); `null` when nothing is kept.
 */
export type JournalReadWire = (JournalEntryWire & Partial<JournalSnapshot>) | null;

export const DraftsCallSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.enum(DRAFTS_API_METHODS),
  args: z.array(z.unknown()).max(6),
});
export type DraftsCall = z.infer<typeof DraftsCallSchema>;

export const DraftsPushSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int(), value: z.unknown() }),
  z.object({ type: z.literal('failure'), id: z.number().int(), message: z.string().max(2000) }),
  z.object({ type: z.literal('changed') }),
]);

/** The background side: runs one parsed call against the local store and encodes the answer. */
export async function answerDraftsCall(api: DraftsApi, raw: unknown) {
  const parsed = DraftsCallSchema.safeParse(raw);
  if (!parsed.success) return null; // not a call: nothing to answer, nothing done
  const { id, method, args } = parsed.data;
  try {
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    // The repositories parse every draft and attachment they write with zod.
    const value = await fn(...(decodeWire(args) as unknown[]));
    return { type: 'result' as const, id, value: await encodeWire(value) };
  } catch (error) {
    return { type: 'failure' as const, id, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The background side of the journal: answers reads, applies writes; `null` when not a journal message. */
export async function answerJournalMessage(
  store: {
    read(id: string): Promise<JournalReadWire>;
    write(id: string, e: JournalEntryWire): Promise<unknown> | void;
    clear(id: string, scope?: ClearScope): Promise<unknown> | void;
  },
  raw: unknown,
) {
  const parsed = JournalMessageSchema.safeParse(raw);
  if (!parsed.success) return null;
  const msg = parsed.data;
  if (msg.op === 'write') await store.write(msg.draftId, msg.entry);
  else if (msg.op === 'clear') await store.clear(msg.draftId, msg.scope);
  else return { type: 'result' as const, id: msg.id, value: (await store.read(msg.draftId)) ?? null };
  return { type: 'none' as const };
}

/** The journal the framed sidebar keeps through the background. */
export interface RemoteJournal {
  read(draftId: string): Promise<JournalReadWire>;
  write(draftId: string, entry: JournalEntryWire): void;
  clear(draftId: string, scope?: ClearScope): void;
}

/** The minimal port the client needs (`runtime.Port`). */
export interface PortLike {
  postMessage(message: unknown): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

/** The sidebar side: a {@link DraftsApi} whose calls travel over `connect()`'s port (reconnected on loss). */
export function createRemoteDraftsApi(connect: () => PortLike): DraftsApi & { journal: RemoteJournal } {
  let port: PortLike | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const watchers = new Set<() => void>();

  function open(): PortLike {
    if (port) return port;
    const p = connect();
    p.onMessage.addListener((raw) => {
      const parsed = DraftsPushSchema.safeParse(raw);
      if (!parsed.success) return;
      const msg = parsed.data;
      if (msg.type === 'changed') {
        for (const w of watchers) w();
        return;
      }
      const waiter = pending.get(msg.id);
      if (!waiter) return;
      pending.delete(msg.id);
      if (msg.type === 'result') waiter.resolve(decodeWire(msg.value));
      else waiter.reject(new Error(msg.message));
    });
    p.onDisconnect.addListener(() => {
      port = null;
      for (const waiter of pending.values())
        waiter.reject(new Error('The drafts store went away; try again.'));
      pending.clear();
    });
    port = p;
    return p;
  }

  function send(id: number, method: DraftsApiMethod, encoded: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      open().postMessage({ type: 'call', id, method, args: encoded });
    });
  }

  function call(method: DraftsApiMethod, args: unknown[]): Promise<unknown> {
    const id = nextId++;
    // Post in this very task when nothing needs reading (a save from `pagehide` must leave before the
    // frame dies); only Blobs make us wait.
    const now = encodeWireSync(args);
    if (now !== undefined) return send(id, method, now);
    return encodeWire(args).then((encoded) => send(id, method, encoded));
  }

  function readJournal(draftId: string): Promise<JournalReadWire> {
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, {
        // Parsed by the session (draft-session.ts `toSnapshot`), like everything read from a journal.
        resolve: (v) => resolve((v as JournalReadWire) ?? null),
        reject: () => resolve(null),
      });
      open().postMessage({ type: 'journal', op: 'read', id, draftId });
    });
  }

  const api = Object.fromEntries(
    DRAFTS_API_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as Omit<DraftsApi, 'watch'>;
  return {
    ...api,
    journal: {
      read: readJournal,
      write(draftId, entry) {
        open().postMessage({ type: 'journal', op: 'write', draftId, entry });
      },
      clear(draftId, scope) {
        open().postMessage({ type: 'journal', op: 'clear', draftId, ...(scope ? { scope } : {}) });
      },
    },
    watch(listener) {
      watchers.add(listener);
      open();
      return () => watchers.delete(listener);
    },
  };
}
