/**
 * Keeps the page context current on single-page portals: reads once, then re-reads after DOM changes,
 * debounced and bounded (a table of 10,000 rows must not cause work on every mutation: the observer
 * callback only marks the page dirty). Sends each new context to the background, rate-limited with
 * coalescing: one message in flight at most, at least SEND_INTERVAL_MS apart, the latest pending
 * context wins (issue 14: a page cannot make us send hundreds of messages).
 *
 * Issue 15: a read is the ICCID scan in slices of a few milliseconds (./schedule.ts), then the
 * profile's rules; changes during a read are coalesced into one more read after it. What was sent
 * last is remembered as a fingerprint, not as a second copy of the context.
 *
 * Issue 15, "work only for what is on screen": the page is read only when someone needs what it
 * shows — while the sidebar is open or a guarded form is on the page ("live"), and when the
 * background asks (an escalation from this tab, the popup looking an ICCID up, the sidebar
 * connecting). A list page the agent only looks at costs no read at all: the badges find the ICCIDs
 * near the screen by themselves, and the guard's form check needs the profile, not the page's
 * context. On a 2,000-row inventory page the read was most of the script, JIT code and heap we added.
 */
import { browser } from '@wxt-dev/browser';
import { extractContext } from '../../lib/portal/extract';
import { fingerprint } from '../../lib/portal/fingerprint';
import { startIccidScan } from '../../lib/portal/scanner';
import { findProfileForUrl } from '../../lib/portal/match-pattern';
import { builtInPortalProfiles } from '../../lib/portal/profiles';
import type { PortalProfile } from '../../lib/portal/profile-schema';
import type { GuardEvent, PageContext } from '../../lib/portal/page-context';
import { MANAGED_PORTALS_KEY, USER_PORTALS_KEY } from '../../lib/settings/keys';
import { isInOwnHost, isOwnHost } from './own-hosts';
import { runInSlices, yieldToPage } from './schedule';

const QUIET_MS = 150; // wait for the page to settle…
const MAX_WAIT_MS = 1000; // …but never longer than this while it keeps changing
const SEND_INTERVAL_MS = 250; // page-context messages at most this often; the latest one wins
const MAX_ICCIDS = 5000; // the PageContext limit (page-context.ts)

export interface ReaderDeps {
  send: (message: { type: 'page-context'; context: PageContext }) => Promise<unknown>;
}

async function loadProfiles(): Promise<PortalProfile[]> {
  // User-added portals were validated with zod by Options before they were stored.
  const { [USER_PORTALS_KEY]: userPortals, [MANAGED_PORTALS_KEY]: managedPortals } =
    await browser.storage.local.get([USER_PORTALS_KEY, MANAGED_PORTALS_KEY]);
  const user = Array.isArray(userPortals) ? (userPortals as PortalProfile[]) : [];
  // The administrator's portals (validated and copied here by the background, lib/settings/managed.ts)
  // come first: policy wins over the agent's profile for the same URL.
  const managed = Array.isArray(managedPortals) ? (managedPortals as PortalProfile[]) : [];
  return [...managed, ...user, ...builtInPortalProfiles];
}

// Ours by reference, never by attribute: a page that marks its own <main> with our host attribute
// must not make us ignore its changes (issue 14).
const isOurs = isInOwnHost;

