/**
 * Issue 17, remedies that go all the way: "Add line instead" keeps the chosen plan; with the sidebar
 * open, the floating "Helpdesk Assistant" button covers none of the guard's warning; "Escalate about
 * this subscriber" with two eSIMs offers the ICCID to pick.
 */
import type { Page } from '@playwright/test';
import { axText, clickAx, queryAx } from './ax';
import { expect, test } from './fixtures';
import { subscriber } from './expected';
import { storedRows } from './stored';

async function openAddPlan(page: Page, portalUrl: string, id: string, iccid: string) {
  await page.goto(new URL(`/portal/subscribers/${id}/add-plan?esim=${iccid}`, portalUrl).href);
  await expect(page.locator('#add-plan-form')).toBeVisible();
}

/** The box of the guard's verdict line (a status region in our closed shadow root), in CSS pixels. */
async function verdictBox(page: Page, text: string) {
  const session = await page.context().newCDPSession(page);
  for (const node of await queryAx(page, 'status')) {
    if (!node.backendDOMNodeId) continue;
    const { object } = await session.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId });
    const { result } = await session.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: 'function () { const r = this.getBoundingClientRect(); return { text: this.textContent, x: r.x, y: r.y, w: r.width, h: r.height }; }',
      returnByValue: true,
    });
    const box = result.value as { text: string; x: number; y: number; w: number; h: number };
    if (box.text.includes(text)) return box;
  }
  return null;
}

test('"Add line instead" keeps the plan chosen in Add plan', async ({ context, portalUrl }) => {
  const amira = subscriber('S-1001');
  const page = await context.newPage();
  await openAddPlan(page, portalUrl, amira.id, amira.esims[0]!.iccid);
  await expect.poll(async () => (await queryAx(page, 'status')).length).toBeGreaterThan(0);
  await page.locator('#add-plan-form select[name="plan"]').selectOption({ label: 'Asia 1' });
  await page.locator('#add-plan-form button[type="submit"]').click();
  await clickAx(page, 'button', 'Add line instead');
  await expect(page).toHaveURL(/\/add-line$/);
  const form = page.locator('#add-line-form');
  await expect(form.locator('input[name="lineName"]')).toHaveValue('Asia');
  await expect(form.locator('select[name="plan"] option:checked')).toHaveText('Asia 1');
});

test('with the sidebar open, the floating button covers none of the guard\'s warning', async ({ context, portalUrl, extensionId }) => {
  const amira = subscriber('S-1001');
  const page = await context.newPage();
  // A laptop-sized window: the warning line runs under where the floating button sat.
  await page.setViewportSize({ width: 1100, height: 560 });
  await openAddPlan(page, portalUrl, amira.id, amira.esims[0]!.iccid);
  await page.locator('#add-plan-form select[name="plan"]').selectOption({ label: 'Asia 1' });
  const warning = 'needs IMSI profile 10; this eSIM has profile 7';
  await expect.poll(async () => (await verdictBox(page, warning)) !== null).toBe(true);
  await clickAx(page, 'button', 'Helpdesk Assistant');
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(`chrome-extension://${extensionId}/sidebar.html`))).toBe(true);
  // Room above and below the form, then the warning line scrolled into the band where a floating button
  // docked at the bottom sits (16 px margin, ~34 px tall).
  await page.locator('#add-plan-form').evaluate((form) => {
    const room = () => Object.assign(form.ownerDocument.createElement('div'), { style: 'height: 1500px' });
    form.before(room());
    form.parentElement!.append(room());
  });
  const placed = (await verdictBox(page, warning))!;
  const band = (await page.evaluate(() => innerHeight)) - 16 - 17;
  await page.evaluate((dy) => window.scrollBy(0, dy), placed.y + placed.h / 2 - band);
  await expect.poll(async () => Math.abs(band - ((await verdictBox(page, warning))!.y + placed.h / 2))).toBeLessThan(4);
  const box = (await verdictBox(page, warning))!;
  // Whatever is on top at points across the warning line: never our own overlay (the toggle's host).
  const covered = await page.evaluate((b) => {
    const hits: string[] = [];
    for (let i = 0; i <= 20; i += 1) {
      const x = b.x + (b.w * i) / 20;
      const y = b.y + b.h / 2;
      if (x >= innerWidth) continue;
      const top = document.elementFromPoint(Math.min(x, innerWidth - 1), y);
      if (top?.getAttribute('data-helpdesk-assistant') === 'overlay') hits.push(`${Math.round(x)},${Math.round(y)}`);
    }
    return hits;
  }, box);
  expect(covered).toEqual([]);
  expect(await axText(page, 'status')).not.toBeNull();
});


test('"Escalate about this subscriber" with two eSIMs offers each eSIM; the one picked fills the ICCID', async ({
  context,
  portalUrl,
  extensionId,
  serviceWorker,
}) => {
  const lucas = subscriber('S-1002');
  const japan = lucas.esims[1]!;
  const page = await context.newPage();
  await page.goto(new URL(lucas.url, portalUrl).href);
  await expect(page.getByRole('heading', { name: lucas.name })).toBeVisible();
  await clickAx(page, 'button', 'Helpdesk Assistant');
  const prefix = `chrome-extension://${extensionId}/sidebar.html`;
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(prefix))).toBe(true);
  const frame = page.frames().find((f) => f.url().startsWith(prefix))!;
  await frame.getByRole('button', { name: 'Escalate about this subscriber' }).click();
  const picker = frame.getByRole('group', { name: 'Which eSIM is this about?' });
  for (const esim of lucas.esims) await expect(picker.getByRole('button', { name: `Use eSIM ${esim.lineName} (…${esim.iccid.slice(-4)})` })).toBeVisible();
  await picker.getByRole('button', { name: `Use eSIM ${japan.lineName} (…${japan.iccid.slice(-4)})` }).click();
  await expect(frame.getByLabel('ICCID', { exact: true })).toHaveValue(japan.iccid);
  await expect(picker).toHaveCount(0);
  await expect
    .poll(async () => (await storedRows<{ iccid: string | null; subscriberId: string | null }>(serviceWorker, 'drafts')).map((r) => [r.iccid, r.subscriberId]))
    .toEqual([[japan.iccid, lucas.id]]);
});
