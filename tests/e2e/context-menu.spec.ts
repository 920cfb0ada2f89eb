/**
 * Issue 8, "Escalate this ICCID" end to end. Chromium cannot open a context menu headless, so the
 * click is delivered the way the browser does: through the registered `contextMenus.onClicked`
 * listeners (the service worker's event object has `dispatch`), with the selection the page holds.
 */
import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { portalTabRead } from './page-read';
import { storedRows } from './stored';
import { expected, subscriber } from './expected';
import { escalateByMenu } from './menu';

interface StoredDraft {
  id: string;
  iccid: string | null;
  subscriberName: string | null;
  subscriberId: string | null;
}

function storedDrafts(sw: Worker): Promise<StoredDraft[]> {
  return storedRows<StoredDraft>(sw, 'drafts');
}

/** Selects the text of the first element showing `text` and returns the page's selection string. */
async function select(page: Page, text: string): Promise<string> {
  await page.getByText(text, { exact: true }).first().selectText();
  return page.evaluate(() => window.getSelection()?.toString() ?? '');
}

test('a valid selection opens one draft with the page context; again reuses it; invalid creates nothing', async ({
  context,
  portalUrl,
  serviceWorker,
  extensionId,
}) => {
  expect(await serviceWorker.evaluate(() => typeof (chrome.contextMenus.onClicked as unknown as { dispatch?: unknown }).dispatch)).toBe(
    'function',
  );
  const lucas = subscriber('S-1002');
  const france = lucas.esims[0]!;
  const page = await context.newPage();
  const url = new URL(lucas.url, portalUrl).href;
  await page.goto(url);
  await expect(page.getByRole('heading', { name: lucas.name })).toBeVisible();
  // The background learns the page's context from the content script before the click.
  await expect.poll(() => portalTabRead(serviceWorker)).toBe(true);

  const selection = await select(page, france.iccidDisplay);
  expect(selection.replace(/\D/g, '')).toBe(france.iccid);
  await escalateByMenu(serviceWorker, selection, url);
  await expect.poll(async () => (await storedDrafts(serviceWorker)).map((d) => [d.iccid, d.subscriberName, d.subscriberId])).toEqual([
    [france.iccid, 'Lucas Martin', 'S-1002'],
  ]);
  const prefix = `chrome-extension://${extensionId}/sidebar.html`;
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(prefix))).toBe(true);

  // Again: the open draft for that ICCID is reused (seed 004: one ticket per problem).
  await escalateByMenu(serviceWorker, selection, url);
  await escalateByMenu(serviceWorker, france.iccid, url);
  await expect.poll(async () => (await storedDrafts(serviceWorker)).length).toBe(1);

  // Invalid (check digit): no draft, and a notification saying why.
  const before = await serviceWorker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).length);
  const invalid = lucas.invalidIccids[0]!;
  await escalateByMenu(serviceWorker, invalid.text, url);
  await expect
    .poll(() => serviceWorker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).length))
    .toBe(before + 1);
  expect(await storedDrafts(serviceWorker)).toHaveLength(1);
});

test('off a portal, a valid selection opens the draft in the drafts tab', async ({ context, portalUrl, serviceWorker, extensionId }) => {
  // Loopback turned off in settings: the demo server is then just another web page, not a portal.
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { loopbackEnabled: false, defaultVendorId: 'esim-go', retentionDays: 30 } }));
  const page = await context.newPage();
  const url = new URL('/', portalUrl).href;
  await page.goto(url);
  const amira = subscriber('S-1001');
  const iccid = amira.esims[0]!.iccid;
  expect(expected.portal.subscribers.length).toBeGreaterThan(0);
  const draftsTab = context.waitForEvent('page', (p) => p.url().startsWith(`chrome-extension://${extensionId}/drafts.html#draft=`));
  await escalateByMenu(serviceWorker, amira.esims[0]!.iccidDisplay, url);
  const tab = await draftsTab;
  await expect(tab.getByLabel('ICCID', { exact: true })).toHaveValue(iccid);
  const drafts = await storedDrafts(serviceWorker);
  expect(drafts.map((d) => [d.iccid, d.subscriberName])).toEqual([[iccid, null]]);
  expect(tab.url()).toContain(drafts[0]!.id);
});
