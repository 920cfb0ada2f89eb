/**
 * The toolbar popup: a thin shell around the quick-ticket form. It finds the tab the agent is working
 * in, asks the background for that tab's page context, remembers the popup's current draft in
 * `storage.local`, reads the clipboard only when the agent asks, and hands "Continue in sidebar" to
 * the background (or opens the drafts tab when that tab is not a portal).
 *
 * Issue 15 item 4: popup.html opens on a static ICCID field, focused before this module has loaded
 * (entrypoints/popup-fast.ts); the form renders detached and takes that field over — text, caret,
 * focus — once it can take input (components/popup/early-field.ts).
 */
// First: zod's jitless mode before any schema is used (lib/zod-jitless.ts).
import '../../lib/zod-jitless';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser, type Browser } from 'wxt/browser';
import { I18nProvider } from '../../components/i18n';
import { browserI18n } from '../../components/platform/page-i18n';
import { browserDataAreas, loadVendors } from '../../components/platform/use-vendors';
import { QuickTicket, type QuickTicketProps } from '../../components/popup/quick-ticket';
import { earlyField } from '../../components/popup/early-field';
import { builtInVendors } from '../../lib/escalation/vendors';
import { effectiveVendors, readCustomVendors } from '../../lib/settings/custom-data';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import { createRemoteDraftsApi } from '../../lib/messaging/drafts-rpc';
import { DRAFTS_PORT } from '../../lib/messaging/registry';
import type { PageContext } from '../../lib/portal/page-context';
import { sendToBackground } from '../../components/platform/messaging';
import { readEffectiveSettings } from '../../components/platform/storage-areas';
import '../../components/styles.css';

/** How long the first render waits for the managed vendor profiles before opening without them. */
const VENDORS_WAIT_MS = 15;

/** Where the popup remembers the draft it is editing (cleared when that draft is handed over). */
const POPUP_DRAFT_KEY = 'popupDraftId';

/**
 * The tab the agent works in: the active tab of the window — or, when the popup itself is open as a
 * tab (`popup.html` opened directly), the most recently used other tab of that window.
 */
async function workingTab(): Promise<Browser.tabs.Tab | undefined> {
  const own = browser.runtime.getURL('/');
  const notOurs = (tabs: Browser.tabs.Tab[]) => tabs.filter((tab) => !(tab.url ?? '').startsWith(own));
  const here = notOurs(await browser.tabs.query({ currentWindow: true }));
  const active = here.find((tab) => tab.active);
  if (active) return active;
  const candidates = here.length > 0 ? here : notOurs(await browser.tabs.query({}));
  return candidates.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
}

async function tabContext(tabId: number | undefined): Promise<PageContext | null> {
  if (tabId === undefined) return null;
  const reply = await sendToBackground('get-tab-context', { tabId });
  return reply.ok ? reply.value : null;
}

/** Issue 17: the typed ICCID in the open portal tabs' page contexts (the background holds them). */
async function lookupIccid(iccid: string): Promise<PageContext | null> {
  const reply = await sendToBackground('find-iccid-context', { iccid });
  return reply.ok ? reply.value : null;
}

