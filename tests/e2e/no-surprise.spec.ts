/**
 * Issue 17, "no surprise that loses work", end to end: the popup keeps the subscriber of a typed ICCID,
 * and a mistyped ICCID creates nothing until it is fixed (the text typed so far stays).
 */
import type { Frame, Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures';
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

async function sidebar(page: Page, extensionId: string): Promise<Frame> {
  const prefix = `chrome-extension://${extensionId}/sidebar.html`;
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(prefix))).toBe(true);
  return page.frames().find((f) => f.url().startsWith(prefix))!;
}

test('popup: an ICCID typed by hand on the subscriber\'s portal page keeps the subscriber, portal and plans', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  const lucas = subscriber('S-1002');
  const france = lucas.esims[0]!;
  const portal = await context.newPage();
  const url = new URL(lucas.url, portalUrl).href;
  await portal.goto(url);
  await expect(portal.getByRole('heading', { name: lucas.name })).toBeVisible();

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
  await expect(board.getByRole('button').filter({ hasText: 'No data in Lyon' })).toBeVisible();
});

test('popup: a mistyped ICCID creates nothing until fixed; the typed text stays', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  const lucas = subscriber('S-1002');
  const france = lucas.esims[0]!;
  const portal = await context.newPage();
  await portal.goto(new URL(lucas.url, portalUrl).href);
  await expect(portal.getByRole('heading', { name: lucas.name })).toBeVisible();

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
