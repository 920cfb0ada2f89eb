#!/usr/bin/env node
// `npm run demo`: builds the extension, serves the demo portal on 127.0.0.1 and starts Chromium with
// the extension loaded on it. Without a display it runs headless and writes screenshots of the
// portal with the sidebar open (light/dark, English/French) and of the popup into demo-output/.
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

async function openSidebar(page, extensionId) {
  // The toggle lives in a closed shadow root; a real user clicks it. We open the sidebar the same way
  // the keyboard command does: the background tells the content script to open it.
  await page.waitForFunction(() => document.querySelector('[data-helpdesk-assistant]') !== null);
  const sw = page.context().serviceWorkers()[0];
  const tabUrl = page.url();
  await sw.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    await chrome.tabs.sendMessage(tab.id, { type: 'set-sidebar', open: true });
  }, tabUrl);
  const frame = await waitForFrame(page, `chrome-extension://${extensionId}/sidebar.html`);
  // The sidebar has shown the page's context once the ICCIDs it lists are there.
  await frame.waitForSelector('[data-iccid]', { state: 'attached', timeout: 15000 });
  await frame.waitForLoadState('load');
  return frame;
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
    const { context, extensionId } = await launch({ language });
    for (const scheme of ['light', 'dark']) {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(subscriberUrl);
      await openSidebar(page, extensionId);
      const file = path.join(outDir, `portal-sidebar-${language}-${scheme}.png`);
      await page.screenshot({ path: file });
      shots.push(file);
      await page.close();
    }
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 560 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.waitForLoadState('networkidle');
    const file = path.join(outDir, `popup-${language}.png`);
    await popup.screenshot({ path: file });
    shots.push(file);
    await context.close();
  }
  await server.close();
  console.log(`demo: no display, ran headless. Screenshots written to ${outDir}:`);
  for (const s of shots) console.log(`  ${path.relative(root, s)}`);
}
