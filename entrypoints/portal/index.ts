/**
 * The portal content script: reads the page (lib/portal), guards Add plan / Add line, marks ICCIDs,
 * and mounts the sidebar frame. It never opens IndexedDB (the portal's origin could read it) and
 * never loads React; everything it sends is validated again by the background.
 */
// The native, promise-based API (Chrome MV3 and Firefox): the polyfill is not needed for the few
// calls made here, and the content script's every kilobyte is paid by the portal page.
import { browser } from '@wxt-dev/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { findForm, startFormCandidateScan } from '../../lib/portal/forms';
// The zod-free part of the message registry (this bundle carries no zod: README bench row 4).
import { parseContentCommand } from '../../lib/messaging/protocol';
import type { MessageOf } from '../../lib/messaging/registry';
import { startBadges } from './badges';
import { publishHostApi } from './host-api';
import { mountOverlay } from './overlay';
import { startReader } from './reader';
import { runInSlices } from './schedule';

// An unlisted script, registered at run time by the background as the content script of the portals
// the agent enabled (loopback by default). WXT's content-script wrapper is not used: it would add the
// polyfill, a page-visible postMessage and listeners to every portal page.
export default defineUnlistedScript({
  async main() {
    const doc = document;
    // What this script sends, typed by the registry (type-only import: erased from the bundle); the
    // background parses it with zod and answers a Reply, which nothing here needs.
    const send = <T extends 'page-context' | 'escalate-iccid' | 'load-guard'>(message: MessageOf<T>) =>
      browser.runtime.sendMessage(message).catch(() => undefined);
    // Issue 15: the page is read while the sidebar is open or a guarded form is watched, and when
    // the background asks; otherwise not at all (see ./reader.ts).
    let guardRequested = false;
    const reader = await startReader(doc, { send });
    const badges = startBadges(doc, {
      escalate: (iccid) => void send({ type: 'escalate-iccid', iccid }),
    });
    const overlay = await mountOverlay(doc, {
      onOpenChange: (open) => reader.setLive(open || guardRequested),
    });
    // In the same task as the toggle's host, so the page lays out and paints our insertions in one
    // frame: on the 100,000-row page, the frame after the toggle's host went in spent 246 ms in
    // pre-paint, 64 ms in layout and 63 ms in paint (bench trace); the layer must not cost a second one.
    badges.mount();

    const teardownListeners: Array<() => void> = [];
    publishHostApi({
      current: reader.current,
      readNow: reader.readNow,
      profile: reader.profile,
      record: reader.recordGuardEvent,
      onSettled: reader.onSettled,
      onTeardown: (listener) => void teardownListeners.push(listener),
    });
    // The Add plan guard is a separate script the background injects once a guarded form shows up:
    // pages without those forms (the big inventory lists) never load it.
    // Issue 15: the forms are looked for by a walk in slices (one query over a 100,000-row page was a
    // long task of ours), once per settled change, never two at once.
    let checking = false;
    let recheck = false;
    const requestGuardIfNeeded = async () => {
      const forms = reader.profile()?.forms;
      if (guardRequested || !forms) return;
      if (checking) {
        recheck = true;
        return;
      }
      checking = true;
      const walk = startFormCandidateScan(doc);
      const finished = await runInSlices(walk.step, () => guardRequested);
      checking = false;
      const candidates = walk.result();
      if (finished && candidates.length > 0) {
        const present =
          (forms.addPlan && findForm(doc, forms.addPlan, candidates)) ||
          (forms.addLine && findForm(doc, forms.addLine, candidates));
        if (present) {
          guardRequested = true;
          reader.setLive(true);
          void send({ type: 'load-guard' });
          return;
        }
      }
      if (recheck) {
        recheck = false;
        void requestGuardIfNeeded();
      }
    };
    // Issue 15: after each read of the page, the badges look for the ICCIDs near the screen.
    const offScan = reader.onScan(() => badges.update());
    const offSettled = reader.onSettled(() => void requestGuardIfNeeded());

    const onMessage = (raw: unknown, _sender: unknown, sendResponse: (response: unknown) => void) => {
      const command = parseContentCommand(raw);
      if (command?.type === 'toggle-sidebar') overlay.toggle();
      else if (command?.type === 'set-sidebar') overlay.setOpen(command.open);
      else if (command?.type === 'dock-sidebar') overlay.setSide(command.side);
      else if (command?.type === 'get-context') {
        // Read now if the last read is stale (a list page is not read until asked): never the
        // placeholder context.
        void reader.ask().then(sendResponse);
        return true;
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    // Every listener is in place: the first pass over the page.
    reader.start();

    const teardown = () => {
      browser.runtime.onMessage.removeListener(onMessage);
      for (const listener of teardownListeners) listener();
      offSettled();
      offScan();
      badges.stop();
      reader.stop();
      overlay.teardown();
    };
    // An extension update or uninstall invalidates this script: stop quietly, never throw at the page.
    reader.onInvalidated(teardown);
  },
});
