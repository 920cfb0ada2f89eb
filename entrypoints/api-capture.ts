/**
 * The opt-in API-call capture, injected by the background into the portal's MAIN world (issue 7) only
 * after the agent turned capture on for this tab. It wraps `fetch` and `XMLHttpRequest`, and for calls
 * to the hosts the agent listed posts a summary to the capture bridge with `window.postMessage`.
 *
 * REFERENCE "Main-world scripts": this code runs in the page's world, where the page can see and forge
 * everything, so (1) secrets are REDACTED HERE, before anything is posted — the portal's API key never
 * leaves its own world (seed 000 wants the endpoint, the response and the time, never the key); (2)
 * bodies are capped; (3) the extension trusts nothing it receives: the bridge checks the shape, the
 * background redacts again and labels every call "reported by the page".
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { shouldCapture } from '../lib/evidence/page-capture-filter';
import { createCounter, redactBody, redactHeader, redactUrl } from '../lib/evidence/redact';

/** What the background hands over with `__helpdeskApiCapture.configure`. */
interface CaptureConfig {
  channel: string;
  hosts: string[];
}

interface Entry {
  method: string;
  endpoint: string;
  status?: number;
  requestHeaders: { name: string; value: string }[];
  requestBody?: string;
  responseHeaders: { name: string; value: string }[];
  responseBody?: string;
  startedAt: string;
  durationMs: number;
  timestampSource: 'page';
  source: 'reported-by-page';
  truncated: boolean;
}

/** Characters of each body kept (the background keeps 10 KB; a little more so its cut is the one seen). */
const MAX_BODY = 16 * 1024;
const MAX_HEADERS = 100;

export default defineUnlistedScript(() => {
  const g = globalThis as unknown as Record<string, unknown>;
  // Injected again when the agent turns capture back on: keep the wrappers, only reconfigure.
  if (g.__helpdeskApiCapture) return;

  let config: CaptureConfig | null = null;
  const nativeFetch = window.fetch;
  const xhrProto = XMLHttpRequest.prototype;
  const nativeOpen = xhrProto.open;
  const nativeSend = xhrProto.send;
  const nativeSetHeader = xhrProto.setRequestHeader;

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

  function post(entry: Entry) {
    if (!config) return;
    try {
      window.postMessage({ helpdeskCapture: config.channel, call: entry }, location.origin);
    } catch {
      // A body that cannot be cloned: the call is simply not reported.
    }
  }

  function wanted(url: string): string | null {
    if (!config) return null;
    try {
      const absolute = new URL(url, location.href).href;
      return shouldCapture(absolute, config.hosts) ? absolute : null;
    } catch {
      return null;
    }
  }

  function entryOf(
    method: string,
    url: string,
    started: number,
    requestHeaders: Iterable<[string, string]>,
    requestBody: string | undefined,
  ): Entry {
    const counter = createCounter();
    const entry: Entry = {
      method: method.toUpperCase().slice(0, 32),
      endpoint: redactUrl(url, counter).slice(0, 8192),
      requestHeaders: headerList(requestHeaders),
      responseHeaders: [],
      startedAt: new Date(started).toISOString(),
      durationMs: 0,
      timestampSource: 'page',
      source: 'reported-by-page',
      truncated: false,
    };
    if (requestBody !== undefined && requestBody !== '') {
      const body = cap(redactBody(requestBody, counter).text);
      entry.requestBody = body.text;
      entry.truncated = body.cut;
    }
    return entry;
  }

  function finish(
    entry: Entry,
    status: number,
    headers: Iterable<[string, string]>,
    body: string | undefined,
    cut: boolean,
    started: number,
  ) {
    entry.status = status;
    entry.durationMs = Math.max(0, Math.round(performance.now() - started));
    entry.responseHeaders = headerList(headers);
    if (body !== undefined && body !== '') {
      const redacted = cap(redactBody(body, createCounter()).text);
      entry.responseBody = redacted.text;
      entry.truncated = entry.truncated || redacted.cut || cut;
    }
    post(entry);
  }

  /** Reads at most MAX_BODY characters of a response copy, then stops reading (big downloads stay cheap). */
  async function readCapped(response: Response): Promise<{ text: string; cut: boolean }> {
    const reader = response.body?.getReader();
    if (!reader) return { text: '', cut: false };
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (text.length > MAX_BODY) {
        void reader.cancel().catch(() => undefined);
        return { text: text.slice(0, MAX_BODY), cut: true };
      }
    }
    return { text: text + decoder.decode(), cut: false };
  }

  function bodyText(body: unknown): string | undefined {
    if (typeof body === 'string') return body;
    if (body instanceof URLSearchParams) return body.toString();
    return undefined; // streams, blobs, form data: not read (reading could change what the page sends)
  }

  window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const absolute = wanted(url);
    if (absolute === null) return nativeFetch.call(this, input, init);
    const wall = Date.now();
    const started = performance.now();
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const entry = entryOf(method, absolute, wall, headers, bodyText(init?.body));
    const pending = nativeFetch.call(this, input, init);
    pending.then(
      (response) => {
        readCapped(response.clone()).then(
          (body) => finish(entry, response.status, response.headers, body.text, body.cut, started),
          () => finish(entry, response.status, response.headers, undefined, false, started),
        );
      },
      () => finish(entry, 0, [], undefined, false, started),
    );
    return pending;
  } as typeof window.fetch;

  const xhrState = new WeakMap<
    XMLHttpRequest,
    { method: string; url: string; headers: [string, string][] }
  >();

  xhrProto.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    const absolute = wanted(String(url));
    if (absolute === null) xhrState.delete(this);
    else xhrState.set(this, { method, url: absolute, headers: [] });
    return (nativeOpen as (...a: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof xhrProto.open;

  xhrProto.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
    xhrState.get(this)?.headers.push([name, value]);
    return nativeSetHeader.call(this, name, value);
  };

  xhrProto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const state = xhrState.get(this);
    if (state) {
      const started = performance.now();
      const entry = entryOf(state.method, state.url, Date.now(), state.headers, bodyText(body));
      this.addEventListener('loadend', () => {
        let text: string | undefined;
        try {
          if (this.responseType === '' || this.responseType === 'text') text = this.responseText;
          else if (this.responseType === 'json') text = JSON.stringify(this.response);
        } catch {
          text = undefined;
        }
        const headers = this.getAllResponseHeaders()
          .split(/\r?\n/)
          .flatMap((line): [string, string][] => {
            const colon = line.indexOf(':');
            return colon > 0 ? [[line.slice(0, colon).trim(), line.slice(colon + 1).trim()]] : [];
          });
        finish(entry, this.status, headers, text, false, started);
      });
    }
    return nativeSend.call(this, body);
  };

  Object.defineProperty(g, '__helpdeskApiCapture', {
    value: Object.freeze({
      configure(next: unknown) {
        const c = next as Partial<CaptureConfig> | null;
        if (c && typeof c.channel === 'string' && Array.isArray(c.hosts)) {
          config = { channel: c.channel, hosts: c.hosts.filter((h): h is string => typeof h === 'string') };
        }
      },
      // Off: the wrappers stay (unwrapping could break a page that kept a reference) but report nothing.
      stop() {
        config = null;
      },
    }),
    configurable: false,
    enumerable: false,
  });
});
