/**
 * Issue 14, item 2 — "UI the page cannot redress", against hostile pages in real Chromium. The agent is
 * simulated with Playwright's real mouse (`page.mouse.click` at coordinates: trusted events, hit-tested
 * by the browser like a person's click). Pages: tests/fixtures/hostile/ui-*.html (subscriber S-6661
 * "Dora Klein", eSIM France with IMSI profile 7, Add plan open; "Asia 1" needs profile 10 — seed 001).
 */
import type { CDPSession, Frame, Page, Worker } from '@playwright/test';
import { test, expect } from './fixtures';
import { clickAx, queryAx } from './ax';
import { storedRows } from './stored';
import demoProfile from '../../lib/portal/profiles/demo-portal.json' with { type: 'json' };

const PLAN_DIALOG = 'Plan does not fit this eSIM';

async function useHostileProfile(sw: Worker) {
  const { builtIn: _b, ...profile } = demoProfile as typeof demoProfile & { builtIn?: boolean };
  await sw.evaluate(async (p) => chrome.storage.local.set({ userPortals: [p] }), {
    ...profile,
    id: 'hostile-demo',
    urlPatterns: ['http://127.0.0.1/hostile/*'],
  });
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
const cdp = (page: Page) => {
  let s = sessions.get(page);
  if (!s) sessions.set(page, (s = page.context().newCDPSession(page)));
  return s;
};

/** The centre of an accessible node (through closed shadow roots), or null when it has no box. */
async function centreOf(page: Page, role: string, name: string): Promise<{ x: number; y: number } | null> {
  const [node] = await queryAx(page, role, name);
  if (!node?.backendDOMNodeId) return null;
  const session = await cdp(page);
  try {
    const { model } = await session.send('DOM.getBoxModel', { backendNodeId: node.backendDOMNodeId });
    const [x1, y1, , , x3, y3] = model.content;
    return { x: (x1! + x3!) / 2, y: (y1! + y3!) / 2 };
  } catch {
    return null; // not rendered
  }
}

/** The texts of the live status regions (the guard's verdict line is one), through closed shadow roots. */
async function statusTexts(page: Page): Promise<string> {
  const session = await cdp(page);
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

const submissions = (page: Page) =>
  page.evaluate(() => (window as unknown as { __portalSubmissions: unknown[] }).__portalSubmissions.length);

/** The toolbar badge text of the tab showing `urlPart`. */
const toolbarBadge = (sw: Worker, urlPart: string) =>
  sw.evaluate(async (part) => {
    const tab = (await chrome.tabs.query({})).find((t) => (t.url ?? '').includes(part));
    return tab?.id === undefined ? null : chrome.action.getBadgeText({ tabId: tab.id });
  }, urlPart);

/** Opens a hostile Add plan page, picks the mismatched plan and submits it: the guard's dialog opens. */
async function blockedSubmit(page: Page, url: string) {
  await page.goto(url);
  const form = page.locator('form[aria-label="Add plan"]');
  await expect(form).toBeVisible();
  await expect.poll(() => statusTexts(page)).toContain('Plan check');
  await form.locator('select[name="plan"]').selectOption({ label: 'Asia 1' });
  const before = await submissions(page);
  await form.locator('button[type="submit"]').click();
  await expect.poll(async () => (await queryAx(page, 'alertdialog', PLAN_DIALOG)).length).toBe(1);
  expect(await submissions(page)).toBe(before);
  return before;
}

test('CSS-hidden toggle, verdict and dialog: pinned styles keep them shown', async ({ context, portalUrl, serviceWorker, extensionId }) => {
  await useHostileProfile(serviceWorker);
  const page = await context.newPage();
  const url = new URL('/hostile/ui-hidden.html', portalUrl).href;
  await page.goto(url);
  // The verdict line is rendered (the accessibility tree ignores what is display:none / hidden).
  await expect.poll(() => statusTexts(page)).toContain('Plan check');
  // The toggle is rendered and opens the sidebar with a real click.
  await clickAx(page, 'button', 'Helpdesk Assistant');
  const prefix = `chrome-extension://${extensionId}/sidebar.html`;
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(prefix))).toBe(true);
  await clickAx(page, 'button', 'Helpdesk Assistant');

  const before = await blockedSubmit(page, url);
  // The dialog's reason is on screen: it has a box, and what is painted at its centre is ours, not
  // the page (an element of the page would be returned by elementsFromPoint).
  const centre = await centreOf(page, 'alertdialog', PLAN_DIALOG);
  expect(centre).not.toBeNull();
  const top = await page.evaluate(
    ({ x, y }) => {
      const el = document.elementsFromPoint(x, y)[0];
      return el ? { tag: el.tagName, opacity: getComputedStyle(el).opacity, inBody: document.body.contains(el) } : null;
    },
    centre!,
  );
  expect(top?.inBody).toBe(false);
  expect(top?.opacity).toBe('1');
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await queryAx(page, 'alertdialog', PLAN_DIALOG)).length).toBe(0);
  expect(await submissions(page)).toBe(before);
});

test('a page element stacked over the open dialog does not cover it', async ({ context, portalUrl, serviceWorker }) => {
  await useHostileProfile(serviceWorker);
  const page = await context.newPage();
  await blockedSubmit(page, new URL('/hostile/ui-covered.html', portalUrl).href);
  await expect.poll(() => page.evaluate(() => !!(window as unknown as { __cover?: unknown }).__cover)).toBe(true);
  const centre = await centreOf(page, 'alertdialog', PLAN_DIALOG);
  expect(centre).not.toBeNull();
  // The dialog is in the top layer: the page's maximal z-index panel stays under it.
  const coverOnTop = await page.evaluate(
    ({ x, y }) => document.elementsFromPoint(x, y)[0] === (window as unknown as { __cover: Element }).__cover,
    centre!,
  );
  expect(coverOnTop).toBe(false);
});

