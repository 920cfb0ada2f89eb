/**
 * After hand-over (issue 18): the vendor's ticket number and status, the clocks that follow from the
 * vendor profile (first response due fixed at hand-over, Samsara's auto-solve), the vendor's rules where
 * they apply (Wildix's closed-ticket rule next to Closed), a dated history, a follow-up drafted with the
 * ticket number, a reminder, and — for a vendor that never reopens closed tickets — "New ticket
 * referencing this one". Rendered by the ticket editor once the draft is handed over.
 */
import { useEffect, useId, useState } from 'react';
import type { EscalationCaseError, EscalationCaseResult } from '../../lib/drafts/escalations';
import type { EscalationPanelApi } from '../../lib/drafts/escalations-api';
import type { Draft } from '../../lib/escalation/draft';
import {
  escalationState,
  followUpOf,
  outsideHoursAdviceApplies,
  type Escalation,
  type EscalationAction,
} from '../../lib/escalation/escalation';
import { followUpMailto, renderFollowUp } from '../../lib/escalation/follow-up';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import { vendorDisplayName } from '../../lib/escalation/vendors';
import { formatCountdown } from '../escalations/format';
import { pick, useI18n, type Translate } from '../i18n';
import { formatWithZone } from './priority-panel';

export interface EscalationPanelProps {
  api: EscalationPanelApi;
  vendor: VendorProfile;
  draft: Draft;
  now: Date;
  timeZone: string;
  copy: (text: string) => Promise<void>;
  /** Opens another draft (the new ticket referencing this one). */
  onOpenDraft?: (draftId: string) => void;
}

const BUTTON =
  'rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-600 dark:hover:bg-slate-800';
const INPUT =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';

/** i18n key suffixes: ids use "-", message keys cannot. */
const keyOf = (id: string) => id.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

function errorText(t: Translate, vendorName: string, error: EscalationCaseError): string {
  switch (error.code) {
    case 'ticket-ref-empty':
      return t('escErr_ticketRefEmpty');
    case 'ticket-ref-format':
      return t('escErr_ticketRefFormat', [vendorName, 'example' in error ? (error.example ?? '') : '']);
    case 'confirm-fix-first':
      return t('escErr_confirmFixFirst', vendorName);
    case 'closed-never-reopened':
      return t('escErr_closedNeverReopened', vendorName);
    case 'empty-text':
      return t('escErr_emptyText');
    default:
      return t('escErr_other', error.message);
  }
}

