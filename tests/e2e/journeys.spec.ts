/**
 * Issue 17: the agent's five daily journeys, end to end, with a step budget. Every interaction goes
 * through {@link Steps} (clicks, key presses that are not typing, focus changes by hand); each journey
 * asserts its count, so a change that adds a step to a daily task shows up in review. The budgets are
 * what the product needs today; the numbers before issue 17 are in the comment of each journey.
 *
 * Selectors are roles and labels (the drafts page becomes the escalation board under issue 18: the
 * journey that goes through it only names a draft by its text and the editor by its labels).
 */
import type { Frame, Page, Worker } from '@playwright/test';
import { clickAx, queryAx } from './ax';
import { expect, test, sidebarFrame as sidebar } from './fixtures';
import { portalTabRead, openSubscriberPage } from './page-read';
import { subscriber } from './expected';
import { Steps } from './steps';
import { storedRows } from './stored';

interface StoredDraft {
  id: string;
  status: string;
  iccid: string | null;
  summary: string;
  subscriberId: string | null;
  subscriberName: string | null;
  portalUrl: string | null;
  problemKind: string | null;
  scope: string | null;
  fields: Record<string, string>;
}

const drafts = (sw: Worker) => storedRows<StoredDraft>(sw, 'drafts');

/**
 * The step budgets, asserted exactly: a change that adds a step fails here, and so does one that saves
 * a step without lowering the budget. Before issue 17 (same counting, measured on the code before it):
 * (a) 11, (b) 7, (c) 4, (d) 12, (e) 10.
 */
export const BUDGET = {
  /** Toggle, Escalate, (Problem focused) Location, Device, Troubleshooting, kind ×2, hand over. */
  portalTicket: 8,
  /** Plan ×2, Submit, "Add line instead" (the plan comes along), Submit. */
  addPlanRemedy: 5,
  /** Toolbar, Ctrl+V (the focus then moves to Summary), Continue. */
  popupClipboard: 3,
  /** Select, right-click, menu item, then the ticket as in (a) without the Escalate click. */
  selectionTicket: 9,
  /** "All drafts", the draft, (Location focused) Troubleshooting, kind ×2, hand over. */
  resumeDraft: 6,
};

/** The in-page toggle, through the accessibility tree (closed shadow root): one click. */
async function openSidebar(steps: Steps, page: Page) {
  await clickAx(page, 'button', 'Helpdesk Assistant');
  steps.manual('toolbar toggle');
}

/** What an eSIM Go ticket needs (seed 000), typed into the editor; the rest comes from the page. */
async function completeEsimGo(steps: Steps, editor: Frame | Page) {
  await steps.type(editor.getByLabel('Problem description', { exact: true }), 'No data since arriving, bars shown.');
  const location = editor.getByLabel('Location within the country', { exact: true });
  if ((await location.inputValue()) === '') await steps.type(location, 'Spain — Barcelona');
  await steps.type(editor.getByLabel('Device type', { exact: true }), 'iPhone 15');
  await steps.type(editor.getByLabel('Troubleshooting already done', { exact: true }), 'Restarted; data roaming on.');
  await steps.select(editor.getByLabel('Problem kind', { exact: true }), { label: 'Connectivity' });
  // Prefilled since issue 17 when the ticket is about one eSIM; the agent only checks it.
  const scope = editor.getByLabel('Who is affected', { exact: true });
  if ((await scope.inputValue()) !== 'one-user') await steps.select(scope, { label: 'One user' });
  // Complete: no required item is missing before the hand-over.
  await expect(editor.getByTestId('handover-warning')).toHaveCount(0);
}

function report(name: string, steps: Steps) {
  console.log(`[figure] journey ${name}: ${steps.count} steps — ${steps.trail.join(', ')}`);
}

