/**
 * The extension's storage areas as lib/settings takes them. The one typed accessor for
 * `storage.managed`: it is missing in some contexts and browsers (Firefox without a managed manifest),
 * so it is `undefined`-able here and nowhere else needs a cast. Zod-free and React-free, so the
 * background imports it too.
 */
import { browser } from 'wxt/browser';
import { loadEffectiveConfig, type ConfigAreas } from '../../lib/settings/effective';
import type { ManagedAreaLike } from '../../lib/settings/managed';
import type { Settings } from '../../lib/settings/settings';

/** `browser.storage.managed`, or undefined where the browser has none (then nothing is managed). */
export function managedStorage(): ManagedAreaLike | undefined {
  const storage: { readonly managed?: ManagedAreaLike } = browser.storage;
  return storage.managed;
}

/** `storage.local` and `storage.managed`: where the configuration comes from (lib/settings/effective.ts). */
export function browserConfigAreas(): ConfigAreas {
  return { local: browser.storage.local, managed: managedStorage() };
}

/** The settings in effect (the administrator's value where the policy sets one). */
export async function readEffectiveSettings(): Promise<Settings> {
  return (await loadEffectiveConfig(browserConfigAreas(), ['settings'])).config.settings;
}
