/**
 * Issue 6, end to end: a ticket started from the portal sidebar is prefilled, survives the tab being
 * closed mid-word and a browser restart, is never lost silently when two drafts tabs edit it, and
 * copies in the vendor's format.
 */
import type { Worker } from '@playwright/test';
import { clickAx } from './ax';
import { expect, launchWithExtension, test, sidebarFrame as sidebar } from './fixtures';
import { portalTabRead } from './page-read';
import { storedRows } from './stored';
import { subscriber } from './expected';
import { escalateByMenu } from './menu';

interface StoredDraft {
  id: string;
  iccid: string | null;
  summary: string;
  subscriberName: string | null;
  fields: Record<string, string>;
  revision: number;
}

/** Every stored draft, read straight from the extension's IndexedDB in the service worker. */
function storedDrafts(sw: Worker): Promise<StoredDraft[]> {
  return storedRows<StoredDraft>(sw, 'drafts');
}

// The escalation is started from the portal page by the background (context-menu path) and edited in
// the drafts tab; the test after it does the same from the sidebar, whose drafts travel through the
// background (a chrome-extension frame inside a portal page gets no first-party IndexedDB).
test('a ticket started on the portal is prefilled, and survives a tab closed mid-word and a browser restart', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
  userDataDir,
}) => {
  const lucas = subscriber('S-1002');
  const france = lucas.esims[0]!;
  const portal = await context.newPage();
  const url = new URL(lucas.url, portalUrl).href;
  await portal.goto(url);
  await expect(portal.getByRole('heading', { name: lucas.name })).toBeVisible();
  await expect.poll(() => portalTabRead(serviceWorker)).toBe(true);
  await escalateByMenu(serviceWorker, france.iccidDisplay, url);
  await expect.poll(async () => (await storedDrafts(serviceWorker)).length).toBe(1);
  const [created] = await storedDrafts(serviceWorker);
  const id = created!.id;
  expect([created!.iccid, created!.subscriberName]).toEqual([france.iccid, lucas.name]);

  const draftsUrl = `chrome-extension://${extensionId}/drafts.html#draft=${id}`;
  let tab = await context.newPage();
  await tab.goto(draftsUrl);
  await expect(tab.getByLabel('ICCID', { exact: true })).toHaveValue(france.iccid);
  // Seed 000's device type is asked, never guessed from the agent's browser.
  await expect(tab.getByLabel('Device type')).toHaveValue('');
  await expect(tab.getByTestId('env-portal')).toHaveText(url);
  await expect(tab.getByTestId('env-time')).toContainText('UTC');

  // Type, then close the tab mid-word: no blur, no pause for the debounce.
  await tab.getByLabel('Device type').pressSequentially('iPhone 15 Pr', { delay: 5 });
  await tab.close();

  tab = await context.newPage();
  await tab.goto(draftsUrl);
  await expect(tab.getByLabel('Device type')).toHaveValue('iPhone 15 Pr');
  await expect.poll(async () => (await storedDrafts(serviceWorker)).map((d) => [d.id, d.fields['device']])).toEqual([[id, 'iPhone 15 Pr']]);

  // Browser restart: the drafts are still there.
  await context.close();
  const relaunched = await launchWithExtension(userDataDir);
  try {
    const again = await relaunched.context.newPage();
    await again.goto(`chrome-extension://${relaunched.extensionId}/drafts.html#draft=${id}`);
    await expect(again.getByLabel('Device type')).toHaveValue('iPhone 15 Pr');
    await expect(again.getByLabel('ICCID', { exact: true })).toHaveValue(france.iccid);
  } finally {
    await relaunched.context.close();
  }
});

test('the same from the sidebar: Escalate, type, close the tab mid-word, reopen — text intact', async ({
  context,
  extensionId,
  portalUrl,
}) => {
  const lucas = subscriber('S-1002');
  const france = lucas.esims[0]!;
  const open = async (sidebarRemembered: boolean) => {
    const page = await context.newPage();
    await page.goto(new URL(lucas.url, portalUrl).href);
    // The sidebar's open state is remembered per portal: the second visit finds it open already.
    if (!sidebarRemembered) await clickAx(page, 'button', 'Helpdesk Assistant');
    const frame = await sidebar(page, extensionId);
    await frame.getByRole('button', { name: new RegExp(`^Escalate (eSIM ${france.lineName}|ICCID ${france.iccidDisplay})$`) }).click();
    await expect(frame.getByLabel('ICCID', { exact: true })).toHaveValue(france.iccid);
    return { page, frame };
  };
  const first = await open(false);
  await first.frame.getByLabel('Device type').pressSequentially('iPhone 15 Pr', { delay: 5 });
  await first.page.close();
  const second = await open(true);
  await expect(second.frame.getByLabel('Device type')).toHaveValue('iPhone 15 Pr');
});

test('two drafts tabs editing one draft never lose an edit silently; copy uses the vendor format', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  const first = await context.newPage();
  await first.goto(`chrome-extension://${extensionId}/drafts.html`);
  await first.getByLabel('ICCID of the eSIM').fill('8944 5000 1225 1001 0013');
  await first.getByRole('button', { name: 'Start' }).click();
  await expect(first).toHaveURL(/#draft=/);
  const id = new URL(first.url()).hash.replace('#draft=', '');
  const second = await context.newPage();
  await second.goto(`chrome-extension://${extensionId}/drafts.html#draft=${id}`);
  await expect(second.getByLabel('Summary')).toHaveValue('');

  // A change in one tab reaches the other (which has nothing unsaved).
  await first.getByLabel('Summary').fill('Activation stuck on');
  await expect(second.getByLabel('Summary')).toHaveValue('Activation stuck on');

  // Both tabs change the same field before either autosave ran: the later write meets a conflict.
  await first.getByLabel('Summary').fill('Written in the first tab');
  await second.getByLabel('Summary').fill('Written in the second tab');
  const conflict = second.getByRole('alert').filter({ hasText: 'changed in another window' });
  await expect(conflict).toBeVisible();
  await expect.poll(async () => (await storedDrafts(serviceWorker)).find((d) => d.id === id)?.summary).toBe('Written in the first tab');
  // Nothing was dropped: the second tab still shows its own text until the agent decides.
  await expect(second.getByLabel('Summary')).toHaveValue('Written in the second tab');
  await second.getByRole('button', { name: 'Keep mine' }).click();
  await expect.poll(async () => (await storedDrafts(serviceWorker)).find((d) => d.id === id)?.summary).toBe('Written in the second tab');
  await expect(first.getByLabel('Summary')).toHaveValue('Written in the second tab');

  // Copy: the vendor's subject format first, then the fields in the vendor's order.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `chrome-extension://${extensionId}` }).catch(() => undefined);
  await second.getByRole('button', { name: 'Copy as plain text' }).click();
  await expect(second.getByText('Ticket copied as plain text.')).toBeVisible();
  const preview = (await second.getByTestId('ticket-preview').textContent()) ?? '';
  const lines = preview.split('\n');
  expect(lines[0]).toBe('Written in the second tab');
  const order = ['ICCID:', 'Problem description:', 'Location within the country:', 'Device type:', 'Troubleshooting already done:'];
  const positions = order.map((label) => preview.indexOf(label));
  expect(positions.every((p) => p > 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  const clipboard = await second.evaluate(() => navigator.clipboard.readText()).catch(() => null);
  console.log(`[figure] clipboard readable in the drafts tab: ${clipboard !== null}`);
  if (clipboard !== null) expect(clipboard).toBe(preview);
});
