/**
 * The drafts store over a port (DESIGN §3: every message is a zod schema, parsed on receipt). The
 * sidebar calls; the background, which owns first-party storage, answers and tells every connected
 * sidebar when drafts changed.
 *
 * {@link DRAFTS_RPC} is the port's registry: per {@link DraftsApi} method, the schema of its argument
 * tuple and of its result, checked at compile time against the method's signature. Every call is
 * answered (issue 12 part 4): a malformed call, an unknown method or arguments that fail the method's
 * schema get `{ type: 'reply', id, ok: false, error: { code, message } }` and reach no store method; the
 * client rejects with a {@link MessagingError} when the port disconnects mid-call or nobody answers.
 */
import { ATTACHMENT_KINDS } from '../evidence/attachments';
import { z } from 'zod';
import { AttachmentSchema } from '../db/attachments-repo';
import {
  JournalEntrySchema,
  type ClearScope,
  type JournalEntryInput,
  type JournalSnapshot,
} from '../db/journal-repo';
import type { DraftsApi } from '../drafts/drafts-api';
import { DRAFTS_API_METHODS, type DraftsApiMethod } from '../drafts/drafts-api-methods';
// Drafts cross the port in their stored shape, without the size caps: the store applies the caps and
// answers `too-large` naming the field, which the editor can word for the agent (a refusal here could not).
import { DraftShapeSchema as DraftSchema, DraftStatusSchema } from '../escalation/draft';
import { EscalationSchema } from '../escalation/escalation';
import type { VendorProfile } from '../escalation/vendor-profile';
import { PageContextSchema } from '../portal/page-context';
import {
  ERROR_CODES,
  failure,
  MessagingError,
  messageType,
  type MessagingFailure,
  type Reply,
} from './protocol';
import { ESCALATIONS_RPC } from './escalations-rpc';
import { DRAFTS_PORT } from './registry';
import { decodeWire, encodeWire, encodeWireSync } from './wire-codec';

export { DRAFTS_PORT };

// ── the registry of the port: argument tuples and results, per method ──

const draftId = z.string().min(1).max(64);
// JSON turns `undefined` into `null` in arrays (wire-codec): an omitted trailing option may arrive as null.
const optional = <S extends z.ZodType>(schema: S) => schema.nullish().transform((v) => v ?? undefined);
const writeOptions = z.object({
  // A Set crosses the port as a list (wire-codec); a predicate cannot cross and is dropped on the way.
  secretFields: z
    .array(z.string().max(64))
    .max(500)
    .transform((ids) => new Set(ids))
    .optional(),
  now: z.date().optional(),
});
const filters = {
  status: DraftStatusSchema.optional(),
  vendorId: z.string().max(64).optional(),
};
const page = { limit: z.number().optional(), offset: z.number().optional() };
const draftInit = DraftSchema.pick({ vendorId: true }).extend(
  DraftSchema.omit({ id: true, vendorId: true, revision: true, createdAt: true, updatedAt: true }).partial()
    .shape,
);
// Custom/managed vendor profiles: validated again, one by one, by the use case (lib/drafts/start-escalation.ts
// `validCustom`) — a bad one is skipped there, not refused here.
const customVendors = z
  .array(z.custom<VendorProfile>((v) => typeof v === 'object' && v !== null))
  .max(200)
  .optional();
const clock = { now: z.date(), timeZone: z.string().min(1).max(64) };

const issue = z.object({ path: z.string(), message: z.string() });
const dbError = z.object({ code: z.enum(['quota', 'blocked', 'unknown']), message: z.string() });
const invalidError = z.object({ code: z.literal('invalid'), message: z.string(), issues: z.array(issue) });
const invalidRow = z.object({ id: z.string(), issues: z.array(issue) });
const notFound = z.object({ code: z.literal('not-found') });
const capViolation = z.union([
  z.object({ cap: z.literal('fields'), max: z.number(), actual: z.number() }),
  z.object({ cap: z.literal('field'), fieldId: z.string(), max: z.number(), actual: z.number() }),
  z.object({ cap: z.literal('draft'), max: z.number(), actual: z.number() }),
]);
const tooLarge = z.object({ code: z.literal('too-large'), message: z.string(), limit: capViolation });
const written = { draft: DraftSchema, stripped: z.array(z.string()) };
const result = <T extends z.ZodRawShape, E extends z.ZodType>(shape: T, error: E) =>
  z.union([z.object({ ok: z.literal(true), ...shape }), z.object({ ok: z.literal(false), error })]);
