/**
 * The Add plan / Add line guard, injected by the background next to the portal content script only
 * on pages that show one of those forms — the inventory pages agents keep open all day never pay
 * for it. It reads the page through the content script's host API (same isolated world).
 */
import { browser } from '@wxt-dev/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { Catalog } from '../lib/catalog/schema';
// Zod-free key module: Options validates a catalog before storing it, and the background stores the
// example by default (lib/settings/registry.ts declares its schema and version).
import { CATALOG_KEY } from '../lib/settings/keys';
import { startGuard } from './portal/guard';
import { hostApi } from './portal/host-api';

const STARTED = Symbol.for('helpdesk-assistant.guard-started');

export default defineUnlistedScript({
  async main() {
    const host = hostApi();
    const world = globalThis as Record<symbol, unknown>;
    if (!host || world[STARTED]) return; // no content script here, or already guarding
    world[STARTED] = true;

    let catalog =
      ((await browser.storage.local.get(CATALOG_KEY))[CATALOG_KEY] as Catalog | undefined) ?? null;
    const guard = startGuard(document, {
      current: host.current,
      ...(host.readNow ? { readNow: host.readNow } : {}),
      profile: host.profile,
      record: host.record,
      catalog: () => catalog,
      lang: browser.i18n.getUILanguage().toLowerCase().startsWith('fr') ? 'fr' : 'en',
    });
    const offSettled = host.onSettled(() => guard.refresh());
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !(CATALOG_KEY in changes)) return;
      catalog = (changes[CATALOG_KEY]?.newValue as Catalog | undefined) ?? null;
      guard.refresh();
    };
    browser.storage.onChanged.addListener(onStorage);
    guard.refresh();
    host.onTeardown(() => {
      browser.storage.onChanged.removeListener(onStorage);
      offSettled();
      guard.stop();
      world[STARTED] = false;
    });
  },
});
