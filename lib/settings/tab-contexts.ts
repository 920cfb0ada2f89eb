/**
 * The latest page context per tab, kept by the background. Mirrored into `storage.session` so a
 * restarted service worker still knows what each portal tab shows (session storage never reaches
 * disk and is cleared with the browser session).
 */
import { PageContextSchema, type PageContext } from '../portal/page-context';
import type { StorageAreaLike } from './storage-area';

const key = (tabId: number) => `tab-context:${tabId}`;

export interface TabContextsOptions {
  /**
   * Asks the tab's content script for its context, read now (issue 15: a portal page is read only
   * when someone needs it, so the remembered context may be stale or missing). Its answer is parsed
   * here; no answer (not a portal, the page went away, too slow) falls back to what is remembered.
   */
  readonly ask?: (tabId: number) => Promise<unknown>;
}

export function createTabContexts(session: StorageAreaLike, options: TabContextsOptions = {}) {
  const cache = new Map<number, PageContext>();

  /** The last context the tab sent, without asking it. */
  async function remembered(tabId: number): Promise<PageContext | null> {
    const hit = cache.get(tabId);
    if (hit) return hit;
    const raw = (await session.get(key(tabId)))[key(tabId)];
    const parsed = PageContextSchema.safeParse(raw);
    if (!parsed.success) return null;
    cache.set(tabId, parsed.data);
    return parsed.data;
  }

  async function set(tabId: number, context: PageContext): Promise<void> {
    cache.set(tabId, context);
    await session.set({ [key(tabId)]: context });
  }

  /** What the tab shows now when it answers (see TabContextsOptions.ask), else what it sent last. */
  async function get(tabId: number): Promise<PageContext | null> {
    const ask = options.ask;
    if (ask) {
      const answer = await Promise.resolve()
        .then(() => ask(tabId))
        .catch(() => undefined);
      const asked = PageContextSchema.safeParse(answer);
      if (asked.success) {
        await set(tabId, asked.data);
        return asked.data;
      }
    }
    return remembered(tabId);
  }

  return {
    get,
    remembered,
    set,
    async remove(tabId: number): Promise<void> {
      cache.delete(tabId);
      await session.remove(key(tabId));
    },
  };
}
export type TabContexts = ReturnType<typeof createTabContexts>;