test('(a) portal subscriber → complete eSIM Go ticket for one eSIM → handed over', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  const amira = subscriber('S-1001');
  const spain = amira.esims[0]!;
  const page = await context.newPage();
  await page.goto(new URL(amira.url, portalUrl).href);
  await expect(page.getByRole('heading', { name: amira.name })).toBeVisible();
  const steps = new Steps();

  await openSidebar(steps, page);
  const frame = await sidebar(page, extensionId);
  await steps.click(frame.getByRole('button', { name: `Escalate eSIM ${spain.lineName}` }));
  await expect(frame.getByLabel('ICCID', { exact: true })).toHaveValue(spain.iccid);
  await completeEsimGo(steps, frame);
  await steps.click(frame.getByRole('button', { name: 'Mark as handed over' }));

  await expect.poll(async () => (await drafts(serviceWorker)).map((d) => [d.status, d.iccid, d.subscriberId, d.problemKind, d.scope])).toEqual([
    ['handed-over', spain.iccid, amira.id, 'connectivity', 'one-user'],
  ]);
  report('a', steps);
  expect(steps.count).toBe(BUDGET.portalTicket);
});

test('(b) Add plan mismatch → fixed through the remedy → submitted', async ({ context, portalUrl }) => {
  const amira = subscriber('S-1001');
  const spain = amira.esims[0]!;
  const page = await context.newPage();
  await page.goto(new URL(`/portal/subscribers/${amira.id}/add-plan?esim=${spain.iccid}`, portalUrl).href);
  await expect(page.locator('#add-plan-form')).toBeVisible();
  await expect.poll(async () => (await queryAx(page, 'status')).length).toBeGreaterThan(0);
  const steps = new Steps();

  // seed 001: "Asia 1" is set up for IMSI profile 10; Amira's Spain eSIM has profile 7.
  await steps.select(page.locator('#add-plan-form select[name="plan"]'), { label: 'Asia 1' });
  await steps.click(page.locator('#add-plan-form button[type="submit"]'));
  await clickAx(page, 'button', 'Add line instead');
  steps.manual('remedy: Add line instead');
  await expect(page).toHaveURL(/\/add-line$/);
  const form = page.locator('#add-line-form');
  await expect(form.locator('input[name="lineName"]')).toHaveValue('Asia');
  if ((await form.locator('select[name="plan"] option:checked').textContent()) !== 'Asia 1') {
    await steps.select(form.locator('select[name="plan"]'), { label: 'Asia 1' });
  }
  await steps.click(form.locator('button[type="submit"]'));
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __portalSubmissions: Array<{ form: string; accepted: boolean; plan?: string }> }).__portalSubmissions.at(-1)))
    .toMatchObject({ form: 'add-line', accepted: true, plan: 'Asia 1' });
  report('b', steps);
  expect(steps.count).toBe(BUDGET.addPlanRemedy);
});

test('(c) popup quick ticket from an ICCID in the clipboard → continued in the sidebar', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  const lucas = subscriber('S-1002');
  const japan = lucas.esims[1]!;
  const { portal } = await openSubscriberPage(context, portalUrl, lucas);
  // Copied earlier from the customer's e-mail (setup, not a step of this journey).
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(portalUrl).origin });
  await portal.bringToFront();
  await portal.evaluate((text) => navigator.clipboard.writeText(text), japan.iccidDisplay);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const steps = new Steps();
  steps.manual('toolbar button');

  await expect(popup.getByLabel('ICCID', { exact: true })).toBeEnabled();
  await steps.paste(popup.getByLabel('ICCID', { exact: true }));
  await expect(popup.getByLabel('ICCID', { exact: true })).toHaveValue(japan.iccidDisplay);
  await steps.type(popup.getByLabel('Summary', { exact: true }), 'eSIM does not install');
  await steps.click(popup.getByRole('button', { name: 'Continue in sidebar' }));
  const frame = await sidebar(portal, extensionId);
  await expect(frame.getByLabel('ICCID', { exact: true })).toHaveValue(japan.iccidDisplay);
  await expect
    .poll(async () => (await drafts(serviceWorker)).map((d) => [d.iccid, d.summary, d.subscriberName]))
    .toEqual([[japan.iccid, 'eSIM does not install', lucas.name]]);
  report('c', steps);
  expect(steps.count).toBe(BUDGET.popupClipboard);
});

