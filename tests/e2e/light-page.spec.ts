/**
 * Issue 15: "pay only for what is on screen". A list page the agent only looks at is not read (no
 * page context is sent until someone asks); the ICCID badges are those near the screen, found from
 * the screen, and they follow a scroll; a text node of 5 MB gets badges where it is on screen, and
 * the whole-page read, when asked, finds every ICCID in it.
 */
import type { Page, Worker } from '@playwright/test';
import { test, expect } from './fixtures';

/**
 * The ICCIDs the badges are shown for: the badge layer's buttons, read over the DevTools protocol
 * through its closed shadow root (the accessibility tree of a page with a 5 MB text is too slow to
 * build for this).
 */
async function badgeNames(page: Page): Promise<string[]> {
  const session = await page.context().newCDPSession(page);
  try {
    const { root } = await session.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await session.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: '[data-helpdesk-assistant="iccid-badges"]',
    });
    if (!nodeId) return [];
    const { node } = await session.send('DOM.describeNode', { nodeId, depth: 2, pierce: true });
    const buttons = (node.shadowRoots ?? []).flatMap((r) => r.children ?? []).filter((n) => n.localName === 'button');
    return buttons
      .map((b) => {
        const attrs = b.attributes ?? [];
        return attrs[attrs.indexOf('aria-label') + 1] ?? '';
      })
      .filter((name) => name.startsWith('Escalate ICCID '))
      .map((name) => name.slice('Escalate ICCID '.length).replace(/\s/g, ''));
  } finally {
    await session.detach();
  }
}

/** The context the background remembers for the tab showing `urlPart` (null: none was sent). */
const remembered = (sw: Worker, urlPart: string) =>
  sw.evaluate(async (part) => {
    const tab = (await chrome.tabs.query({})).find((t) => (t.url ?? '').includes(part));
    const key = `tab-context:${tab?.id}`;
    return ((await chrome.storage.session.get(key))[key] ?? null) as { iccids: string[] } | null;
  }, urlPart);

/** Asks the tab's content script for its context, as the background does when it needs it. */
const ask = (sw: Worker, urlPart: string) =>
  sw.evaluate(async (part) => {
    const tab = (await chrome.tabs.query({})).find((t) => (t.url ?? '').includes(part));
    return (await chrome.tabs.sendMessage(tab!.id!, { type: 'get-context' }, { frameId: 0 })) as { iccids: string[] };
  }, urlPart);

/** Waits for two idle periods of the page: whatever the content script does after load has had its turn. */
const settled = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestIdleCallback(() => requestIdleCallback(() => resolve(), { timeout: 2000 }), { timeout: 2000 }),
      ),
  );

test('a 2,000-row list: badges only near the screen, following a scroll; the page is read only when asked', async ({
  context,
  serviceWorker,
  portalUrl,
}) => {
  const page = await context.newPage();
  await page.goto(new URL('/portal/inventory.html?rows=2000', portalUrl).href);
  const rowIccid = (i: number) =>
    page.evaluate((n) => document.querySelectorAll('tbody tr')[n]!.querySelector('td')!.textContent!.replace(/\s/g, ''), i);
  const first = await rowIccid(0);
  await expect.poll(async () => (await badgeNames(page)).includes(first)).toBe(true);
  const shown = await badgeNames(page);
  expect(shown.length).toBeLessThanOrEqual(40);
  expect(shown).not.toContain(await rowIccid(1000));

  // Nobody asked: nothing was read or sent (the old content script read all 2,000 rows at load).
  await settled(page);
  expect(await remembered(serviceWorker, 'inventory.html')).toBeNull();

  // Scrolled to row 1,000: its badge comes, the first row's goes.
  const row1000 = await rowIccid(1000);
  await page.evaluate(() => document.querySelectorAll('tbody tr')[1000]!.scrollIntoView({ block: 'center' }));
  await expect.poll(async () => (await badgeNames(page)).includes(row1000)).toBe(true);
  expect(await badgeNames(page)).not.toContain(first);
  expect((await badgeNames(page)).length).toBeLessThanOrEqual(40);

  // Asked (an escalation, the popup's lookup): the whole page is read, and the background keeps it.
  const asked = await ask(serviceWorker, 'inventory.html');
  expect(asked.iccids).toHaveLength(2000);
  expect(asked.iccids).toContain(row1000);
  expect((await remembered(serviceWorker, 'inventory.html'))?.iccids).toHaveLength(2000);
});

test('a 5 MB text node: badges where it is on screen; the read finds all 200 ICCIDs in it', async ({
  context,
  serviceWorker,
  portalUrl,
}) => {
  const page = await context.newPage();
  await page.goto(new URL('/hostile/big-log.html', portalUrl).href);
  const iccidOfLine = (n: number) => page.evaluate((line) => (window as unknown as { iccidOfLine: (n: number) => string }).iccidOfLine(line), n);
  // Line 150,500, far down the single text node (16 px a line).
  await page.evaluate(() => {
    const pre = document.getElementById('log')!;
    window.scrollTo(0, pre.offsetTop + 150_500 * 16 - 200);
  });
  const deep = await iccidOfLine(150_500);
  await expect.poll(async () => (await badgeNames(page)).includes(deep), { timeout: 20_000 }).toBe(true);
  expect(await badgeNames(page)).not.toContain(await iccidOfLine(500));

  const asked = await ask(serviceWorker, 'big-log.html');
  expect(asked.iccids).toHaveLength(200);
  expect(asked.iccids).toContain(deep);
  expect(asked.iccids).toContain(await iccidOfLine(199_500));
});
