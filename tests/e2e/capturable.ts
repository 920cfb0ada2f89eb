/**
 * A test fixture whose browser loads a COPY of the build with `<all_urls>` added to its host permissions.
 *
 * Chrome's `tabs.captureVisibleTab` needs `<all_urls>` or an activeTab grant, and activeTab comes only
 * from a real gesture on the extension's own UI (toolbar button, keyboard shortcut, context menu), which
 * headless Chromium cannot produce. The copy has the same effect as the agent having clicked the toolbar
 * button on the portal tab; everything else is the built extension as shipped.
 */
import { chromium } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extensionArgs, findChromium } from '../support/chromium.mjs';
import { EXTENSION_DIR, expect, test as base } from './fixtures';

function capturableCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ha-e2e-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), '<all_urls>'];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

/** The e2e `test`, with a context whose extension may capture any tab. */
export const test = base.extend({
  context: async ({ userDataDir }, use) => {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: findChromium(),
      headless: false, // --headless=new in the args runs it headless, with extensions
      args: extensionArgs(capturableCopy()),
      viewport: { width: 1400, height: 900 },
    });
    let [sw] = context.serviceWorkers();
    sw ??= await context.waitForEvent('serviceworker');
    await expect
      .poll(() => sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length))
      .toBeGreaterThan(0);
    await use(context);
    await context.close();
  },
});

export { expect };
