/**
 * What the ticket still lacks for its vendor, with a count (DESIGN §1: shows what is still missing):
 * each field present, missing or invalid (an ICCID failing its check digit is invalid).
 */
import type { CompletenessItem, CompletenessReport } from '../../lib/escalation/completeness';
import { pick, useI18n, type Translate } from '../i18n';

/** The translated reason of an invalid or incomplete item (codes from lib/escalation/completeness). */
export function problemText(item: CompletenessItem, t: Translate): string {
  const code = item.code ?? '';
  if (code.startsWith('iccid-')) return t(`iccidError_${code.slice('iccid-'.length)}`);
  switch (code) {
    case 'required':
      return t('tkProblemRequired');
    case 'unknown-option':
      return t('tkProblemOption');
    case 'datetime':
      return t('tkProblemDatetime');
    case 'screenshot-tags':
      return t('tkProblemScreenshotTags');
    default:
      return item.message ?? '';
  }
}

const STATUS_CLASS: Record<CompletenessItem['status'], string> = {
  present: 'text-green-700 dark:text-green-400',
  missing: 'text-slate-600 dark:text-slate-300',
  invalid: 'text-red-700 dark:text-red-400',
};

export function CompletenessPanel({ report }: { report: CompletenessReport }) {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby="tk-completeness" className="space-y-2">
      <h3 id="tk-completeness" className="text-sm font-semibold">
        {t('tkCompletenessHeading')}
      </h3>
      <p role="status" className="text-sm" data-testid="completeness-count">
        {t('tkCompletenessCount', [String(report.requiredPresent), String(report.requiredTotal)])}
        {report.invalid > 0 && <> — {t('tkCompletenessInvalid', String(report.invalid))}</>}
      </p>
      <ul className="space-y-1 text-sm" aria-label={t('tkCompletenessList')}>
        {report.items.map((item) => (
          <li
            key={item.fieldId}
            data-field-id={item.fieldId}
            data-status={item.status}
            className="flex gap-2"
          >
            <span className={`w-20 shrink-0 font-medium ${STATUS_CLASS[item.status]}`}>
              {t(`tkStatus_${item.status}`)}
            </span>
            <span>
              {pick(item.label, locale)}
              {!item.required && (
                <span className="text-slate-600 dark:text-slate-300"> ({t('tkOptional')})</span>
              )}
              {item.status === 'invalid' && <> — {problemText(item, t)}</>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