test('(d) "Escalate this ICCID" from a selection → complete ticket', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  const amira = subscriber('S-1001');
  const spain = amira.esims[0]!;
  const page = await context.newPage();
  const url = new URL(amira.url, portalUrl).href;
  await page.goto(url);
  await expect(page.getByRole('heading', { name: amira.name })).toBeVisible();
  await expect.poll(() => portalTabRead(serviceWorker)).toBe(true);
  const steps = new Steps();

  await page.getByText(spain.iccidDisplay, { exact: true }).first().selectText();
  const selection = await page.evaluate(() => window.getSelection()?.toString() ?? '');
  steps.manual('select the ICCID');
  // Headless Chromium opens no context menu: the click reaches the background's listeners directly.
  steps.manual('right-click');
  steps.manual('menu: Escalate this ICCID');
  await serviceWorker.evaluate(
    async ({ selectionText, tabUrl }) => {
      const [tab] = await chrome.tabs.query({ url: tabUrl });
      const event = chrome.contextMenus.onClicked as unknown as { dispatch: (...args: unknown[]) => void };
      event.dispatch({ menuItemId: 'escalate-iccid', selectionText, editable: false, pageUrl: tabUrl }, tab);
    },
    { selectionText: selection, tabUrl: url },
  );
  const frame = await sidebar(page, extensionId);
  await expect(frame.getByLabel('ICCID', { exact: true })).toHaveValue(spain.iccid);
  await completeEsimGo(steps, frame);
  await steps.click(frame.getByRole('button', { name: 'Mark as handed over' }));
  await expect.poll(async () => (await drafts(serviceWorker)).map((d) => [d.status, d.iccid, d.subscriberName])).toEqual([
    ['handed-over', spain.iccid, amira.name],
  ]);
  report('d', steps);
  expect(steps.count).toBe(BUDGET.selectionTicket);
});

test("(e) resume yesterday's draft from the drafts page and hand it over", async ({ context, extensionId, serviceWorker, portalUrl }) => {
  const amira = subscriber('S-1001');
  const spain = amira.esims[0]!;
  // Yesterday: a draft started from the sidebar and left half done (setup, not counted).
  const yesterday = await context.newPage();
  await yesterday.goto(new URL(amira.url, portalUrl).href);
  await clickAx(yesterday, 'button', 'Helpdesk Assistant');
  const old = await sidebar(yesterday, extensionId);
  await old.getByRole('button', { name: `Escalate eSIM ${spain.lineName}` }).click();
  await old.getByLabel('Problem description', { exact: true }).fill('Roaming data stopped overnight');
  await old.getByLabel('Device type', { exact: true }).fill('Pixel 8');
  await expect.poll(async () => (await drafts(serviceWorker)).map((d) => d.fields['device'])).toEqual(['Pixel 8']);

  // Today, on the portal: the agent goes to the drafts.
  const page = await context.newPage();
  await page.goto(new URL(amira.url, portalUrl).href);
  await expect(page.getByRole('heading', { name: amira.name })).toBeVisible();
  const steps = new Steps();
  const board = await reachDrafts(steps, page, extensionId);
  await steps.click(
    board.getByRole('button').or(board.getByRole('link')).filter({ hasText: amira.name }).first(),
    'open the draft',
  );
  const location = board.getByLabel('Location within the country', { exact: true });
  if ((await location.inputValue()) === '') await steps.type(location, 'Spain — Madrid');
  await steps.type(board.getByLabel('Troubleshooting already done', { exact: true }), 'Toggled airplane mode.');
  await steps.select(board.getByLabel('Problem kind', { exact: true }), { label: 'Connectivity' });
  const scope = board.getByLabel('Who is affected', { exact: true });
  if ((await scope.inputValue()) !== 'one-user') await steps.select(scope, { label: 'One user' });
  await expect(board.getByTestId('handover-warning')).toHaveCount(0);
  await steps.click(board.getByRole('button', { name: 'Mark as handed over' }));
  await expect.poll(async () => (await drafts(serviceWorker)).map((d) => d.status)).toEqual(['handed-over']);
  report('e', steps);
  expect(steps.count).toBe(BUDGET.resumeDraft);
});

/**
 * From a portal page to the drafts page. Before issue 17 no surface linked to it: the agent typed its
 * address (focus the address bar, Enter: 2 steps). Now: open the sidebar, "All drafts" (2 steps, and
 * the agent does not need to know an address).
 */
async function reachDrafts(steps: Steps, page: Page, extensionId: string): Promise<Page> {
  // The sidebar's open state is remembered per portal: open since yesterday, it opens with the page.
  const frame = await sidebar(page, extensionId);
  const opened = page.context().waitForEvent('page', (p) => p.url().startsWith(`chrome-extension://${extensionId}/drafts.html`));
  await steps.click(frame.getByRole('button', { name: 'All drafts' }));
  return opened;
}
