/**
 * The opt-in page capture's memory: the last calls the page made, for the agent to pick from. Bounded
 * on purpose — a portal polls its API all day, and only the last few calls explain the problem.
 *
 * Every call is redacted again on the way in: the main-world script redacts before posting, but the
 * page can read and forge what that script posts (REFERENCE: main-world scripts), so nothing it
 * reports is trusted. Calls are marked `reported-by-page`, whatever the message says.
 */
import { redactApiCall, type ApiCall } from './api-call';

/** Default number of calls kept: the oldest is dropped when a new one arrives. */
export const DEFAULT_CAPTURE_CAPACITY = 50;
/** Default cap of each captured body: 10 KB (10 240 characters), enough for any eSIM Go response. */
export const DEFAULT_CAPTURE_BODY_CHARS = 10 * 1024;

/** Options of {@link createCaptureBuffer}. */
export interface CaptureBufferOptions {
  /** How many calls are kept (at least 1; default {@link DEFAULT_CAPTURE_CAPACITY}). */
  readonly capacity?: number;
  /** Cap of each body in characters (default {@link DEFAULT_CAPTURE_BODY_CHARS}). */
  readonly maxBodyChars?: number;
}

/** The result of {@link CaptureBuffer.push}: the call as kept, or why it was refused. */
export type CapturePushResult =
  | { readonly ok: true; readonly call: ApiCall; readonly redactions: number }
  | { readonly ok: false; readonly error: { readonly code: 'invalid'; readonly message: string } };

/** A bounded ring buffer of captured calls. */
export interface CaptureBuffer {
  /** Validates, redacts, caps and keeps a call reported by the page; drops the oldest when full. */
  push(call: unknown): CapturePushResult;
  /** The kept calls, oldest first (copies: changing them does not change the buffer). */
  list(): ApiCall[];
  /** Forgets every call (the agent turned capture off, or the tab closed). */
  clear(): void;
  /** How many calls are kept now. */
  readonly size: number;
  /** The most calls kept at once. */
  readonly capacity: number;
}

/** Creates an empty {@link CaptureBuffer}. */
export function createCaptureBuffer(options: CaptureBufferOptions = {}): CaptureBuffer {
  const capacity = Math.max(1, Math.floor(options.capacity ?? DEFAULT_CAPTURE_CAPACITY));
  const maxBodyChars = Math.max(1, Math.floor(options.maxBodyChars ?? DEFAULT_CAPTURE_BODY_CHARS));
  let slots: (ApiCall | undefined)[] = new Array<ApiCall | undefined>(capacity);
  let next = 0; // where the next call goes
  let size = 0;
  return {
    push(input: unknown): CapturePushResult {
      const redacted = redactApiCall(input, { maxBodyChars, source: 'reported-by-page' });
      if (redacted === null) {
        return {
          ok: false,
          error: {
            code: 'invalid',
            message: 'The page reported a call in an unexpected shape; it was ignored.',
          },
        };
      }
      // The time came from the page too: say so, whatever the message claimed.
      const call: ApiCall = { ...redacted.call, source: 'reported-by-page', timestampSource: 'page' };
      slots[next] = call;
      next = (next + 1) % capacity;
      size = Math.min(size + 1, capacity);
      return { ok: true, call: structuredClone(call), redactions: redacted.redactions };
    },
    list(): ApiCall[] {
      const out: ApiCall[] = [];
      for (let k = 0; k < size; k++) {
        const call = slots[(next - size + k + capacity) % capacity];
        if (call !== undefined) out.push(structuredClone(call));
      }
      return out;
    },
    clear(): void {
      slots = new Array<ApiCall | undefined>(capacity);
      next = 0;
      size = 0;
    },
    get size() {
      return size;
    },
    capacity,
  };
}
