/**
 * The zod-free part of the message registry: the reply envelope, the error codes and the commands the
 * background sends to the portal content script, with a tiny hand-written guard. The content script
 * imports only this file (its bundle is paid by every portal page and carries no zod — README bench
 * row 4); everything else lives in `registry.ts`, which checks at compile time that it agrees with this.
 */

/**
 * Why a message or RPC call was refused or failed. Every call gets an answer (issue 12 part 4): a refusal
 * names one of these, and the receiver changed nothing.
 * - `malformed`: not a message at all (no `type`, not an object, a call without an id);
 * - `unknown-type` / `unknown-method`: a `type` or RPC method the registry does not know;
 * - `bad-request`: a known type or method whose fields / arguments fail its schema;
 * - `forbidden`: the sender may not send this type (see `sender.ts`);
 * - `failed`: the handler threw (its message is passed on);
 * - `bad-reply`: the answer failed its reply schema on receipt;
 * - `no-reply` / `disconnected` / `timeout`: the other side did not answer (closed, went away, too slow).
 */
export const ERROR_CODES = [
  'malformed',
  'unknown-type',
  'unknown-method',
  'bad-request',
  'forbidden',
  'failed',
  'bad-reply',
  'no-reply',
  'disconnected',
  'timeout',
] as const;
export type MessagingErrorCode = (typeof ERROR_CODES)[number];

export interface MessagingFailure {
  code: MessagingErrorCode;
  message: string;
}

/** The answer to every request: a value, or a typed refusal. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: MessagingFailure };

export const failure = (code: MessagingErrorCode, message: string): { ok: false; error: MessagingFailure } => ({
  ok: false,
  error: { code, message: message.slice(0, 2000) },
});

/** Thrown (rejected) by RPC clients that expose a plain async API (the remote drafts store). */
export class MessagingError extends Error {
  readonly code: MessagingErrorCode;
  constructor(error: MessagingFailure) {
    super(error.message);
    this.name = 'MessagingError';
    this.code = error.code;
  }
}

/** The message's `type` when it is an object with a string `type`; else undefined. */
export function messageType(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const type = (raw as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

export const DOCK_SIDES = ['left', 'right', 'other'] as const;
export type DockSide = (typeof DOCK_SIDES)[number];

/** Sent by the background to a portal tab's content script (`tabs.sendMessage`, top frame). */
export type ContentCommand =
  | { type: 'toggle-sidebar' }
  | { type: 'set-sidebar'; open: boolean }
  | { type: 'dock-sidebar'; side: DockSide }
  | { type: 'get-context' };
export type ContentCommandType = ContentCommand['type'];

/**
 * The content script's guard (no zod in its bundle): the command, or null for anything else. Only the
 * extension can message a content script; still, nothing but these exact shapes is acted on.
 */
export function parseContentCommand(raw: unknown): ContentCommand | null {
  const type = messageType(raw);
  const record = raw as Record<string, unknown>;
  switch (type) {
    case 'toggle-sidebar':
    case 'get-context':
      return { type };
    case 'set-sidebar':
      return typeof record.open === 'boolean' ? { type, open: record.open } : null;
    case 'dock-sidebar': {
      const side = DOCK_SIDES.find((s) => s === record.side);
      return side ? { type, side } : null;
    }
    default:
      return null;
  }
}