test('transparent dialog over a decoy: two real clicks do not submit; the toolbar says the page hides the guard', async ({
  context,
  portalUrl,
  serviceWorker,
}) => {
  await useHostileProfile(serviceWorker);
  const page = await context.newPage();
  const before = await blockedSubmit(page, new URL('/hostile/ui-transparent.html', portalUrl).href);
  await expect.poll(() => page.evaluate(() => !!(window as unknown as { __decoy?: unknown }).__decoy)).toBe(true);

  // The agent clicks "Next" on the decoy, twice, where the override buttons are.
  const first = await centreOf(page, 'button', 'Submit anyway…');
  expect(first).not.toBeNull();
  await page.mouse.click(first!.x, first!.y);
  const second = (await centreOf(page, 'button', 'Confirm: submit anyway')) ?? first!;
  await page.mouse.click(second.x, second.y);

  // A click's handlers run before mouse.click resolves: the portal got no submit.
  expect(await submissions(page)).toBe(before);
  // The browser reported the dialog not visible: the page hides the guard, and the toolbar says so.
  await expect.poll(() => toolbarBadge(serviceWorker, '/hostile/ui-transparent')).toBe('!');
  expect(await queryAx(page, 'alertdialog', PLAN_DIALOG)).toHaveLength(1);
});

test('a badge host stretched over the page does not capture the page\'s clicks', async ({ context, portalUrl, serviceWorker, extensionId }) => {
  await useHostileProfile(serviceWorker);
  const page = await context.newPage();
  await page.goto(new URL('/hostile/ui-badge-stretch.html', portalUrl).href);
  // The badge for the note's ICCID is in place.
  await expect
    .poll(async () => (await queryAx(page, 'button', 'Escalate ICCID 8944 5000 1225 1066 6020')).length)
    .toBeGreaterThan(1);
  const save = await page.locator('#save-notes').boundingBox();
  await page.mouse.click(save!.x + save!.width / 2, save!.y + save!.height / 2);
  // The click reached the page's own button …
  await expect.poll(() => page.evaluate(() => (window as unknown as { __saved: number }).__saved)).toBe(1);
  // … and started no escalation: no draft, no sidebar.
  expect(await storedRows(serviceWorker, 'drafts')).toEqual([]);
  const prefix = `chrome-extension://${extensionId}/sidebar.html`;
  expect(page.frames().some((f) => f.url().startsWith(prefix))).toBe(false);
});

/** What the page's own frame of sidebar.html offers: actions, the inert notice, or nothing (blocked). */
async function framedState(frame: Frame): Promise<'loading' | 'actions' | 'inert' | 'blocked'> {
  if (frame.url().startsWith('chrome-error:')) return 'blocked';
  if ((await frame.getByRole('button', { name: 'Escalate eSIM France' }).count()) > 0) return 'actions';
  if ((await frame.getByText('was not opened by Helpdesk Assistant').count()) > 0) return 'inert';
  return 'loading';
}

async function selfFramed(page: Page, portalUrl: string, src: string, sw: Worker) {
  await useHostileProfile(sw);
  await page.goto(new URL(`/hostile/ui-self-frame.html?src=${encodeURIComponent(src)}`, portalUrl).href);
  const frame = (await page.locator('#framed').elementHandle())!;
  let state: Awaited<ReturnType<typeof framedState>> = 'loading';
  await expect
    .poll(async () => {
      const f = await frame.contentFrame();
      state = f ? await framedState(f) : 'loading';
      return state;
    })
    .not.toBe('loading');
  // One real click where the agent would press "Escalate eSIM France" (or the frame's middle).
  const f = (await frame.contentFrame())!;
  const button = f.getByRole('button', { name: 'Escalate eSIM France' });
  const box = (await button.count()) > 0 ? await button.boundingBox() : await frame.boundingBox();
  await page.mouse.click(box!.x + box!.width / 2, box!.y + Math.min(box!.height / 2, 200));
  return { state, frame: f };
}

test('a page that frames sidebar.html by the extension id gets nothing to click', async ({ context, portalUrl, serviceWorker, extensionId }) => {
  const page = await context.newPage();
  const { state, frame } = await selfFramed(page, portalUrl, `chrome-extension://${extensionId}/sidebar.html`, serviceWorker);
  expect(state).not.toBe('actions');
  expect(await frame.getByRole('heading', { name: /ticket/i }).count()).toBe(0);
  expect(await storedRows(serviceWorker, 'drafts')).toEqual([]);
});

test('a page that frames sidebar.html by its dynamic URL gets an inert notice, and a click creates no draft', async ({
  context,
  portalUrl,
  serviceWorker,
}) => {
  const page = await context.newPage();
  const leaked = await serviceWorker.evaluate(() => chrome.runtime.getURL('/sidebar.html'));
  const { state, frame } = await selfFramed(page, portalUrl, leaked, serviceWorker);
  expect(state).toBe('inert');
  expect(await frame.getByRole('button').count()).toBe(0);
  expect(await storedRows(serviceWorker, 'drafts')).toEqual([]);
});
