/**
 * Firefox end-to-end harness: Debian's Firefox ESR driven over WebDriver BiDi by puppeteer-core, the
 * built add-on (.output/firefox-mv2) installed as a temporary add-on, and the demo portal served on
 * 127.0.0.1 (loopback is an enabled portal by default). Everything waits on conditions (polls), never
 * on fixed sleeps, so a loaded 2-core machine only makes it slower, not red.
 */
import puppeteer from 'puppeteer-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFirefox } from '../support/firefox.mjs';
import { startServer } from '../fixtures/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = path.join(root, '.output/firefox-mv2');
const expectedFile = path.join(root, 'tests/fixtures/portal/expected.json');

/**
 * The moz-extension:// UUID is random per profile unless preset: Firefox reads the gecko id → UUID map
 * from the `extensions.webextensions.uuids` pref when it installs an add-on, so presetting it makes
 * the extension's origin known before the install (no about:debugging scraping).
 */
export const EXTENSION_UUID = '5d2c8a3e-1f4b-4c6d-9e8a-7b3c2d1e0f00';
export const GECKO_ID = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'))
  .browser_specific_settings.gecko.id;
export const BASE = `moz-extension://${EXTENSION_UUID}`;

export function subscriber(id) {
  const data = JSON.parse(readFileSync(expectedFile, 'utf8'));
  const s = data.portal.subscribers.find((x) => x.id === id);
  if (!s) throw new Error(`no fixture subscriber ${id}`);
  return s;
}

// Generous ceilings for a loaded machine: conditions, not these, decide how long a green test takes.
const WAIT_MS = 30_000;
const ATTEMPT_MS = 5_000;

