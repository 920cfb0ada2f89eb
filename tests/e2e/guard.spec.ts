/**
 * Issue 4: the Add plan guard and the complimentary-eSIM check on the demo portal (seed 001: "Plans can
 * only be added to eSIMs with the matching IMSI profile"; "make sure the customer has an unlimited all
 * plan, or an unlimited bundle for every complimentary eSIM"). Our in-page UI is in closed shadow roots:
 * it is found through the accessibility tree (ax.ts). `window.__portalSubmissions` proves whether the
 * portal's own submit handler ran.
 */
import type { CDPSession, Page, Worker } from '@playwright/test';
import { test, expect } from './fixtures';
import { axText, clickAx, queryAx } from './ax';
import { subscriber } from './expected';

const PLAN_DIALOG = 'Plan does not fit this eSIM';

const sessions = new WeakMap<Page, Promise<CDPSession>>();
/**
 * The texts of every live status region (the portal's own `<output>`s are status regions too), through
 * closed shadow roots: the guard's verdict line is one of them.
 */
async function statusTexts(page: Page): Promise<string> {
  let s = sessions.get(page);
  if (!s) sessions.set(page, (s = page.context().newCDPSession(page)));
  const session = await s;
  const texts: string[] = [];
  for (const node of await queryAx(page, 'status')) {
    if (!node.backendDOMNodeId) continue;
    const { object } = await session.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId });
    const { result } = await session.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: 'function () { return this.textContent; }',
      returnByValue: true,
    });
    texts.push(String(result.value ?? ''));
  }
  return texts.join('\n');
}

async function submissions(page: Page): Promise<Array<{ form: string; accepted: boolean; plan?: string; iccid?: string }>> {
  return page.evaluate(() => (window as unknown as { __portalSubmissions: [] }).__portalSubmissions.slice());
}

async function openAddPlan(page: Page, portalUrl: string, id: string, iccid: string) {
  await page.goto(new URL(`/portal/subscribers/${id}/add-plan?esim=${iccid}`, portalUrl).href);
  await expect(page.locator('#add-plan-form')).toBeVisible();
  // The guard's verdict line is in place once the content script has read the page.
  await expect.poll(async () => (await statusTexts(page))).toContain('Plan check');
}

async function choosePlan(page: Page, name: string) {
  await page.locator('#add-plan-form select[name="plan"]').selectOption({ label: name });
}

const submitAddPlan = (page: Page) => page.locator('#add-plan-form button[type="submit"]').click();

/** Guard events recorded in the tab's context, read where the background keeps it (session storage). */
async function guardEvents(sw: Worker, urlPart: string): Promise<Array<{ kind: string; form: string; planName?: string }>> {
  return sw.evaluate(async (part) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => (t.url ?? '').includes(part));
    if (!tab?.id) return [];
    // Issue 15: read when asked (tests/e2e/page-read.ts); the answer reaches session storage too.
    await chrome.tabs.sendMessage(tab.id, { type: 'get-context' }, { frameId: 0 }).catch(() => undefined);
    const key = `tab-context:${tab.id}`;
    const stored = (await chrome.storage.session.get(key))[key] as { guardEvents?: [] } | undefined;
    return stored?.guardEvents ?? [];
  }, urlPart);
}

test('a plan for the wrong IMSI profile is stopped in place, with the remedies', async ({
  context,
  portalUrl,
  serviceWorker,
  extensionId,
}) => {
  const amira = subscriber('S-1001');
  const spain = amira.esims[0]!;
  const page = await context.newPage();
  await openAddPlan(page, portalUrl, amira.id, spain.iccid);

  await choosePlan(page, 'Asia 1');
  await expect.poll(async () => statusTexts(page)).toContain('needs IMSI profile 10; this eSIM has profile 7');

  const before = (await submissions(page)).length;
  await submitAddPlan(page);
  await expect.poll(async () => (await queryAx(page, 'alertdialog', PLAN_DIALOG)).length).toBe(1);
  const text = (await axText(page, 'alertdialog', PLAN_DIALOG)) ?? '';
  expect(text).toContain('"Asia 1" is set up for IMSI profile 10');
  expect(text).toContain(`The eSIM ${spain.lineName} (${spain.iccidDisplay}) has IMSI profile 7`);
  expect(text).toContain('A new eSIM named "Asia" with IMSI profile 10');
  expect(await queryAx(page, 'button', 'Add line instead')).toHaveLength(1);
  expect((await submissions(page)).length).toBe(before);
  await expect.poll(async () => (await guardEvents(serviceWorker, `/${amira.id}/add-plan`)).map((e) => e.kind)).toContain('blocked');

  // Escape cancels; focus returns to where it was (the submit button).
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await queryAx(page, 'alertdialog', PLAN_DIALOG)).length).toBe(0);
  await expect(page.locator('#add-plan-form button[type="submit"]')).toBeFocused();
  expect((await submissions(page)).length).toBe(before);

  // "Submit anyway" needs a second, explicit confirmation, and is recorded.
  await submitAddPlan(page);
  await clickAx(page, 'button', 'Submit anyway…');
  expect((await submissions(page)).length).toBe(before);
  await clickAx(page, 'button', 'Confirm: submit anyway');
  await expect.poll(async () => (await submissions(page)).length).toBe(before + 1);
  await expect(page.getByRole('alert')).toContainText('plan profile does not match');
  await expect
    .poll(async () => (await guardEvents(serviceWorker, `/${amira.id}/add-plan`)).map((e) => e.kind))
    .toContain('override');

  // The sidebar shows what the guard did: the block and the agent's override, with the plan.
  await clickAx(page, 'button', 'Helpdesk Assistant');
  const prefix = `chrome-extension://${extensionId}/sidebar.html`;
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(prefix))).toBe(true);
  const guardSection = page
    .frames()
    .find((f) => f.url().startsWith(prefix))!
    .locator('section[aria-labelledby="sb-guard-heading"]');
  await expect(guardSection).toContainText('Overridden by the agent');
  await expect(guardSection).toContainText('Blocked');
  await expect(guardSection).toContainText('Asia 1');
  await clickAx(page, 'button', 'Helpdesk Assistant');

  // "Add line instead": the portal's Add line flow opens, pre-named after the destination region.
  await submitAddPlan(page);
  await clickAx(page, 'button', 'Add line instead');
  await expect(page).toHaveURL(/\/add-line$/);
  await expect(page.locator('#add-line-form input[name="lineName"]')).toHaveValue('Asia');
  expect((await submissions(page)).length).toBe(before + 1);
});