async function main() {
  const i18n = browserI18n();
  document.documentElement.lang = i18n.locale;
  document.title = i18n.t('ppTitle');
  // The popup's drafts live in the background, like the sidebar's (issue 12): a popup closes the moment
  // the agent clicks elsewhere, and an IndexedDB write still in flight in a closing page may be dropped
  // with it. A message on the drafts port leaves in the task that posts it, and the background (which
  // outlives the popup) writes the save and the crash journal to the extension's IndexedDB.
  const drafts = createRemoteDraftsApi(() => browser.runtime.connect({ name: DRAFTS_PORT }));
  // The page context needs the tab and a round trip to the background (which may have to wake up):
  // the form does not wait for it (it fills the page's ICCID when it comes). The storage reads below
  // are quick, and decide which draft and vendor the form opens on, so the first render waits for them.
  const tabPromise = workingTab().catch(() => undefined);
  const contextPromise = tabPromise.then((tab) => tabContext(tab?.id)).catch(() => null);
  // Built-in + custom (Options) + managed (policy) profiles; the popup is short-lived, read once.
  // The managed area can take seconds on the first read of a browser session (measured: 6 s in headless
  // Chromium without a policy): the form opens with the built-in and custom profiles (local storage,
  // quick) when the managed ones are not there within a moment, and takes the full list when it comes.
  const areas = browserDataAreas();
  const vendorsPromise = loadVendors(areas).then(
    (state) => state.vendors,
    () => builtInVendors,
  );
  const localVendors = readCustomVendors(areas.local).then(
    (local) => effectiveVendors(local.vendors),
    () => builtInVendors,
  );
  const [settings, remembered, vendors] = await Promise.all([
    readEffectiveSettings(),
    browser.storage.local.get(POPUP_DRAFT_KEY),
    Promise.race([
      vendorsPromise,
      new Promise<readonly VendorProfile[]>((done) =>
        setTimeout(() => void localVendors.then(done), VENDORS_WAIT_MS),
      ),
    ]),
  ]);
  const rememberedId =
    typeof remembered[POPUP_DRAFT_KEY] === 'string' ? (remembered[POPUP_DRAFT_KEY] as string) : null;

  const rememberDraft = (draftId: string | null) => {
    void (draftId === null
      ? browser.storage.local.remove(POPUP_DRAFT_KEY)
      : browser.storage.local.set({ [POPUP_DRAFT_KEY]: draftId }));
  };

  const onContinue = async (draftId: string) => {
    const tab = await tabPromise;
    let opened = false;
    if (tab?.id !== undefined) {
      const reply = await sendToBackground('open-sidebar', { tabId: tab.id, draftId });
      opened = reply.ok && reply.value.opened;
      if (opened) await browser.tabs.update(tab.id, { active: true }).catch(() => undefined);
    }
    if (!opened) await browser.tabs.create({ url: browser.runtime.getURL(`/drafts.html#draft=${draftId}`) });
    window.close();
  };

  // Issue 15 item 4: the form renders detached and replaces popup.html's static ICCID field (already
  // focused, maybe typed into) once it can take input (components/popup/early-field.ts).
  const root = document.createElement('div');
  root.id = 'root';
  const early = earlyField(document, root);
  if (!early) document.body.prepend(root);
  createRoot(root).render(
    <StrictMode>
      <I18nProvider value={i18n}>
        <QuickTicketWithContext
          context={contextPromise}
          drafts={drafts}
          rememberedDraftId={rememberedId}
          defaultVendorId={settings.defaultVendorId}
          initialVendors={vendors}
          vendorsLater={vendorsPromise}
          readClipboard={() => navigator.clipboard.readText()}
          rememberDraft={rememberDraft}
          onContinue={(id) => void onContinue(id)}
          lookupIccid={lookupIccid}
          early={early}
        />
      </I18nProvider>
    </StrictMode>,
  );
}

/**
 * The quick ticket, given the page context once it has been read (`undefined` until then), and the
 * full list of vendor profiles once the managed ones have been read.
 */
function QuickTicketWithContext({
  context,
  initialVendors,
  vendorsLater,
  ...props
}: Omit<QuickTicketProps, 'tabContext' | 'vendors'> & {
  context: Promise<PageContext | null>;
  initialVendors: readonly VendorProfile[];
  vendorsLater: Promise<readonly VendorProfile[]>;
}) {
  const [tabContext, setTabContext] = useState<PageContext | null | undefined>(undefined);
  const [vendors, setVendors] = useState(initialVendors);
  useEffect(() => {
    let live = true;
    void context.then((value) => {
      if (live) setTabContext(value);
    });
    void vendorsLater.then((value) => {
      if (live) setVendors(value);
    });
    return () => {
      live = false;
    };
  }, [context, vendorsLater]);
  return <QuickTicket {...props} tabContext={tabContext} vendors={vendors} />;
}

void main();
