/**
 * Issue 16, end to end: "Escalate this ICCID" on a selection holding three ICCIDs (and one that fails
 * its check digit) starts ONE escalation covering the three, with the scope "several users" and the
 * priority seed 000 gives a loss of connectivity affecting multiple users: High. The click is delivered
 * through the registered contextMenus.onClicked listeners, as in context-menu.spec.ts.
 */
import { expect, test } from './fixtures';
import { storedRows } from './stored';
import { expected } from './expected';
import { escalateByMenu } from './menu';

test('a three-ICCID selection → one escalation listing the three, several users, High', async ({
  context,
  portalUrl,
  serviceWorker,
  extensionId,
}) => {
  // Off a portal, so the draft opens in the drafts tab (loopback off: the demo server is a plain page).
  await serviceWorker.evaluate(() =>
    chrome.storage.local.set({ settings: { loopbackEnabled: false, defaultVendorId: 'esim-go', retentionDays: 30 } }),
  );
  const page = await context.newPage();
  const url = new URL('/', portalUrl).href;
  await page.goto(url);
  const esims = expected.portal.subscribers.flatMap((s) => s.esims);
  const three = [...new Map(esims.map((e) => [e.iccid, e])).values()].slice(0, 3);
  expect(three).toHaveLength(3);
  const invalid = expected.portal.subscribers.flatMap((s) => s.invalidIccids)[0]!;
  // As a selection over a table holds it: one row per line, cells apart by tabs.
  const selection = [
    `1\t${three[0]!.lineName}\t${three[0]!.iccidDisplay}`,
    `2\t${three[1]!.lineName}\t${three[1]!.iccidDisplay}`,
    `3\tBroken\t${invalid.text}`,
    `4\t${three[2]!.lineName}\t${three[2]!.iccidDisplay}`,
  ].join('\n');

  const notificationsBefore = await serviceWorker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).length);
  const draftsTab = context.waitForEvent('page', (p) => p.url().startsWith(`chrome-extension://${extensionId}/drafts.html#draft=`));
  await escalateByMenu(serviceWorker, selection, url);
  const tab = await draftsTab;

  // One draft, covering the three valid ICCIDs; the invalid one is named in a notification.
  const drafts = await storedRows<{ iccid: string; iccids?: string[]; scope: string | null }>(serviceWorker, 'drafts');
  expect(drafts.map((d) => [d.iccid, d.iccids, d.scope])).toEqual([
    [three[0]!.iccid, three.map((e) => e.iccid), 'several-users'],
  ]);
  await expect
    .poll(() => serviceWorker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).length))
    .toBe(notificationsBefore + 1);

  // The form: scope "Several users"; a loss of connectivity for several users is High (seed 000).
  const scope = tab.getByLabel('Who is affected');
  await expect(scope).toHaveValue('several-users');
  await tab.getByLabel('Problem kind').selectOption('connectivity');
  await tab.getByLabel('How severe').selectOption('loss');
  await expect(tab.getByTestId('priority-suggestion')).toContainText(
    'Suggested: High — eSIM Go\'s rubric: “Loss of connectivity affecting multiple users or destinations”',
  );
  // The ticket lists the three ICCIDs.
  const preview = tab.getByTestId('ticket-preview');
  await expect(preview).toContainText(`ICCIDs concerned (3):\n- ${three.map((e) => e.iccid).join('\n- ')}`);
  await expect(preview).toContainText('Priority: High');
});
