/**
 * The popup's quick-ticket form (DESIGN §1): ICCID, vendor, priority (problem kind + who is affected →
 * the vendor's suggestion with its reason; the agent may override) and a one-line summary. Every
 * keystroke is saved to a draft — the draft is created at the first edit, remembered by the popup, and
 * resumed when the popup opens again — so closing the popup loses nothing. "Continue in sidebar"
 * hands the draft to the portal sidebar (or the drafts tab off a portal).
 *
 * The draft lifecycle (lazy creation, edits waiting for their draft, the duplicate check) is
 * {@link useDraft}, shared with the ticket editor. Presentational: the browser glue (tab context,
 * clipboard, remembered draft, messages) comes in as props from entrypoints/popup.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import type { DraftInit } from '../../lib/db/drafts-repo';
import type { DraftsApi } from '../../lib/drafts/drafts-api';
import type { Draft } from '../../lib/escalation/draft';
import { prefillFields } from '../../lib/escalation/prefill';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import { builtInVendors, defaultVendor, getVendor } from '../../lib/escalation/vendors';
import type { PageContext } from '../../lib/portal/page-context';
import { formatIccid, parseIccid } from '../../lib/telecom/iccid';
import { DraftRow } from '../drafts/draft-row';
import { useLive } from '../drafts/use-live';
import { useI18n } from '../i18n';
import { PriorityPanel } from '../ticket/priority-panel';
import { SaveProblems } from '../ticket/save-banner';
import { useDraft, type AutosaveOptions } from '../ticket/use-draft';
import { VendorSelect } from '../vendor-select';
import type { EarlyField, EarlyTyped } from './early-field';

export interface QuickTicketProps {
  drafts: DraftsApi;
  /** The draft the popup was editing last time (remembered by the shell), if any. */
  rememberedDraftId: string | null;
  /**
   * The active tab's page context, when it is a portal; `undefined` while it is still being read
   * (the form is usable at once: the page's ICCID fills the field when it arrives, and a draft is
   * created only once the context is known, so it still gets the page's subscriber).
   */
  tabContext: PageContext | null | undefined;
  defaultVendorId?: string;
  /** Reads the clipboard; only called when the agent asks (the "Paste ICCID" button). */
  readClipboard: () => Promise<string>;
  /** Remembers (or forgets, with null) the popup's current draft. */
  rememberDraft: (draftId: string | null) => void;
  /** "Continue in sidebar": the shell opens the sidebar on the active tab, or the drafts tab. */
  onContinue: (draftId: string) => void;
  /**
   * Issue 17: looks a typed ICCID up in the page contexts of the open portal tabs (through the
   * background); the page of the one subscriber whose eSIMs include it, or null (none, or tabs disagree).
   */
  lookupIccid?: (iccid: string) => Promise<PageContext | null>;
  vendors?: readonly VendorProfile[];
  autosave?: AutosaveOptions;
  /**
   * Issue 15 item 4: the page's static ICCID field, typed into before this form loaded; the form takes
   * its text, caret and focus over when it first opens (components/popup/early-field.ts).
   */
  early?: EarlyField | null;
}

/** The id of the vendor's ICCID field (where a typed ICCID goes), or `iccid` for vendors without one. */
function iccidFieldId(vendor: VendorProfile): string {
  return vendor.fields.find((f) => f.kind === 'iccid')?.id ?? 'iccid';
}

/** What the ICCID field shows for a draft. */
function iccidText(d: Draft, vendor: VendorProfile): string {
  return d.fields[iccidFieldId(vendor)] ?? (d.iccid ? formatIccid(d.iccid) : '');
}

/** The ICCID the page makes unambiguous: its only eSIM line, or its only ICCID. */
function pageIccids(context: PageContext | null | undefined): Array<{ iccid: string; label?: string }> {
  if (!context) return [];
  const lines = context.esims
    .filter((e) => e.iccid !== undefined)
    .map((e) => ({ iccid: e.iccid!, label: e.lineName }));
  if (lines.length > 0) return lines;
  return context.iccids.map((iccid) => ({ iccid }));
}

const INPUT =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';
const BUTTON =
  'rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-600 dark:hover:bg-slate-800';

