/**
 * The API-call capture hook (issues 7 and 14). Registered by the background as a MAIN-world content
 * script at `document_start` on enabled portals (entrypoints/background/capture-scripts.ts), so it runs
 * before any script of the page. It wraps `fetch` and `XMLHttpRequest` and stays dormant — one boolean
 * test per call — until the agent starts recording.
 *
 * Issue 14, "honest API capture": the page must not be able to blind, stop or impersonate it.
 * - It keeps its own references to everything it calls, taken at load, before the page could patch
 *   them (`Reflect.apply`, fetch, the XHR methods, `MessagePort#postMessage`, timers…).
 * - It exposes NO global: nothing for the page to pre-define, replace or call `stop()` on.
 * - It talks to the capture relay (ISOLATED world, also at `document_start`) over a MessageChannel
 *   whose port is handed over once, by a synchronous DOM event, before any page script has run; after
 *   that both sides stop listening, so the page can neither obtain the port nor forge the hand-over.
 * - While recording it sends a heartbeat every second, saying whether `window.fetch` and the XHR
 *   methods are still its own. The sidebar says "recording" only while those beats arrive intact.
 *
 * REFERENCE "Main-world scripts": this code runs in the page's world, so (1) secrets are REDACTED HERE,
 * before anything leaves the page's world; (2) bodies are capped; (3) the extension still treats what
 * arrives as page-reported: the background validates, redacts again and labels every call "reported
 * by the page". It must stay small and zod-free: every portal page loads it.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { CAPTURE_HELLO_EVENT, CAPTURE_PORT_EVENT, type HookToRelay, type RelayToHook } from '../lib/evidence/capture-channel';
import { shouldCapture } from '../lib/evidence/page-capture-filter';
import { createCounter, redactBody, redactHeader, redactUrl } from '../lib/evidence/redact';

type Entry = Extract<HookToRelay, { type: 'call' }>['call'];

/** Characters of each body kept (the background keeps 10 KB; a little more so its cut is the one seen). */
const MAX_BODY = 16 * 1024;
const MAX_HEADERS = 100;
/** One beat a second while recording (the background calls a tab silent after a few missed beats). */
const BEAT_MS = 1000;