/** Polls `fn` until it returns a truthy value (returned) or the ceiling passes (throws `message`). */
export async function waitFor(fn, message, timeout = WAIT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      // One attempt may stall (an evaluation sent to a frame whose document is being replaced never
      // answers): give up on that attempt and poll again.
      const value = await Promise.race([
        fn(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('attempt stalled')), ATTEMPT_MS)),
      ]);
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`,
      );
    await new Promise((r) => setTimeout(r, 100)); // the poll interval, not a wait for the condition
  }
}

/** Polls until `fn()` deep-equals `expected` (as JSON); on timeout the message shows the last value. */
export async function waitForValue(fn, expected, message) {
  let last;
  try {
    await waitFor(async () => {
      last = await fn();
      return JSON.stringify(last) === JSON.stringify(expected);
    }, message);
  } catch {
    throw new Error(
      `timed out waiting for ${message}: expected ${JSON.stringify(expected)}, last ${JSON.stringify(last)}`,
    );
  }
}

export async function launch() {
  const server = await startServer({ port: 0 });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    // BiDi refuses to navigate a tab to moz-extension:// without it (the popup, drafts and options pages
    // are opened in tabs, as the Chromium suite does).
    args: ['--remote-allow-system-access'],
    // A stalled protocol call fails the test within its ceiling instead of after puppeteer's 180 s.
    protocolTimeout: 60_000,
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }) },
  });
  try {
    const id = await browser.installExtension(EXTENSION_DIR);
    if (id !== GECKO_ID) throw new Error(`installed add-on id ${id}, expected ${GECKO_ID}`);
  } catch (error) {
    await browser.close();
    await server.close();
    throw error;
  }
  return {
    browser,
    portalUrl: server.url,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens a tab on `url`, waiting for its DOM rather than its load event (extension pages keep loading). */
export async function open(browser, url) {
  const page = await browser.newPage();
  await page.bringToFront();
  await goto(page, url);
  return page;
}

/**
 * Navigates with BiDi's `wait: 'none'` and then polls the document: puppeteer's own goto never sees a
 * moz-extension:// navigation finish in Firefox 153, so the condition is checked here instead.
 */
export async function goto(page, url) {
  await page
    .browser()
    .connection.send('browsingContext.navigate', { context: page.mainFrame()._id, url, wait: 'none' });
  // page.url() stays stale after such a navigation too: ask the document itself.
  await waitFor(
    () => page.evaluate((url) => document.location.href === url && document.readyState !== 'loading', url),
    `${url} to load`,
  );
}

/**
 * Our in-page UI lives in CLOSED shadow roots (DESIGN §3), unreachable to page scripts and CSS
 * selectors. WebDriver BiDi serialises closed shadow roots on request (`includeShadowTree: 'all'`),
 * which gives a handle to run a function with the shadow root as `this` — the BiDi counterpart of the
 * Chromium suite's accessibility-tree queries (tests/e2e/ax.ts).
 */
export async function inShadowRoots(page, fn, ...args) {
  const connection = page.browser().connection;
  const context = page.mainFrame()._id;
  const { result } = await connection.send('script.evaluate', {
    expression: "Array.from(document.querySelectorAll('[data-helpdesk-assistant]'))",
    target: { context },
    awaitPromise: false,
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  const out = [];
  for (const host of result.result?.value ?? []) {
    const shadow = host.value?.shadowRoot;
    if (!shadow?.sharedId) continue;
    const call = await connection.send('script.callFunction', {
      functionDeclaration: fn.toString(),
      this: { sharedId: shadow.sharedId },
      arguments: args.map((a) => ({ type: 'string', value: String(a) })),
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    const value = call.result.result;
    if (value?.type === 'string' || value?.type === 'number' || value?.type === 'boolean')
      out.push(value.value);
    else if (value?.type === 'object' || value?.type === 'array')
      out.push(JSON.parse(JSON.stringify(unwrap(value))));
  }
  return out;
}

function unwrap(v) {
  if (!v || typeof v !== 'object') return v;
  if (v.type === 'array') return v.value.map(unwrap);
  if (v.type === 'object')
    return Object.fromEntries(v.value.map(([k, x]) => [typeof k === 'string' ? k : unwrap(k), unwrap(x)]));
  if (v.type === 'null' || v.type === 'undefined') return null;
  return v.value;
}

/**
 * The centre of the first element in our shadow roots with this role (explicit or the button/dialog
 * element) and accessible name (aria-label, else text), or null.
 */
async function shadowBox(page, role, name) {
  const boxes = await inShadowRoots(
    page,
    function (role, name) {
      const candidates = this.querySelectorAll(
        `[role="${role}"], ${role === 'button' ? 'button' : role === 'alertdialog' ? 'dialog[role=alertdialog]' : '[data-none]'}`,
      );
      for (const el of candidates) {
        const label =
          el.getAttribute('aria-label') ??
          (el.getAttribute('aria-labelledby')
            ? this.getElementById(el.getAttribute('aria-labelledby'))?.textContent
            : el.textContent);
        if ((label ?? '').trim() !== name) continue;
        el.scrollIntoView({ block: 'center' });
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        return JSON.stringify({ x: r.x + r.width / 2, y: r.y + r.height / 2, text: el.textContent });
      }
      return '';
    },
    role,
    name,
  );
  const found = boxes.find((b) => b);
  return found ? JSON.parse(found) : null;
}

/** Waits for our in-page control with that role and name, then clicks its centre like a user. */
export async function clickShadow(page, role, name) {
  const box = await waitFor(() => shadowBox(page, role, name), `${role} "${name}" in the page's shadow UI`);
  await page.mouse.click(box.x, box.y);
}

/** The text of our in-page element with that role and name ('' when absent). */
export async function shadowText(page, role, name) {
  return (await shadowBox(page, role, name))?.text ?? '';
}

/** All text inside our shadow roots (the guard's verdict line, dialogs, badges). */
export async function shadowTexts(page) {
  return (
    await inShadowRoots(page, function () {
      return this.textContent ?? '';
    })
  ).join('\n');
}

/** The sidebar frame inside a portal page (an extension page framed in our closed shadow root). */
export async function sidebarFrame(page) {
  return waitFor(async () => {
    for (const frame of await sidebarFrames(page)) {
      // Found once its document has rendered in a visible frame (the frame starts as about:blank; a
      // sidebar remembered open can be mounted again while the page settles, leaving a 0×0 one).
      const ready = await frame.evaluate(
        () =>
          document.readyState === 'complete' &&
          (document.body?.childElementCount ?? 0) > 0 &&
          window.innerWidth > 0,
      );
      if (ready) return frame;
    }
    return null;
  }, 'the sidebar frame');
}

/**
 * The sidebar frame if the page has one now. Frame URLs come from BiDi's context tree: puppeteer's
 * frame.url() is stale for moz-extension:// documents (see goto), and evaluating in a frame that is
 * still being replaced can stall.
 */
