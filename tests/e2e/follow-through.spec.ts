/**
 * Issue 18, end to end: after hand-over. An eSIM Go ticket gets its vendor ticket number; the board shows
 * it with its countdown; the injected clock (storage.session offset, components/platform/escalation-clock.ts)
 * moves past the 24 h due time (seed 000) — overdue on the board and in the toolbar badge, and a
 * notification; an agent reminder survives a browser restart; the portal sidebar shows the subscriber's
 * open escalation; and Wildix Closed → "New ticket referencing this one" (seed 002).
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect, launchWithExtension, test, sidebarFrame as sidebarOf } from './fixtures';
import { openSubscriberPage, portalTabRead } from './page-read';
import { storedRows } from './stored';
import { subscriber } from './expected';
import { escalateByMenu } from './menu';

const HOUR = 3_600_000;

interface StoredDraft {
  id: string;
  vendorId: string;
  fields: Record<string, string>;
}

async function openPortal(page: Page, sw: Worker, url: string, name: string) {
  await page.goto(url);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect.poll(() => portalTabRead(sw)).toBe(true);
}

/** Opens a subscriber's portal page and escalates their first eSIM through the context menu. */
async function escalateFirstEsim(context: BrowserContext, sw: Worker, portalUrl: string, id: string) {
  const who = subscriber(id);
  const { portal, url } = await openSubscriberPage(context, portalUrl, who);
  await expect.poll(() => portalTabRead(sw)).toBe(true);
  await escalateByMenu(sw, who.esims[0]!.iccidDisplay, url);
  return { who, url, portal };
}

/** Hands over the open draft of a drafts tab with a priority level. */
async function handOver(tab: Page, level: string) {
  await tab.getByLabel('Priority to file').selectOption({ label: level });
  await tab.getByRole('button', { name: 'Mark as handed over' }).click();
  await expect(tab.getByTestId('escalation-panel')).toBeVisible();
}

test('hand over → ticket number → board countdown → clock past due: overdue, badge, notification; reminder survives a restart; sidebar shows it', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
  userDataDir,
}) => {
  const { who: lucas, url } = await escalateFirstEsim(context, serviceWorker, portalUrl, 'S-1002');
  await expect.poll(async () => (await storedRows<StoredDraft>(serviceWorker, 'drafts')).length).toBe(1);
  const [draft] = await storedRows<StoredDraft>(serviceWorker, 'drafts');
  expect(draft!.vendorId).toBe('esim-go');

  const tab = await context.newPage();
  await tab.goto(`chrome-extension://${extensionId}/drafts.html#draft=${draft!.id}`);
  await handOver(tab, 'Normal');
  const panel = tab.getByTestId('escalation-panel');
  await panel.getByLabel('Vendor ticket number').fill('ZD-4411');
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  // Saved before the page is left (the status below was already "waiting" before the save).
  await expect
    .poll(async () => (await storedRows<{ ticketRef: string | null }>(serviceWorker, 'escalations'))[0]?.ticketRef)
    .toBe('ZD-4411');
  await expect(panel.getByLabel('Vendor status')).toHaveValue('waiting-vendor');
  await expect(panel.getByTestId('first-response-due')).toContainText(/in (1 d 0 h|2[34] h)/);

  // The board: the escalation under "Vendor owes us", its ticket number and a countdown.
  await tab.goto(`chrome-extension://${extensionId}/drafts.html`);
  const owed = tab.getByTestId('board-group-vendor');
  await expect(owed.getByTestId('board-row')).toHaveCount(1);
  await expect(owed.getByTestId('board-row')).toContainText('#ZD-4411');
  await expect(owed.getByTestId('board-countdown')).toContainText(/in (1 d 0 h|2[34] h)/);
  await expect(tab.getByTestId('board-overdue')).toHaveText('Overdue: 0');

  // Move the injected clock 25 h on: past seed 000's 24 h.
  await serviceWorker.evaluate(async (ms) => chrome.storage.session.set({ escClockOffsetMs: ms }), 25 * HOUR);
  await expect(owed.getByTestId('board-row')).toHaveAttribute('data-overdue', 'true');
  await expect(owed.getByTestId('board-countdown')).toContainText('overdue by');
  await expect(tab.getByTestId('board-overdue')).toHaveText('Overdue: 1');
  await expect(tab.getByTestId('board-timeline').locator('rect[data-overdue="true"]')).toHaveCount(1);
  await expect.poll(() => serviceWorker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
  await expect
    .poll(() => serviceWorker.evaluate(async () => Object.keys(await chrome.notifications.getAll())))
    .toContainEqual(expect.stringMatching(new RegExp(`^esc\\|${draft!.id}\\|first-response-overdue\\|`)));

  // An agent reminder two days on (real time): an alarm that must survive a browser restart.
  await tab.goto(`chrome-extension://${extensionId}/drafts.html#draft=${draft!.id}`);
  const remindAt = new Date(Date.now() + 48 * HOUR);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${remindAt.getFullYear()}-${pad(remindAt.getMonth() + 1)}-${pad(remindAt.getDate())}T${pad(remindAt.getHours())}:${pad(remindAt.getMinutes())}`;
  await tab.getByLabel('Remind me at').fill(local);
  await tab.getByRole('button', { name: 'Set reminder' }).click();
  const agentAlarm = (sw: Worker) =>
    sw.evaluate(
      async (id) => (await chrome.alarms.getAll()).some((a) => a.name.startsWith(`esc|${id}|agent|`)),
      draft!.id,
    );
  await expect.poll(() => agentAlarm(serviceWorker)).toBe(true);

  await context.close();
  const relaunched = await launchWithExtension(userDataDir);
  try {
    await expect.poll(() => agentAlarm(relaunched.serviceWorker)).toBe(true);
    // Without the session offset (gone with the browser), the escalation is not overdue yet: no badge.
    await expect.poll(() => relaunched.serviceWorker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');

    // The portal sidebar lists the subscriber's open escalation.
    const page = await relaunched.context.newPage();
    await openPortal(page, relaunched.serviceWorker, url, lucas.name);
    await relaunched.serviceWorker.evaluate(async (u) => {
      const [t] = await chrome.tabs.query({ url: u });
      await chrome.tabs.sendMessage(t!.id!, { type: 'toggle-sidebar' });
    }, url);
    const prefix = `chrome-extension://${relaunched.extensionId}/sidebar.html`;
    await expect.poll(() => page.frames().some((f) => f.url().startsWith(prefix))).toBe(true);
    const frame = page.frames().find((f) => f.url().startsWith(prefix))!;
    await expect(frame.getByTestId('open-escalations')).toContainText('Open escalation with eSIM Go');
    await expect(frame.getByTestId('open-escalations')).toContainText('#ZD-4411');
  } finally {
    await relaunched.context.close();
  }
});

