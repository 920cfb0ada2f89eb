/**
 * Issue 5: the portal sidebar's views in real Chromium against the demo portal — subscriber, eSIM
 * lines and the plan finder follow the page (client-side navigation included); the keyboard command's
 * route opens it; a hostile page can neither read the sidebar nor feed it a forged context.
 */
import { test, expect, readySidebarFrame as sidebar } from './fixtures';
import { clickAx } from './ax';
import { expected, subscriber } from './expected';
import type { Frame, Worker } from '@playwright/test';

async function findPlan(frame: Frame, query: string) {
  const box = frame.getByRole('searchbox', { name: 'Destination or plan' });
  await box.fill(query);
}

/** The eSIM views show exactly the fixture's lines: name, grouped ICCID, profile, status. */
async function expectSubscriberViews(frame: Frame, id: string) {
  const s = subscriber(id);
  const card = frame.getByRole('region', { name: 'Subscriber' });
  await expect(card).toContainText(s.name);
  await expect(card).toContainText(s.id);
  await expect(card).toContainText(s.planType);
  await expect(frame.getByRole('heading', { name: `eSIM lines (${s.esims.length})` })).toBeVisible();
  for (const esim of s.esims) {
    const line = frame.getByRole('article', { name: esim.lineName });
    await expect(line).toContainText(esim.iccidDisplay);
    await expect(line.getByRole('definition').nth(1)).toHaveText(String(esim.imsiProfile));
    await expect(line).toContainText(esim.status);
    await expect(line.getByRole('button', { name: `Escalate eSIM ${esim.lineName}` })).toBeVisible();
  }
}

test('the sidebar shows the subscriber, eSIMs and plan finder, and follows client-side navigation', async ({
  context,
  extensionId,
  portalUrl,
}) => {
  const amira = subscriber('S-1001');
  const lucas = subscriber('S-1002');
  const page = await context.newPage();
  await page.goto(new URL(amira.url, portalUrl).href);
  await expect(page.getByRole('heading', { name: amira.name })).toBeVisible();

  await clickAx(page, 'button', 'Helpdesk Assistant');
  const frame = await sidebar(page, extensionId);
  await expectSubscriberViews(frame, 'S-1001');
  await expect(frame.getByRole('region', { name: 'Subscriber' })).toContainText('Eligible');
  await expect(frame.getByRole('region', { name: 'Plan finder' })).toContainText('Example catalog');

  // seed 001: an Asia plan cannot go on Amira's only eSIM (profile 7) → Add line named after the region.
  await findPlan(frame, 'Asia 1');
  const asiaRow = frame.getByRole('row', { name: /^Asia 1/ });
  await expect(asiaRow).toContainText('Add line: name it “Asia”');
  await expect(asiaRow).not.toContainText('Add plan on eSIM');

  // Client-side navigation (no page load): the sidebar follows to Lucas, whose "Japan" eSIM has profile 10.
  const loads: string[] = [];
  page.on('load', () => loads.push(page.url()));
  await page.getByRole('link', { name: 'Subscribers', exact: true }).first().click();
  await page.getByRole('link', { name: lucas.id, exact: true }).click();
  await expect(page.getByRole('heading', { name: lucas.name })).toBeVisible();
  await expectSubscriberViews(frame, 'S-1002');
  await findPlan(frame, 'Asia 1');
  const japan = lucas.esims.find((e) => e.lineName === 'Japan')!;
  await expect(frame.getByRole('row', { name: /^Asia 1/ })).toContainText(`Add plan on eSIM “Japan” ${japan.iccidDisplay}`);
  await expect(frame.getByRole('row', { name: /^Asia 1/ })).not.toContainText('“France”');
  expect(loads).toEqual([]);

});

test('Escalate on an eSIM opens its draft in the ticket editor, and reuses it', async ({ context, extensionId, portalUrl }) => {
  const lucas = subscriber('S-1002');
  const japan = lucas.esims.find((e) => e.lineName === 'Japan')!;
  const page = await context.newPage();
  await page.goto(new URL(lucas.url, portalUrl).href);
  await clickAx(page, 'button', 'Helpdesk Assistant');
  const frame = await sidebar(page, extensionId);
  await frame.getByRole('checkbox', { name: 'Device restarted' }).check();
  await frame.getByRole('button', { name: 'Escalate eSIM Japan' }).click();
  await expect(frame.getByRole('region', { name: 'Subscriber' })).toHaveCount(0);
  await expect(frame.getByRole('alert')).toHaveCount(0);
  const values = () =>
    frame.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((e) => e.value).join('\n'),
    );
  await expect.poll(values).toMatch(new RegExp(`${japan.iccid}|${japan.iccidDisplay}`));
  await expect.poll(values).toContain('Device restarted');
});

