/**
 * The typed `send` / `handle` helpers over the registry (registry.ts). The receiver parses the request,
 * checks the sender, runs the handler and always answers `Reply` — a bad, unknown or refused message gets
 * `{ ok: false, error: { code, message } }` and no handler runs (issue 12 part 4: every call answered).
 * The sender parses the reply with the entry's reply schema, so its type is inferred, never cast.
 */
import {
  BACKGROUND_MESSAGES,
  type MessageSpec,
  type MessageType,
  type ParsedRequestOf,
  type ReplyInputOf,
  type ReplyOf,
  type RequestOf,
} from './registry';
import { ERROR_CODES, failure, messageType, type MessagingErrorCode, type Reply } from './protocol';
import { senderAllowed, type SenderInfo } from './sender';

/** One handler per message type; `Ctx` is what the receiving context adds (the classified sender, …). */
export type Handlers<Ctx> = {
  [T in MessageType]: (request: ParsedRequestOf<T>, ctx: Ctx) => Promise<ReplyInputOf<T>> | ReplyInputOf<T>;
};

/** A feature's share of the handlers (background/handlers/*.ts). */
export type HandlerGroup<Ctx, K extends MessageType = MessageType> = Pick<Handlers<Ctx>, K>;

const issue = (error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }) => {
  const first = error.issues[0];
  if (!first) return 'invalid';
  return first.path.length ? `${first.path.map(String).join('.')}: ${first.message}` : first.message;
};

/**
 * The receiving side: `(raw, ctx) => Reply`. Never rejects. Order of checks: shape, known type, sender,
 * request schema, handler — so a refused message reaches no handler.
 */
export function createMessageRouter<Ctx extends { sender: SenderInfo }>(handlers: Handlers<Ctx>) {
  const registry: Record<string, MessageSpec> = BACKGROUND_MESSAGES;
  return async function route(raw: unknown, ctx: Ctx): Promise<Reply<unknown>> {
    const type = messageType(raw);
    if (type === undefined) return failure('malformed', 'Refused a message without a type.');
    const spec = Object.hasOwn(registry, type) ? registry[type] : undefined;
    if (!spec) return failure('unknown-type', `Refused an unknown message type: ${type.slice(0, 64)}`);
    if (!senderAllowed(spec.from, ctx.sender.kind))
      return failure('forbidden', `Refused "${type}" from a sender that may not send it (${ctx.sender.kind}).`);
    const parsed = spec.request.safeParse(raw);
    if (!parsed.success) return failure('bad-request', `Refused a malformed "${type}": ${issue(parsed.error)}`);
    try {
      const handler = handlers[type as MessageType] as (request: unknown, ctx: Ctx) => unknown;
      return { ok: true, value: (await handler(parsed.data, ctx)) ?? null };
    } catch (error) {
      return failure('failed', error instanceof Error ? error.message : String(error));
    }
  };
}

/**
 * The sending side over a transport (`runtime.sendMessage`). Resolves with the parsed reply, never
 * rejects: a transport failure, no answer or an answer that fails the reply schema is a typed error.
 */
export function createMessageClient(transport: (message: unknown) => Promise<unknown>) {
  return async function send<T extends MessageType>(type: T, request: RequestOf<T>): Promise<Reply<ReplyOf<T>>> {
    let raw: unknown;
    try {
      raw = await transport({ ...request, type });
    } catch (error) {
      return failure('no-reply', error instanceof Error ? error.message : String(error));
    }
    return parseReply(type, raw);
  };
}

/** Parses an answer to `type` with the registry's reply schema. */
export function parseReply<T extends MessageType>(type: T, raw: unknown): Reply<ReplyOf<T>> {
  if (typeof raw !== 'object' || raw === null) return failure('no-reply', `No answer to "${type}".`);
  const reply = raw as { ok?: unknown; value?: unknown; error?: unknown };
  if (reply.ok === false) {
    const error = reply.error as { code?: unknown; message?: unknown } | undefined;
    const code = typeof error?.code === 'string' ? error.code : 'failed';
    const message = typeof error?.message === 'string' ? error.message : `"${type}" was refused.`;
    return failure(isErrorCode(code) ? code : 'failed', message);
  }
  if (reply.ok !== true) return failure('bad-reply', `An answer to "${type}" that is not a reply.`);
  const parsed = BACKGROUND_MESSAGES[type].reply.safeParse(reply.value);
  if (!parsed.success) return failure('bad-reply', `Unexpected answer to "${type}": ${issue(parsed.error)}`);
  return { ok: true, value: parsed.data as ReplyOf<T> };
}

const isErrorCode = (code: string): code is MessagingErrorCode => (ERROR_CODES as readonly string[]).includes(code);
