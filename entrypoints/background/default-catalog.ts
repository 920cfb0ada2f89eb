/**
 * The plan catalog the portal guard reads. The content script must stay small (no zod), so it reads
 * only `storage.local[CATALOG_KEY]`; the background makes sure a valid catalog is there: the
 * administrator's when the policy sets one (a derived copy: the background is its only writer), else
 * the shipped example until the agent imports one in Options (which validates before storing).
 */
import { browser } from 'wxt/browser';
import { EXAMPLE_CATALOG } from '../../lib/catalog';
import { readManaged } from '../../lib/settings/managed';
import { catalogItem, readValue, writeValue } from '../../lib/settings/registry';
import { managedStorage } from '../../components/platform/storage-areas';

/**
 * Stores the example catalog when none is stored, when the stored one does not read (the registry
 * keeps it aside under `catalog:unreadable` and reports it), or when the stored one is an older copy
 * of the example (an update then ships the new example). An imported catalog stays.
 */
export async function ensureDefaultCatalog(): Promise<void> {
  const area = browser.storage.local;
  const stored = await readValue(area, catalogItem);
  // Policy wins: a catalog set by the administrator (validated by readManaged) replaces the stored one.
  const managed = (await readManaged(managedStorage())).data.catalog;
  if (managed) {
    if (JSON.stringify(stored.value) !== JSON.stringify(managed))
      await writeValue(area, catalogItem, managed);
    return;
  }
  const keep =
    stored.value !== undefined &&
    (!stored.value.exampleData || JSON.stringify(stored.value) === JSON.stringify(EXAMPLE_CATALOG));
  if (!keep) await writeValue(area, catalogItem, EXAMPLE_CATALOG);
}
