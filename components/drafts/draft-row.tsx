/**
 * One draft in a list: subject, ICCID, subscriber, vendor, status and how complete it is, as one
 * button that opens it. Shared by the drafts list and the popup's recent drafts.
 */
import { checkCompleteness } from '../../lib/escalation/completeness';
import type { Draft } from '../../lib/escalation/draft';
import { getVendor, vendorDisplayName } from '../../lib/escalation/vendors';
import { formatIccid } from '../../lib/telecom/iccid';
import { useI18n } from '../i18n';

/** "3/5": required items present out of required items, for the draft's vendor. */
export function completenessOf(draft: Draft): { present: number; total: number } {
  const vendor = getVendor(draft.vendorId);
  if (!vendor) return { present: 0, total: 0 };
  const report = checkCompleteness({ draft, vendor });
  return { present: report.requiredPresent, total: report.requiredTotal };
}

export function DraftRow({
  draft,
  onOpen,
  current,
}: {
  draft: Draft;
  onOpen: (id: string) => void;
  current?: boolean;
}) {
  const { t, locale } = useI18n();
  const vendor = getVendor(draft.vendorId);
  const { present, total } = completenessOf(draft);
  const title = draft.summary.trim() || t('drUntitled');
  return (
    <button
      type="button"
      onClick={() => onOpen(draft.id)}
      aria-current={current || undefined}
      data-draft-id={draft.id}
      className="w-full rounded border border-slate-200 px-2 py-1 text-left text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 aria-[current=true]:border-blue-500 dark:border-slate-700 dark:hover:bg-slate-800"
    >
      <span className="block font-medium">{title}</span>
      <span className="block text-xs text-slate-600 dark:text-slate-300">
        {[
          draft.iccid ? formatIccid(draft.iccid) : null,
          draft.subscriberName,
          (vendor ? vendorDisplayName(vendor, locale) : undefined) ?? draft.vendorId,
          t(`drStatus_${draft.status === 'handed-over' ? 'handedOver' : draft.status}`),
        ]
          .filter(Boolean)
          .join(' · ')}
      </span>
      <span className="block text-xs" data-testid="row-completeness">
        {t('drCompleteness', [String(present), String(total)])}
      </span>
    </button>
  );
}