export default defineUnlistedScript(() => {
  // ── Our own references, taken before any page script runs ──
  const win = window;
  const apply = Reflect.apply;
  const nativeFetch = win.fetch;
  const NativeXhr = win.XMLHttpRequest;
  const xhrProto = NativeXhr.prototype;
  const nativeOpen = xhrProto.open;
  const nativeSend = xhrProto.send;
  const nativeSetHeader = xhrProto.setRequestHeader;
  const nativeAllHeaders = xhrProto.getAllResponseHeaders;
  const xhrGet = (name: string) => Object.getOwnPropertyDescriptor(xhrProto, name)?.get;
  const xhrStatus = xhrGet('status');
  const xhrResponseType = xhrGet('responseType');
  const xhrResponseText = xhrGet('responseText');
  const xhrResponse = xhrGet('response');
  const addListener = EventTarget.prototype.addEventListener;
  const removeListener = EventTarget.prototype.removeEventListener;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const portPost = MessagePort.prototype.postMessage;
  const NativeMessageEvent = MessageEvent;
  const NativeChannel = MessageChannel;
  const NativeHeaders = Headers;
  const headerEntries = Headers.prototype.entries;
  const NativeURL = URL;
  const NativeDecoder = TextDecoder;
  const decode = TextDecoder.prototype.decode;
  const responseClone = Response.prototype.clone;
  const bodyGetter = Object.getOwnPropertyDescriptor(Response.prototype, 'body')?.get;
  const statusGetter = Object.getOwnPropertyDescriptor(Response.prototype, 'status')?.get;
  const headersGetter = Object.getOwnPropertyDescriptor(Response.prototype, 'headers')?.get;
  const getReader = ReadableStream.prototype.getReader;
  const readChunk = ReadableStreamDefaultReader.prototype.read;
  const cancelReader = ReadableStreamDefaultReader.prototype.cancel;
  const then = Promise.prototype.then;
  const setTimer = win.setInterval;
  const clearTimer = win.clearInterval;
  const wallNow = Date.now;
  const perf = performance;
  const perfNow = Performance.prototype.now;
  const toIso = Date.prototype.toISOString;
  const NativeDate = Date;
  const documentRef = document;
  const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')?.get;

  let recording = false;
  let hosts: string[] = [];
  let port: MessagePort | null = null;
  let beatTimer: unknown;

  const now = () => apply(perfNow, perf, []) as number;
  const iso = (ms: number) => apply(toIso, new NativeDate(ms), []) as string;

  function send(message: HookToRelay) {
    if (!port) return;
    try {
      apply(portPost, port, [message]);
    } catch {
      // A body that cannot be cloned: the call is simply not reported.
    }
  }

  // ── The wrappers: a cheap pass-through unless recording ──

  function wrappedFetch(this: unknown, ...args: unknown[]): Promise<Response> {
    if (!recording) return apply(nativeFetch, this, args) as Promise<Response>;
    return recordFetch(this, args);
  }
  function wrappedOpen(this: XMLHttpRequest, ...args: unknown[]) {
    if (recording) {
      const absolute = wanted(String(args[1]));
      if (absolute === null) xhrState.delete(this);
      else xhrState.set(this, { method: String(args[0]), url: absolute, headers: [] });
    }
    return apply(nativeOpen, this, args) as void;
  }
  function wrappedSetHeader(this: XMLHttpRequest, ...args: unknown[]) {
    if (recording) xhrState.get(this)?.headers.push([String(args[0]), String(args[1])]);
    return apply(nativeSetHeader, this, args) as void;
  }
  function wrappedSend(this: XMLHttpRequest, ...args: unknown[]) {
    if (recording) recordXhr(this, args[0]);
    return apply(nativeSend, this, args) as void;
  }

  win.fetch = wrappedFetch as typeof fetch;
  xhrProto.open = wrappedOpen as typeof xhrProto.open;
  xhrProto.setRequestHeader = wrappedSetHeader;
  xhrProto.send = wrappedSend;

  /** True while the page still calls through us (a page that swapped in another realm's fetch does not). */
  function intact(): boolean {
    try {
      return (
        win.fetch === wrappedFetch &&
        win.XMLHttpRequest === NativeXhr &&
        xhrProto.open === wrappedOpen &&
        xhrProto.send === wrappedSend &&
        xhrProto.setRequestHeader === wrappedSetHeader
      );
    } catch {
      return false; // a getter that throws is the page's doing
    }
  }

  function beat() {
    const state = visibility ? (apply(visibility, documentRef, []) as string) : 'visible';
    send({ type: 'beat', intact: intact(), hidden: state === 'hidden' });
  }

  // ── Recording ──

  const cap = (text: string) => ({ text: text.slice(0, MAX_BODY), cut: text.length > MAX_BODY });

  function headerList(headers: Iterable<[string, string]>) {
    const counter = createCounter();
    const out: { name: string; value: string }[] = [];
    for (const [name, value] of headers) {
      if (out.length >= MAX_HEADERS) break;
      const h = redactHeader({ name, value }, counter);
      out.push({ name: h.name.slice(0, 256), value: h.value.slice(0, 4096) });
    }
    return out;
  }

  const contentType = (headers: Iterable<[string, string]>) => {
    for (const [name, value] of headers) if (name.toLowerCase() === 'content-type') return value;
    return '';
  };

  function wanted(url: string): string | null {
    try {
      const absolute = new NativeURL(url, location.href).href;
      return shouldCapture(absolute, hosts) ? absolute : null;
    } catch {
      return null;
    }
  }

  function entryOf(
    method: string,
    url: string,
    started: number,
    requestHeaders: [string, string][],
    requestBody: string | undefined,
  ): Entry {
    const counter = createCounter();
    const entry: Entry = {
      method: method.toUpperCase().slice(0, 32),
      endpoint: redactUrl(url, counter).slice(0, 8192),
      requestHeaders: headerList(requestHeaders),
      responseHeaders: [],
      startedAt: iso(started),
      durationMs: 0,
      timestampSource: 'page',
      source: 'reported-by-page',
      truncated: false,
    };
    if (requestBody !== undefined && requestBody !== '') {
      const body = cap(redactBody(requestBody, counter, contentType(requestHeaders)).text);
      entry.requestBody = body.text;
      entry.truncated = body.cut;
    }
    return entry;
  }

  function finish(
    entry: Entry,
    status: number,
    headers: [string, string][],
    body: string | undefined,
    cut: boolean,
    started: number,
  ) {
    entry.status = status;
    entry.durationMs = Math.max(0, Math.round(now() - started));
    entry.responseHeaders = headerList(headers);
    if (body !== undefined && body !== '') {
      const redacted = cap(redactBody(body, createCounter(), contentType(headers)).text);
      entry.responseBody = redacted.text;
      entry.truncated = entry.truncated || redacted.cut || cut;
    }
    send({ type: 'call', call: entry });
  }

  const pairs = (headers: Headers): [string, string][] => {
    const out: [string, string][] = [];
    const it = apply(headerEntries, headers, []) as IterableIterator<[string, string]>;
    for (let step = it.next(); !step.done; step = it.next()) out.push([step.value[0], step.value[1]]);
    return out;
  };

  /** Reads at most MAX_BODY characters of a response copy, then stops reading (big downloads stay cheap). */
  async function readCapped(response: Response): Promise<{ text: string; cut: boolean }> {
    const stream = bodyGetter ? (apply(bodyGetter, response, []) as ReadableStream<Uint8Array> | null) : null;
    if (!stream) return { text: '', cut: false };
    const reader = apply(getReader, stream, []) as ReadableStreamDefaultReader<Uint8Array>;
    const decoder = new NativeDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await (apply(readChunk, reader, []) as Promise<ReadableStreamReadResult<Uint8Array>>);
      if (done) break;
      text += apply(decode, decoder, [value, { stream: true }]) as string;
      if (text.length > MAX_BODY) {
        (apply(cancelReader, reader, []) as Promise<void>).catch(() => undefined);
        return { text: text.slice(0, MAX_BODY), cut: true };
      }
    }
    return { text: text + (apply(decode, decoder, []) as string), cut: false };
  }

  function bodyText(body: unknown): string | undefined {
    if (typeof body === 'string') return body;
    if (body instanceof URLSearchParams) return body.toString();
    return undefined; // streams, blobs, form data: not read (reading could change what the page sends)
  }

  function recordFetch(self: unknown, args: unknown[]): Promise<Response> {
    const input = args[0] as RequestInfo | URL;
    const init = args[1] as RequestInit | undefined;
    let entry: Entry | null = null;
    let started = 0;
    try {
      const url = typeof input === 'string' ? input : input instanceof NativeURL ? input.href : input.url;
      const absolute = wanted(url);
      if (absolute !== null) {
        started = now();
        const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
        const headers = new NativeHeaders(init?.headers ?? (input instanceof Request ? input.headers : undefined));
        entry = entryOf(method, absolute, wallNow(), pairs(headers), bodyText(init?.body));
      }
    } catch {
      entry = null; // never let our bookkeeping break the page's call
    }
    const pending = apply(nativeFetch, self, args) as Promise<Response>;
    const kept = entry;
    if (kept) {
      apply(then, pending, [
        (response: Response) => {
          const status = statusGetter ? (apply(statusGetter, response, []) as number) : 0;
          const headers = headersGetter ? pairs(apply(headersGetter, response, []) as Headers) : [];
          readCapped(apply(responseClone, response, []) as Response).then(
            (body) => finish(kept, status, headers, body.text, body.cut, started),
            () => finish(kept, status, headers, undefined, false, started),
          );
        },
        () => finish(kept, 0, [], undefined, false, started),
      ]);
    }
    return pending;
  }

  const xhrState = new WeakMap<XMLHttpRequest, { method: string; url: string; headers: [string, string][] }>();

  function recordXhr(xhr: XMLHttpRequest, body: unknown) {
    const state = xhrState.get(xhr);
    if (!state) return;
    const started = now();
    const entry = entryOf(state.method, state.url, wallNow(), state.headers, bodyText(body));
    apply(addListener, xhr, [
      'loadend',
      () => {
        let text: string | undefined;
        try {
          const type = xhrResponseType ? (apply(xhrResponseType, xhr, []) as string) : '';
          if ((type === '' || type === 'text') && xhrResponseText) text = apply(xhrResponseText, xhr, []) as string;
          else if (type === 'json' && xhrResponse) text = JSON.stringify(apply(xhrResponse, xhr, []));
        } catch {
          text = undefined;
        }
        const raw = apply(nativeAllHeaders, xhr, []) as string;
        const headers = raw.split(/\r?\n/).flatMap((line): [string, string][] => {
          const colon = line.indexOf(':');
          return colon > 0 ? [[line.slice(0, colon).trim(), line.slice(colon + 1).trim()]] : [];
        });
        const status = xhrStatus ? (apply(xhrStatus, xhr, []) as number) : 0;
        finish(entry, status, headers, text, false, started);
      },
    ]);
  }

  // ── Commands from the relay (private port) ──

  function onCommand(event: MessageEvent) {
    const data = event.data as RelayToHook | null;
    if (typeof data !== 'object' || data === null) return;
    if (data.type === 'start' && Array.isArray(data.hosts)) {
      hosts = data.hosts.filter((h): h is string => typeof h === 'string');
      recording = true;
      if (beatTimer === undefined) beatTimer = apply(setTimer, win, [beat, BEAT_MS]);
      beat(); // the relay waits for this first beat before saying recording started
    } else if (data.type === 'stop') {
      recording = false;
      hosts = [];
      if (beatTimer !== undefined) apply(clearTimer, win, [beatTimer]);
      beatTimer = undefined;
    }
  }

  // ── The hand-over: one port, once, before the page runs ──
  // Either script may run first. We offer the port now; if the relay is already listening it takes it
  // and cancels the event (dispatchEvent returns false). Otherwise we wait for its hello and offer it
  // then. Both happen at document_start, before any page script; afterwards nobody listens.
  function offer(): boolean {
    const channel = new NativeChannel();
    const event = new NativeMessageEvent(CAPTURE_PORT_EVENT, { cancelable: true, ports: [channel.port2] });
    const taken = !(apply(dispatch, win, [event]) as boolean);
    if (!taken) {
      channel.port1.close();
      return false;
    }
    port = channel.port1;
    port.onmessage = onCommand;
    return true;
  }
  function onHello() {
    if (port || offer()) apply(removeListener, win, [CAPTURE_HELLO_EVENT, onHello, true]);
  }
  if (!offer()) apply(addListener, win, [CAPTURE_HELLO_EVENT, onHello, true]);
});
