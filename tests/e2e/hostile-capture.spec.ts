/**
 * Issue 14, part CAPTURE — "honest API capture", end to end (real Chromium, the built extension):
 * hostile pages try to blind or stop the page capture; whatever they do, the evidence panel either
 * lists the page's call or says the recording is interrupted — never "Recording API calls" while the
 * call goes unseen. Also: when the page is reloaded the heartbeat stops and the panel says so.
 *
 * The capture is driven from the drafts tab (as in evidence.spec.ts: the sidebar frame is denied
 * IndexedDB in this Chromium); it targets the tab the draft was started on.
 */
import type { Locator, Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { storedRows } from './stored';
import { escalateByMenu } from './menu';

const ICCID = '89445000122510666020';

interface Setup {
  page: Page;
  drafts: Page;
  panel: Locator;
}

/** Opens the hostile page, starts a draft on it, opens the draft's evidence panel and starts recording. */
async function recordOn(
  fixture: { context: import('@playwright/test').BrowserContext; serviceWorker: Worker; extensionId: string; portalUrl: string },
  path: string,
): Promise<Setup> {
  const { context, serviceWorker, extensionId, portalUrl } = fixture;
  const page = await context.newPage();
  const url = new URL(path, portalUrl).href;
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await escalateByMenu(serviceWorker, ICCID, url);
  const firstDraftId = async () => (await storedRows<{ id: string }>(serviceWorker, 'drafts'))[0]?.id ?? '';
  await expect.poll(firstDraftId).not.toBe('');
  const drafts = await context.newPage();
  await drafts.goto(`chrome-extension://${extensionId}/drafts.html#draft=${await firstDraftId()}`);
  const panel = drafts.getByTestId('evidence-panel');
  await expect(panel.getByLabel('API hosts')).toHaveValue('127.0.0.1');
  await panel.getByRole('button', { name: 'Start recording' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Recording API calls' })).toBeVisible();
  return { page, drafts, panel };
}

/** Clicks the page's "Check status" and waits until the page itself got the answer. */
async function pageCalls(page: Page, n: number) {
  await page.bringToFront();
  await page.getByRole('button', { name: 'Check status' }).click();
  await expect(page.locator('#result')).toHaveText(`Call ${n}: HTTP 200`);
}

const recordingBadge = (panel: Locator) => panel.getByRole('status').filter({ hasText: 'Recording API calls' });
const captured = (panel: Locator) => panel.getByRole('list', { name: 'Captured calls' });
const interrupted = (panel: Locator) => panel.getByRole('alert').filter({ hasText: 'Recording interrupted' });

test('a page that pre-defines the capture global is still recorded', async ({ context, serviceWorker, extensionId, portalUrl }) => {
  const { page, drafts, panel } = await recordOn({ context, serviceWorker, extensionId, portalUrl }, 'hostile/capture-predefined.html');
  await pageCalls(page, 1);
  await drafts.bringToFront();
  await expect(captured(panel)).toContainText(`/api/v2/esims/${ICCID}`);
  // Still labelled for what it is, and the page's key is not in it.
  await expect(captured(panel)).toContainText('reported by the page');
  await expect(recordingBadge(panel)).toBeVisible();
  expect(await panel.textContent()).not.toContain('hostile-page-key-0001');
});

test('a page that calls stop() on whatever it finds is still recorded', async ({ context, serviceWorker, extensionId, portalUrl }) => {
  const { page, drafts, panel } = await recordOn({ context, serviceWorker, extensionId, portalUrl }, 'hostile/capture-stop.html');
  await pageCalls(page, 1);
  await drafts.bringToFront();
  await expect(captured(panel)).toContainText(`/api/v2/esims/${ICCID}`);
  await expect(recordingBadge(panel)).toBeVisible();
  // The private channel to the hook was never handed to the page.
  expect(await page.evaluate(() => (window as unknown as { __portsSeen: number }).__portsSeen)).toBe(0);
});

test('a page that kept its own reference to fetch before load is still recorded', async ({ context, serviceWorker, extensionId, portalUrl }) => {
  const { page, drafts, panel } = await recordOn({ context, serviceWorker, extensionId, portalUrl }, 'hostile/capture-replace-fetch.html?when=early');
  await pageCalls(page, 1);
  await drafts.bringToFront();
  await expect(captured(panel)).toContainText(`/api/v2/esims/${ICCID}`);
  await expect(recordingBadge(panel)).toBeVisible();
});

test('a page that swaps in a pristine fetch after load is reported as interrupted, not recording', async ({ context, serviceWorker, extensionId, portalUrl }) => {
  const { page, drafts, panel } = await recordOn({ context, serviceWorker, extensionId, portalUrl }, 'hostile/capture-replace-fetch.html?when=late');
  await pageCalls(page, 1);
  await drafts.bringToFront();
  // The hook cannot see a fetch from another realm: the panel must stop claiming it records.
  await expect(interrupted(panel)).toBeVisible();
  await expect(interrupted(panel)).toContainText('replaced');
  await expect(recordingBadge(panel)).toHaveCount(0);
});

test('when the page is reloaded the heartbeat stops and the panel says recording was interrupted', async ({ context, serviceWorker, extensionId, portalUrl }) => {
  const { page, drafts, panel } = await recordOn({ context, serviceWorker, extensionId, portalUrl }, 'hostile/capture-predefined.html');
  await pageCalls(page, 1);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await drafts.bringToFront();
  await expect(interrupted(panel)).toBeVisible();
  await expect(recordingBadge(panel)).toHaveCount(0);
  // What was captured before the reload is kept, still labelled as reported by the page.
  await expect(captured(panel)).toContainText('reported by the page');
});
