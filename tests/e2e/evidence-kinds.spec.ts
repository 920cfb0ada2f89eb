/**
 * Issue 17, evidence that says what it is: a capture of the portal is attached as a portal capture and
 * does not tick eSIM Go's "Screenshots from the device" (seed 000: "screenshots from your customers
 * device"); a screenshot the agent attaches (the customer's) does. The capture says up front what it
 * needs. Uses the capturable build (capturable.ts: same effect as the toolbar click on the portal tab).
 */
import { expect, test } from './capturable';
import { subscriber } from './expected';
import { storedRows } from './stored';
import { escalateByMenu } from './menu';
import { portalTabRead } from './page-read';

/** A 1×1 PNG: what a phone screenshot is, as far as the attachment rules go. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('a portal capture is not the customer\'s screenshot; an attached screenshot is', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  const amira = subscriber('S-1001');
  const portal = await context.newPage();
  const url = new URL(amira.url, portalUrl).href;
  await portal.goto(url);
  await expect(portal.getByRole('heading', { name: amira.name })).toBeVisible();
  await expect.poll(() => portalTabRead(serviceWorker)).toBe(true);
  await escalateByMenu(serviceWorker, amira.esims[0]!.iccidDisplay, url);
  await expect.poll(async () => (await storedRows<{ id: string }>(serviceWorker, 'drafts')).length).toBe(1);
  const [draft] = await storedRows<{ id: string }>(serviceWorker, 'drafts');

  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/drafts.html#draft=${draft!.id}`);
  const panel = page.getByTestId('evidence-panel');
  const item = page.locator('li[data-field-id="screenshots"]');
  await expect(item).toHaveAttribute('data-status', 'missing');

  // Said before the click: what capturing needs, and what a capture is.
  const capture = panel.getByRole('button', { name: 'Capture the portal' });
  await expect(capture).toHaveAccessibleDescription(/toolbar button .* shortcut/);
  await capture.click();
  await panel.getByRole('button', { name: 'Save edited image' }).click();
  await expect(panel.getByText('Edited screenshot saved with the draft.')).toBeVisible();
  await expect
    .poll(async () => (await storedRows<{ kind?: string }>(page, 'attachments')).map((a) => a.kind))
    .toEqual(['portal-capture']);
  await expect(item).toHaveAttribute('data-status', 'missing');

  // The customer's screenshot, attached by the agent.
  await panel.getByLabel('Choose files to attach').setInputFiles({ name: 'customer-esim-settings.png', mimeType: 'image/png', buffer: PNG });
  await expect
    .poll(async () => (await storedRows<{ kind?: string }>(page, 'attachments')).map((a) => a.kind).sort())
    .toEqual(['customer-screenshot', 'portal-capture']);
  await expect(item).toHaveAttribute('data-status', 'present');
});

test('one place per piece of evidence: device, location, screenshots and API calls are asked once', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/drafts.html`);
  await page.getByLabel('ICCID of the eSIM').fill(subscriber('S-1001').esims[0]!.iccidDisplay);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByLabel('Device type', { exact: true }).fill('iPhone 15');
  await page.getByLabel('Location within the country', { exact: true }).fill('Spain — Barcelona');
  const copies = (value: string) =>
    page.evaluate((v) => [...document.querySelectorAll('input, textarea')].filter((el) => (el as HTMLInputElement).value === v).length, value);
  await expect.poll(() => copies('iPhone 15')).toBe(1);
  await expect.poll(() => copies('Barcelona')).toBe(0);
  expect(await copies('Spain — Barcelona')).toBe(1);
  // Required first; the optional items are folded (eSIM Go: plans, screenshots, API call).
  await expect(page.getByRole('link', { name: 'Go to the evidence' })).toHaveCount(0);
  await page.getByText('Optional details (3)').click();
  // The vendor's screenshot and API-call items point to the evidence section instead of a second box.
  await expect(page.getByRole('textbox', { name: 'Screenshots from the device' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'API call details' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Go to the evidence' })).toHaveCount(2);
});
