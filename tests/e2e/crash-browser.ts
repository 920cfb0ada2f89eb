/**
 * A Chromium the test launches itself (not through Playwright) so that it holds the browser's process
 * group and can kill it the way a crash or a power cut does: SIGKILL, no unload, no shutdown, no flush
 * (issue 12). Playwright drives it over the DevTools protocol (`connectOverCDP`).
 */
import { chromium, expect, type Browser, type BrowserContext, type Worker } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { extensionArgs, findChromium } from '../support/chromium.mjs';
import { EXTENSION_DIR } from './fixtures';

/** The build under test; `HA_EXTENSION_DIR` points the crash test at another build (e.g. an older commit's). */
export const extensionDir = process.env.HA_EXTENSION_DIR ?? EXTENSION_DIR;

export interface OwnedBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly serviceWorker: Worker;
  readonly extensionId: string;
  /** SIGKILLs the whole process group; resolves with the time of the kill once every process is gone. */
  kill(): Promise<number>;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Launches Chromium on `userDataDir` with the extension, in its own process group, and connects. */
export async function launchOwned(userDataDir: string): Promise<OwnedBrowser> {
  const portFile = path.join(userDataDir, 'DevToolsActivePort');
  // A killed browser leaves its port file behind: never connect to the dead one's port.
  rmSync(portFile, { force: true });
  const child: ChildProcess = spawn(
    findChromium(),
    [
      ...extensionArgs(extensionDir),
      `--user-data-dir=${userDataDir}`,
      '--remote-debugging-port=0',
      '--window-size=1400,900',
      'about:blank',
    ],
    { detached: true, stdio: 'ignore' },
  );
  const pid = child.pid!;
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await expect
      .poll(() => (existsSync(portFile) ? readFileSync(portFile, 'utf8').split('\n').length >= 2 : false), {
        timeout: 30_000,
      })
      .toBe(true);
    const [port, wsPath] = readFileSync(portFile, 'utf8').split('\n');
    const browser = await chromium.connectOverCDP(`ws://127.0.0.1:${port}${wsPath}`);
    const context = browser.contexts()[0]!;
    let [serviceWorker] = context.serviceWorkers();
    serviceWorker ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
    // The portal content script is registered at run time: wait until it is.
    await expect
      .poll(() =>
        serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length),
      )
      .toBeGreaterThan(0);
    return {
      browser,
      context,
      serviceWorker,
      extensionId: new URL(serviceWorker.url()).host,
      async kill() {
        const at = Date.now();
        process.kill(-pid, 'SIGKILL');
        await expect.poll(() => exited && !groupAlive(pid), { timeout: 20_000 }).toBe(true);
        return at;
      },
    };
  } catch (error) {
    if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
    throw error;
  }
}
