/**
 * The escalation ticket form, shared by the sidebar, the drafts tab and the popup's "continue": the
 * vendor's fields in its order (labels and help in the agent's language), values already known
 * prefilled, the priority explained, what is missing, the response clock and the hand-over.
 *
 * Every keystroke goes through {@link useDraft} (never lost: see lib/drafts/draft-session.ts). Secret
 * fields (seed 002) go to session memory through {@link useSessionSecrets} and never into the draft.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { DraftsApi } from '../../lib/drafts/drafts-api';
import { checkCompleteness } from '../../lib/escalation/completeness';
import type { Draft } from '../../lib/escalation/draft';
import { fieldValue } from '../../lib/escalation/field-values';
import { prefillFields } from '../../lib/escalation/prefill';
import { stripSecrets } from '../../lib/escalation/secrets';
import type { VendorField, VendorProfile } from '../../lib/escalation/vendor-profile';
import {
  builtInVendors,
  getVendor,
  DEFAULT_VENDOR_ID,
  vendorDisplayName,
} from '../../lib/escalation/vendors';
import type { PageContext } from '../../lib/portal/page-context';
import { parseIccid } from '../../lib/telecom/iccid';
import { toApiCallEvidence } from '../../lib/evidence';
import { EvidencePanel } from '../evidence/evidence-panel';
import type { EvidenceState } from '../evidence/evidence-store';
import type { EvidencePlatform } from '../evidence/evidence-panel';
import { useSessionSecrets } from '../platform/use-session-secrets';
import { useI18n } from '../i18n';
import { CompletenessPanel } from './completeness-panel';
import { HandoverPanel } from './handover-panel';
import { EscalationPanel } from './escalation-panel';
import { CreationRules } from '../escalations/creation-rules';
import type { EscalationPanelApi } from '../../lib/drafts/escalations-api';
import { PriorityPanel, formatWithZone } from './priority-panel';
import { SaveBanner } from './save-banner';
import { TicketField } from './ticket-field';
import { useFirstEmptyFocus } from './use-first-empty-focus';
import { IccidPicker } from './iccid-picker';
import { EvidencePointer } from './evidence-pointer';
import { useDraft, type AutosaveOptions } from './use-draft';
import { VendorSelect } from '../vendor-select';

export interface TicketEditorProps {
  drafts: DraftsApi;
  draftId: string;
  /** The portal page's context, when the editor is shown over a portal. */
  context: PageContext | null;
  onClose: () => void;
  /** Called once the draft is marked handed over (the popup forgets its current draft then). */
  onHandedOver?: (draft: Draft) => void;
  /** Vendor profiles to choose from (default: the built-in ones). */
  vendors?: readonly VendorProfile[];
  /**
   * The shell's screenshot/API-capture glue for the draft's portal page (components/platform/
   * evidence-platform.ts); none: the evidence panel offers no capture.
   */
  evidencePlatform?: (portalUrl: string | null) => EvidencePlatform | undefined;
  /** Clock and clipboard, injectable for tests. */
  clock?: () => Date;
  copy?: (text: string) => Promise<void>;
  autosave?: AutosaveOptions;
  /** Issue 18: after hand-over, the escalation panel (vendor ticket, status, clocks, follow-ups). */
  escalations?: EscalationPanelApi;
  onOpenDraft?: (draftId: string) => void;
}

const agentTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Re-renders every 30 s so the response clock and the agent's time stay current. */
function useNow(clock: () => Date): Date {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), 30_000);
    return () => clearInterval(timer);
  }, [clock]);
  return now;
}

const defaultCopy = (text: string) => navigator.clipboard.writeText(text);
const systemClock = () => new Date();

/**
 * The draft change for a field edit. A field bound to a draft property (`fromDraft`) keeps that
 * property in step, so the summary, the ICCID index and the duplicate check follow what was typed.
 */
export function fieldChange(field: VendorField, value: string) {
  return (d: Draft): Draft => {
    const next: Draft = { ...d, fields: { ...d.fields, [field.id]: value } };
    if (field.kind === 'iccid' || field.fromDraft === 'iccid') {
      const parsed = parseIccid(value);
      next.iccid = parsed.ok ? parsed.iccid : null;
    }
    switch (field.fromDraft) {
      case 'summary':
        next.summary = value.slice(0, 500);
        break;
      case 'subscriberName':
        if (value.trim() === '') next.subscriberName = null;
        break;
      case 'subscriberId':
        if (value.trim() === '') next.subscriberId = null;
        break;
      case 'portalUrl':
        if (value.trim() === '') next.portalUrl = null;
        break;
      default:
        break;
    }
    return next;
  };
}

const SELECT =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';