test('Wildix: Closed shows the rule, and "New ticket referencing this one" gives a new draft with the old ID', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  await escalateFirstEsim(context, serviceWorker, portalUrl, 'S-1001');
  await expect.poll(async () => (await storedRows<StoredDraft>(serviceWorker, 'drafts')).length).toBe(1);
  const [draft] = await storedRows<StoredDraft>(serviceWorker, 'drafts');

  const tab = await context.newPage();
  await tab.goto(`chrome-extension://${extensionId}/drafts.html#draft=${draft!.id}`);
  await tab
    .getByRole('form', { name: 'Ticket for eSIM Go' })
    .getByLabel('Vendor', { exact: true })
    .selectOption({ label: 'Wildix (Europe, CET)' });
  await handOver(tab, 'Standard');
  const panel = tab.getByTestId('escalation-panel');
  await panel.getByLabel('Vendor ticket number').fill('88123');
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel.getByLabel('Vendor ticket number')).toHaveValue('88123');
  await expect.poll(async () => panel.getByTestId('escalation-history').textContent()).toContain('88123');
  await panel.getByLabel('Vendor status').selectOption({ label: 'Closed' });
  await expect(panel.getByTestId('status-rules')).toContainText('never reopened');
  await panel.getByRole('button', { name: 'New ticket referencing this one' }).click();

  await expect.poll(async () => (await storedRows<StoredDraft>(serviceWorker, 'drafts')).length).toBe(2);
  const created = (await storedRows<StoredDraft>(serviceWorker, 'drafts')).find((d) => d.id !== draft!.id)!;
  expect([created.vendorId, created.fields['previous-ticket']]).toEqual(['wildix', '88123']);
  await expect(tab).toHaveURL(new RegExp(`#draft=${created.id}$`));
  await expect(tab.getByLabel('Previous ticket ID')).toHaveValue('88123');
});