const iccidErrorCode = z.enum(['empty', 'characters', 'length', 'prefix', 'checksum']);

/** One method: its argument tuple and its result, typed after the method itself. */
type MethodSpec<M extends DraftsApiMethod> = {
  args: z.ZodType<Parameters<DraftsApi[M]>, unknown>;
  reply: z.ZodType<Awaited<ReturnType<DraftsApi[M]>>, unknown>;
};

export const DRAFTS_RPC = {
  getDraft: {
    args: z.tuple([draftId]),
    reply: result({ draft: DraftSchema }, z.union([notFound, invalidError, dbError])),
  },
  saveDraft: {
    args: z.tuple([
      DraftSchema,
      z.number().int().nonnegative(),
      optional(writeOptions.extend({ durability: z.enum(['default', 'strict']).optional() })),
    ]),
    reply: result(
      written,
      z.union([
        z.object({ code: z.literal('conflict'), current: DraftSchema }),
        notFound,
        invalidError,
        tooLarge,
        dbError,
      ]),
    ),
  },
  createDraft: {
    args: z.tuple([draftInit, optional(writeOptions)]),
    reply: result(written, z.union([invalidError, tooLarge, dbError])),
  },
  deleteDraft: { args: z.tuple([draftId]), reply: result({ deleted: z.boolean() }, dbError) },
  listDrafts: {
    args: z.tuple([optional(z.object({ ...filters, ...page }))]),
    reply: result({ drafts: z.array(DraftSchema), invalid: z.array(invalidRow) }, dbError),
  },
  searchDrafts: {
    args: z.tuple([
      z.string().max(1000),
      optional(z.object({ ...filters, subscriberId: z.string().max(100).optional(), limit: page.limit })),
    ]),
    reply: result(
      { drafts: z.array(DraftSchema), invalid: z.array(invalidRow), total: z.number().int().nonnegative() },
      dbError,
    ),
  },
  findOpenDraftForIccid: {
    args: z.tuple([z.string().max(64)]),
    reply: result({ draft: DraftSchema.nullable(), invalid: z.array(invalidRow) }, dbError),
  },
  startEscalation: {
    args: z.tuple([
      z.object({
        text: z.string().max(1000),
        context: PageContextSchema.nullish(),
        vendorId: z.string().max(64).optional(),
        customVendors,
        ...clock,
      }),
    ]),
    reply: result(
      { draft: DraftSchema, reused: z.boolean() },
      z.object({ code: z.union([iccidErrorCode, z.literal('storage')]), message: z.string() }),
    ),
  },
  startSubscriberEscalation: {
    args: z.tuple([
      z.object({
        context: PageContextSchema,
        vendorId: z.string().max(64).optional(),
        customVendors,
        ...clock,
      }),
    ]),
    reply: result(
      { draft: DraftSchema, reused: z.boolean() },
      z.object({ code: z.enum(['no-subscriber', 'storage']), message: z.string() }),
    ),
  },
  applyCaseChecklist: {
    args: z.tuple([
      DraftSchema,
      z.object({ ids: z.array(z.string().max(64)).max(200), labels: z.array(z.string().max(1000)).max(200) }),
      z.array(z.string().max(1000)).max(5000),
      z.object({ ...clock, customVendors }),
    ]),
    reply: result({ draft: DraftSchema }, z.object({ code: z.string(), message: z.string() })),
  },
  addAttachment: {
    args: z.tuple([
      z.object({
        draftId,
        name: z.string().max(255),
        blob: z.instanceof(Blob),
        type: z.string().max(255).optional(),
        tag: z.string().max(64).optional(),
        kind: z.enum(ATTACHMENT_KINDS).optional(),
      }),
      optional(z.object({ now: z.date().optional() })),
    ]),
    reply: result({ attachment: AttachmentSchema }, z.union([notFound, invalidError, dbError])),
  },
  listAttachments: {
    args: z.tuple([draftId]),
    reply: result({ attachments: z.array(AttachmentSchema), invalid: z.array(invalidRow) }, dbError),
  },
  removeAttachment: { args: z.tuple([draftId]), reply: result({ removed: z.boolean() }, dbError) },
  listOpenEscalations: {
    args: z.tuple([
      z.object({
        subscriberId: z.string().max(100).nullish(),
        iccids: z.array(z.string().regex(/^89\d{17,18}$/)).max(200).optional(),
      }),
    ]),
    reply: result(
      { escalations: z.array(z.object({ draft: DraftSchema, escalation: EscalationSchema })) },
      z.object({ code: z.literal('storage'), message: z.string() }),
    ),
  },
  // Issue 18: the escalation panel in the framed sidebar (lib/messaging/escalations-rpc.ts).
  ...ESCALATIONS_RPC,
} satisfies { [M in DraftsApiMethod]: MethodSpec<M> };

