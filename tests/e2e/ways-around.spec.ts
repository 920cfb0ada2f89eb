/**
 * Issue 17, ways around: the drafts page is one click from the popup and Options (the sidebar's link
 * is walked in journeys.spec.ts), Escape closes the sidebar and gives the focus back to the page, and
 * every extension page has zero axe violations in the real browser (not only in jsdom).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from '@playwright/test';
import { clickAx } from './ax';
import { expect, test, sidebarFrame as sidebar } from './fixtures';
import { subscriber } from './expected';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core run in the page itself (evaluated over DevTools, so the extension's CSP does not apply). */
async function axeViolations(target: Page | Frame): Promise<string[]> {
  await target.evaluate(`${axeSource};0`);
  return target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  });
}

test('the drafts page is one click from the popup and from Options', async ({ context, extensionId }) => {
  for (const page of ['popup.html', 'options.html']) {
    const from = await context.newPage();
    await from.goto(`chrome-extension://${extensionId}/${page}`);
    const opened = context.waitForEvent('page');
    await from.getByRole('link', { name: 'All drafts' }).click();
    const board = await opened;
    await expect(board).toHaveURL(`chrome-extension://${extensionId}/drafts.html`);
    await expect(board.getByRole('heading', { level: 1 })).toBeVisible();
    await board.close();
    await from.close();
  }
});

test('Escape closes the sidebar and gives the focus back to the page', async ({ context, extensionId, portalUrl }) => {
  const amira = subscriber('S-1001');
  const page = await context.newPage();
  await page.goto(new URL(amira.url, portalUrl).href);
  await clickAx(page, 'button', 'Helpdesk Assistant');
  const frame = await sidebar(page, extensionId);
  const button = frame.getByRole('button', { name: `Escalate eSIM ${amira.esims[0]!.lineName}` });
  await button.focus();
  await button.press('Escape');
  await expect.poll(async () => (await frame.frameElement()).isVisible()).toBe(false);
  // The focus is on the page again (on the toggle that opened the sidebar), not lost in a hidden frame.
  await expect
    .poll(() => page.evaluate(() => document.hasFocus() && document.activeElement?.getAttribute('data-helpdesk-assistant')))
    .toBe('overlay');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await frame.frameElement()).isVisible()).toBe(true);
});

test('zero axe violations on every extension page, in Chromium', async ({ context, extensionId, portalUrl }) => {
  const amira = subscriber('S-1001');
  const found: Record<string, string[]> = {};
  for (const name of ['popup.html', 'options.html', 'drafts.html']) {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${name}`);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    found[name] = await axeViolations(page);
  }
  // The drafts page with a ticket open, and the sidebar over the portal (home, then the ticket editor).
  const portal = await context.newPage();
  await portal.goto(new URL(amira.url, portalUrl).href);
  await clickAx(portal, 'button', 'Helpdesk Assistant');
  const frame = await sidebar(portal, extensionId);
  await expect(frame.getByRole('button', { name: `Escalate eSIM ${amira.esims[0]!.lineName}` })).toBeVisible();
  found['sidebar.html'] = await axeViolations(frame);
  await frame.getByRole('button', { name: `Escalate eSIM ${amira.esims[0]!.lineName}` }).click();
  await expect(frame.getByLabel('ICCID', { exact: true })).toBeVisible();
  found['sidebar.html (ticket)'] = await axeViolations(frame);
  const drafts = await context.newPage();
  await drafts.goto(`chrome-extension://${extensionId}/drafts.html`);
  await drafts.getByRole('button').filter({ hasText: amira.name }).first().click();
  await expect(drafts.getByLabel('ICCID', { exact: true })).toBeVisible();
  found['drafts.html (ticket)'] = await axeViolations(drafts);
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
});