test('portal sidebar: hand over there starts the escalation; its open escalation opens with the panel; ticket number and status reach the board', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  // The context menu opens the sidebar on the new draft (entrypoints/background/escalate.ts).
  const { portal } = await escalateFirstEsim(context, serviceWorker, portalUrl, 'S-1002');
  const frame = await sidebarOf(portal, extensionId);
  const editor = frame.getByRole('form', { name: 'Ticket for eSIM Go' });
  await expect(editor).toBeVisible();
  const [draft] = await storedRows<StoredDraft>(serviceWorker, 'drafts');

  // "Mark as handed over" in the sidebar's editor starts the escalation, as in the drafts tab.
  await editor.getByLabel('Priority to file').selectOption({ label: 'Normal' });
  await editor.getByRole('button', { name: 'Mark as handed over' }).click();
  await expect(frame.getByTestId('escalation-panel')).toBeVisible();
  await expect
    .poll(async () =>
      (await storedRows<{ draftId: string }>(serviceWorker, 'escalations')).map((e) => e.draftId),
    )
    .toEqual([draft!.id]);
  await editor.getByRole('button', { name: 'Close' }).first().click();

  // The subscriber's open escalation, clicked in the sidebar, opens the editor WITH the escalation panel.
  const open = frame.getByTestId('open-escalations');
  await expect(open).toContainText('Open escalation with eSIM Go');
  await open.getByRole('button').first().click();
  const panel = frame.getByTestId('escalation-panel');
  await expect(panel).toBeVisible();
  await panel.getByLabel('Vendor ticket number').fill('ZD-7700');
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(async () => panel.getByTestId('escalation-history').textContent()).toContain('ZD-7700');
  await panel.getByLabel('Vendor status').selectOption({ label: 'Waiting for us' });
  await expect(panel.getByLabel('Vendor status')).toHaveValue('waiting-us');
  // A reminder set in the sidebar (its Date crosses the port) becomes the background's alarm.
  const remindAt = new Date(Date.now() + 48 * HOUR);
  const pad = (n: number) => String(n).padStart(2, '0');
  await panel
    .getByLabel('Remind me at')
    .fill(
      `${remindAt.getFullYear()}-${pad(remindAt.getMonth() + 1)}-${pad(remindAt.getDate())}T${pad(remindAt.getHours())}:${pad(remindAt.getMinutes())}`,
    );
  await panel.getByRole('button', { name: 'Set reminder' }).click();
  await expect
    .poll(() =>
      serviceWorker.evaluate(
        async (id) => (await chrome.alarms.getAll()).some((a) => a.name.startsWith(`esc|${id}|agent|`)),
        draft!.id,
      ),
    )
    .toBe(true);

  // The board in the drafts tab: under "we owe the vendor", with the ticket number the sidebar recorded.
  const tab = await context.newPage();
  await tab.goto(`chrome-extension://${extensionId}/drafts.html`);
  const ours = tab.getByTestId('board-group-us');
  await expect(ours.getByTestId('board-row')).toHaveCount(1);
  await expect(ours.getByTestId('board-row')).toContainText('#ZD-7700');
  await expect(tab.getByTestId('board-group-vendor').getByTestId('board-row')).toHaveCount(0);
});

test('portal sidebar, Wildix: Closed → "New ticket referencing this one" opens the new draft in the sidebar with the old ID', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  const { portal } = await escalateFirstEsim(context, serviceWorker, portalUrl, 'S-1001');
  const frame = await sidebarOf(portal, extensionId);
  await frame
    .getByRole('form', { name: 'Ticket for eSIM Go' })
    .getByLabel('Vendor', { exact: true })
    .selectOption({ label: 'Wildix (Europe, CET)' });
  const editor = frame.getByRole('form', { name: 'Ticket for Wildix' });
  await editor.getByLabel('Priority to file').selectOption({ label: 'Standard' });
  await editor.getByRole('button', { name: 'Mark as handed over' }).click();
  const panel = frame.getByTestId('escalation-panel');
  await panel.getByLabel('Vendor ticket number').fill('88123');
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(async () => panel.getByTestId('escalation-history').textContent()).toContain('88123');
  // seed 002: Wildix never reopens a closed ticket — the rule beside Closed, and a new one offered.
  await panel.getByLabel('Vendor status').selectOption({ label: 'Closed' });
  await expect(panel.getByTestId('status-rules')).toContainText('never reopened');
  await panel.getByRole('button', { name: 'New ticket referencing this one' }).click();

  await expect.poll(async () => (await storedRows<StoredDraft>(serviceWorker, 'drafts')).length).toBe(2);
  await expect(frame.getByLabel('Previous ticket ID')).toHaveValue('88123');
  await expect(frame.getByRole('button', { name: 'Mark as handed over' })).toBeVisible();
});
