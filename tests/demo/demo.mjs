#!/usr/bin/env node
// `npm run demo`: builds the extension, serves the demo portal on 127.0.0.1 and starts Chromium with
// the extension loaded on it. Without a display it runs headless and walks the story (issue 17) — the
// guard stopping Asia 1 on a profile-7 eSIM, the remedy, the prefilled eSIM Go ticket with its priority
// and due time, the popup, the drafts — writing one screenshot per step, in English and French, into
// demo-output/.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect } from '@playwright/test';
import { findChromium, extensionArgs } from '../support/chromium.mjs';
import { startServer } from '../fixtures/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const extensionDir = path.join(root, '.output/chrome-mv3');
const outDir = path.join(root, 'demo-output');
const headless = !process.env.DISPLAY || process.argv.includes('--headless');

let executablePath;
try {
  executablePath = findChromium();
} catch (error) {
  console.error(String(error.message ?? error));
  process.exit(1);
}

// The extension's language follows the browser's UI language; Debian ships the non-English UI
// languages in a separate package.
const chromiumLocales = path.join(path.dirname(executablePath), 'locales');
if (existsSync(chromiumLocales) && !existsSync(path.join(chromiumLocales, 'fr.pak'))) {
  console.warn('demo: this Chromium has no French UI language; French screenshots will show English.');
  console.warn('      On Debian/Ubuntu: sudo apt-get install -y chromium-l10n');
}

if (!process.argv.includes('--no-build')) {
  console.log('demo: building the extension…');
  execSync('npx wxt build', { cwd: root, stdio: 'inherit' });
}

const server = await startServer({ port: headless ? 0 : 5173 });
const subscriberUrl = new URL('portal/subscribers/S-1002', server.url).href;
console.log(`demo: portal at ${server.url}`);

async function launch({ language }) {
  const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'ha-demo-')), {
    executablePath,
    headless: false,
    args: [...extensionArgs(extensionDir, { headless }), `--lang=${language}`],
    viewport: { width: 1440, height: 900 },
    env: { ...process.env, LANGUAGE: language, LANG: language === 'fr' ? 'fr_FR.UTF-8' : 'en_US.UTF-8' },
  });
  let [sw] = context.serviceWorkers();
  sw ??= await context.waitForEvent('serviceworker');
  // The portal script is registered at run time by the background: wait until it is.
  await expect
    .poll(() => sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length), { timeout: 15000 })
    .toBeGreaterThan(0);
  return { context, extensionId: new URL(sw.url()).host, sw };
}

async function waitForFrame(page, prefix) {
  const find = () => page.frames().find((f) => f.url().startsWith(prefix));
  await expect.poll(() => find() !== undefined, { timeout: 15000, message: `frame ${prefix}` }).toBe(true);
  return find();
}

if (!headless) {
  const { context } = await launch({ language: 'en' });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(subscriberUrl);
  console.log('demo: Chromium is open on the demo portal. Click "Helpdesk Assistant" (or Alt+Shift+H). Ctrl+C to stop.');
  await new Promise((resolve) => context.on('close', resolve));
  await server.close();
} else {
  mkdirSync(outDir, { recursive: true });
  const shots = [];
  for (const language of ['en', 'fr']) {
    const { context, extensionId, sw } = await launch({ language });
    const shot = async (page, step) => {
      const file = path.join(outDir, `${step}-${language}.png`);
      await page.screenshot({ path: file });
      shots.push(file);
    };
    // The story (issue 17), on the demo cases of tests/fixtures/README.md.
    // 1. The guard stops Asia 1 on Amira's profile-7 eSIM (seed 001: plans only go on eSIMs with the
    //    matching IMSI profile).
    const amira = new URL('portal/subscribers/S-1001', server.url).href;
    const spain = '89445000122510010013';
    const page = await context.newPage();
    await page.setViewportSize({ width: 1200, height: 720 });
    await page.goto(`${amira}/add-plan?esim=${spain}`);
    await page.locator('#add-plan-form').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-helpdesk-assistant]') !== null);
    await page.locator('#add-plan-form select[name="plan"]').selectOption({ label: 'Asia 1' });
    await page.locator('#add-plan-form button[type="submit"]').click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-helpdesk-assistant') !== null);
    await shot(page, '01-guard');
    // 2. The remedy: the dialog's first button (focused) is "Add line instead" — the new line is named
    //    after the region and keeps the plan.
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/add-line$/);
    await expect.poll(() => page.locator('#add-line-form input[name="lineName"]').inputValue()).toBe('Asia');
    await shot(page, '02-remedy');
    // 3. The prefilled eSIM Go ticket, with the suggested priority and the response due time.
    await page.goto(amira);
    await expect
      .poll(() =>
        sw.evaluate(async (url) => Object.values(await chrome.storage.session.get(null)).some((v) => v && v.url === url), amira),
      )
      .toBe(true);
    await sw.evaluate(async ({ url, iccid }) => {
      const [tab] = await chrome.tabs.query({ url });
      const event = chrome.contextMenus.onClicked;
      event.dispatch({ menuItemId: 'escalate-iccid', selectionText: iccid, editable: false, pageUrl: url }, tab);
    }, { url: amira, iccid: spain });
    const frame = await waitForFrame(page, `chrome-extension://${extensionId}/sidebar.html`);
    const problem = frame.locator('textarea[data-field-id="problem"]');
    await problem.waitFor();
    await problem.fill(language === 'fr' ? 'Pas de données depuis l’arrivée à Barcelone.' : 'No data since arriving in Barcelona.');
    await frame.locator('input[data-field-id="device"]').fill('iPhone 15');
    const kind = frame.locator('select:has(option[value="connectivity"])');
    await kind.selectOption('connectivity');
    // Scroll the sidebar's own content (its header stays) to the priority, its reason and the due time.
    await expect
      .poll(() =>
        kind.evaluate((el) => {
          const main = el.closest('main');
          if (main) main.scrollTop += el.getBoundingClientRect().top - main.getBoundingClientRect().top - 40;
          return Math.round(el.getBoundingClientRect().top);
        }),
      )
      .toBeLessThan(160);
    await shot(page, '03-ticket');
    // 4. The popup, over a subscriber with two eSIMs (it offers both rather than guessing).
    const lucas = await context.newPage();
    await lucas.goto(subscriberUrl);
    await lucas.waitForFunction(() => document.querySelector('[data-helpdesk-assistant]') !== null);
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.waitForLoadState('networkidle');
    await shot(popup, '04-popup');
    // 5. The drafts page (the escalation board), with the ticket from step 3 open.
    const board = await context.newPage();
    await board.setViewportSize({ width: 1200, height: 720 });
    await board.goto(`chrome-extension://${extensionId}/drafts.html`);
    await board.locator('[data-draft-id]').first().click();
    await board.locator('textarea[data-field-id="problem"]').waitFor();
    await shot(board, '05-drafts');
    await context.close();
  }
  await server.close();
  console.log(`demo: no display, ran headless. Screenshots written to ${outDir}:`);
  for (const s of shots) console.log(`  ${path.relative(root, s)}`);
}