export async function startReader(doc: Document, deps: ReaderDeps) {
  let profiles = await loadProfiles();
  const guardEvents: GuardEvent[] = [];
  const invalidatedHandlers: Array<() => void> = [];
  let profile = findProfileForUrl(profiles, doc.location.href) ?? null;
  let lastUrl = doc.location.href;
  // Until the first read is done: what is known without reading the page.
  let context: PageContext = {
    url: doc.location.href.slice(0, 2048),
    title: '',
    portalId: profile?.id ?? null,
    subscriber: null,
    esims: [],
    iccids: [],
    guardEvents: [],
    readAt: new Date().toISOString(),
  };
  let lastSent: number | undefined;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  let maxTimer: ReturnType<typeof setTimeout> | undefined;
  let sendTimer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let pending: PageContext | null = null;
  let lastSendAt = -Infinity;
  let stopped = false;
  // A read in progress, and whether the page changed meanwhile (then one more read follows).
  let reading = false;
  let dirty = false;
  const listeners = new Set<(c: PageContext) => void>();
  const settledListeners = new Set<() => void>();
  const scanListeners = new Set<() => void>();
  let firstDone = false;
  // Read on every change while live; otherwise only when asked (see the header).
  let live = false;
  // The context no longer says what the page shows (changed, or never read, since the last read).
  let stale = true;
  // Asked for the context: resolved by the next completed read.
  let asked: Array<() => void> = [];

  /** Reads the page: the ICCID scan in slices, then the profile's rules; null when stopped meanwhile. */
  async function read(urgent: boolean): Promise<PageContext | null> {
    // The ICCIDs only: where each one is, the badges find near the screen when they need it
    // (issue 15: no reference to every ICCID's text node is made or kept).
    const scan = startIccidScan(doc, { maxIccids: MAX_ICCIDS, isOwnHost, occurrences: false });
    // What is on screen first: on the first read the badges look at the screen once the eager
    // slices are over, not only when the whole page has been read.
    const early = firstDone
      ? undefined
      : () => {
          for (const l of scanListeners) l();
        };
    if (!(await runInSlices(scan.step, () => stopped, early, urgent))) return null;
    const found = scan.result();
    for (const l of scanListeners) l();
    // The profile's rules in a task of their own (they are bounded by the PageContext limits).
    await yieldToPage();
    if (stopped) return null;
    return {
      ...extractContext(doc, profile, {
        url: doc.location.href,
        now: new Date(),
        iccids: found.iccids,
        isOwnHost,
      }),
      guardEvents: [...guardEvents],
    };
  }

  function alive(): boolean {
    // After an extension update the old script's runtime id disappears: stop quietly.
    if (stopped) return false;
    if (!browser.runtime?.id) {
      stop();
      for (const h of invalidatedHandlers) h();
      return false;
    }
    return true;
  }

  function publish() {
    if (!alive()) return;
    const print = fingerprint(JSON.stringify({ ...context, readAt: '' }));
    if (print === lastSent) return;
    lastSent = print;
    pending = context;
    pump();
    for (const l of listeners) l(context);
  }

  /** Sends the pending context when nothing is in flight and the interval has passed. */
  function pump() {
    if (stopped || inFlight || pending === null || sendTimer !== undefined) return;
    const wait = lastSendAt + SEND_INTERVAL_MS - Date.now();
    if (wait > 0) {
      sendTimer = setTimeout(() => {
        sendTimer = undefined;
        pump();
      }, wait);
      return;
    }
    const next = pending;
    pending = null;
    inFlight = true;
    lastSendAt = Date.now();
    void deps.send({ type: 'page-context', context: next }).finally(() => {
      inFlight = false;
      pump();
    });
  }

  function flush() {
    clearTimeout(quietTimer);
    clearTimeout(maxTimer);
    quietTimer = maxTimer = undefined;
    if (!alive()) return;
    // Coalesced: changes during a read make one more read after it, never a second read at once.
    if (reading) {
      dirty = true;
      return;
    }
    if (doc.location.href !== lastUrl) {
      lastUrl = doc.location.href;
      profile = findProfileForUrl(profiles, lastUrl) ?? null;
      guardEvents.length = 0;
    }
    if (!live && asked.length === 0) {
      // Nobody needs the context now: remember that it is stale, read when asked. The badges and
      // the guard's form check still follow the page.
      stale = true;
      for (const l of scanListeners) l();
      void yieldToPage().then(() => {
        if (!stopped) for (const l of settledListeners) l();
      });
      return;
    }
    reading = true;
    void read(asked.length > 0).then(
      (next) => {
        reading = false;
        if (next === null || !alive()) return;
        context = next;
        stale = false;
        publish();
        firstDone = true;
        const waiting = asked;
        asked = [];
        for (const done of waiting) done();
        // After every settled read (changed or not): the guard re-finds forms. In a task of its
        // own (issue 15): looking for a form on a huge page must not lengthen the read's task.
        void yieldToPage().then(() => {
          if (!stopped) for (const l of settledListeners) l();
        });
        if (dirty) {
          dirty = false;
          schedule();
        }
      },
      () => {
        reading = false;
      },
    );
  }

  function schedule() {
    clearTimeout(quietTimer);
    quietTimer = setTimeout(flush, QUIET_MS);
    if (maxTimer === undefined) maxTimer = setTimeout(flush, MAX_WAIT_MS);
  }

  const onlyOurNodes = (list: NodeList) => {
    for (let i = 0; i < list.length; i++) if (!isOurs(list[i]!)) return false;
    return true;
  };
  const observer = new MutationObserver((records) => {
    // Bounded: look at no more than a handful of records to ignore our own hosts' changes (a badge or
    // verdict inserted into the portal's DOM is a child-list change of a portal node).
    for (let i = 0; i < records.length && i < 20; i++) {
      const r = records[i]!;
      if (isOurs(r.target)) continue;
      if (r.type === 'childList' && onlyOurNodes(r.addedNodes) && onlyOurNodes(r.removedNodes)) continue;
      return schedule();
    }
    if (records.length > 20) schedule();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });

  // Issue 19: a portal saved from the sidebar ("Save portal"), in Options or by the policy applies to
  // the page already open: load the profiles again and re-read at once, not on the next reload.
  const onStorage = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'local' || !(USER_PORTALS_KEY in changes || MANAGED_PORTALS_KEY in changes)) return;
    void loadProfiles().then((next) => {
      if (stopped) return;
      profiles = next;
      profile = findProfileForUrl(profiles, doc.location.href) ?? null;
      flush();
    });
  };
  browser.storage.onChanged.addListener(onStorage);

  function stop() {
    stopped = true;
    browser.storage.onChanged.removeListener(onStorage);
    observer.disconnect();
    clearTimeout(quietTimer);
    clearTimeout(maxTimer);
    clearTimeout(sendTimer);
  }


  return {
    current: () => context,
    /**
     * The first pass over the page (a read when live or asked, else the badges' and the guard's
     * look): call once every listener is in place.
     */
    start() {
      flush();
    },
    /**
     * The page's context, read now when the last read is stale (a read in slices, back to back: the
     * caller is waiting). Never the placeholder context.
     */
    ask(): Promise<PageContext> {
      if (!stale && !reading && !dirty) return Promise.resolve(context);
      return new Promise<PageContext>((resolve) => {
        asked.push(() => resolve(context));
        if (!reading) flush();
      });
    },
    /** Live: read after every change (the sidebar is open, or the guard watches a form). */
    setLive(on: boolean) {
      if (live === on) return;
      live = on;
      if (on && stale && !reading) flush();
    },
    /**
     * Reads the page now (not the last debounced read) and publishes it: the guard decides on what
     * the agent sees at the moment of the submit (issue 14). In one task, not in slices: the guard
     * must decide before the submit goes on, and a submit is one event, not a stream of changes.
     */
    readNow(): PageContext {
      if (!alive()) return context;
      context = {
        ...extractContext(doc, profile, { url: doc.location.href, now: new Date(), isOwnHost }),
        guardEvents: [...guardEvents],
      };
      publish();
      return context;
    },
    profile: () => profile,
    /** Called by the guard: record what it did, and send the context now. */
    recordGuardEvent(event: GuardEvent) {
      guardEvents.unshift(event);
      guardEvents.length = Math.min(guardEvents.length, 50);
      context = { ...context, guardEvents: [...guardEvents] };
      publish();
    },
    onContext(listener: (c: PageContext) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Called after the text of the page was read (for the badges, which look near the screen). */
    onScan(listener: () => void) {
      scanListeners.add(listener);
      return () => scanListeners.delete(listener);
    },
    /** Called after every settled (debounced) read of the page, whether the context changed or not. */
    onSettled(listener: () => void) {
      settledListeners.add(listener);
      return () => settledListeners.delete(listener);
    },
    onInvalidated(handler: () => void) {
      invalidatedHandlers.push(handler);
    },
    stop,
  };
}

export type Reader = Awaited<ReturnType<typeof startReader>>;
