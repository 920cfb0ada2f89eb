/**
 * Shell of the sidebar page: connects to the background's sidebar channel, parses every push with
 * zod, and hands the context to the presentational components — at once, on every push (no debounce
 * here: the content script already batches page changes). Owns the browser glue: the drafts
 * database, the catalog, the case checklist, clipboard, Options and the close request.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { DRAFTS_PORT, SIDEBAR_PORT, SidebarPushSchema } from '../../lib/messaging/registry';
import type { PageContext } from '../../lib/portal/page-context';
import { createRemoteDraftsApi } from '../../lib/messaging/drafts-rpc';
import { sendToBackground } from '../../components/platform/messaging';
import { messagingFailureText } from '../../components/platform/messaging-failure';
import { sidebarEvidencePlatform } from '../../components/platform/evidence-platform';
import { readEffectiveSettings } from '../../components/platform/storage-areas';
import { useI18n } from '../../components/i18n';
import { caseChecklistKey, useCaseChecklist } from '../../components/platform/use-case-checklist';
import { useChecklist } from '../../components/platform/use-checklist';
import { useVendors } from '../../components/platform/use-vendors';
import { Sidebar, type SidebarStatus } from '../../components/sidebar/sidebar';
import { TeachPanel } from '../../components/sidebar/teach-panel';
import { teachApi } from './teach-api';
import { OpenEscalations } from '../../components/sidebar/open-escalations';
import { escalateFromSidebar, type EscalationTarget } from './escalate';
import { useCatalog } from './use-catalog';
import { escalationsOverDrafts } from '../../lib/drafts/escalations-over-drafts';

// The ticket editor (with the evidence panel) is not on the first screen: it loads when a draft is
// opened, so the sidebar's first paint (the subscriber card) needs less JavaScript.
const TicketEditor = lazy(() =>
  import('../../components/ticket/ticket-editor').then((m) => ({ default: m.TicketEditor })),
);

const agentTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * Issue 14: whether our content script framed this page. It put a one-time token in the URL's
 * fragment and registered it with the background; the background confirms it once. A sidebar.html
 * framed by the page itself (or opened on its own) has no valid token and stays inert: no port, no
 * action. Asked once per page load (the token is single-use, so not from a React effect).
 */
let framing: Promise<boolean> | null = null;
function framedByUs(): Promise<boolean> {
  framing ??= (async () => {
    const token = location.hash.slice(1);
    // The token is spent: keep it out of the address the page's history or a reload could reuse.
    history.replaceState(null, '', location.pathname + location.search);
    if (!token) return false;
    const reply = await sendToBackground('claim-sidebar-frame', { token });
    return reply.ok && reply.value.claimed;
  })();
  return framing;
}

