/**
 * The portal content script: reads the page (lib/portal), guards Add plan / Add line, marks ICCIDs,
 * and mounts the sidebar frame. It never opens IndexedDB (the portal's origin could read it) and
 * never loads React; everything it sends is validated again by the background.
 */
// The native, promise-based API (Chrome MV3 and Firefox): the polyfill is not needed for the few
// calls made here, and the content script's every kilobyte is paid by the portal page.
import { browser } from '@wxt-dev/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { findForm } from '../../lib/portal/forms';
import { startBadges } from './badges';
import { publishHostApi } from './host-api';
import { mountOverlay } from './overlay';
import { startReader } from './reader';

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

    const teardownListeners: Array<() => void> = [];
    publishHostApi({
      current: reader.current,
      profile: reader.profile,
      record: reader.recordGuardEvent,
      onSettled: reader.onSettled,
      onTeardown: (listener) => void teardownListeners.push(listener),
    });
    // The Add plan guard is a separate script the background injects once a guarded form shows up:
    // pages without those forms (the big inventory lists) never load it.
    let guardRequested = false;
    const requestGuardIfNeeded = () => {
      const forms = reader.profile()?.forms;
      if (guardRequested || !forms) return;
      const present =
        (forms.addPlan && findForm(doc, forms.addPlan)) || (forms.addLine && findForm(doc, forms.addLine));
      if (!present) return;
      guardRequested = true;
      void browser.runtime.sendMessage({ type: 'load-guard' }).catch(() => undefined);
    };
    const badges = startBadges(doc, {
      escalate: (iccid) =>
        void browser.runtime.sendMessage({ type: 'escalate-iccid', iccid }).catch(() => undefined),
    });
    const offSettled = reader.onSettled(() => {
      requestGuardIfNeeded();
      badges.schedule();
    });
    requestGuardIfNeeded();
    badges.schedule();

    const onMessage = (raw: unknown, _sender: unknown, sendResponse: (response: unknown) => void) => {
      // Only the extension can message a content script; still, accept nothing but known shapes.
      const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
      if (type === 'toggle-sidebar') overlay.toggle();
      else if (type === 'set-sidebar') overlay.setOpen((raw as { open?: unknown }).open === true);
      else if (type === 'dock-sidebar') overlay.setSide((raw as { side?: unknown }).side);
      else if (type === 'get-context') sendResponse(reader.current());
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);

    const teardown = () => {
      browser.runtime.onMessage.removeListener(onMessage);
      for (const listener of teardownListeners) listener();
      offSettled();
      badges.stop();
      reader.stop();
      overlay.teardown();
    };
    // An extension update or uninstall invalidates this script: stop quietly, never throw at the page.
    reader.onInvalidated(teardown);
  },
});
