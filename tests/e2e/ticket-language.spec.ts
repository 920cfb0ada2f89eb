/**
 * Issue 16, end to end: a French browser escalates to eSIM Go, whose support reads English (seed 000;
 * its profile lists "en" first). The agent works in French; the copied ticket is entirely English.
 */
import { chromium } from '@playwright/test';
import { expect, test as base, EXTENSION_DIR } from './fixtures';
import { extensionArgs, findChromium } from '../support/chromium.mjs';

// The fixture's context, launched in French: --lang for Chromium, LANGUAGE for its Linux UI locale.
const test = base.extend({
  context: async ({ userDataDir }, use) => {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: findChromium(),
      headless: false,
      args: [...extensionArgs(EXTENSION_DIR), '--lang=fr'],
      env: { ...process.env, LANGUAGE: 'fr', LANG: 'fr_FR.UTF-8' },
      locale: 'fr-FR',
      viewport: { width: 1400, height: 900 },
    });
    await use(context);
    await context.close();
  },
});

test('a French agent escalating to eSIM Go copies an English ticket', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/drafts.html`);
  // The extension speaks French to this agent (otherwise this test would prove nothing).
  expect(await page.evaluate(() => chrome.i18n.getUILanguage())).toMatch(/^fr/);
  await page.getByLabel("ICCID de l'eSIM").fill('8944 5000 1225 1001 0013');
  await page.getByRole('button', { name: 'Commencer' }).click();
  await expect(page).toHaveURL(/#draft=/);
  await page.getByLabel('Résumé').fill('No data since landing');

  await context
    .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `chrome-extension://${extensionId}` })
    .catch(() => undefined);
  const preview = page.getByTestId('ticket-preview');
  // The vendor's language arrives once its locale file is read: wait for it, never sleep.
  await expect(preview).toContainText('Priority:');
  await page.getByRole('button', { name: 'Copier en texte brut' }).click();
  await expect(page.getByText('Ticket copié en texte brut.')).toBeVisible();
  const text = (await preview.textContent()) ?? '';
  for (const label of ['ICCID:', 'Problem description:', 'Location within the country:', 'Device type:', 'Priority:']) {
    expect(text).toContain(label);
  }
  // Entirely English: no French label, no French typography (no-break space before a colon, « »).
  expect(text).not.toMatch(/Priorité|non renseigné|Description du problème|Type d'appareil|«|»|\u00a0:/);
  const clipboard = await page.evaluate(() => navigator.clipboard.readText()).catch(() => null);
  if (clipboard !== null) expect(clipboard).toBe(text);
});