/** Before the first edit there is no draft: the form shows this unsaved one (prefilled from the page). */
function blankDraft(vendor: VendorProfile, candidates: ReadonlyArray<{ iccid: string }>): Draft {
  const only = candidates.length === 1 ? candidates[0]!.iccid : null;
  return {
    id: 'unsaved',
    vendorId: vendor.id,
    status: 'open',
    iccid: only,
    subscriberId: null,
    subscriberName: null,
    portalUrl: null,
    summary: '',
    fields: only ? { [iccidFieldId(vendor)]: formatIccid(only) } : {},
    problemKind: null,
    scope: null,
    priorityOverride: null,
    checklist: [],
    createdAt: '',
    updatedAt: '',
    handedOverAt: null,
    revision: 0,
  };
}

/** The draft created from the first edits: what the page knows about the ICCID, under what was typed. */
function initialDraft(
  first: Draft,
  vendor: VendorProfile,
  tabContext: PageContext | null | undefined,
  candidates: ReadonlyArray<{ iccid: string }>,
  timeZone: string,
): DraftInit {
  const known =
    first.iccid && tabContext
      ? prefillFields(vendor, {
          context: tabContext,
          iccid: first.iccid,
          now: new Date(),
          timeZone,
          portalUrl: tabContext.url,
        })
      : {};
  const onPage = !!first.iccid && candidates.some((c) => c.iccid === first.iccid);
  return {
    vendorId: first.vendorId,
    iccid: first.iccid,
    summary: first.summary,
    fields: { ...known, ...first.fields },
    problemKind: first.problemKind,
    scope: first.scope,
    severity: first.severity,
    priorityOverride: first.priorityOverride,
    // Off the active page, what another open portal tab told about the ICCID (issue 17) is kept.
    subscriberId: onPage ? (tabContext?.subscriber?.id ?? null) : first.subscriberId,
    subscriberName: onPage ? (tabContext?.subscriber?.name ?? null) : first.subscriberName,
    portalUrl: onPage ? (tabContext?.url ?? null) : first.portalUrl,
  };
}

/** The draft with the page's subscriber, portal and known fields, when the page shows its ICCID. */
function withPageSubscriber(
  d: Draft,
  vendor: VendorProfile,
  tabContext: PageContext | null | undefined,
  candidates: ReadonlyArray<{ iccid: string }>,
  timeZone: string,
): Draft {
  if (!tabContext || !d.iccid || !candidates.some((c) => c.iccid === d.iccid)) return d;
  const known = prefillFields(vendor, { context: tabContext, iccid: d.iccid, now: new Date(), timeZone, portalUrl: tabContext.url });
  return {
    ...d,
    subscriberId: tabContext.subscriber?.id ?? null,
    subscriberName: tabContext.subscriber?.name ?? null,
    portalUrl: tabContext.url,
    // What the agent typed wins over what the page knows.
    fields: { ...known, ...Object.fromEntries(Object.entries(d.fields).filter(([, v]) => v.trim() !== '')) },
  };
}

/**
 * Issue 17: the typed ICCID's lookup in the open portal tabs. Only the latest ICCID's answer is applied;
 * `settled` resolves once that answer has been applied (or at once without a lookup in flight).
 */
function useIccidLookup(
  lookupIccid: ((iccid: string) => Promise<PageContext | null>) | undefined,
  apply: (iccid: string, found: PageContext) => void,
) {
  const latest = useRef<{ iccid: string; done: Promise<void> } | null>(null);
  return {
    start(iccid: string) {
      if (!lookupIccid || latest.current?.iccid === iccid) return;
      const entry: { iccid: string; done: Promise<void> } = { iccid, done: Promise.resolve() };
      entry.done = lookupIccid(iccid).then(
        (found) => {
          if (found && latest.current === entry) apply(iccid, found);
        },
        () => undefined,
      );
      latest.current = entry;
    },
    settled(): Promise<void> {
      return latest.current?.done ?? Promise.resolve();
    },
  };
}