// ── the wire ──

const failureSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string().max(2000) });

export const DraftsCallSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(64),
  args: z.unknown(),
});
export type DraftsCall = { type: 'call'; id: number; method: DraftsApiMethod; args: unknown };

/** The crash copy of unsaved edits the sidebar keeps through the background (lib/drafts/draft-session.ts). */
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
    scope: z
      .object({ sessionId: z.string().max(64), seq: z.number().int().nonnegative().optional() })
      .optional(),
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
 * stamp of the draft for crash recovery (lib/drafts/recover-draft.ts); `null` when nothing is kept.
 */
export type JournalReadWire = (JournalEntryWire & Partial<JournalSnapshot>) | null;

/** What the background sends on the port: an answer to call `id`, or "drafts changed". */
export type DraftsReply = { type: 'reply'; id: number | null } & Reply<unknown>;
export const DraftsPushSchema = z.union([
  z.object({
    type: z.literal('reply'),
    id: z.number().int().nullable(),
    ok: z.literal(true),
    value: z.unknown(),
  }),
  z.object({
    type: z.literal('reply'),
    id: z.number().int().nullable(),
    ok: z.literal(false),
    error: failureSchema,
  }),
  z.object({ type: z.literal('changed') }),
]);

const refuse = (id: number | null, error: MessagingFailure): DraftsReply => ({
  type: 'reply',
  id,
  ok: false,
  error,
});
const isMethod = (method: string): method is DraftsApiMethod =>
  (DRAFTS_API_METHODS as readonly string[]).includes(method);
/** The call's id when it has a usable one (so even a malformed call can be answered). */
function callId(raw: unknown): number | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

/** The background side: checks and runs one call against the local store; always an answer. */
export async function answerDraftsCall(api: DraftsApi, raw: unknown): Promise<DraftsReply> {
  const parsed = DraftsCallSchema.safeParse(raw);
  if (!parsed.success)
    return refuse(callId(raw), failure('malformed', 'Refused a malformed drafts call.').error);
  const { id, method, args } = parsed.data;
  if (!isMethod(method)) return refuse(id, failure('unknown-method', `No drafts method "${method}".`).error);
  const checked = DRAFTS_RPC[method].args.safeParse(decodeWire(args));
  if (!checked.success) {
    const first = checked.error.issues[0];
    const where = first?.path.length ? ` (argument ${first.path.map(String).join('.')})` : '';
    return refuse(
      id,
      failure('bad-request', `Refused "${method}"${where}: ${first?.message ?? 'invalid'}`).error,
    );
  }
  try {
    // The arguments were just checked against this very method's tuple.
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    const value = await fn(...(checked.data as unknown[]));
    return { type: 'reply', id, ok: true, value: await encodeWire(value) };
  } catch (error) {
    return refuse(id, failure('failed', error instanceof Error ? error.message : String(error)).error);
  }
}

/** Where the background keeps the journal (drafts-service.ts). */
export interface JournalStore {
  read(id: string): Promise<JournalReadWire>;
  write(id: string, e: JournalEntryWire): Promise<unknown> | void;
  clear(id: string, scope?: ClearScope): Promise<unknown> | void;
}

/** The background side of the journal: answers reads, applies writes; `null` when not a valid journal message. */
export async function answerJournalMessage(
  store: JournalStore,
  raw: unknown,
): Promise<DraftsReply | { type: 'none' } | null> {
  const parsed = JournalMessageSchema.safeParse(raw);
  if (!parsed.success) return null;
  const msg = parsed.data;
  if (msg.op === 'write') await store.write(msg.draftId, msg.entry);
  else if (msg.op === 'clear') await store.clear(msg.draftId, msg.scope);
  else
    return {
      type: 'reply',
      id: msg.id,
      ok: true,
      value: await encodeWire((await store.read(msg.draftId)) ?? null),
    };
  return { type: 'none' };
}

