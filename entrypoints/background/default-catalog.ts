/**
 * The plan catalog the portal guard reads. The content script must stay small (no zod), so it reads
 * only `storage.local[CATALOG_KEY]`; the background makes sure a valid catalog is there: the shipped
 * example until the agent imports one in Options (which validates before storing).
 */
import { browser } from 'wxt/browser';
import { CatalogSchema, EXAMPLE_CATALOG } from '../../lib/catalog';
import { CATALOG_KEY } from '../../lib/settings/settings';
import { readManaged, type ManagedAreaLike } from '../../lib/settings/managed';

/**
 * Stores the example catalog when none is stored, when the stored one is damaged, or when the stored
 * one is an older copy of the example (an update then ships the new example). An imported catalog stays.
 */
export async function ensureDefaultCatalog(): Promise<void> {
  const stored = (await browser.storage.local.get(CATALOG_KEY))[CATALOG_KEY];
  // Policy wins: a catalog set by the administrator (validated by readManaged) replaces the stored one.
  const managed = (await readManaged(browser.storage.managed as ManagedAreaLike | undefined)).data.catalog;
  if (managed) {
    if (JSON.stringify(stored) !== JSON.stringify(managed))
      await browser.storage.local.set({ [CATALOG_KEY]: managed });
    return;
  }
  const parsed = stored === undefined ? null : CatalogSchema.safeParse(stored);
  const keep =
    parsed !== null &&
    parsed.success &&
    (!parsed.data.exampleData || JSON.stringify(parsed.data) === JSON.stringify(EXAMPLE_CATALOG));
  if (!keep) await browser.storage.local.set({ [CATALOG_KEY]: EXAMPLE_CATALOG });
}
