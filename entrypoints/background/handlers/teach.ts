/**
 * Issue 19, "Teach this portal": the sidebar's requests, carried to the teach script the background
 * injects into that tab on demand (never part of the portal content script's load), and the save
 * into the agent's own portals — the same storage Options writes, so a taught portal is exported,
 * edited and removed there like any other.
 */
import { browser } from 'wxt/browser';
import { TeachStateSchema, type TeachState } from '../../../lib/messaging/registry';
import { urlPatternsFor } from '../../../lib/portal/guess/address';
import { readList, userPortalsItem, writeList } from '../../../lib/settings/registry';
import { syncPortalScript } from '../portals';
import type { FeatureHandlers } from '../router';
import { senderTab } from './portal';

/**
 * The draft's address comes from the tab as the browser knows it, never from the page: a page cannot
 * make the agent save a profile (and grant host access) for another site.
 */
/** The refusal code of a tab without a web address (`msgTeachNoAddress`). */
export const TEACH_NO_ADDRESS = 'teach_no_address';

async function fromTab(tabId: number, state: TeachState): Promise<TeachState> {
  const tab = await browser.tabs.get(tabId);
  const patterns = urlPatternsFor(tab.url ?? '');
  // A code, translated by the sidebar (entrypoints/sidebar/teach-api.ts; issue 16 §5).
  if (patterns.length === 0) throw new Error(TEACH_NO_ADDRESS);
  return { ...state, profile: { ...state.profile, urlPatterns: patterns } };
}

async function teachScript(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/portal-teach.js'] });
}

export function teachHandlers(): FeatureHandlers<
  'teach-guess' | 'teach-point' | 'teach-cancel' | 'teach-save'
> {
  return {
    async 'teach-guess'(_request, ctx) {
      const tabId = senderTab(ctx);
      await teachScript(tabId);
      // The page's draft is page data: parsed like any message from the page.
      const reply: unknown = await browser.tabs.sendMessage(tabId, { type: 'teach-guess' }, { frameId: 0 });
      return fromTab(tabId, TeachStateSchema.parse(reply));
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
      return fromTab(tabId, TeachStateSchema.parse(reply));
    },
    async 'teach-cancel'(_request, ctx) {
      await browser.tabs
        .sendMessage(senderTab(ctx), { type: 'teach-cancel' }, { frameId: 0 })
        .catch(() => undefined);
      return null;
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