/** The tab the service worker sees for a page URL. */
async function tabIdOf(sw: Worker, url: string): Promise<number> {
  return sw.evaluate(async (u) => {
    const [tab] = await chrome.tabs.query({ url: u });
    return tab?.id ?? -1;
  }, url);
}

test('the keyboard command toggles the sidebar', async ({ context, serviceWorker, extensionId, portalUrl }) => {
  const amira = subscriber('S-1001');
  const page = await context.newPage();
  const url = new URL(amira.url, portalUrl).href;
  await page.goto(url);
  await expect(page.getByRole('heading', { name: amira.name })).toBeVisible();
  const tabId = await tabIdOf(serviceWorker, url);
  expect(tabId).toBeGreaterThan(0);

  // Chrome cannot press an extension shortcut headless; dispatch the command event when the bindings
  // allow it, else take the exact route the command handler uses (background → content 'toggle-sidebar').
  const how = await serviceWorker.evaluate(async (id) => {
    const event = chrome.commands.onCommand as unknown as { dispatch?: (...args: unknown[]) => void };
    const tab = await chrome.tabs.get(id);
    if (typeof event.dispatch === 'function') {
      event.dispatch('toggle-sidebar', tab);
      return 'dispatch';
    }
    await chrome.tabs.sendMessage(id, { type: 'toggle-sidebar' });
    return 'message';
  }, tabId);
  test.info().annotations.push({ type: 'command-path', description: how });
  const frame = await sidebar(page, extensionId);
  await expect(frame.getByRole('region', { name: 'Subscriber' })).toContainText(amira.name);
  // The open panel narrows the page (an adopted sheet sets a margin); the close button undoes it.
  const margin = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).marginRight || '0'));
  await expect.poll(margin).toBeGreaterThan(0);
  await frame.getByRole('button', { name: 'Close the sidebar' }).click();
  await expect.poll(margin).toBe(0);
});

test('a hostile page cannot read the sidebar or feed it a forged context', async ({ context, extensionId, portalUrl }) => {
  const spy = expected.hostile.spy as unknown as { url: string; name: string; id: string; forgedSubscriberName: string; esims: Array<{ iccid: string }> };
  const page = await context.newPage();
  await page.goto(new URL(spy.url, portalUrl).href);
  await expect(page.getByRole('heading', { name: spy.name })).toBeVisible();

  await clickAx(page, 'button', 'Helpdesk Assistant');
  const frame = await sidebar(page, extensionId);
  await expect(frame.locator('[data-iccid]')).toHaveCount(1);
  await expect(frame.locator('[data-iccid]')).toHaveAttribute('data-iccid', spy.esims[0]!.iccid);

  // The spy forges messages (a "Mallory Forged" page-context among them) every 8th sweep, to the window
  // and to every frame it can reach — our frame is in a closed shadow root, so it cannot even target it.
  // Sweep until it has forged, checking after each sweep that it stole nothing.
  type Spy = { __spySweep: () => Promise<number>; __spyForged: Array<{ to: string }>; __stolen: unknown[] };
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const w = window as unknown as Spy;
          const stolen = await w.__spySweep();
          return stolen === 0 ? w.__spyForged.length : -1;
        }),
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as Spy).__spySweep())).toBe(0);
  expect(await page.evaluate(() => (window as unknown as Spy).__stolen)).toEqual([]);

  await expect(frame.locator('[data-iccid]')).toHaveAttribute('data-iccid', spy.esims[0]!.iccid);
  expect(await frame.locator('body').innerText()).not.toContain(spy.forgedSubscriberName);
  expect(await frame.locator('body').innerText()).not.toContain('89445000990000001233');
});

test('the agent docks the sidebar on the other side; the page is narrowed, not covered, and it is remembered', async ({
  context,
  extensionId,
  portalUrl,
}) => {
  const amira = subscriber('S-1001');
  const page = await context.newPage();
  await page.goto(new URL(amira.url, portalUrl).href);
  await clickAx(page, 'button', 'Helpdesk Assistant');
  const frame = await sidebar(page, extensionId);
  const panelX = async () => (await (await frame.frameElement()).boundingBox())?.x ?? -1;
  const margins = () =>
    page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      return { left: parseFloat(style.marginLeft), right: parseFloat(style.marginRight) };
    });
  await expect.poll(panelX).toBeGreaterThan(0);
  await expect.poll(async () => (await margins()).right).toBeGreaterThan(0);

  await frame.getByRole('button', { name: 'Move the sidebar to the other side of the page' }).click();
  await expect.poll(panelX).toBe(0);
  await expect.poll(margins).toEqual({ left: expect.any(Number), right: 0 });
  expect((await margins()).left).toBeGreaterThan(0);

  // The side is remembered for this portal.
  await page.reload();
  const again = await sidebar(page, extensionId);
  await expect.poll(async () => (await (await again.frameElement()).boundingBox())?.x ?? -1).toBe(0);
});