/** `2025-03-31T09:00` in the agent's zone, for a datetime-local input. */
function localInputValue(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

export function EscalationPanel({
  api,
  vendor,
  draft,
  now,
  timeZone,
  copy,
  onOpenDraft,
}: EscalationPanelProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const [esc, setEsc] = useState<Escalation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ref, setRef] = useState('');
  const [entry, setEntry] = useState('');
  const [message, setMessage] = useState('');
  const [remindAt, setRemindAt] = useState('');
  const [copied, setCopied] = useState(false);

  // Over the sidebar's port a call can be lost (background restarted, no answer): say so.
  const lost = (e: unknown) => setError(t('escUnreachable', e instanceof Error ? e.message : String(e)));

  useEffect(() => {
    let current = true;
    const load = () =>
      void api.ensure(draft).then(
        (r) => {
          if (!current) return;
          if (r.ok) {
            setEsc(r.value);
            setRef((old) => (old === '' ? (r.value?.ticketRef ?? '') : old));
          } else setError(errorText(t, vendorDisplayName(vendor, locale), r.error));
        },
        (e: unknown) => current && lost(e),
      );
    load();
    const unwatch = api.watch(load);
    return () => {
      current = false;
      unwatch();
    };
    // The escalation restarts when the draft is handed over anew.
  }, [api, draft.id, draft.handedOverAt, draft.status]);

  if (!esc)
    return error ? (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    ) : null;
  const f = followUpOf(vendor);
  const state = escalationState(vendor, esc, now);
  const status = state.status;

  const run = (action: EscalationAction, after?: () => void) => {
    void api.act(draft.id, action, now).then((r: EscalationCaseResult<Escalation>) => {
      if (r.ok) {
        setEsc(r.value);
        setError(null);
        after?.();
      } else setError(errorText(t, vendorDisplayName(vendor, locale), r.error));
    }, lost);
  };

  const followUp = renderFollowUp(draft, esc, message, locale);
  const mailto = followUpMailto(vendor, followUp);
  const dueOutsideHours = state.firstResponseDueAt !== null && outsideHoursAdviceApplies(vendor, esc);
  const outsideGuidance = esc.levelId !== null ? vendor.sla.outsideHours?.[esc.levelId] : undefined;
  const newTicketOffered = !f.reopensClosed && state.role === 'closed';

  return (
    <section aria-labelledby={`${id}-h`} className="space-y-3" data-testid="escalation-panel">
      <h3 id={`${id}-h`} className="text-sm font-semibold">
        {t('escHeading')}
      </h3>

      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor={`${id}-ref`} className="text-sm font-medium">
            {t('escTicketRef')}
          </label>
          <div className="flex gap-1">
            <input
              id={`${id}-ref`}
              className={INPUT}
              value={ref}
              onChange={(e) => setRef(e.target.value)}
              {...(f.ticketRef ? { placeholder: f.ticketRef.example } : {})}
            />
            <button type="button" className={BUTTON} onClick={() => run({ type: 'set-ticket-ref', ref })}>
              {t('escSave')}
            </button>
          </div>
          {f.ticketRef && (
            <p className="text-xs text-slate-600 dark:text-slate-300">
              {t('escTicketRefHint', f.ticketRef.example)}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={`${id}-status`} className="text-sm font-medium">
            {t('escStatus')}
          </label>
          <select
            id={`${id}-status`}
            className={INPUT}
            value={esc.statusId}
            onChange={(e) => run({ type: 'set-status', statusId: e.target.value })}
          >
            {f.statuses.map((s) => (
              <option key={s.id} value={s.id}>
                {pick(s.label, locale)}
              </option>
            ))}
          </select>
        </div>
      </div>

      {status?.note && (
        <p className="text-xs text-slate-600 dark:text-slate-300">{pick(status.note, locale)}</p>
      )}
      {status && status.rules.length > 0 && (
        <ul
          className="rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-200"
          data-testid="status-rules"
        >
          {status.rules.map((r) => (
            <li key={r.id}>{pick(r.text, locale)}</li>
          ))}
        </ul>
      )}
      {newTicketOffered && (
        <button
          type="button"
          className={`${BUTTON} font-medium`}
          onClick={() =>
            void api.newTicketFrom(draft.id, locale).then((r) => {
              if (r.ok) onOpenDraft?.(r.value.id);
              else setError(errorText(t, vendorDisplayName(vendor, locale), r.error));
            }, lost)
          }
        >
          {t('followUpNewTicket')}
        </button>
      )}

      <div className="space-y-1 text-sm" data-testid="escalation-clocks" aria-live="polite">
        {state.firstResponseDueAt !== null ? (
          <p
            className={state.firstResponseOverdue ? 'font-semibold text-red-700 dark:text-red-400' : ''}
            data-testid="first-response-due"
          >
            {t('escFirstResponseDue', [
              formatWithZone(state.firstResponseDueAt, timeZone),
              formatCountdown(t, state.firstResponseDueAt, now),
            ])}
          </p>
        ) : esc.firstResponseAt !== null ? (
          <p>{t('escFirstResponseReceived', formatWithZone(new Date(esc.firstResponseAt), timeZone))}</p>
        ) : esc.firstResponseDueAt === null && !state.finished ? (
          <p>{t('escFirstResponseNone', vendorDisplayName(vendor, locale))}</p>
        ) : null}
        {dueOutsideHours && (
          <p className="text-amber-800 dark:text-amber-300">
            {t('escOutsideHours', vendorDisplayName(vendor, locale))}{' '}
            {outsideGuidance
              ? pick(outsideGuidance, locale)
              : vendor.channels.phone
                ? pick(vendor.channels.phone.note, locale)
                : ''}
          </p>
        )}
        {state.autoSolveAt !== null &&
          (state.autoSolved ? (
            <p>
              {t('escAutoSolved', [
                vendorDisplayName(vendor, locale),
                formatWithZone(state.autoSolveAt, timeZone),
              ])}
            </p>
          ) : (
            <p data-testid="auto-solve-at">
              {t('escAutoSolveAt', [
                formatWithZone(state.autoSolveAt, timeZone),
                formatCountdown(t, state.autoSolveAt, now),
              ])}
            </p>
          ))}
        {esc.remindAt !== null && <p>{t('reminderAt', formatWithZone(new Date(esc.remindAt), timeZone))}</p>}
      </div>

      {f.confirmFixBeforeSolved &&
        !state.finished &&
        (esc.history.some((e) => e.kind === 'fix-confirmed') ? (
          <p className="text-sm">{t('escFixConfirmed')}</p>
        ) : (
          <button type="button" className={BUTTON} onClick={() => run({ type: 'confirm-fix' })}>
            {t('escConfirmFix')}
          </button>
        ))}

      <div className="space-y-1">
        <label htmlFor={`${id}-entry`} className="text-sm font-medium">
          {t('escEntry')}
        </label>
        <textarea
          id={`${id}-entry`}
          className={INPUT}
          rows={3}
          value={entry}
          onChange={(e) => setEntry(e.target.value)}
        />
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={BUTTON}
            onClick={() => run({ type: 'note', text: entry }, () => setEntry(''))}
          >
            {t('escAddNote')}
          </button>
          <button
            type="button"
            className={BUTTON}
            onClick={() => run({ type: 'vendor-message', text: entry }, () => setEntry(''))}
          >
            {t('escAddVendorMessage')}
          </button>
          <button
            type="button"
            className={BUTTON}
            onClick={() => run({ type: 'our-reply', text: entry }, () => setEntry(''))}
          >
            {t('escAddOurReply')}
          </button>
        </div>
      </div>

      <div className="space-y-1">
        <label htmlFor={`${id}-remind`} className="text-sm font-medium">
          {t('reminderLabel')}
        </label>
        <div className="flex flex-wrap gap-2">
          <input
            id={`${id}-remind`}
            type="datetime-local"
            className={`${INPUT} w-auto`}
            value={remindAt}
            min={localInputValue(now)}
            onChange={(e) => setRemindAt(e.target.value)}
          />
          <button
            type="button"
            className={BUTTON}
            onClick={() => run({ type: 'remind-at', at: new Date(remindAt) })}
          >
            {t('reminderSet')}
          </button>
          {esc.remindAt !== null && (
            <button type="button" className={BUTTON} onClick={() => run({ type: 'remind-at', at: null })}>
              {t('reminderClear')}
            </button>
          )}
        </div>
      </div>

      <details className="space-y-1">
        <summary className="cursor-pointer text-sm font-medium">{t('followUpHeading')}</summary>
        <label htmlFor={`${id}-fu`} className="text-sm">
          {t('followUpMessage')}
        </label>
        <textarea
          id={`${id}-fu`}
          className={INPUT}
          rows={3}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
        <pre
          aria-label={t('followUpPreview')}
          tabIndex={0}
          className="whitespace-pre-wrap rounded border border-slate-300 bg-slate-50 p-2 text-xs dark:border-slate-600 dark:bg-slate-900"
        >
          {`${followUp.subject}\n\n${followUp.body}`}
        </pre>
        {f.followUpRules.map((r) => (
          <p key={r.id} className="text-xs text-slate-600 dark:text-slate-300">
            {pick(r.text, locale)}
          </p>
        ))}
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={BUTTON}
            onClick={() =>
              copy(`${followUp.subject}\n\n${followUp.body}`).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {t('followUpCopy')}
          </button>
          {mailto && (
            <a className={BUTTON} href={mailto}>
              {t('followUpEmail')}
            </a>
          )}
        </div>
        <p role="status" className="text-sm">
          {copied && t('followUpCopied')}
        </p>
      </details>

      <details>
        <summary className="cursor-pointer text-sm font-medium">{t('escHistory')}</summary>
        <ol className="space-y-1 text-sm" data-testid="escalation-history">
          {esc.history.map((e, i) => (
            <li key={i}>
              <span className="text-slate-600 dark:text-slate-300">
                {formatWithZone(new Date(e.at), timeZone)}
              </span>{' '}
              {e.kind === 'status'
                ? t(
                    'escEvent_status',
                    pick(f.statuses.find((s) => s.id === e.statusId)?.label, locale) || (e.statusId ?? ''),
                  )
                : e.kind === 'ticket-ref'
                  ? t('escEvent_ticketRef', e.text ?? '')
                  : t(`escEvent_${keyOf(e.kind)}`)}
              {e.text !== undefined && e.kind !== 'ticket-ref' && e.kind !== 'remind-at' && (
                <span className="block whitespace-pre-wrap pl-4">{e.text}</span>
              )}
            </li>
          ))}
        </ol>
      </details>

      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </section>
  );
}