/**
 * Focus: the form opens on the first empty field; while nothing is typed and the agent has not moved
 * the focus, it follows the first empty field when the page's ICCID arrives. Enter moves to the next
 * field, as on a paper form; Enter on the last goes to "Continue".
 */
function useQuickFocus(
  formRef: RefObject<HTMLFormElement | null>,
  loading: boolean,
  /** The first opening, instead of focusing the first empty field (the static field's hand-over). */
  firstOpen?: (focusFirstEmpty: () => void) => void,
) {
  const focused = useRef(false);
  const opened = useRef(false);
  // The field the popup focused by itself (null once the agent has moved on).
  const autoFocused = useRef<HTMLElement | null>(null);
  const focusFirstEmpty = () => {
    if (!formRef.current) return;
    const fields = [
      ...formRef.current.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-quick-field]'),
    ];
    // The priority select's empty choice means "take the suggestion": an answer, not a gap.
    const target =
      fields.find((f) => f.value.trim() === '' && !f.hasAttribute('data-has-default')) ?? fields[0];
    target?.focus();
    autoFocused.current = target ?? null;
  };
  useEffect(() => {
    if (focused.current || loading || !formRef.current) return;
    focused.current = true;
    const first = !opened.current;
    opened.current = true;
    if (first && firstOpen) firstOpen(focusFirstEmpty);
    else focusFirstEmpty();
  }, [loading]);
  return {
    /** Focuses the first empty field again, unless the agent has put the focus somewhere themselves. */
    follow() {
      const active = formRef.current?.ownerDocument.activeElement ?? null;
      if (autoFocused.current !== null && autoFocused.current === active) focusFirstEmpty();
    },
    /** A draft was switched: focus its first empty field once it has loaded. */
    reset() {
      focused.current = false;
    },
    onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
      const target = e.target as HTMLElement;
      if (e.key !== 'Enter' || !target.matches('[data-quick-field]') || e.nativeEvent.isComposing) return;
      e.preventDefault();
      const all = [...formRef.current!.querySelectorAll<HTMLElement>('[data-quick-field], [data-quick-next]')];
      all[all.indexOf(target) + 1]?.focus();
    },
  };
}

