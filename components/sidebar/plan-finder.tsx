/**
 * The plan finder: the agent types where the customer is going (country, ISO code, English or French
 * name) or a plan name, and sees for each matching plan on which of the subscriber's eSIMs it can go —
 * or that it needs Add line, with the name to give the new line. seed 001: "Plans can only be added to
 * eSIMs with the matching IMSI profile"; the remedy is Add line, named after the destination.
 */
import { useId, useState } from 'react';
import { placementsFor, searchPlans, type Catalog, type Remedy } from '../../lib/catalog';
import type { PageEsim } from '../../lib/portal/page-context';
import { formatIccid } from '../../lib/telecom/iccid';
import { useI18n } from '../i18n';
import { focusRing, headingClass, mutedClass, sectionClass } from './ui';

/** Where the finder's catalog came from (the UI must say when it is example data). */
export type CatalogSource = 'stored' | 'example' | 'stored-invalid';

/** Props of {@link PlanFinder}. */
export interface PlanFinderProps {
  catalog: Catalog;
  source: CatalogSource;
  esims: readonly PageEsim[];
  /** Initial query (tests, or a destination the page names). */
  initialQuery?: string;
  /** At most this many plans are listed. */
  limit?: number;
}

function RemedyText({ remedy, alternative }: { remedy: Remedy; alternative: boolean }) {
  const { t } = useI18n();
  if (remedy.kind === 'use-other-esim') {
    return (
      <>
        {t('sbFinderOnEsim', remedy.lineName ?? t('sbFinderUnnamedEsim'))}{' '}
        <span className="font-mono whitespace-nowrap">{formatIccid(remedy.iccid)}</span>
      </>
    );
  }
  return <>{t(alternative ? 'sbFinderOrAddLine' : 'sbFinderAddLine', [remedy.lineName, String(remedy.profile)])}</>;
}

/** Search box + results table. */
export function PlanFinder({ catalog, source, esims, initialQuery = '', limit = 12 }: PlanFinderProps) {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState(initialQuery);
  const inputId = useId();
  const hintId = useId();
  const hits = searchPlans(catalog, query, { limit });
  return (
    <section aria-labelledby="sb-finder-heading" className={sectionClass}>
      <h2 id="sb-finder-heading" className={headingClass}>
        {t('sbFinderTitle')}
      </h2>
      {source !== 'stored' && (
        <p role="note" className="mb-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {source === 'stored-invalid' ? t('sbCatalogInvalid') : t('sbCatalogExample')}
        </p>
      )}
      {source === 'stored' && catalog.exampleData && (
        <p role="note" className="mb-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {t('sbCatalogExample')}
        </p>
      )}
      <label htmlFor={inputId} className="block text-sm font-medium">
        {t('sbFinderLabel')}
      </label>
      <input
        id={inputId}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-describedby={hintId}
        autoComplete="off"
        className={`mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 ${focusRing}`}
      />
      <p id={hintId} className={`mt-1 text-xs ${mutedClass}`}>
        {t('sbFinderHint')}
      </p>
      {query.trim() !== '' && hits.length === 0 && (
        <p role="status" className="mt-2 text-sm">
          {t('sbFinderNoMatch', query.trim())}
        </p>
      )}
      {hits.length > 0 && (
        <table className="mt-2 w-full border-collapse text-left text-sm">
          <caption className="sr-only">{t('sbFinderCaption', query.trim())}</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th scope="col" className="py-1 pr-2 font-medium">
                {t('sbFinderColPlan')}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t('sbFinderColWhere')}
              </th>
            </tr>
          </thead>
          <tbody>
            {hits.map(({ plan, country }) => {
              // seed 001: name the new line after the country they travel to, when the agent typed one.
              const { remedies, profileUnknown } = placementsFor(plan, esims, {
                lang: locale,
                ...(country === undefined ? {} : { destinations: [country] }),
              });
              const onEsims = remedies.filter((r) => r.kind === 'use-other-esim');
              return (
                <tr key={plan.id} className="border-b border-slate-100 align-top dark:border-slate-800">
                  <th scope="row" className="py-1 pr-2 font-normal">
                    <span className="font-medium">{plan.name}</span>
                    <span className={`block text-xs ${mutedClass}`}>
                      {t('sbFinderPlanMeta', [plan.region, String(plan.imsiProfile)])}
                    </span>
                  </th>
                  <td className="py-1">
                    <ul className="space-y-0.5">
                      {remedies.map((remedy) => (
                        <li key={remedy.kind === 'use-other-esim' ? remedy.iccid : 'add-line'}>
                          <RemedyText remedy={remedy} alternative={onEsims.length > 0} />
                        </li>
                      ))}
                      {profileUnknown.map((e, i) => (
                        <li key={`unknown-${i}`} className={mutedClass}>
                          {t('sbFinderProfileUnknown', e.lineName ?? t('sbFinderUnnamedEsim'))}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
