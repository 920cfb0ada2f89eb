/**
 * Behaviour is data (DESIGN §3): a vendor profile imported in Options is offered by the drafts tab's
 * ticket editor, and a checklist imported in Options replaces the default steps in the portal sidebar —
 * in real Chromium with the built extension. (Managed storage needs a browser policy file: it is
 * covered by unit tests with a fake area.)
 */
import { test, expect, readySidebarFrame as sidebar } from './fixtures';
import { clickAx } from './ax';
import { subscriber } from './expected';
import genericProfile from '../../lib/escalation/vendor-profiles/generic.json' with { type: 'json' };

const ACME = { ...genericProfile, id: 'acme', name: 'Acme Telecom' };
const CHECKLIST = {
  id: 'acme-first-line',
  name: { en: 'Acme first-line checks', fr: 'Vérifications Acme de premier niveau' },
  steps: [
    { id: 'sim-reseated', label: { en: 'SIM card reseated', fr: 'Carte SIM réinsérée' } },
    { id: 'apn-checked', label: { en: 'APN settings checked', fr: 'Paramètres APN vérifiés' } },
  ],
};

const json = (name: string, value: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(value)) });

test('a vendor profile imported in Options can be picked in the drafts tab', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Import a vendor profile (JSON)').setInputFiles(json('acme.json', ACME));
  await expect(options.getByRole('status').filter({ hasText: 'Vendor profile "Acme Telecom" added.' })).toBeVisible();
  await expect(options.getByRole('cell', { name: 'Acme Telecom', exact: true })).toBeVisible();

  const drafts = await context.newPage();
  await drafts.goto(`chrome-extension://${extensionId}/drafts.html`);
  await drafts.getByLabel('ICCID of the eSIM').fill(subscriber('S-1003').esims[0]!.iccid);
  await drafts.getByRole('button', { name: 'Start', exact: true }).click();
  // The ticket form is the page's main region (the drafts list beside it has a vendor filter too).
  const picker = drafts.getByRole('main').getByRole('combobox', { name: 'Vendor', exact: true });
  await expect(picker.getByRole('option', { name: 'Acme Telecom' })).toHaveCount(1);
  await picker.selectOption({ label: 'Acme Telecom' });
  await expect(drafts.getByRole('heading', { name: 'Ticket for Acme Telecom' })).toBeVisible();
  // Built-in profiles are still offered next to the custom one.
  await expect(picker.getByRole('option', { name: 'eSIM Go' })).toHaveCount(1);
});

test('a checklist imported in Options shows its steps in the portal sidebar', async ({ context, extensionId, portalUrl }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const section = options.getByRole('region', { name: 'Troubleshooting checklist' });
  await section.getByLabel('Import a checklist (JSON)').setInputFiles(json('checklist.json', CHECKLIST));
  await expect(section.getByRole('status')).toHaveText('Checklist "Acme first-line checks" imported (2 steps).');

  const page = await context.newPage();
  const amira = subscriber('S-1001');
  await page.goto(new URL(amira.url, portalUrl).href);
  await expect(page.getByRole('heading', { name: amira.name })).toBeVisible();
  await clickAx(page, 'button', 'Helpdesk Assistant');
  const frame = await sidebar(page, extensionId);
  await expect(frame.getByRole('checkbox', { name: 'SIM card reseated' })).toBeVisible();
  await expect(frame.getByRole('checkbox', { name: 'APN settings checked' })).toBeVisible();
  await expect(frame.getByText(/Acme first-line checks/)).toBeVisible();
  // The default steps are gone.
  await expect(frame.getByRole('checkbox', { name: 'Device restarted' })).toHaveCount(0);

  // Reset in Options: the open sidebar follows (storage.onChanged), back to the default steps.
  await section.getByRole('button', { name: 'Reset to the default' }).click();
  await expect(frame.getByRole('checkbox', { name: 'Device restarted' })).toBeVisible();
});
