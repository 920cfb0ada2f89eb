/**
 * Issue 2's vertical slice: the extension loads, its content script runs on the demo portal, the
 * in-page toggle (accessible name "Helpdesk Assistant") opens the sidebar, and the sidebar lists
 * exactly the page's valid ICCIDs — and follows a client-side navigation.
 */
import { test, expect, sidebarFrame as sidebar } from './fixtures';
import { clickAx } from './ax';
import { subscriber } from './expected';
import type { Frame } from '@playwright/test';

async function listedIccids(frame: Frame): Promise<string[]> {
  return frame.locator('[data-iccid]').evaluateAll((els) => els.map((e) => e.getAttribute('data-iccid') ?? ''));
}

test('the toggle opens the sidebar, which lists exactly the valid ICCIDs and follows navigation', async ({
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
  await expect.poll(() => listedIccids(frame)).toEqual(amira.validIccids);
  for (const invalid of amira.invalidIccids) expect(await listedIccids(frame)).not.toContain(invalid.digits);

  // Client-side navigation: the portal swaps its DOM without a page load.
  const loads: string[] = [];
  page.on('load', () => loads.push(page.url()));
  await page.getByRole('link', { name: 'Subscribers', exact: true }).first().click();
  await page.getByRole('link', { name: lucas.id, exact: true }).click();
  await expect(page.getByRole('heading', { name: lucas.name })).toBeVisible();
  await expect.poll(() => listedIccids(frame)).toEqual(lucas.validIccids);
  expect(loads).toEqual([]);
});
