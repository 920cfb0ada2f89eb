/**
 * Issue 17, "the typed ICCID looked up in the page context of the open portal tabs": the agent is on
 * another tab (not the portal), types an ICCID the customer reads out, and the draft still gets the
 * subscriber shown in the portal tab that lists that eSIM (S-1002, seeds: tests/fixtures/portal).
 */
import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { portalTabRead, openSubscriberPage } from './page-read';
import { subscriber } from './expected';
import { storedRows } from './stored';

interface StoredDraft {
  iccid: string | null;
  subscriberId: string | null;
  subscriberName: string | null;
  portalUrl: string | null;
  fields: Record<string, string>;
}

const drafts = (sw: Worker) => storedRows<StoredDraft>(sw, 'drafts');

test('popup: an ICCID typed on another tab is looked up in the open portal tabs and keeps its subscriber', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  const lucas = subscriber('S-1002');
  const france = lucas.esims[0]!;
  const { url } = await openSubscriberPage(context, portalUrl, lucas);
  // The background knows what the portal tab shows.
  await expect.poll(() => portalTabRead(serviceWorker)).toBe(true);

  // The agent works in another tab: the fixtures index, not a portal.
  const other = await context.newPage();
  await other.goto(new URL('/', portalUrl).href);
  await other.bringToFront();

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const iccid = popup.getByLabel('ICCID', { exact: true });
  await expect(iccid).toBeEnabled();
  await iccid.pressSequentially(france.iccidDisplay, { delay: 5 });
  await popup.getByLabel('Summary', { exact: true }).pressSequentially('No data in Lyon', { delay: 5 });
  await popup.getByRole('button', { name: 'Continue in sidebar' }).click();

  await expect
    .poll(async () => (await drafts(serviceWorker)).map((d) => [d.iccid, d.subscriberId, d.subscriberName, d.portalUrl]))
    .toEqual([[france.iccid, lucas.id, lucas.name, url]]);
  const [draft] = await drafts(serviceWorker);
  // The portal's plans on that eSIM come along, as they do for the active tab.
  expect(draft!.fields['plans'] ?? '').not.toBe('');
});
