/**
 * Issue 15: a portal page is read only when someone needs it (the sidebar open, a guarded form on
 * it, or the background asking). Specs that wait for "the content script has read the page" ask the
 * portal tabs the way the background does (`get-context` to the top frame); the answer is also sent
 * to the background, which keeps it in session storage.
 */
import { expect, type BrowserContext, type Worker } from '@playwright/test';
import type { ExpectedSubscriber } from './expected';

/** Opens a subscriber's page of the demo portal in a new tab, once it shows them. */
export async function openSubscriberPage(context: BrowserContext, portalUrl: string, who: ExpectedSubscriber) {
  const url = new URL(who.url, portalUrl).href;
  const portal = await context.newPage();
  await portal.goto(url);
  await expect(portal.getByRole('heading', { name: who.name })).toBeVisible();
  return { portal, url };
}

/** True once a portal tab's content script answered with its context (read on the spot). */
export function portalTabRead(sw: Worker): Promise<boolean> {
  return sw.evaluate(async () => {
    for (const tab of await chrome.tabs.query({})) {
      if (tab.id === undefined) continue;
      const answer = await chrome.tabs
        .sendMessage(tab.id, { type: 'get-context' }, { frameId: 0 })
        .catch(() => null);
      if (answer && typeof answer === 'object') return true;
    }
    return false;
  });
}
