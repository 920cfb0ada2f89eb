/**
 * Issue 14, part SEE: read what the agent sees, and only trusted events count. Hostile pages in
 * tests/fixtures/hostile/see-*.html (each explains itself at the top) use the demo portal's markup
 * under /hostile/, read with the demo profile (hostile.spec.ts does the same). Our in-page UI is in
 * closed shadow roots: it is found through the accessibility tree (ax.ts). What the content script
 * sent is observed from outside: the tab context the background stores (session storage), and its
 * changes counted by a listener installed in the service worker for the test.
 */
import type { CDPSession, Frame, Page, Worker } from '@playwright/test';
import { test, expect, sidebarFrame } from './fixtures';
import { axText, clickAx, queryAx } from './ax';
import demoProfile from '../../lib/portal/profiles/demo-portal.json' with { type: 'json' };

const DORA = { id: 'S-6661', name: 'Dora Klein', iccid: '89445000122510666020' };
const STALE_NAME = 'Mallory Stale';
const PLAN_DIALOG = 'Plan does not fit this eSIM';
const AMBIGUOUS_DIALOG = 'Which subscriber is this?';

interface StoredContext {
  subscriber: { id?: string; name?: string } | null;
  esims: Array<{ iccid?: string; imsiProfile?: number }>;
  iccids: string[];
  ambiguous?: boolean;
  guardEvents: Array<{ kind: string; form: string }>;
}

async function useHostileProfile(sw: Worker) {
  const { builtIn: _b, ...profile } = demoProfile as typeof demoProfile & { builtIn?: boolean };
  await sw.evaluate(
    async (p) => chrome.storage.local.set({ userPortals: [p] }),
    { ...profile, id: 'hostile-demo', urlPatterns: ['http://127.0.0.1/hostile/*'] },
  );
}

async function tabContext(sw: Worker, urlPart: string): Promise<StoredContext | null> {
  return sw.evaluate(async (part) => {
    const tab = (await chrome.tabs.query({})).find((t) => (t.url ?? '').includes(part));
    if (!tab?.id) return null;
    // Issue 15: read when asked (tests/e2e/page-read.ts); the answer reaches session storage too.
    await chrome.tabs.sendMessage(tab.id, { type: 'get-context' }, { frameId: 0 }).catch(() => undefined);
    const key = `tab-context:${tab.id}`;
    return ((await chrome.storage.session.get(key))[key] ?? null) as StoredContext | null;
  }, urlPart);
}

async function sidebar(page: Page, extensionId: string): Promise<Frame> {
  await clickAx(page, 'button', 'Helpdesk Assistant');
  return sidebarFrame(page, extensionId);
}

const submissions = (page: Page) =>
  page.evaluate(() => (window as unknown as { __portalSubmissions: unknown[] }).__portalSubmissions.length);

const sessions = new WeakMap<Page, Promise<CDPSession>>();
/** The texts of every live status region, through closed shadow roots (the guard's verdict line is one). */
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

/** Waits until the guard's verdict line is next to the Add plan form (the guard is injected on demand). */
async function guardReady(page: Page) {
  await expect.poll(async () => statusTexts(page), { message: 'guard verdict line' }).toContain('Plan check');
}

for (const hide of ['display', 'hidden', 'aria', 'visibility', 'offscreen', 'zero', 'inert']) {
  test(`hidden stale view (${hide}): the visible subscriber is read and an Asia plan on her profile-7 eSIM is stopped`, async ({
    context,
    extensionId,
    portalUrl,
    serviceWorker,
  }) => {
    await useHostileProfile(serviceWorker);
    const page = await context.newPage();
    await page.goto(new URL(`/hostile/see-hidden-stale.html?hide=${hide}`, portalUrl).href);
    await expect(page.locator('#add-plan-form')).toBeVisible();
    await expect.poll(async () => (await tabContext(serviceWorker, 'see-hidden-stale'))?.subscriber?.name).toBe(DORA.name);
    const stored = (await tabContext(serviceWorker, 'see-hidden-stale'))!;
    expect(stored.subscriber?.id).toBe(DORA.id);
    expect(stored.esims.map((e) => [e.iccid, e.imsiProfile])).toEqual([[DORA.iccid, 7]]);
    expect(stored.ambiguous ?? false).toBe(false);

    const frame = await sidebar(page, extensionId);
    await expect(frame.getByText(DORA.name, { exact: true }).first()).toBeVisible();
    await expect(frame.getByText(STALE_NAME)).toHaveCount(0);
    await clickAx(page, 'button', 'Helpdesk Assistant');

    await guardReady(page);
    const before = await submissions(page);
    await page.locator('#add-plan-form select[name="plan"]').selectOption({ label: 'Asia 1' });
    await page.locator('#add-plan-form button[type="submit"]').click();
    await expect.poll(async () => (await queryAx(page, 'alertdialog', PLAN_DIALOG)).length).toBe(1);
    expect(await axText(page, 'alertdialog', PLAN_DIALOG)).toContain('has IMSI profile 7');
    expect(await submissions(page)).toBe(before);
  });
}

