/**
 * The portal content script: reads the page (lib/portal), guards Add plan / Add line, marks ICCIDs,
 * and mounts the sidebar frame. It never opens IndexedDB (the portal's origin could read it) and
 * never loads React; everything it sends is validated again by the background.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountOverlay } from './overlay';
import { startReader } from './reader';

export default defineContentScript({
  // Registered at run time by the background for the portals the agent enabled (loopback by default).
  registration: 'runtime',
  matches: [],
  runAt: 'document_idle',
  async main() {
    const doc = document;
    const overlay = await mountOverlay(doc);
    const reader = await startReader(doc, {
      send: (message) => browser.runtime.sendMessage(message).catch(() => undefined),
    });

    const onMessage = (raw: unknown) => {
      // Only the extension can message a content script; still, accept nothing but known shapes.
      const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
      if (type === 'toggle-sidebar') overlay.toggle();
      else if (type === 'set-sidebar') overlay.setOpen((raw as { open?: unknown }).open === true);
      else if (type === 'get-context') return Promise.resolve(reader.current());
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);

    const teardown = () => {
      browser.runtime.onMessage.removeListener(onMessage);
      reader.stop();
      overlay.teardown();
    };
    // An extension update or uninstall invalidates this script: stop quietly, never throw at the page.
    reader.onInvalidated(teardown);
  },
});
