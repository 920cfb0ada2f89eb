/**
 * The plan catalog of the plan finder: the one saved in Options (`storage.local[CATALOG_KEY]`,
 * validated again here — storage is a boundary) or the shipped example, and which of the two it is,
 * so the sidebar can say "example data". Follows changes made in Options while the sidebar is open.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { CatalogSchema, EXAMPLE_CATALOG, type Catalog } from '../../lib/catalog';
import { CATALOG_KEY } from '../../lib/settings/settings';
import type { CatalogSource } from '../../components/sidebar/plan-finder';

/** The catalog and where it came from. */
export interface LoadedCatalog {
  catalog: Catalog;
  source: CatalogSource;
}

/** Reads a stored value as a catalog: absent → example, invalid → example flagged as such. */
export function catalogFrom(raw: unknown): LoadedCatalog {
  if (raw === undefined || raw === null) return { catalog: EXAMPLE_CATALOG, source: 'example' };
  const parsed = CatalogSchema.safeParse(raw);
  return parsed.success
    ? { catalog: parsed.data, source: 'stored' }
    : { catalog: EXAMPLE_CATALOG, source: 'stored-invalid' };
}

/** See the module comment. */
export function useCatalog(): LoadedCatalog {
  const [loaded, setLoaded] = useState<LoadedCatalog>({ catalog: EXAMPLE_CATALOG, source: 'example' });
  useEffect(() => {
    let live = true;
    void browser.storage.local.get(CATALOG_KEY).then((got) => {
      if (live) setLoaded(catalogFrom(got[CATALOG_KEY]));
    });
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && CATALOG_KEY in changes) setLoaded(catalogFrom(changes[CATALOG_KEY]?.newValue));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return loaded;
}