export function SidebarRoot() {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<SidebarStatus>('connecting');
  const [context, setContext] = useState<PageContext | null>(null);
  const [openDraftId, setOpenDraftId] = useState<string | null>(null);
  const [escalation, setEscalation] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  // The sidebar is framed in the portal, where browsers refuse or partition IndexedDB: drafts are
  // reached through the background, which owns the extension's first-party storage.
  const [drafts] = useState(() =>
    createRemoteDraftsApi(() => browser.runtime.connect({ name: DRAFTS_PORT })),
  );
  // Issue 18: the escalation panel (vendor ticket number, status, follow-up, reminder) over the same port.
  // Its clocks run on the system time, as the open-escalations list's: the test clock offset lives in
  // storage.session, which a framed page cannot read in Firefox (tests/unit/conventions/framed-sidebar.test.ts).
  const [escalations] = useState(() => escalationsOverDrafts(drafts));
  const catalog = useCatalog();
  const checklistKey = context ? caseChecklistKey(context.url, context.subscriber?.id) : null;
  const checklist = useCaseChecklist(checklistKey);
  // The checklist and vendor profiles in effect (Options / administrator policy), followed live.
  const steps = useChecklist().checklist;
  const { vendors, overrides } = useVendors();
  const mainRef = useRef<HTMLDivElement>(null);
  const [ours, setOurs] = useState<boolean | null>(null);
  const [guessed, setGuessed] = useState(false);

  useEffect(() => {
    let live = true;
    void framedByUs().then((claimed) => live && setOurs(claimed));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (ours !== true) return;
    const port = browser.runtime.connect({ name: SIDEBAR_PORT });
    port.onMessage.addListener((raw: unknown) => {
      const parsed = SidebarPushSchema.safeParse(raw);
      if (!parsed.success) return; // only the background talks on this port; ignore anything else
      const message = parsed.data;
      if (message.type === 'context') {
        setContext(message.context);
        setStatus(message.context ? 'ready' : 'waiting');
      } else if (message.type === 'not-a-portal') setStatus('not-a-portal');
      else if (message.type === 'open-draft') setOpenDraftId(message.draftId);
    });
    return () => port.disconnect();
  }, [ours]);

  const escalate = useCallback(
    async (target: EscalationTarget) => {
      setEscalation({ busy: true, error: null });
      const settings = await readEffectiveSettings();
      // The drafts store answers over a port (lib/messaging/drafts-rpc.ts): a failed call rejects,
      // and its English stays out of the panel (issue 16 §5).
      const result = await escalateFromSidebar(drafts, target, {
        context,
        vendorId: settings.defaultVendorId,
        checklist: steps,
        done: checklist.done,
        locale,
        now: new Date(),
        timeZone: agentTimeZone(),
        customVendors: overrides,
      }).catch((e: unknown) => ({ ok: false as const, rejected: e }));
      if ('rejected' in result) {
        setEscalation({ busy: false, error: t('sbEscalationFailed', messagingFailureText(t, result.rejected)) });
        return;
      }
      if (result.ok) {
        setEscalation({ busy: false, error: null });
        setOpenDraftId(result.draft.id);
      } else {
        const code = result.error.code;
        const key = code === 'no-subscriber' ? 'sbNoSubscriber' : `iccidError_${code}`;
        const translated = t(key) !== key ? t(key) : result.error.message;
        // The database could not be reached from this frame: say so, with the underlying reason.
        const error =
          code === 'storage'
            ? t('sbStorageUnavailable', result.error.message)
            : t('sbEscalationFailed', translated);
        setEscalation({ busy: false, error });
      }
    },
    [drafts, context, steps, overrides, checklist.done, locale, t],
  );

  const closeTicket = useCallback(() => {
    setOpenDraftId(null);
    // Give keyboard users a defined place to continue from.
    requestAnimationFrame(() => mainRef.current?.focus());
  }, []);

  // Issue 17: Escape closes the sidebar (the portal's overlay then puts the focus back on the page's
  // toggle). A control that uses Escape itself (an open menu, an editor) prevents the default first.
  useEffect(() => {
    if (ours !== true) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || e.isComposing) return;
      void sendToBackground('close-sidebar', {});
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ours]);

  if (ours !== true)
    return (
      <main className="p-3 text-sm text-slate-900 dark:text-slate-100">
        <p role="status">{t(ours === null ? 'sbCheckingFrame' : 'sbNotFramedByUs')}</p>
      </main>
    );

  const close = () => void sendToBackground('close-sidebar', {});
  const swapSide = () => void sendToBackground('dock-sidebar', { side: 'other' });

  return (
    <div ref={mainRef} tabIndex={-1} className="outline-none">
      <Sidebar
        status={status}
        context={context}
        onClose={close}
        onSwapSide={swapSide}
        catalog={catalog}
        checklist={{
          checklist: steps,
          done: checklist.done,
          ready: checklist.ready,
          onToggle: checklist.toggle,
        }}
        onEscalateIccid={(iccid) => void escalate({ kind: 'iccid', iccid })}
        onEscalateSubscriber={() => void escalate({ kind: 'subscriber' })}
        escalation={escalation}
        // Issue 20: through the background — this framed page has neither API in Firefox.
        onOpenOptions={() => void sendToBackground('open-extension-page', { page: 'options' })}
        onOpenDrafts={() => void sendToBackground('open-extension-page', { page: 'drafts' })}
        teach={<TeachPanel api={teachApi} onDraft={setGuessed} catalog={catalog.catalog} />}
        guessed={guessed}
        {...(context
          ? {
              openEscalations: (
                <OpenEscalations drafts={drafts} context={context} now={new Date()} vendors={vendors} onOpen={setOpenDraftId} />
              ),
            }
          : {})}
        {...(openDraftId
          ? {
              ticket: (
                <Suspense fallback={<p role="status">{t('sbTicketLoading')}</p>}>
                  <TicketEditor
                    key={openDraftId}
                    drafts={drafts}
                    // No storage of its own in this frame: the crash copy of unsaved edits goes to the background.
                    autosave={{ journal: drafts.journal }}
                    draftId={openDraftId}
                    context={context}
                    vendors={vendors}
                    // This frame sits in the portal tab: the background captures the sidebar's own tab.
                    evidencePlatform={sidebarEvidencePlatform}
                    onClose={closeTicket}
                    escalations={escalations}
                    onOpenDraft={setOpenDraftId}
                  />
                </Suspense>
              ),
            }
          : {})}
      />
    </div>
  );
}
