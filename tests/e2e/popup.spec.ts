/**
 * Issue 6, the popup quick ticket end to end: typing lands in a draft at once, a closed popup loses
 * nothing and the next one resumes the same draft; "Continue in sidebar" opens it over the portal.
 * The popup page is opened in a tab (a toolbar popup cannot be driven headless); it then works on the
 * most recently used other tab — the portal.
 */
import type { Worker } from '@playwright/test';
import { expect, test, sidebarFrame as sidebar } from './fixtures';
import { storedRows } from './stored';
import { subscriber } from './expected';

interface StoredDraft {
  id: string;
  summary: string;
  iccid: string | null;
  subscriberName: string | null;
}

function storedDrafts(sw: Worker): Promise<StoredDraft[]> {
  return storedRows<StoredDraft>(sw, 'drafts');
}

test('the popup saves as you type, resumes the same draft, and continues in the sidebar', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  const lucas = subscriber('S-1002');
  const portal = await context.newPage();
  await portal.goto(new URL(lucas.url, portalUrl).href);
  await expect(portal.getByRole('heading', { name: lucas.name })).toBeVisible();

  const popupUrl = `chrome-extension://${extensionId}/popup.html`;
  let popup = await context.newPage();
  await popup.goto(popupUrl);
  for (const label of ['ICCID', 'Vendor', 'Priority', 'Summary']) await expect(popup.getByLabel(label, { exact: true })).toBeVisible();
  // The portal shows two eSIMs: the popup offers both rather than guessing.
  await popup.getByRole('button', { name: `Use ${lucas.esims[1]!.lineName} (…${lucas.esims[1]!.iccid.slice(-4)})` }).click();
  await expect(popup.getByLabel('ICCID', { exact: true })).toHaveValue(lucas.esims[1]!.iccidDisplay);
  await popup.getByLabel('Summary', { exact: true }).pressSequentially('No data in Tok', { delay: 5 });
  await popup.close();

  await expect.poll(async () => (await storedDrafts(serviceWorker)).map((d) => [d.summary, d.iccid, d.subscriberName])).toEqual([
    ['No data in Tok', lucas.esims[1]!.iccid, lucas.name],
  ]);
  const [draft] = await storedDrafts(serviceWorker);

  popup = await context.newPage();
  await popup.goto(popupUrl);
  await expect(popup.getByLabel('Summary', { exact: true })).toHaveValue('No data in Tok');
  // Continue typing at the end of the text, as an agent clicking into the field would.
  await popup.getByLabel('Summary', { exact: true }).click();
  await popup.getByLabel('Summary', { exact: true }).press('End');
  await popup.getByLabel('Summary', { exact: true }).pressSequentially('yo', { delay: 5 });
  await expect.poll(async () => (await storedDrafts(serviceWorker)).map((d) => [d.id, d.summary])).toEqual([[draft!.id, 'No data in Tokyo']]);

  // "Continue in sidebar": the background opens the sidebar over the portal tab with this draft.
  await popup.getByRole('button', { name: 'Continue in sidebar' }).click();
  const frame = await sidebar(portal, extensionId);
  await expect(frame.locator('body')).not.toBeEmpty();
});

test('"Continue in sidebar" shows the popup\'s draft in the sidebar editor', async ({ context, extensionId, portalUrl }) => {
  const lucas = subscriber('S-1002');
  const portal = await context.newPage();
  await portal.goto(new URL(lucas.url, portalUrl).href);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByLabel('Summary', { exact: true }).fill('No data in Tokyo');
  await popup.getByRole('button', { name: 'Continue in sidebar' }).click();
  const frame = await sidebar(portal, extensionId);
  await expect(frame.getByLabel('Summary', { exact: true })).toHaveValue('No data in Tokyo');
});