test('the other eSIM remedy fixes the form; a matching plan and an unknown plan are not blocked', async ({
  context,
  portalUrl,
  serviceWorker,
}) => {
  const lucas = subscriber('S-1002');
  const [france, japan] = lucas.esims;
  const page = await context.newPage();
  await openAddPlan(page, portalUrl, lucas.id, france!.iccid);
  await choosePlan(page, 'Asia 1');
  await submitAddPlan(page);
  const remedy = `Add to eSIM ${japan!.lineName} (${japan!.iccidDisplay})`;
  await clickAx(page, 'button', remedy);
  await expect(page.locator('#add-plan-form select[name="esim"]')).toHaveValue(japan!.iccid);
  await expect.poll(async () => statusTexts(page)).toContain('fits this eSIM');
  await submitAddPlan(page);
  await expect(page.getByRole('status').filter({ hasText: 'Plan added' })).toBeVisible();
  expect((await submissions(page)).at(-1)).toMatchObject({ form: 'add-plan', accepted: true, iccid: japan!.iccid });

  // A matching plan (Euro 1 on a profile-7 eSIM) goes straight through.
  const amira = subscriber('S-1001');
  await openAddPlan(page, portalUrl, amira.id, amira.esims[0]!.iccid);
  await choosePlan(page, 'Euro 1');
  await submitAddPlan(page);
  await expect(page.getByRole('status').filter({ hasText: 'Plan added' })).toBeVisible();
  expect(await queryAx(page, 'alertdialog')).toHaveLength(0);

  // A plan the catalog does not know: a warning, never a block.
  await openAddPlan(page, portalUrl, amira.id, amira.esims[0]!.iccid);
  await choosePlan(page, 'Mars Explorer');
  await expect.poll(async () => statusTexts(page)).toContain('is not in the plan catalog');
  const before = (await submissions(page)).length;
  await submitAddPlan(page);
  await expect.poll(async () => (await submissions(page)).length).toBe(before + 1);
  expect(await queryAx(page, 'alertdialog')).toHaveLength(0);
  await expect
    .poll(async () => (await guardEvents(serviceWorker, `/${amira.id}/add-plan`)).map((e) => `${e.kind}:${e.planName}`))
    .toContain('warned:Mars Explorer');
});

test('Add line for a complimentary eSIM is stopped when the subscriber is not eligible', async ({ context, portalUrl }) => {
  const chen = subscriber('S-1003');
  const page = await context.newPage();
  await page.goto(new URL(`/portal/subscribers/${chen.id}/add-line`, portalUrl).href);
  const form = page.locator('#add-line-form');
  await form.locator('input[name="lineName"]').fill('Japan');
  await form.locator('select[name="plan"]').selectOption({ label: 'Japan' });
  await form.getByLabel('Complimentary eSIM').check();
  await expect.poll(async () => statusTexts(page)).toContain('not eligible');

  const before = (await submissions(page)).length;
  await form.locator('button[type="submit"]').click();
  const title = 'Not eligible for a complimentary eSIM';
  await expect.poll(async () => (await queryAx(page, 'alertdialog', title)).length).toBe(1);
  const text = (await axText(page, 'alertdialog', title)) ?? '';
  expect(text).toContain(`plan "${chen.planType}" is not Unlimited All`);
  expect(text).toContain('switch to an Unlimited All plan, or add 2 unlimited bundle(s)');
  expect((await submissions(page)).length).toBe(before);

  // Without the complimentary box the same line is none of the guard's business.
  await page.keyboard.press('Escape');
  await form.getByLabel('Complimentary eSIM').uncheck();
  await form.locator('button[type="submit"]').click();
  await expect.poll(async () => (await submissions(page)).length).toBe(before + 1);
});

test('an inline ICCID badge escalates that ICCID in the sidebar', async ({ context, extensionId, portalUrl }) => {
  const amira = subscriber('S-1001');
  const spain = amira.esims[0]!;
  const page = await context.newPage();
  await page.goto(new URL(amira.url, portalUrl).href);
  // One badge per valid ICCID occurrence; none for the invalid ones in the notes.
  await clickAx(page, 'button', `Escalate ICCID ${spain.iccidDisplay}`);
  const prefix = `chrome-extension://${extensionId}/sidebar.html`;
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(prefix))).toBe(true);
  for (const invalid of amira.invalidIccids) {
    expect((await queryAx(page, 'button')).some((n) => n.name?.value.includes(invalid.text))).toBe(false);
  }
});
