/**
 * Hostile pages stay safe (DESIGN §4): injection payloads are only ever text, DOM clobbering does not
 * break reading or the guard, and a page flooded with ICCIDs stays responsive with bounded lists.
 * The hostile pages use the demo portal's markup under /hostile/: the agent's own profile for them is
 * the demo profile with that URL pattern (loopback is enabled, so no new permission is involved).
 */
import type { Frame, Page, Worker } from '@playwright/test';
import { test, expect, sidebarFrame } from './fixtures';
import { axText, clickAx, queryAx } from './ax';
import { expected } from './expected';
import demoProfile from '../../lib/portal/profiles/demo-portal.json' with { type: 'json' };

const xss = expected.hostile.xss as unknown as { url: string; name: string; esims: Array<{ iccid: string; lineName: string }>; addPlanUrl: string };
const clobber = expected.hostile.clobber as unknown as { url: string; name: string; esims: Array<{ iccid: string }> };

async function useHostileProfile(sw: Worker) {
  const { builtIn: _b, ...profile } = demoProfile as typeof demoProfile & { builtIn?: boolean };
  await sw.evaluate(
    async (p) => chrome.storage.local.set({ userPortals: [p] }),
    { ...profile, id: 'hostile-demo', urlPatterns: ['http://127.0.0.1/hostile/*'] },
  );
}

async function tabContext(sw: Worker, urlPart: string) {
  return sw.evaluate(async (part) => {
    const tab = (await chrome.tabs.query({})).find((t) => (t.url ?? '').includes(part));
    if (!tab?.id) return null;
    // Issue 15: read when asked (tests/e2e/page-read.ts); the answer reaches session storage too.
    await chrome.tabs.sendMessage(tab.id, { type: 'get-context' }, { frameId: 0 }).catch(() => undefined);
    const key = `tab-context:${tab.id}`;
    return ((await chrome.storage.session.get(key))[key] ?? null) as {
      subscriber: { name?: string } | null;
      esims: Array<{ lineName?: string; iccid?: string }>;
      iccids: string[];
    } | null;
  }, urlPart);
}

async function sidebar(page: Page, extensionId: string): Promise<Frame> {
  await clickAx(page, 'button', 'Helpdesk Assistant');
  return sidebarFrame(page, extensionId);
}

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

test('xss: payloads are read and shown as literal text, nothing runs', async ({ context, extensionId, portalUrl, serviceWorker }) => {
  await useHostileProfile(serviceWorker);
  const page = await context.newPage();
  await page.goto(new URL(xss.addPlanUrl, portalUrl).href);
  await expect.poll(async () => (await tabContext(serviceWorker, '/hostile/xss'))?.subscriber?.name).toBe(xss.name);
  expect((await tabContext(serviceWorker, '/hostile/xss'))?.esims[0]?.lineName).toBe(xss.esims[0]!.lineName);

  const frame = await sidebar(page, extensionId);
  await expect(frame.locator(`[data-iccid="${xss.esims[0]!.iccid}"]`).first()).toBeAttached();
  await expect(frame.getByText(xss.name, { exact: true }).first()).toBeVisible();

  // The guard's dialog shows the payload line name as text too.
  await page.locator('form select[name="plan"]').selectOption({ label: 'Asia 1' });
  await page.locator('form button[type="submit"]').click();
  await expect.poll(async () => (await queryAx(page, 'alertdialog', 'Plan does not fit this eSIM')).length).toBe(1);
  expect(await axText(page, 'alertdialog', 'Plan does not fit this eSIM')).toContain(xss.esims[0]!.lineName);
  await page.keyboard.press('Escape');
  expect(await pwned(page)).toBeUndefined();
});

test('clobber: the subscriber is read and the guard still stops a mismatched plan', async ({ context, portalUrl, serviceWorker }) => {
  await useHostileProfile(serviceWorker);
  const page = await context.newPage();
  await page.goto(new URL(clobber.url, portalUrl).href);
  expect((await page.evaluate(() => (window as unknown as { __clobbered: string[] }).__clobbered)).length).toBeGreaterThan(5);
  await expect.poll(async () => (await tabContext(serviceWorker, '/hostile/clobber'))?.subscriber?.name).toBe(clobber.name);
  expect((await tabContext(serviceWorker, '/hostile/clobber'))?.esims.map((e) => e.iccid)).toEqual([clobber.esims[0]!.iccid]);

  const count = () => page.evaluate(() => (window as unknown as { __portalSubmissions: unknown[] }).__portalSubmissions.length);
  const before = await count();
  await page.locator('form[aria-label="Add plan"] select[name="plan"]').selectOption({ label: 'Asia 1' });
  await page.locator('form[aria-label="Add plan"] button[type="submit"]').click();
  await expect.poll(async () => (await queryAx(page, 'alertdialog', 'Plan does not fit this eSIM')).length).toBe(1);
  expect(await count()).toBe(before);
});

test('flood: the tab stays responsive, lists and badges stay bounded', async ({ context, extensionId, portalUrl }) => {
  const page = await context.newPage();
  await page.goto(new URL('/hostile/flood.html', portalUrl).href);
  await expect.poll(async () => (await queryAx(page, 'button', 'Helpdesk Assistant')).length).toBe(1);
  // A round trip through the page's main thread completes while the extension has read the page.
  await expect.poll(() => page.evaluate(() => 1), { timeout: 5000 }).toBe(1);

  const frame = await sidebar(page, extensionId);
  await expect.poll(() => frame.locator('[data-iccid]').count()).toBeGreaterThan(0);
  expect(await frame.locator('[data-iccid]').count()).toBeLessThanOrEqual(5000);

  const badges = async () => (await queryAx(page, 'button')).filter((n) => n.name?.value.startsWith('Escalate ICCID')).length;
  await expect.poll(badges).toBeGreaterThan(0);
  expect(await badges()).toBeLessThanOrEqual(200);
  expect(await page.evaluate(() => 1)).toBe(1);
});
