/**
 * Issue 19, "Teach this portal": the sidebar's requests, carried to the teach script the background
 * injects into that tab on demand (never part of the portal content script's load), and the save
 * into the agent's own portals — the same storage Options writes, so a taught portal is exported,
 * edited and removed there like any other.
 */
import { browser } from 'wxt/browser';
import { TeachStateSchema } from '../../../lib/messaging/registry';
import { readList, userPortalsItem, writeList } from '../../../lib/settings/registry';
import { syncPortalScript } from '../portals';
import type { FeatureHandlers } from '../router';
import { senderTab } from './portal';

async function teachScript(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/portal-teach.js'] });
}

export function teachHandlers(): FeatureHandlers<'teach-guess' | 'teach-point' | 'teach-save'> {
  return {
    async 'teach-guess'(_request, ctx) {
      const tabId = senderTab(ctx);
      await teachScript(tabId);
      // The page's draft is page data: parsed like any message from the page.
      const reply: unknown = await browser.tabs.sendMessage(tabId, { type: 'teach-guess' }, { frameId: 0 });
      return TeachStateSchema.parse(reply);
    },
    async 'teach-point'({ key, prompt }, ctx) {
      const tabId = senderTab(ctx);
      await teachScript(tabId);
      const reply = (await browser.tabs.sendMessage(
        tabId,
        { type: 'teach-point', key, prompt },
        { frameId: 0 },
      )) as {
        outcome?: unknown;
      } | null;
      if (reply?.outcome === 'cancelled') return null;
      return TeachStateSchema.parse(reply);
    },
    async 'teach-save'({ profile }) {
      const area = browser.storage.local;
      const mine = (await readList(area, userPortalsItem)).value;
      const written = await writeList(area, userPortalsItem, [
        ...mine.filter((p) => p.id !== profile.id),
        profile,
      ]);
      if (!written.ok) return { saved: false };
      await syncPortalScript();
      return { saved: true };
    },
  };
}
