/**
 * Issue 17, one place per piece of evidence: the vendor's screenshot and API-call items are filled by
 * the evidence section (files, captures, recorded calls), so the form shows where they are and how many
 * there are instead of a second, free-text box for the same thing.
 */
import type { CompletenessItem } from '../../lib/escalation/completeness';
import type { VendorField } from '../../lib/escalation/vendor-profile';
import { pick, useI18n } from '../i18n';

export function EvidencePointer({ field, item, target }: { field: VendorField; item: CompletenessItem | undefined; target: string }) {
  const { t, locale } = useI18n();
  return (
    <div className="space-y-1" data-field-id={field.id}>
      <div className="flex items-baseline gap-2">
        <span className="text-sm font-medium">{pick(field.label, locale)}</span>
        <span className="text-xs text-slate-600 dark:text-slate-300">{field.required ? t('tkRequired') : t('tkOptional')}</span>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-300">
        {item?.status === 'present' ? t('evidenceKindInPanel') : t('evidenceKindAddInPanel')}{' '}
        <a href={`#${target}`} className="text-blue-700 underline dark:text-blue-300">
          {t('evidenceKindGoToPanel')}
        </a>
      </p>
    </div>
  );
}