export async function sidebarFrames(page) {
  const { result } = await page
    .browser()
    .connection.send('browsingContext.getTree', { root: page.mainFrame()._id });
  const ids = [];
  const walk = (ctx) => {
    if (ctx.url.startsWith(`${BASE}/sidebar.html`)) ids.push(ctx.context);
    for (const child of ctx.children ?? []) walk(child);
  };
  for (const ctx of result.contexts) walk(ctx);
  return page.frames().filter((f) => ids.includes(f._id));
}

export async function findSidebar(page) {
  return (await sidebarFrames(page))[0] ?? null;
}

/** The form control a <label> with this exact text names (htmlFor or nesting), as an element handle. */
export async function byLabel(frame, text) {
  const handle = await waitFor(async () => {
    const h = await frame.evaluateHandle((text) => {
      for (const label of document.querySelectorAll('label')) {
        if ((label.textContent ?? '').trim() !== text) continue;
        return label.htmlFor
          ? document.getElementById(label.htmlFor)
          : label.querySelector('input, select, textarea');
      }
      return null;
    }, text);
    if (await h.evaluate((el) => el === null)) return null;
    return h;
  }, `a field labelled "${text}"`);
  return handle;
}

export async function valueOf(frame, label) {
  return (await byLabel(frame, label)).evaluate((el) => el.value);
}

/** Clicks the button whose accessible name (aria-label, else text) matches. */
export async function clickButton(frame, name) {
  const handle = await waitFor(async () => {
    const h = await frame.evaluateHandle(
      (name) => {
        const test = (s) => (typeof name === 'string' ? s === name : new RegExp(name.source).test(s));
        return (
          [...document.querySelectorAll('button')].find((b) =>
            test((b.getAttribute('aria-label') ?? b.textContent ?? '').trim()),
          ) ?? null
        );
      },
      typeof name === 'string' ? name : { source: name.source },
    );
    if (await h.evaluate((el) => el === null)) return null;
    return h;
  }, `button "${name}"`);
  // A tab's own buttons get a real click. Inside the sidebar frame, puppeteer's click looks for the
  // <iframe> from the parent document, which cannot see into our closed shadow root, and the call
  // stalls: the frame's buttons are activated from inside the frame instead.
  if (typeof frame.mainFrame === 'function') await handle.click();
  else await handle.evaluate((button) => button.click());
}

/** Every stored row of one IndexedDB store, read from an extension page (never creates the database). */
export function storedRows(extensionPage, store) {
  return extensionPage.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const request = window.indexedDB.open('helpdesk-assistant');
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onerror = () => resolve([]);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            resolve([]);
            return;
          }
          const all = db.transaction(name, 'readonly').objectStore(name).getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result.map(({ blob: _blob, ...rest }) => rest));
          };
          all.onerror = () => reject(all.error);
        };
      }),
    store,
  );
}

/**
 * Types into the sidebar's field labelled `label`, replacing its text, like a user: a real click on
 * the field (at the frame's offset in the page, read from our shadow root) focuses the frame and the
 * field, then real key presses. Focusing from script does not move the browser's focus into the frame,
 * and key presses would land in the portal page instead.
 */
export async function typeInSidebar(page, frame, label, text) {
  const field = await byLabel(frame, label);
  const offset = await waitFor(async () => {
    const [json] = (
      await inShadowRoots(page, function () {
        const f = [...this.querySelectorAll('iframe')].find((x) => x.getBoundingClientRect().width > 0);
        if (!f) return '';
        const r = f.getBoundingClientRect();
        return JSON.stringify({ x: r.x + f.clientLeft, y: r.y + f.clientTop });
      })
    ).filter(Boolean);
    return json ? JSON.parse(json) : null;
  }, 'the sidebar frame in the page');
  await page.bringToFront();
  // Click until the field has the focus (a click while the page is still settling can miss).
  await waitFor(async () => {
    const point = await field.evaluate((el) => {
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    await page.mouse.click(offset.x + point.x, offset.y + point.y);
    return field.evaluate((el) => document.activeElement === el && document.hasFocus());
  }, `focus in "${label}"`);
  await field.evaluate((el) => el.select());
  await page.keyboard.type(text, { delay: 5 });
}
