/**
 * Issue 17, "no surprise that loses work", end to end: the popup keeps the subscriber of a typed ICCID,
 * and a mistyped ICCID creates nothing until it is fixed (the text typed so far stays).
 */
import type { Worker } from '@playwright/test';
import { expect, test, sidebarFrame as sidebar } from './fixtures';
import { openSubscriberPage } from './page-read';
import { subscriber } from './expected';
import { storedRows } from './stored';

interface StoredDraft {
  id: string;
  iccid: string | null;
  summary: string;
  subscriberId: string | null;
  subscriberName: string | null;
  portalUrl: string | null;
  fields: Record<string, string>;
}

const drafts = (sw: Worker) => storedRows<StoredDraft>(sw, 'drafts');

test('popup: an ICCID typed by hand on the subscriber\'s portal page keeps the subscriber, portal and plans', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  const lucas = subscriber('S-1002');
  const france = lucas.esims[0]!;
  const { portal, url } = await openSubscriberPage(context, portalUrl, lucas);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const iccid = popup.getByLabel('ICCID', { exact: true });
  await expect(iccid).toBeEnabled();
  // Typed digit by digit, as read out by the customer — not picked from the page's eSIMs.
  await iccid.pressSequentially(france.iccidDisplay, { delay: 5 });
  await popup.getByLabel('Summary', { exact: true }).pressSequentially('No data in Lyon', { delay: 5 });
  await popup.getByRole('button', { name: 'Continue in sidebar' }).click();
  await sidebar(portal, extensionId);

  await expect
    .poll(async () => (await drafts(serviceWorker)).map((d) => [d.iccid, d.subscriberId, d.subscriberName, d.portalUrl, d.summary]))
    .toEqual([[france.iccid, lucas.id, lucas.name, url, 'No data in Lyon']]);
  const [draft] = await drafts(serviceWorker);
  // The page's plans on that eSIM come along (eSIM Go's optional "Plans on this eSIM").
  expect(draft!.fields['plans'] ?? '').not.toBe('');

  // Searchable by the subscriber's name on the drafts page.
  const board = await context.newPage();
  await board.goto(`chrome-extension://${extensionId}/drafts.html`);
  await board.getByLabel('Search drafts').fill(lucas.name.split(' ')[0]!);
  // The search result in the drafts list (the escalation board beside it lists open drafts anyway).
  await expect(board.getByRole('button', { name: /^No data in Lyon/ })).toBeVisible();
});

test('popup: a mistyped ICCID creates nothing until fixed; the typed text stays', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  const lucas = subscriber('S-1002');
  const france = lucas.esims[0]!;
  await openSubscriberPage(context, portalUrl, lucas);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const iccid = popup.getByLabel('ICCID', { exact: true });
  await expect(iccid).toBeEnabled();
  // One digit off: the Luhn check digit no longer matches (ITU-T E.118).
  const last = Number(france.iccid.at(-1));
  const typo = `${france.iccid.slice(0, -1)}${(last + 1) % 10}`;
  await iccid.pressSequentially(typo, { delay: 5 });
  await popup.getByLabel('Summary', { exact: true }).pressSequentially('Cannot attach', { delay: 5 });
  await popup.getByRole('button', { name: 'Continue in sidebar' }).click();
  // Nothing created: the field says why and has the focus; the text is kept.
  await expect(popup.getByRole('alert')).toContainText('nothing has been saved yet');
  await expect(iccid).toBeFocused();
  await expect(iccid).toHaveValue(typo);
  await expect(popup.getByLabel('Summary', { exact: true })).toHaveValue('Cannot attach');
  expect(await drafts(serviceWorker)).toEqual([]);

  // Fixed: one draft, with the right ICCID, the subscriber and the summary typed meanwhile.
  await iccid.fill(france.iccidDisplay);
  await expect
    .poll(async () => (await drafts(serviceWorker)).map((d) => [d.iccid, d.subscriberName, d.summary]))
    .toEqual([[france.iccid, lucas.name, 'Cannot attach']]);
});

test('Restore → Replace asks first, naming what it deletes; the open editor shows the conflict, not the old text', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  const amira = subscriber('S-1001');
  const editor = await context.newPage();
  await editor.goto(`chrome-extension://${extensionId}/drafts.html`);
  await editor.getByLabel('ICCID of the eSIM').fill(amira.esims[0]!.iccidDisplay);
  await editor.getByRole('button', { name: 'Start' }).click();
  await expect(editor).toHaveURL(/#draft=/);
  const summary = editor.getByLabel('Summary', { exact: true });
  await summary.fill('Version in the backup');
  await expect.poll(async () => (await drafts(serviceWorker)).map((d) => d.summary)).toEqual(['Version in the backup']);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const downloading = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Download a backup' }).click();
  const backup = await (await downloading).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of backup) chunks.push(chunk as Buffer);

  // Work done after the backup.
  await summary.fill('Newer work after the backup');
  await expect.poll(async () => (await drafts(serviceWorker)).map((d) => d.summary)).toEqual(['Newer work after the backup']);

  await options.getByLabel('Replace my drafts').check();
  await options.getByLabel('Restore from a file').setInputFiles({ name: 'backup-monday.json', mimeType: 'application/json', buffer: Buffer.concat(chunks) });
  const confirm = options.getByRole('alertdialog', { name: 'Replace your drafts with this backup?' });
  await expect(confirm).toContainText('deletes the 1 drafts stored here (1 still open)');
  await expect(confirm).toContainText('“backup-monday.json”');
  // Nothing happened yet.
  expect((await drafts(serviceWorker)).map((d) => d.summary)).toEqual(['Newer work after the backup']);
  await confirm.getByRole('button', { name: 'Delete 1 drafts and replace' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Replaced' })).toHaveText(
    'Replaced: the 1 drafts stored here were deleted; 1 drafts restored from the file.',
  );
  await expect.poll(async () => (await drafts(serviceWorker)).map((d) => d.summary)).toEqual(['Version in the backup']);

  // The open editor does not revert silently: the conflict banner, and the agent's text still shown.
  await expect(editor.getByRole('alert').filter({ hasText: 'changed in another window' })).toBeVisible();
  await expect(summary).toHaveValue('Newer work after the backup');
  await editor.getByRole('button', { name: 'Keep mine' }).click();
  await expect.poll(async () => (await drafts(serviceWorker)).map((d) => d.summary)).toEqual(['Newer work after the backup']);
});

test('Options: a retention error appears at the retention field, not in the backup box', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const retention = options.getByLabel('Keep drafts (days)');
  await retention.fill('0');
  await retention.locator('xpath=following-sibling::button').click();
  await expect(retention).toHaveAttribute('aria-invalid', 'true');
  await expect(retention).toHaveAccessibleDescription(/Enter a whole number of days from 1 to 3650/);
  await expect(options.getByRole('alert').filter({ hasText: 'Enter a whole number' })).not.toContainText('Nothing was restored');
});