export function TicketEditor({
  drafts,
  draftId,
  context,
  onClose,
  onHandedOver,
  vendors = builtInVendors,
  clock = systemClock,
  copy = defaultCopy,
  autosave: autosaveOptions,
  evidencePlatform: platformFor,
  escalations,
  onOpenDraft,
}: TicketEditorProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const autosave = useDraft(drafts, draftId, { autosave: autosaveOptions });
  const secrets = useSessionSecrets(draftId);
  const now = useNow(clock);
  const timeZone = useMemo(agentTimeZone, []);
  const draft = autosave.draft;
  const formRef = useRef<HTMLFormElement>(null);
  useFirstEmptyFocus(formRef, autosave.status !== 'loading' && draft !== null);
  // Issue 7: screenshots and API calls, reported by the evidence panel (counts for completeness, lists for the ticket).
  const [evidence, setEvidence] = useState<EvidenceState | null>(null);
  const evidencePortalUrl = draft?.portalUrl ?? context?.url ?? null;
  const evidencePlatform = useMemo(() => platformFor?.(evidencePortalUrl), [platformFor, evidencePortalUrl]);

  const vendor = useMemo(
    () =>
      (draft && (vendors.find((v) => v.id === draft.vendorId) ?? getVendor(draft.vendorId))) ??
      getVendor(DEFAULT_VENDOR_ID)!,
    [draft, vendors],
  );

  const report = useMemo(
    () =>
      draft
        ? checkCompleteness({
            draft,
            vendor,
            secretsPresent: new Set(Object.keys(secrets.values)),
            ...(evidence ? { evidence: evidence.summary } : {}),
          })
        : null,
    [draft, vendor, secrets.values, evidence],
  );

  if (autosave.status === 'loading') {
    return (
      <p role="status" className="p-3 text-sm">
        {t('tkLoading')}
      </p>
    );
  }
  if (!draft || !report) {
    return (
      <div className="space-y-2 p-3">
        <p role="alert" className="text-sm">
          {autosave.status === 'not-found' ? t('tkNotFound') : t('tkErrorUnknown')}
        </p>
        <button
          type="button"
          onClick={onClose}
          className="rounded border border-slate-300 px-3 py-1 text-sm focus-visible:ring-2 focus-visible:ring-blue-500"
        >
          {t('tkClose')}
        </button>
      </div>
    );
  }

  const changeVendor = (vendorId: string) => {
    const next = vendors.find((v) => v.id === vendorId) ?? getVendor(vendorId);
    if (!next) return;
    // What the page and clock already know fills the new vendor's fields; nothing typed is overwritten.
    const known = prefillFields(next, {
      context,
      iccid: draft.iccid,
      now,
      timeZone,
      portalUrl: draft.portalUrl ?? context?.url ?? null,
    });
    autosave.update((d) => ({
      ...d,
      vendorId: next.id,
      fields: stripSecrets(next, { ...known, ...d.fields }),
    }));
  };

  // Issue 17: the eSIM picked for a subscriber-wide ticket, with what the page knows about it (plans).
  const pickIccid = (iccid: string) => {
    const field = vendor.fields.find((f) => f.kind === 'iccid' || f.fromDraft === 'iccid');
    const known = prefillFields(vendor, { context, iccid, now, timeZone, portalUrl: draft.portalUrl ?? context?.url ?? null });
    autosave.update((d) => {
      const filled = { ...d, fields: { ...known, ...Object.fromEntries(Object.entries(d.fields).filter(([, v]) => v.trim() !== '')) } };
      return field ? fieldChange(field, iccid)(filled) : { ...filled, iccid };
    });
  };

  const summaryBound = vendor.fields.some((f) => f.fromDraft === 'summary');
  const portalUrl = draft.portalUrl ?? context?.url ?? null;
  const handOver = async () => {
    const at = new Date().toISOString();
    autosave.update({ status: 'handed-over', handedOverAt: at });
    // Hand-over is an explicit save: flushed to disk before we say it is done (REFERENCE "Durability").
    await autosave.flush({ durability: 'strict' });
    onHandedOver?.({ ...draft, status: 'handed-over', handedOverAt: at });
  };

  const optionalFields = vendor.fields.filter((f) => !f.required);
  const renderField = (field: VendorField) => {
          const item = report.items.find((i) => i.fieldId === field.id);
          if (field.kind === 'secret') {
            const value = secrets.values[field.id] ?? '';
            return (
              <TicketField
                key={`${vendor.id}:${field.id}`}
                field={field}
                value={value}
                item={item}
                onChange={(v) => secrets.set(field.id, v)}
                onCopySecret={() => void copy(value).catch(() => undefined)}
              />
            );
          }
          // Issue 17: screenshots and API calls live in the evidence section only (text typed here before
          // stays editable, so nothing of an older draft is hidden).
          if ((field.kind === 'evidence-screenshot' || field.kind === 'evidence-api') && fieldValue(field, draft).trim() === '') {
            return <EvidencePointer key={`${vendor.id}:${field.id}`} field={field} item={item} target={`${id}-evidence`} />;
          }
          return (
            <TicketField
              key={`${vendor.id}:${field.id}`}
              field={field}
              value={fieldValue(field, draft)}
              item={item}
              onChange={(v) => autosave.update(fieldChange(field, v))}
            />
          );
  };

  return (
    <form ref={formRef} className="space-y-4 p-3" aria-labelledby={`${id}-title`} onSubmit={(e) => e.preventDefault()}>
      <header className="flex items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {t('tkTitle', vendorDisplayName(vendor, locale))}
        </h2>
        <button
          type="button"
          onClick={() => {
            void autosave.flush();
            onClose();
          }}
          aria-label={t('tkCloseLabel')}
          className="rounded px-2 py-1 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:hover:bg-slate-800"
        >
          ×
        </button>
      </header>
      <SaveBanner autosave={autosave} vendor={vendor} />

      <div>
        <label htmlFor={`${id}-vendor`} className="text-sm font-medium">
          {t('tkVendor')}
        </label>
        <VendorSelect
          id={`${id}-vendor`}
          className={SELECT}
          vendors={vendors}
          value={vendor.id}
          onChange={changeVendor}
        />
      </div>

      {!summaryBound && (
        <div className="space-y-1">
          <label htmlFor={`${id}-summary`} className="text-sm font-medium">
            {t('tkSummary')}
          </label>
          <input
            id={`${id}-summary`}
            type="text"
            maxLength={500}
            className={SELECT}
            aria-describedby={`${id}-summary-help`}
            value={draft.summary}
            onChange={(e) => autosave.update({ summary: e.target.value })}
          />
          <p id={`${id}-summary-help`} className="text-xs text-slate-600 dark:text-slate-300">
            {t('tkSummaryHelp')}
          </p>
        </div>
      )}

      <section aria-labelledby={`${id}-env`} className="rounded bg-slate-50 p-2 text-sm dark:bg-slate-900">
        <h3 id={`${id}-env`} className="text-sm font-semibold">
          {t('tkEnvironment')}
        </h3>
        <dl className="grid grid-cols-[auto_1fr] gap-x-2">
          <dt>{t('tkEnvPortal')}</dt>
          <dd className="break-all" data-testid="env-portal">
            {portalUrl ?? t('tkEnvNone')}
          </dd>
          <dt>{t('tkEnvTime')}</dt>
          <dd data-testid="env-time">{formatWithZone(now, timeZone)}</dd>
        </dl>
        <p className="text-xs text-slate-600 dark:text-slate-300">{t('tkEnvDeviceNote')}</p>
      </section>

      <section aria-labelledby={`${id}-fields`} className="space-y-3">
        <h3 id={`${id}-fields`} className="text-sm font-semibold">
          {t('tkFieldsHeading', vendorDisplayName(vendor, locale))}
        </h3>
        <IccidPicker draft={draft} context={context} onPick={pickIccid} />
        {/* Issue 17: what the vendor requires first; optional items folded (opened when one is invalid). */}
        {vendor.fields.filter((f) => f.required).map(renderField)}
        {optionalFields.length > 0 && (
          <details
            className="space-y-3"
            open={optionalFields.some((f) => report.items.find((i) => i.fieldId === f.id)?.status === 'invalid') || undefined}
          >
            <summary className="cursor-pointer text-sm font-medium">{t('flowOptionalFields', String(optionalFields.length))}</summary>
            <div className="mt-2 space-y-3">{optionalFields.map(renderField)}</div>
          </details>
        )}
      </section>

      {/* Issue 17: device and location are the vendor's fields above — not asked a second time here. */}
      <div id={`${id}-evidence`} tabIndex={-1}>
        <EvidencePanel
          drafts={drafts}
          draftId={draftId}
          vendor={vendor}
          onEvidenceChange={setEvidence}
          platform={evidencePlatform}
          context={context}
        />
      </div>
      {draft.status === 'open' && <CreationRules vendor={vendor} />}
      <PriorityPanel
        vendor={vendor}
        draft={draft}
        onChange={(patch) => autosave.update(patch)}
        now={now}
        timeZone={timeZone}
      />
      <CompletenessPanel report={report} />
      <HandoverPanel
        vendor={vendor}
        draft={draft}
        report={report}
        now={now}
        timeZone={timeZone}
        copy={copy}
        apiCalls={evidence?.apiCalls.map((call) => toApiCallEvidence(call, locale))}
        attachments={evidence?.attachments}
        onMarkHandedOver={() => void handOver()}
        onReopen={() => autosave.update({ status: 'open', handedOverAt: null })}
      />
      {escalations && draft.status !== 'open' && (
        <EscalationPanel
          api={escalations}
          vendor={vendor}
          draft={draft}
          now={now}
          timeZone={timeZone}
          copy={copy}
          {...(onOpenDraft ? { onOpenDraft } : {})}
        />
      )}
    </form>
  );
}
