/**
 * The end-to-end fixture: a persistent Chromium context with the built extension loaded, the demo
 * portal served on 127.0.0.1, and the extension id read from the service worker (WXT's Playwright
 * pattern). Specs wait on conditions, never on fixed sleeps.
 */
import { test as base, chromium, expect, type BrowserContext, type Frame, type Page, type Worker } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, extensionArgs } from '../support/chromium.mjs';
import { startServer } from '../fixtures/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = path.join(root, '.output/chrome-mv3');

export interface Fixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  portalUrl: string;
  userDataDir: string;
}

export async function launchWithExtension(userDataDir: string) {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: false, // the --headless=new flag below is what runs it headless, with extensions
    args: extensionArgs(EXTENSION_DIR),
    viewport: { width: 1400, height: 900 },
  });
  let [serviceWorker] = context.serviceWorkers();
  serviceWorker ??= await context.waitForEvent('serviceworker');
  // The portal content script is registered at run time: wait until it is.
  await expect
    .poll(() => serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length))
    .toBeGreaterThan(0);
  return { context, serviceWorker, extensionId: new URL(serviceWorker.url()).host };
}

export const test = base.extend<Fixtures, { server: { url: string; close: () => Promise<void> } }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startServer({ port: 0 });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern
  userDataDir: async ({}, use) => {
    await use(mkdtempSync(path.join(tmpdir(), 'ha-e2e-')));
  },
  context: async ({ userDataDir }, use) => {
    const { context } = await launchWithExtension(userDataDir);
    await use(context);
    await context.close();
  },
  serviceWorker: async ({ context }, use) => {
    let [sw] = context.serviceWorkers();
    sw ??= await context.waitForEvent('serviceworker');
    await use(sw);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  portalUrl: async ({ server }, use) => {
    await use(server.url);
  },
});

export { expect };

const sidebarUrl = (extensionId: string) => `chrome-extension://${extensionId}/sidebar.html`;

/**
 * The sidebar frame of a portal page, once the page has one. It is an extension page inside our closed
 * shadow root, which selectors cannot reach: it is found among the page's frames by its URL.
 */
export async function sidebarFrame(page: Page, extensionId: string): Promise<Frame> {
  const prefix = sidebarUrl(extensionId);
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(prefix))).toBe(true);
  return page.frames().find((f) => f.url().startsWith(prefix))!;
}

/** The same, once the sidebar page has rendered (its Close button is there), never a detached frame. */
export async function readySidebarFrame(page: Page, extensionId: string): Promise<Frame> {
  const prefix = sidebarUrl(extensionId);
  const find = () => page.frames().find((f) => f.url().startsWith(prefix) && !f.isDetached());
  await expect
    .poll(async () => (await find()?.getByRole('button', { name: 'Close the sidebar' }).count()) ?? 0)
    .toBe(1);
  return find()!;
}
