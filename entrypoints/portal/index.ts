/**
 * The portal content script: reads the page (lib/portal), guards Add plan / Add line, marks ICCIDs,
 * and mounts the sidebar frame. It never opens IndexedDB (the portal's origin could read it) and
 * never loads React; everything it sends is validated again by the background.
 */
// The native, promise-based API (Chrome MV3 and Firefox): the polyfill is not needed for the few
// calls made here, and the content script's every kilobyte is paid by the portal page.
import { browser } from '@wxt-dev/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { Catalog } from '../../lib/catalog/schema';
import { startBadges } from './badges';
import { startGuard } from './guard';
import { mountOverlay } from './overlay';
import { startReader } from './reader';

// storage.local key of the active plan catalog (lib/settings CATALOG_KEY; that module loads zod).
// Options validates a catalog before storing it, and the background stores the example by default.
const CATALOG_KEY = 'catalog';

// An unlisted script, registered at run time by the background as the content script of the portals
// the agent enabled (loopback by default). WXT's content-script wrapper is not used: it would add the
// polyfill, a page-visible postMessage and listeners to every portal page.
export default defineUnlistedScript({
  async main() {
    const doc = document;
    const overlay = await mountOverlay(doc);
    const reader = await startReader(doc, {
      send: (message) => browser.runtime.sendMessage(message).catch(() => undefined),
    });

    let catalog = ((await browser.storage.local.get(CATALOG_KEY))[CATALOG_KEY] as Catalog | undefined) ?? null;
    const guard = startGuard(doc, {
      current: reader.current,
      profile: reader.profile,
      record: reader.recordGuardEvent,
      catalog: () => catalog,
      lang: browser.i18n.getUILanguage().toLowerCase().startsWith('fr') ? 'fr' : 'en',
    });
    const badges = startBadges(doc, {
      escalate: (iccid) => void browser.runtime.sendMessage({ type: 'escalate-iccid', iccid }).catch(() => undefined),
    });
    const offSettled = reader.onSettled(() => {
      guard.refresh();
      badges.schedule();
    });
    badges.schedule();
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !(CATALOG_KEY in changes)) return;
      catalog = (changes[CATALOG_KEY]?.newValue as Catalog | undefined) ?? null;
      guard.refresh();
    };
    browser.storage.onChanged.addListener(onStorage);

    const onMessage = (raw: unknown, _sender: unknown, sendResponse: (response: unknown) => void) => {
      // Only the extension can message a content script; still, accept nothing but known shapes.
      const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
      if (type === 'toggle-sidebar') overlay.toggle();
      else if (type === 'set-sidebar') overlay.setOpen((raw as { open?: unknown }).open === true);
      else if (type === 'get-context') sendResponse(reader.current());
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);

    const teardown = () => {
      browser.runtime.onMessage.removeListener(onMessage);
      browser.storage.onChanged.removeListener(onStorage);
      offSettled();
      guard.stop();
      badges.stop();
      reader.stop();
      overlay.teardown();
    };
    // An extension update or uninstall invalidates this script: stop quietly, never throw at the page.
    reader.onInvalidated(teardown);
  },
});