export function QuickTicket({
  drafts,
  rememberedDraftId,
  tabContext,
  defaultVendorId,
  readClipboard,
  rememberDraft,
  onContinue,
  lookupIccid,
  vendors = builtInVendors,
  autosave: autosaveOptions,
  early,
}: QuickTicketProps) {
  const { t } = useI18n();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLInputElement>(null);
  const timeZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', []);
  const [now] = useState(() => new Date());

  // The default may be a custom/managed profile: look it up in the offered list first.
  const startVendor = (defaultVendorId && getVendor(defaultVendorId, vendors)) || defaultVendor();
  const candidates = pageIccids(tabContext);
  const [iccidAlert, setIccidAlert] = useState(false);
  const iccidRef = useRef<HTMLInputElement>(null);
  // The page context and default vendor are read once, when the popup opens.
  const blank = useMemo(() => blankDraft(startVendor, candidates), [tabContext, startVendor.id]);
  const vendorOf = (d: Draft) => vendors.find((v) => v.id === d.vendorId) ?? getVendor(d.vendorId) ?? startVendor;

  const quick = useDraft(drafts, rememberedDraftId, {
    autosave: autosaveOptions,
    duplicates: true,
    lazy: {
      blank,
      // A draft is created only once the page has been read, so it gets the page's subscriber and fields,
      // and (issue 17) not while the ICCID typed so far is not a valid one: a half-typed or mistyped ICCID
      // creates nothing — the text stays in the field — and the draft starts from the valid one.
      ready: tabContext !== undefined,
      canCreate: (pending) => {
        const text = pending.fields[iccidFieldId(vendorOf(pending))] ?? '';
        return text.trim() === '' || parseIccid(text).ok;
      },
      init: (first) => initialDraft(first, vendorOf(first), tabContext, candidates, timeZone),
      // The page's ICCID only fills an ICCID field the agent left empty.
      whenReady: (late) => {
        const key = iccidFieldId(vendorOf(late));
        if (late.iccid !== null || (late.fields[key] ?? '') !== '' || blank.iccid === null) return late;
        return { ...late, iccid: blank.iccid, fields: { ...late.fields, [key]: formatIccid(blank.iccid) } };
      },
      remember: rememberDraft,
    },
  });
  const { draftId, loading } = quick;
  const draft = quick.draft ?? blank;
  const vendor = vendorOf(draft);
  const focus = useQuickFocus(formRef, loading, early ? (focusFirstEmpty) => takeOver(early, focusFirstEmpty) : undefined);
  const change = (fn: (d: Draft) => Draft) => quick.update(fn);
  // The latest draft controls, for answers that arrive after the render that asked (the ICCID lookup).
  const quickRef = useRef(quick);
  quickRef.current = quick;
  const lookup = useIccidLookup(lookupIccid, (iccid, found) =>
    quickRef.current.update((d) =>
      // Only while the draft is still about that ICCID and names nobody: what the agent chose wins.
      d.iccid === iccid && d.subscriberId === null && d.subscriberName === null
        ? withPageSubscriber(d, vendorOf(d), found, pageIccids(found), timeZone)
        : d,
    ),
  );

  // The page context arrived: with nothing typed yet, the first empty field may have moved on.
  const contextKnown = tabContext !== undefined;
  useEffect(() => {
    if (contextKnown && !quick.pending && draftId === null) focus.follow();
  }, [contextKnown]);

  const setIccid = (text: string) => {
    const parsed = parseIccid(text);
    if (parsed.ok) setIccidAlert(false);
    // Issue 17: an ICCID the active page does not show is looked up in the other open portal tabs.
    if (parsed.ok && !candidates.some((c) => c.iccid === parsed.iccid)) lookup.start(parsed.iccid);
    change((d) => {
      const next = { ...d, iccid: parsed.ok ? parsed.iccid : null, fields: { ...d.fields, [iccidFieldId(vendor)]: text } };
      // Issue 17: an ICCID typed (not picked) that the open portal page shows is that subscriber's —
      // a draft already started (summary first) gets the subscriber, portal and plans too.
      return parsed.ok && d.id !== 'unsaved' && d.subscriberId === null && d.subscriberName === null
        ? withPageSubscriber(next, vendor, tabContext, candidates, timeZone)
        : next;
    });
  };

  // The latest setIccid, for the hand-over (it runs after a synchronous render of its own).
  const setIccidRef = useRef(setIccid);
  setIccidRef.current = setIccid;

  /**
   * Issue 15 item 4: the static field's text, caret and focus become this form's, in one task (see
   * early-field.ts). Typing into the empty static field is typing an ICCID for the ticket at hand: into
   * the remembered draft when its ICCID is empty, else into a new draft — a remembered ICCID is never
   * overwritten by keys typed before the form showed it (that draft stays in "Recent drafts").
   */
  const takeOver = (field: EarlyField, focusFirstEmpty: () => void) => {
    field.handOver({
      adopt(typed: EarlyTyped) {
        if (typed.text === '') return;
        const now = quickRef.current;
        const shown = now.draft ? iccidText(now.draft, vendorOf(now.draft)) : '';
        if (now.draftId !== null && shown !== '') flushSync(() => now.open(null));
        flushSync(() => setIccidRef.current(typed.text));
      },
      focus(typed: EarlyTyped) {
        const input = iccidRef.current;
        if (typed.text === '' || !typed.focused || !input) {
          focusFirstEmpty();
          return;
        }
        // As after a paste into the form's own field: a pasted ICCID is the whole field.
        if (typed.pasted && parseIccid(typed.text.trim()).ok && summaryRef.current?.value === '') {
          summaryRef.current.focus();
          return;
        }
        input.focus();
        if (typed.selectionStart !== null && typed.selectionEnd !== null)
          input.setSelectionRange(typed.selectionStart, typed.selectionEnd, typed.selectionDirection ?? undefined);
      },
    });
  };

  /** "Continue" with an ICCID that is not valid: nothing is created, the field says why. */
  const continueBlocked = () => {
    const text = draft.fields[iccidFieldId(vendor)] ?? '';
    if (text.trim() === '' || parseIccid(text).ok) return false;
    setIccidAlert(true);
    iccidRef.current?.focus();
    return true;
  };

  const setVendor = (vendorId: string) => {
    const next = vendors.find((v) => v.id === vendorId) ?? getVendor(vendorId);
    if (!next) return;
    change((d) => {
      const typed = d.fields[iccidFieldId(vendor)];
      const fields = { ...d.fields };
      if (typed !== undefined) fields[iccidFieldId(next)] = typed;
      return { ...d, vendorId: next.id, fields };
    });
  };

  const open = (other: string | null) => {
    quick.open(other);
    focus.reset();
  };

  return (
    // Issue 17: the popup's content is its `main` landmark (axe: every page has one).
    <main className="w-[24rem] space-y-3 bg-white p-3 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <header className="flex items-center justify-between">
        <h1 className="text-base font-semibold">{t('ppTitle')}</h1>
        <p
          role="status"
          className="text-xs text-slate-600 dark:text-slate-300"
          data-testid="popup-save-status"
        >
          {draftId === null
            ? t('ppNotStarted')
            : quick.status === 'saved'
              ? t('tkSaved')
              : quick.status === 'conflict'
                ? ''
                : t('tkPending')}
        </p>
      </header>
      <SaveProblems autosave={quick} vendor={vendor} />
      <form
        ref={formRef}
        onKeyDown={focus.onKeyDown}
        onSubmit={(e) => e.preventDefault()}
        className="space-y-3"
        aria-label={t('ppTitle')}
      >
        <IccidField
          id={`${id}-iccid`}
          inputRef={iccidRef}
          alert={iccidAlert}
          text={iccidText(draft, vendor)}
          disabled={loading}
          candidates={candidates}
          duplicate={quick.duplicate}
          readClipboard={readClipboard}
          onChange={setIccid}
          onOpen={open}
          onPasted={() => {
            // Issue 17: a pasted ICCID is the whole field — the summary is what is left to write.
            if (summaryRef.current && summaryRef.current.value === '') summaryRef.current.focus();
          }}
        />
        <div className="space-y-1">
          <label htmlFor={`${id}-vendor`} className="text-sm font-medium">
            {t('ppVendor')}
          </label>
          <VendorSelect
            id={`${id}-vendor`}
            data-quick-field=""
            className={INPUT}
            vendors={vendors}
            value={vendor.id}
            disabled={loading}
            onChange={setVendor}
          />
        </div>
        <QuickPriority
          vendor={vendor}
          draft={draft}
          now={now}
          timeZone={timeZone}
          onChange={(patch) => change((d) => ({ ...d, ...patch }))}
        />
        <div className="space-y-1">
          <label htmlFor={`${id}-summary`} className="text-sm font-medium">
            {t('ppSummary')}
          </label>
          <input
            ref={summaryRef}
            id={`${id}-summary`}
            data-quick-field=""
            type="text"
            maxLength={500}
            className={INPUT}
            value={draft.summary}
            disabled={loading}
            onChange={(e) => {
              const value = e.target.value;
              change((d) => ({ ...d, summary: value }));
            }}
          />
        </div>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            data-quick-next=""
            className={`${BUTTON} font-medium`}
            onClick={() => {
              if (continueBlocked()) return;
              // The lookup's answer goes into the draft before it is handed over.
              void lookup.settled().then(() => quickRef.current.ensure()).then((saved) => {
                if (saved) onContinue(saved);
              });
            }}
          >
            {t('ppContinue')}
          </button>
          {draftId !== null && (
            <button type="button" className={BUTTON} onClick={() => open(null)}>
              {t('ppNew')}
            </button>
          )}
        </div>
      </form>
      <RecentDrafts drafts={drafts} currentId={draftId} onOpen={open} />
      <nav aria-label={t('navLabel')} className="text-sm">
        {/* Issue 17: the drafts page (the escalation board), next to popup.html in the package. */}
        <a href="/drafts.html" target="_blank" rel="noreferrer" className="text-blue-700 underline dark:text-blue-300">
          {t('navAllDrafts')}
        </a>
      </nav>
    </main>
  );
}

