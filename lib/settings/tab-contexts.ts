/**
 * The latest page context per tab, kept by the background. Mirrored into `storage.session` so a
 * restarted service worker still knows what each portal tab shows (session storage never reaches
 * disk and is cleared with the browser session).
 */
import { PageContextSchema, type PageContext } from '../portal/page-context';
import type { StorageAreaLike } from './storage-area';

const key = (tabId: number) => `tab-context:${tabId}`;

export function createTabContexts(session: StorageAreaLike) {
  const cache = new Map<number, PageContext>();
  return {
    async get(tabId: number): Promise<PageContext | null> {
      const hit = cache.get(tabId);
      if (hit) return hit;
      const raw = (await session.get(key(tabId)))[key(tabId)];
      const parsed = PageContextSchema.safeParse(raw);
      if (!parsed.success) return null;
      cache.set(tabId, parsed.data);
      return parsed.data;
    },
    async set(tabId: number, context: PageContext): Promise<void> {
      cache.set(tabId, context);
      await session.set({ [key(tabId)]: context });
    },
    async remove(tabId: number): Promise<void> {
      cache.delete(tabId);
      await session.remove(key(tabId));
    },
  };
}
export type TabContexts = ReturnType<typeof createTabContexts>;
