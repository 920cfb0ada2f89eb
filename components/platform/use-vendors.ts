/**
 * The vendor profiles a surface offers: built-in, the agent's own (`storage.local`, Options → Vendor
 * profiles) and the administrator's (`storage.managed`; policy wins), validated on every read and
 * followed live through `storage.onChanged`, so a profile imported in Options appears in an open
 * sidebar or drafts tab without a reload. A damaged stored entry is dropped (and listed in `problems`).
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import { builtInVendors } from '../../lib/escalation/vendors';
import { CUSTOM_VENDORS_KEY, readCustomVendors } from '../../lib/settings/custom-data';
import type { DataProblem } from '../../lib/settings/data-problem';
import { effectiveConfig, type ConfigAreas } from '../../lib/settings/effective';
import { readManaged } from '../../lib/settings/managed';
import { browserConfigAreas } from './storage-areas';

/** What {@link useVendors} gives. */
export interface VendorsState {
  /** Every vendor to offer, built-ins first (each replaced by a custom/managed profile of the same id). */
  readonly vendors: readonly VendorProfile[];
  /** The profiles that override or extend the built-ins: the `custom` argument of `getVendor(id, custom)`. */
  readonly overrides: readonly VendorProfile[];
  /** The agent's own profiles (Options can remove these). */
  readonly custom: readonly VendorProfile[];
  /** The administrator's profiles (read-only). */
  readonly managed: readonly VendorProfile[];
  /** Stored or managed entries that were dropped. */
  readonly problems: readonly DataProblem[];
  /** False until storage has been read once. */
  readonly ready: boolean;
}

/** The storage areas the hooks read (injectable for tests). */
export type DataAreas = ConfigAreas;

/** `browser.storage.local` and `.managed` (the latter can be missing: then nothing is managed). */
export const browserDataAreas = browserConfigAreas;

const INITIAL: VendorsState = {
  vendors: builtInVendors,
  overrides: [],
  custom: [],
  managed: [],
  problems: [],
  ready: false,
};

/** Reads both areas once. */
export async function loadVendors(areas: DataAreas): Promise<VendorsState> {
  const [local, managed] = await Promise.all([readCustomVendors(areas.local), readManaged(areas.managed)]);
  const fromPolicy = managed.data.vendors ?? [];
  const config = effectiveConfig({ vendors: local.vendors }, managed.data);
  return {
    vendors: config.vendors,
    overrides: config.vendorOverrides,
    custom: local.vendors,
    managed: fromPolicy,
    problems: [...local.problems, ...managed.problems.filter((p) => p.path.startsWith('vendors'))],
    ready: true,
  };
}

/**
 * A value loaded from the extension's storage areas that follows changes: reloads when the managed
 * policy changes or when `localKey` changes in `storage.local`. Until the first load it is `initial`;
 * a failed load keeps the previous value, marked ready.
 */
export function useStoredData<T extends { ready: boolean }>(
  load: (areas: DataAreas) => Promise<T>,
  localKey: string,
  initial: T,
  areas?: DataAreas,
): T {
  const [state, setState] = useState<T>(initial);
  useEffect(() => {
    const used = areas ?? browserDataAreas();
    let live = true;
    const reload = () =>
      void load(used).then(
        (next) => live && setState(next),
        () => live && setState((s) => ({ ...s, ready: true })),
      );
    reload();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'managed' || (area === 'local' && localKey in changes)) reload();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
    // `load`, `localKey` and `initial` are module constants at every call site.
  }, [areas]);
  return state;
}

/** See the module comment. `areas` defaults to the browser's (read once per mount). */
export function useVendors(areas?: DataAreas): VendorsState {
  return useStoredData(loadVendors, CUSTOM_VENDORS_KEY, INITIAL, areas);
}