/** The ICCID field: typed, pasted from the clipboard when asked, or one of the page's; and the duplicate. */
function IccidField(props: {
  id: string;
  inputRef?: RefObject<HTMLInputElement | null>;
  /** The agent tried to continue with this invalid ICCID: the error is announced. */
  alert?: boolean;
  text: string;
  disabled: boolean;
  candidates: ReadonlyArray<{ iccid: string; label?: string | undefined }>;
  duplicate: Draft | null;
  readClipboard: () => Promise<string>;
  onChange: (text: string) => void;
  onOpen: (draftId: string) => void;
  /** A valid ICCID was pasted (Ctrl+V or the paste button). */
  onPasted?: () => void;
}) {
  const { id, text, candidates, duplicate, onChange } = props;
  const { t } = useI18n();
  const [clipboardNote, setClipboardNote] = useState<string | null>(null);
  const parsed = parseIccid(text);
  const error = text.trim() !== '' && !parsed.ok ? t(`iccidError_${parsed.error.code}`) : null;

  const paste = async () => {
    setClipboardNote(null);
    let pasted = '';
    try {
      pasted = await props.readClipboard();
    } catch {
      setClipboardNote(t('ppClipboardDenied'));
      return;
    }
    const got = parseIccid(pasted.trim());
    if (!got.ok) {
      setClipboardNote(t('ppClipboardNoIccid', t(`iccidError_${got.error.code}`)));
      return;
    }
    onChange(formatIccid(got.iccid));
    props.onPasted?.();
  };

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="text-sm font-medium">
        {t('ppIccid')}
      </label>
      <input
        ref={props.inputRef}
        id={id}
        data-quick-field=""
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        className={INPUT}
        value={text}
        disabled={props.disabled}
        aria-invalid={error !== null || undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => onChange(e.target.value)}
        onPaste={(e) => {
          if (parseIccid(e.clipboardData.getData('text').trim()).ok) setTimeout(() => props.onPasted?.(), 0);
        }}
      />
      {error && (
        <p id={`${id}-err`} role={props.alert ? 'alert' : undefined} className="text-xs text-red-700 dark:text-red-400">
          {error}
          {props.alert && <> {t('flowIccidFirst')}</>}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" className={BUTTON} onClick={() => void paste()}>
          {t('ppPasteIccid')}
        </button>
        {candidates.length > 1 &&
          candidates.map((c) => (
            <button key={c.iccid} type="button" className={BUTTON} onClick={() => onChange(formatIccid(c.iccid))}>
              {t('ppUseIccid', [c.label ?? '', c.iccid.slice(-4)])}
            </button>
          ))}
      </div>
      {clipboardNote && <p className="text-xs">{clipboardNote}</p>}
      {duplicate && (
        <div className="space-y-1 rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          <p>{t('ppDuplicate')}</p>
          <DraftRow draft={duplicate} onOpen={props.onOpen} />
        </div>
      )}
    </div>
  );
}

/** The priority block of the popup: its override select is labelled exactly "Priority". */
function QuickPriority(props: {
  vendor: VendorProfile;
  draft: Draft;
  now: Date;
  timeZone: string;
  onChange: (patch: Partial<Pick<Draft, 'problemKind' | 'scope' | 'severity' | 'priorityOverride'>>) => void;
}) {
  const { t } = useI18n();
  return <PriorityPanel {...props} compact priorityLabel={t('ppPriority')} />;
}

/** The five most recent drafts, with how complete each is. */
function RecentDrafts({
  drafts,
  currentId,
  onOpen,
}: {
  drafts: DraftsApi;
  currentId: string | null;
  onOpen: (id: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const recent = useLive(drafts, () => drafts.listDrafts({ limit: 5 }), []);
  if (!recent || !recent.ok || recent.drafts.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-h`} className="space-y-1">
      <h2 id={`${id}-h`} className="text-sm font-semibold">
        {t('ppRecent')}
      </h2>
      <ul className="space-y-1">
        {recent.drafts.map((d) => (
          <li key={d.id}>
            <DraftRow draft={d} onOpen={onOpen} current={d.id === currentId} />
          </li>
        ))}
      </ul>
    </section>
  );
}