test('two visible subscribers: the context is marked ambiguous, the sidebar says so and the guard stops the submit', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  await useHostileProfile(serviceWorker);
  const page = await context.newPage();
  await page.goto(new URL('/hostile/see-hidden-stale.html?hide=none', portalUrl).href);
  await expect(page.locator('#add-plan-form')).toBeVisible();
  await expect.poll(async () => (await tabContext(serviceWorker, 'see-hidden-stale'))?.ambiguous).toBe(true);

  const frame = await sidebar(page, extensionId);
  await expect(frame.getByRole('alert').filter({ hasText: 'more than one subscriber' })).toBeVisible();
  await clickAx(page, 'button', 'Helpdesk Assistant');

  // Euro 1 fits a profile-7 eSIM, but the guard cannot tell whose eSIM it is: it stops and explains.
  await guardReady(page);
  const before = await submissions(page);
  await page.locator('#add-plan-form select[name="plan"]').selectOption({ label: 'Euro 1' });
  await page.locator('#add-plan-form button[type="submit"]').click();
  await expect.poll(async () => (await queryAx(page, 'alertdialog', AMBIGUOUS_DIALOG)).length).toBe(1);
  expect(await axText(page, 'alertdialog', AMBIGUOUS_DIALOG)).toContain('more than one subscriber');
  expect(await submissions(page)).toBe(before);
  await expect
    .poll(async () => (await tabContext(serviceWorker, 'see-hidden-stale'))?.guardEvents.map((e) => e.kind))
    .toContain('blocked');
});

test('the guard decides on the page as it is at submit time, not on the last context it sent', async ({
  context,
  portalUrl,
  serviceWorker,
}) => {
  await useHostileProfile(serviceWorker);
  const page = await context.newPage();
  await page.goto(new URL('/hostile/see-hidden-stale.html?hide=remove', portalUrl).href);
  await expect(page.locator('#add-plan-form')).toBeVisible();
  await guardReady(page);
  await page.locator('#add-plan-form select[name="plan"]').selectOption({ label: 'Asia 1' });
  // The page shows profile 10 long enough for the extension to read and send it…
  await page.evaluate(() => {
    document.querySelector('#app td.profile')!.textContent = '10';
  });
  await expect
    .poll(async () => (await tabContext(serviceWorker, 'see-hidden-stale'))?.esims[0]?.imsiProfile)
    .toBe(10);
  // …then profile 7 again, and the form is submitted before any re-read is due (same task).
  const before = await submissions(page);
  await page.evaluate(() => {
    document.querySelector('#app td.profile')!.textContent = '7';
    (document.getElementById('add-plan-form') as HTMLFormElement).requestSubmit();
  });
  await expect.poll(async () => (await queryAx(page, 'alertdialog', PLAN_DIALOG)).length).toBe(1);
  expect(await submissions(page)).toBe(before);
});

test("forged host marker on the page's <main>: the reader still follows a subscriber switch", async ({
  context,
  portalUrl,
  serviceWorker,
}) => {
  await useHostileProfile(serviceWorker);
  const page = await context.newPage();
  await page.goto(new URL('/hostile/see-forged-host.html', portalUrl).href);
  await expect.poll(async () => (await tabContext(serviceWorker, 'see-forged-host'))?.subscriber?.name).toBe(DORA.name);
  // The page's text under <main> is read, not skipped as ours.
  expect((await tabContext(serviceWorker, 'see-forged-host'))?.iccids).toContain(DORA.iccid);
  await page.evaluate(() => (window as unknown as { __switchSubscriber: () => void }).__switchSubscriber());
  await expect.poll(async () => (await tabContext(serviceWorker, 'see-forged-host'))?.subscriber?.name).toBe('Noor Visser');
  expect((await tabContext(serviceWorker, 'see-forged-host'))?.subscriber?.id).toBe('S-6663');
});

test('untrusted submit flood: no forged guard events, bounded page-context messages', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  await useHostileProfile(serviceWorker);
  const page = await context.newPage();
  await page.goto(new URL('/hostile/see-submit-flood.html', portalUrl).href);
  await expect(page.locator('#add-plan-form')).toBeVisible();
  await expect.poll(async () => (await tabContext(serviceWorker, 'see-submit-flood'))?.subscriber?.name).toBe(DORA.name);
  await guardReady(page);

  // Count every update of this tab's stored context from now on (one per page-context message).
  await serviceWorker.evaluate(async () => {
    const tab = (await chrome.tabs.query({})).find((t) => (t.url ?? '').includes('see-submit-flood'));
    await chrome.tabs.sendMessage(tab!.id!, { type: 'get-context' }, { frameId: 0 }).catch(() => undefined);
    const key = `tab-context:${tab!.id}`;
    const g = globalThis as unknown as { __seeUpdates: number };
    g.__seeUpdates = 0;
    chrome.storage.session.onChanged.addListener((changes) => {
      if (key in changes) g.__seeUpdates++;
    });
  });
  const updates = () => serviceWorker.evaluate(() => (globalThis as unknown as { __seeUpdates: number }).__seeUpdates);

  expect(await page.evaluate(() => (window as unknown as { __floodSubmits: (n: number) => number }).__floodSubmits(200))).toBe(200);
  // No dialog opened for a synthetic submit.
  expect(await queryAx(page, 'alertdialog', PLAN_DIALOG)).toHaveLength(0);

  // One real submit by the agent: its event is recorded, and it is the only one.
  await page.locator('#add-plan-form button[type="submit"]').click();
  await expect.poll(async () => (await queryAx(page, 'alertdialog', PLAN_DIALOG)).length).toBe(1);
  await page.keyboard.press('Escape');
  await expect
    .poll(async () => (await tabContext(serviceWorker, 'see-submit-flood'))?.guardEvents.length ?? 0)
    .toBeGreaterThan(0);
  const events = (await tabContext(serviceWorker, 'see-submit-flood'))!.guardEvents;
  expect(events.map((e) => e.kind)).toEqual(['blocked']);
  expect(await updates()).toBeLessThanOrEqual(10);

  const frame = await sidebar(page, extensionId);
  const guardSection = frame.locator('section[aria-labelledby="sb-guard-heading"]');
  await expect(guardSection.locator('li')).toHaveCount(1);
});
