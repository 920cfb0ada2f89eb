/**
 * The popup's quick-ticket form (DESIGN §1): ICCID, vendor, priority (problem kind + who is affected →
 * the vendor's suggestion with its reason; the agent may override) and a one-line summary. Every
 * keystroke is saved to a draft — the draft is created at the first edit, remembered by the popup, and
 * resumed when the popup opens again — so closing the popup loses nothing. "Continue in sidebar"
 * hands the draft to the portal sidebar (or the drafts tab off a portal).
 *
 * Presentational: the browser glue (tab context, clipboard, remembered draft, messages) comes in as
 * props from entrypoints/popup.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
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
import { useDraftAutosave, type AutosaveOptions } from '../ticket/use-draft-autosave';

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
  vendors?: readonly VendorProfile[];
  autosave?: AutosaveOptions;
}

/** The id of the vendor's ICCID field (where a typed ICCID goes), or `iccid` for vendors without one. */
function iccidFieldId(vendor: VendorProfile): string {
  return vendor.fields.find((f) => f.kind === 'iccid')?.id ?? 'iccid';
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

export function QuickTicket({
  drafts,
  rememberedDraftId,
  tabContext,
  defaultVendorId,
  readClipboard,
  rememberDraft,
  onContinue,
  vendors = builtInVendors,
  autosave: autosaveOptions,
}: QuickTicketProps) {
  const { t } = useI18n();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draftId, setDraftId] = useState<string | null>(rememberedDraftId);
  const autosave = useDraftAutosave(drafts, draftId ?? 'none', autosaveOptions);
  const timeZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', []);
  const [now] = useState(() => new Date());
  const [clipboardNote, setClipboardNote] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<Draft | null>(null);

  // The default may be a custom/managed profile: look it up in the offered list first.
  const startVendor = (defaultVendorId && getVendor(defaultVendorId, vendors)) || defaultVendor();
  const candidates = pageIccids(tabContext);

  // Before the first edit there is no draft: the form shows this unsaved one (prefilled from the page).
  const blank = useMemo((): Draft => {
    const only = candidates.length === 1 ? candidates[0]!.iccid : null;
    return {
      id: 'unsaved',
      vendorId: startVendor.id,
      status: 'open',
      iccid: only,
      subscriberId: null,
      subscriberName: null,
      portalUrl: null,
      summary: '',
      fields: only ? { [iccidFieldId(startVendor)]: formatIccid(only) } : {},
      problemKind: null,
      scope: null,
      priorityOverride: null,
      checklist: [],
      createdAt: '',
      updatedAt: '',
      handedOverAt: null,
      revision: 0,
    };
    // The page context and default vendor are read once, when the popup opens.
  }, [tabContext, startVendor.id]);
  const pendingRef = useRef<Draft | null>(null);
  const [pending, setPending] = useState<Draft | null>(null);
  const creating = useRef(false);
  const createdHere = useRef<string | null>(null);

  // A remembered draft that is gone or handed over is forgotten: the popup starts afresh.
  useEffect(() => {
    if (draftId === null) return;
    if (autosave.status === 'not-found' || (autosave.draft && autosave.draft.status !== 'open')) {
      setDraftId(null);
      rememberDraft(null);
    }
  }, [autosave.status, autosave.draft, draftId, rememberDraft]);

  // Edits made while the new draft was being created are written on top of it once it has loaded.
  useEffect(() => {
    const late = pendingRef.current;
    if (!late || !autosave.draft || autosave.draft.id !== draftId) return;
    pendingRef.current = null;
    setPending(null);
    const { vendorId, iccid, summary, fields, problemKind, scope, priorityOverride } = late;
    autosave.update((d) => ({
      ...d,
      vendorId,
      iccid,
      summary,
      fields: { ...d.fields, ...fields },
      problemKind,
      scope,
      priorityOverride,
    }));
  }, [autosave, draftId]);

  // Opening an existing draft disables the fields until it has loaded; a draft just created from what
  // is being typed does not (the agent keeps typing into the same fields, focus stays put).
  const loading = draftId !== null && draftId !== createdHere.current && autosave.status === 'loading';
  // Edits still waiting for the new draft to load are the freshest: they win over the stored copy.
  const draft: Draft = pending ?? (draftId !== null ? autosave.draft : null) ?? blank;
  const vendor = vendors.find((v) => v.id === draft.vendorId) ?? getVendor(draft.vendorId) ?? startVendor;

  const create = async (first: Draft) => {
    creating.current = true;
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
    const created = await drafts.createDraft({
      vendorId: first.vendorId,
      iccid: first.iccid,
      summary: first.summary,
      fields: { ...known, ...first.fields },
      problemKind: first.problemKind,
      scope: first.scope,
      priorityOverride: first.priorityOverride,
      subscriberId: onPage ? (tabContext?.subscriber?.id ?? null) : null,
      subscriberName: onPage ? (tabContext?.subscriber?.name ?? null) : null,
      portalUrl: onPage ? (tabContext?.url ?? null) : null,
    });
    if (!created.ok) {
      creating.current = false;
      return;
    }
    // pendingRef keeps the latest text (typing may go on meanwhile); it is written on top once loaded.
    createdHere.current = created.draft.id;
    creating.current = false;
    rememberDraft(created.draft.id);
    setDraftId(created.draft.id);
  };

  const change = (fn: (d: Draft) => Draft) => {
    if (draftId !== null && autosave.draft && pendingRef.current === null) {
      autosave.update(fn);
      return;
    }
    if (loading) return; // a draft being opened: its fields are disabled until it has loaded
    const next = fn(pendingRef.current ?? blank);
    pendingRef.current = next;
    setPending(next);
    // One draft per popup session: created once, at the first edit (later edits wait in pendingRef).
    // …and only once the page has been read, so the draft gets the page's subscriber and fields.
    if (tabContext === undefined) return;
    if (!creating.current && createdHere.current === null && draftId === null) void create(next);
  };

  // The page context arrived after the popup opened. Edits made meanwhile are kept: the page's ICCID
  // only fills an ICCID field the agent left empty, and the draft they started is created now.
  const contextKnown = tabContext !== undefined;
  useEffect(() => {
    if (!contextKnown) return;
    const late = pendingRef.current;
    if (late === null) {
      // Nothing typed yet: the form now shows the page's ICCID, so the first empty field may have
      // moved on — follow it, unless the agent has put the focus somewhere themselves.
      if (draftId === null && autoFocused.current !== null && autoFocused.current === activeElement()) {
        focusFirstEmpty();
      }
      return;
    }
    if (draftId !== null || creating.current || createdHere.current !== null) return;
    const key = iccidFieldId(vendor);
    let next = late;
    if (late.iccid === null && (late.fields[key] ?? '') === '' && blank.iccid !== null) {
      next = { ...late, iccid: blank.iccid, fields: { ...late.fields, [key]: formatIccid(blank.iccid) } };
      pendingRef.current = next;
      setPending(next);
    }
    void create(next);
    // Runs once, when the context becomes known.
  }, [contextKnown]);

  const setIccid = (text: string) => {
    const parsed = parseIccid(text);
    change((d) => ({
      ...d,
      iccid: parsed.ok ? parsed.iccid : null,
      fields: { ...d.fields, [iccidFieldId(vendor)]: text },
    }));
  };

  const iccidText = draft.fields[iccidFieldId(vendor)] ?? (draft.iccid ? formatIccid(draft.iccid) : '');
  const iccidParsed = parseIccid(iccidText);
  const iccidError =
    iccidText.trim() !== '' && !iccidParsed.ok ? t(`iccidError_${iccidParsed.error.code}`) : null;

  // The duplicate check (seed 004: one ticket per problem): another open draft for this ICCID is offered.
  useEffect(() => {
    let live = true;
    setDuplicate(null);
    if (!draft.iccid) return;
    void drafts.findOpenDraftForIccid(draft.iccid).then((found) => {
      if (live && found.ok && found.draft && found.draft.id !== draftId) setDuplicate(found.draft);
    });
    return () => {
      live = false;
    };
  }, [draft.iccid, draftId]);

  // Opens focused on the first empty field.
  const focused = useRef(false);
  // The field the popup focused by itself (null once the agent has moved on, see above).
  const autoFocused = useRef<HTMLElement | null>(null);
  const activeElement = () => formRef.current?.ownerDocument.activeElement ?? null;
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
    focusFirstEmpty();
  }, [loading]);

  // Enter moves to the next field, as on a paper form; Enter on the last goes to "Continue".
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const target = e.target as HTMLElement;
    if (e.key !== 'Enter' || !target.matches('[data-quick-field]') || e.nativeEvent.isComposing) return;
    e.preventDefault();
    const all = [...formRef.current!.querySelectorAll<HTMLElement>('[data-quick-field], [data-quick-next]')];
    all[all.indexOf(target) + 1]?.focus();
  };

  const pasteIccid = async () => {
    setClipboardNote(null);
    let text = '';
    try {
      text = await readClipboard();
    } catch {
      setClipboardNote(t('ppClipboardDenied'));
      return;
    }
    const parsed = parseIccid(text.trim());
    if (!parsed.ok) {
      setClipboardNote(t('ppClipboardNoIccid', t(`iccidError_${parsed.error.code}`)));
      return;
    }
    setIccid(formatIccid(parsed.iccid));
  };

  const ensureDraft = async (): Promise<string | null> => {
    if (draftId !== null) {
      await autosave.flush();
      return draftId;
    }
    const created = await drafts.createDraft({
      vendorId: draft.vendorId,
      iccid: draft.iccid,
      summary: draft.summary,
      fields: draft.fields,
    });
    if (!created.ok) return null;
    createdHere.current = created.draft.id;
    rememberDraft(created.draft.id);
    setDraftId(created.draft.id);
    return created.draft.id;
  };

  const openOther = (otherId: string) => {
    void autosave.flush();
    pendingRef.current = null;
    setPending(null);
    focused.current = false;
    createdHere.current = null;
    setDraftId(otherId);
    rememberDraft(otherId);
  };

  const startNew = () => {
    void autosave.flush();
    pendingRef.current = null;
    setPending(null);
    createdHere.current = null;
    setDraftId(null);
    rememberDraft(null);
    focused.current = false;
  };

  return (
    <div className="w-[24rem] space-y-3 bg-white p-3 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <header className="flex items-center justify-between">
        <h1 className="text-base font-semibold">{t('ppTitle')}</h1>
        <p
          role="status"
          className="text-xs text-slate-600 dark:text-slate-300"
          data-testid="popup-save-status"
        >
          {draftId === null
            ? t('ppNotStarted')
            : autosave.status === 'saved'
              ? t('tkSaved')
              : autosave.status === 'conflict'
                ? ''
                : t('tkPending')}
        </p>
      </header>
      <SaveProblems autosave={autosave} vendor={vendor} />
      <form
        ref={formRef}
        onKeyDown={onKeyDown}
        onSubmit={(e) => e.preventDefault()}
        className="space-y-3"
        aria-label={t('ppTitle')}
      >
        <div className="space-y-1">
          <label htmlFor={`${id}-iccid`} className="text-sm font-medium">
            {t('ppIccid')}
          </label>
          <input
            id={`${id}-iccid`}
            data-quick-field=""
            type="text"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            className={INPUT}
            value={iccidText}
            disabled={loading}
            aria-invalid={iccidError !== null || undefined}
            aria-describedby={iccidError ? `${id}-iccid-err` : undefined}
            onChange={(e) => setIccid(e.target.value)}
          />
          {iccidError && (
            <p id={`${id}-iccid-err`} className="text-xs text-red-700 dark:text-red-400">
              {iccidError}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <button type="button" className={BUTTON} onClick={() => void pasteIccid()}>
              {t('ppPasteIccid')}
            </button>
            {candidates.length > 1 &&
              candidates.map((c) => (
                <button
                  key={c.iccid}
                  type="button"
                  className={BUTTON}
                  onClick={() => setIccid(formatIccid(c.iccid))}
                >
                  {t('ppUseIccid', [c.label ?? '', c.iccid.slice(-4)])}
                </button>
              ))}
          </div>
          {clipboardNote && <p className="text-xs">{clipboardNote}</p>}
          {duplicate && (
            <div className="space-y-1 rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
              <p>{t('ppDuplicate')}</p>
              <DraftRow draft={duplicate} onOpen={openOther} />
            </div>
          )}
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-vendor`} className="text-sm font-medium">
            {t('ppVendor')}
          </label>
          <select
            id={`${id}-vendor`}
            data-quick-field=""
            className={INPUT}
            value={vendor.id}
            disabled={loading}
            onChange={(e) => {
              const next = vendors.find((v) => v.id === e.target.value) ?? getVendor(e.target.value);
              if (!next) return;
              change((d) => {
                const typed = d.fields[iccidFieldId(vendor)];
                const fields = { ...d.fields };
                if (typed !== undefined) fields[iccidFieldId(next)] = typed;
                return { ...d, vendorId: next.id, fields };
              });
            }}
          >
            {vendors.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
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
            onClick={() =>
              void ensureDraft().then((saved) => {
                if (saved) onContinue(saved);
              })
            }
          >
            {t('ppContinue')}
          </button>
          {draftId !== null && (
            <button type="button" className={BUTTON} onClick={startNew}>
              {t('ppNew')}
            </button>
          )}
        </div>
      </form>
      <RecentDrafts drafts={drafts} currentId={draftId} onOpen={openOther} />
    </div>
  );
}

/** The priority block of the popup: its override select is labelled exactly "Priority". */
function QuickPriority(props: {
  vendor: VendorProfile;
  draft: Draft;
  now: Date;
  timeZone: string;
  onChange: (patch: Partial<Pick<Draft, 'problemKind' | 'scope' | 'priorityOverride'>>) => void;
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
