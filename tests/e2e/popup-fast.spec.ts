/**
 * Issue 15 item 4, "pages that open at once": the popup's ICCID field takes keys before the React form
 * has loaded (popup.html's static field, components/popup/early-field.ts), and the form takes it over
 * without losing one. The agent types the ICCID the moment the popup opens; every character must reach
 * the form's field and the stored draft, in order, whichever field each key landed in.
 *
 * So that the typing spans the hand-over on any machine, the test holds the form back: an init script
 * makes the page's `chrome.storage.local.get` wait until the test releases it (the form reads storage
 * before its first render), on popup pages opened with `#hold` only. The keys are typed in three parts:
 * into the static field (the form is held), while the form is taking over (released: these keys race the
 * hand-over), and into the form (it has taken over).
 */
import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { subscriber } from './expected';
import { storedRows } from './stored';

interface StoredDraft {
  id: string;
  iccid: string | null;
  summary: string;
  fields: Record<string, string>;
}

const drafts = (sw: Worker) => storedRows<StoredDraft>(sw, 'drafts');

declare global {
  interface Window {
    /** Each keydown of the popup page: whether the static field (the shell) was still there. */
    __popupKeys?: Array<{ key: string; early: boolean }>;
    /** Lets the held popup's storage reads (and so its form) go on. */
    __releasePopup?: () => void;
  }
}

/** Opens the popup (its form held back) and types `text` as it opens; see the module comment. */
async function typeAsItOpens(popup: Page, extensionId: string, text: string) {
  await popup.goto(`chrome-extension://${extensionId}/popup.html#hold`, { waitUntil: 'commit' });
  // The static field has the focus before any of the form's code ran.
  await expect(popup.locator('#popup-fast-iccid')).toBeFocused();
  const third = Math.ceil(text.length / 3);
  await popup.keyboard.type(text.slice(0, third), { delay: 10 });
  await popup.evaluate(() => window.__releasePopup!());
  await popup.keyboard.type(text.slice(third, 2 * third), { delay: 15 });
  // The form has taken over (the shell is gone); the rest goes to its field.
  await expect(popup.locator('#popup-fast')).toHaveCount(0);
  await popup.keyboard.type(text.slice(2 * third), { delay: 10 });
  const keys = await popup.evaluate(() => window.__popupKeys ?? []);
  expect(keys.map((k) => k.key).join('')).toBe(text);
  expect(keys.filter((k) => k.early).length).toBeGreaterThanOrEqual(third);
  expect(keys.some((k) => !k.early)).toBe(true);
}

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/popup.html')) return;
    window.__popupKeys = [];
    addEventListener(
      'keydown',
      (e) => window.__popupKeys!.push({ key: e.key, early: document.getElementById('popup-fast') !== null }),
      true,
    );
    if (location.hash !== '#hold') return;
    const local = chrome.storage.local;
    const get = local.get.bind(local) as (...args: unknown[]) => Promise<unknown>;
    let release = () => {};
    const gate = new Promise<void>((done) => (release = done));
    window.__releasePopup = release;
    // Callback or promise style, as the caller (the polyfill) uses it.
    (local as { get: unknown }).get = (...args: unknown[]) => {
      const callback = typeof args.at(-1) === 'function' ? (args.pop() as (v: unknown) => void) : null;
      const result = gate.then(() => get(...args));
      if (!callback) return result;
      void result.then(callback);
      return undefined;
    };
  });
});

test('an ICCID typed the moment the popup opens reaches the draft whole, across the hand-over', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  const esim = subscriber('S-1002').esims[0]!;
  const popup = await context.newPage();
  await typeAsItOpens(popup, extensionId, esim.iccidDisplay);

  const iccid = popup.getByLabel('ICCID', { exact: true });
  await expect(iccid).toHaveValue(esim.iccidDisplay);
  // The caret stayed where the typing goes on: the next keys extend the text.
  await expect(iccid).toBeFocused();
  await popup.keyboard.type('x');
  await expect(iccid).toHaveValue(`${esim.iccidDisplay}x`);
  await popup.keyboard.press('Backspace');
  await expect
    .poll(async () => (await drafts(serviceWorker)).map((d) => [d.iccid, d.fields['iccid']]))
    .toEqual([[esim.iccid, esim.iccidDisplay]]);
});

test('keys typed before the form shows a remembered draft with an ICCID start a new draft; the remembered one is kept', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  const [france, japan] = subscriber('S-1002').esims;
  // A first popup: a draft with an ICCID and a summary, remembered by the popup.
  const first = await context.newPage();
  await first.goto(`chrome-extension://${extensionId}/popup.html`);
  await first.getByLabel('ICCID', { exact: true }).fill(france!.iccidDisplay);
  await first.getByLabel('Summary', { exact: true }).fill('No data in Lyon');
  await expect
    .poll(async () => (await drafts(serviceWorker)).map((d) => [d.iccid, d.summary]))
    .toEqual([[france!.iccid, 'No data in Lyon']]);
  await first.close();

  const popup = await context.newPage();
  await typeAsItOpens(popup, extensionId, japan!.iccidDisplay);
  await expect(popup.getByLabel('ICCID', { exact: true })).toHaveValue(japan!.iccidDisplay);
  await expect(popup.getByLabel('Summary', { exact: true })).toHaveValue('');
  await expect
    .poll(async () => (await drafts(serviceWorker)).map((d) => [d.iccid, d.summary]).sort())
    .toEqual(
      [
        [france!.iccid, 'No data in Lyon'],
        [japan!.iccid, ''],
      ].sort(),
    );
});