/** Everything the background says to one message on the drafts port (`null`: a journal write/clear done). */
export async function answerDraftsPortMessage(
  deps: { api: DraftsApi; journal: JournalStore },
  raw: unknown,
): Promise<DraftsReply | null> {
  if (messageType(raw) !== 'journal') return answerDraftsCall(deps.api, raw);
  try {
    const answer = await answerJournalMessage(deps.journal, raw);
    if (answer?.type === 'none') return null;
    return (
      answer ?? refuse(callId(raw), failure('bad-request', 'Refused a malformed journal message.').error)
    );
  } catch (error) {
    return refuse(
      callId(raw),
      failure('failed', error instanceof Error ? error.message : String(error)).error,
    );
  }
}

/** The minimal port the background side needs (`runtime.Port`). */
export interface ServerPortLike {
  postMessage(message: unknown): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
}

/** Answers every message arriving on `port` (the background's drafts service). */
export function serveDraftsPort(port: ServerPortLike, deps: { api: DraftsApi; journal: JournalStore }): void {
  port.onMessage.addListener((raw: unknown) => {
    void answerDraftsPortMessage(deps, raw).then((answer) => {
      if (!answer) return;
      try {
        port.postMessage(answer);
      } catch {
        // the sidebar closed while we worked
      }
    });
  });
}

// ── the sidebar side ──

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

export interface RemoteDraftsOptions {
  /**
   * How long a call may wait for its answer. A disconnect rejects at once; this covers a background that
   * is alive but never answers. Generous: a large attachment takes a while to store.
   */
  timeoutMs?: number;
}

type Waiter = { resolve(value: unknown): void; reject(error: MessagingError): void };

/** The sidebar side: a {@link DraftsApi} whose calls travel over `connect()`'s port (reconnected on loss). */
export function createRemoteDraftsApi(
  connect: () => PortLike,
  options: RemoteDraftsOptions = {},
): DraftsApi & { journal: RemoteJournal } {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let port: PortLike | null = null;
  let nextId = 1;
  const pending = new Map<number, Waiter>();
  const watchers = new Set<() => void>();

  function settle(id: number, outcome: (waiter: Waiter) => void) {
    const waiter = pending.get(id);
    if (!waiter) return;
    pending.delete(id);
    outcome(waiter);
  }

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
      if (msg.id === null) return; // an answer to a message we never sent with an id
      if (msg.ok) settle(msg.id, (w) => w.resolve(decodeWire(msg.value)));
      else settle(msg.id, (w) => w.reject(new MessagingError(msg.error)));
    });
    p.onDisconnect.addListener(() => {
      if (port === p) port = null;
      const gone = new MessagingError(
        failure('disconnected', 'The drafts store went away; try again.').error,
      );
      for (const id of [...pending.keys()]) settle(id, (w) => w.reject(gone));
    });
    port = p;
    return p;
  }

  /** Posts `message` as call `id`; its answer (or a typed failure) settles the promise. */
  function post(id: number, message: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          settle(id, (w) =>
            w.reject(new MessagingError(failure('timeout', 'The drafts store did not answer.').error)),
          ),
        timeoutMs,
      );
      pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      try {
        open().postMessage(message);
      } catch (error) {
        // A port the background already closed throws on post (Chrome): this call is lost, the next reconnects.
        port = null;
        const text = error instanceof Error ? error.message : String(error);
        settle(id, (w) => w.reject(new MessagingError(failure('disconnected', text).error)));
      }
    });
  }

  function call<M extends DraftsApiMethod>(
    method: M,
    args: unknown[],
  ): Promise<Awaited<ReturnType<DraftsApi[M]>>> {
    const id = nextId++;
    const parse = (value: unknown) => {
      const parsed = DRAFTS_RPC[method].reply.safeParse(value);
      if (parsed.success) return parsed.data as Awaited<ReturnType<DraftsApi[M]>>;
      throw new MessagingError(failure('bad-reply', `Unexpected answer to "${method}".`).error);
    };
    // Post in this very task when nothing needs reading (a save from `pagehide` must leave before the
    // frame dies); only Blobs make us wait.
    const now = encodeWireSync(args);
    if (now !== undefined) return post(id, { type: 'call', id, method, args: now }).then(parse);
    return encodeWire(args)
      .then((encoded) => post(id, { type: 'call', id, method, args: encoded }))
      .then(parse);
  }

  function readJournal(draftId: string): Promise<JournalReadWire> {
    const id = nextId++;
    // A crash copy that cannot be read is no crash copy: every failure reads as "none". The value is
    // parsed by the session (draft-session.ts `toSnapshot`), like everything read from a journal.
    return post(id, { type: 'journal', op: 'read', id, draftId }).then(
      (value) => (value as JournalReadWire) ?? null,
      () => null,
    );
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
