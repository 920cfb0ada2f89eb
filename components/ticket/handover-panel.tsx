/**
 * Handing the ticket over (DESIGN §1): the rendered ticket (the vendor's subject format, then every
 * field in the vendor's order), copied as plain text or Markdown, an e-mail draft where the vendor takes
 * new tickets by e-mail, the vendor's web form, and "mark as handed over". A warning names the gaps when
 * required items are missing — the agent may still hand over (vendors accept partial tickets, seed 000).
 */
import { useEffect, useState } from 'react';
import type { CompletenessReport } from '../../lib/escalation/completeness';
import type { Draft } from '../../lib/escalation/draft';
import {
  mailtoUrl,
  renderTicket,
  type ApiCallEvidence,
  type AttachmentRef,
} from '../../lib/escalation/render';
import { ticketLocale, type TicketTranslate } from '../../lib/escalation/ticket-text';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import { vendorDisplayName } from '../../lib/escalation/vendors';
import { pick, useI18n } from '../i18n';
import { formatWithZone } from './priority-panel';

export interface HandoverPanelProps {
  vendor: VendorProfile;
  draft: Draft;
  report: CompletenessReport;
  now: Date;
  timeZone: string;
  onMarkHandedOver: () => void;
  onReopen: () => void;
  /** Writes text to the clipboard; rejects when the browser refuses. */
  copy: (text: string) => Promise<void>;
  /** Evidence for the rendered ticket (issue 7: the evidence panel's API calls and files). */
  apiCalls?: readonly ApiCallEvidence[];
  attachments?: readonly AttachmentRef[];
}

const BUTTON =
  'rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-600 dark:hover:bg-slate-800';

export function HandoverPanel({
  vendor,
  draft,
  report,
  now,
  timeZone,
  onMarkHandedOver,
  onReopen,
  copy,
  apiCalls,
  attachments,
}: HandoverPanelProps) {
  const { t, locale, loadLocale } = useI18n();
  const [copied, setCopied] = useState<'text' | 'markdown' | 'failed' | null>(null);
  // Issue 16: the ticket in the vendor's language (first of its profile's), the form in the agent's.
  const wanted = ticketLocale(vendor);
  const [other, setOther] = useState<{ locale: string; translate: TicketTranslate } | null>(null);
  useEffect(() => {
    if (wanted === locale || !loadLocale) return;
    let live = true;
    void loadLocale(wanted).then((translate) => {
      if (live && translate) setOther({ locale: wanted, translate });
    });
    return () => {
      live = false;
    };
  }, [wanted, locale, loadLocale]);
  // Until the vendor's language is loaded (or where it cannot be), the agent's own.
  const ticket =
    wanted !== locale && other?.locale === wanted
      ? { locale: wanted, translate: other.translate }
      : { locale, translate: t as TicketTranslate };
  const rendered = renderTicket(vendor, draft, { ...ticket, now, timeZone, apiCalls, attachments });
  const mailto = mailtoUrl(vendor, rendered);
  const gaps = report.items
    .filter((i) => i.required && i.status !== 'present')
    .map((i) => pick(i.label, locale));
  const invalid = report.items.filter((i) => i.status === 'invalid').map((i) => pick(i.label, locale));

  const doCopy = (kind: 'text' | 'markdown') => {
    copy(kind === 'text' ? rendered.text : rendered.markdown).then(
      () => setCopied(kind),
      () => setCopied('failed'),
    );
  };

  return (
    <section aria-labelledby="tk-handover" className="space-y-2">
      <h3 id="tk-handover" className="text-sm font-semibold">
        {t('tkHandoverHeading')}
      </h3>
      {(gaps.length > 0 || invalid.length > 0) && (
        <p
          className="rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-200"
          data-testid="handover-warning"
        >
          {gaps.length > 0 && t('tkGapsWarning', gaps.join(', '))}
          {invalid.length > 0 && <> {t('tkInvalidWarning', invalid.join(', '))}</>}
        </p>
      )}
      <pre
        aria-label={t('tkPreview')}
        tabIndex={0}
        className="max-h-64 overflow-auto whitespace-pre-wrap rounded border border-slate-300 bg-slate-50 p-2 text-xs text-slate-900 focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
        data-testid="ticket-preview"
      >
        {rendered.text}
      </pre>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={BUTTON} onClick={() => doCopy('text')}>
          {t('tkCopyText')}
        </button>
        <button type="button" className={BUTTON} onClick={() => doCopy('markdown')}>
          {t('tkCopyMarkdown')}
        </button>
        {mailto && (
          <a className={BUTTON} href={mailto}>
            {t('tkEmailDraft')}
          </a>
        )}
        {vendor.channels.webFormUrl && (
          <a className={BUTTON} href={vendor.channels.webFormUrl} target="_blank" rel="noreferrer noopener">
            {t('tkWebForm', vendorDisplayName(vendor, locale))}
          </a>
        )}
      </div>
      <p role="status" className="text-sm">
        {copied === 'text' && t('tkCopiedText')}
        {copied === 'markdown' && t('tkCopiedMarkdown')}
        {copied === 'failed' && t('tkCopyFailed')}
      </p>
      {vendor.channels.phone && (
        <p className="text-xs text-slate-600 dark:text-slate-300">
          {pick(vendor.channels.phone.note, locale)}
        </p>
      )}
      {draft.status === 'open' ? (
        <button type="button" className={`${BUTTON} font-medium`} onClick={onMarkHandedOver}>
          {t('tkMarkHandedOver')}
        </button>
      ) : (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span>
            {t(
              'tkHandedOverAt',
              draft.handedOverAt ? formatWithZone(new Date(draft.handedOverAt), timeZone) : '—',
            )}
          </span>
          <button type="button" className={BUTTON} onClick={onReopen}>
            {t('tkReopen')}
          </button>
        </div>
      )}
    </section>
  );
}
