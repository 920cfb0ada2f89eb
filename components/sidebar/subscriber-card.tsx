/**
 * The subscriber as the portal page shows it, with the complimentary-eSIM verdict of Add line
 * (seed 001: "make sure the customer has an unlimited all plan, or an unlimited bundle for every
 * complimentary eSIM that is shared"). Page text is rendered as text only.
 */
import type { ReactNode } from 'react';
import { checkAddLine, type AddLineVerdict, type Catalog } from '../../lib/catalog';
import type { PageEsim, PageSubscriber } from '../../lib/portal/page-context';
import { useI18n, type Translate } from '../i18n';
import { headingClass, mutedClass, primaryButtonClass, sectionClass } from './ui';

/** Props of {@link SubscriberCard}. */
export interface SubscriberCardProps {
  subscriber: PageSubscriber;
  esims: readonly PageEsim[];
  catalog: Catalog;
  /** Starts (or reopens) the escalation about this subscriber; absent = no button. */
  onEscalate?: () => void;
  busy?: boolean;
}

/** The translated sentence of an Add line verdict (the lib's `reason` is the English fallback). */
export function eligibilityText(verdict: AddLineVerdict, planType: string | undefined, t: Translate): string {
  const n = (v: number | undefined) => String(v ?? 0);
  switch (verdict.code) {
    case 'unlimited-all':
      return t('sbAddLine_unlimited_all', planType ?? '');
    case 'enough-bundles':
      return t('sbAddLine_enough_bundles', [n(verdict.bundlesHeld), n(verdict.esimsShared)]);
    case 'not-enough-bundles':
      return t('sbAddLine_not_enough_bundles', [planType ?? '', n(verdict.bundlesHeld), n(verdict.bundlesMissing)]);
    case 'no-plan-info':
      return t('sbAddLine_no_plan_info');
    case 'plan-type-unknown':
      return t('sbAddLine_plan_type_unknown', [n(verdict.bundlesHeld), n(verdict.bundlesMissing)]);
    case 'esim-count-unknown':
      return t('sbAddLine_esim_count_unknown', n(verdict.bundlesHeld));
  }
}

const STATUS_STYLE: Record<AddLineVerdict['status'], string> = {
  eligible: 'bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100',
  'not-eligible': 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100',
  unknown: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
};

const STATUS_KEY: Record<AddLineVerdict['status'], string> = {
  eligible: 'sbEligible',
  'not-eligible': 'sbNotEligible',
  unknown: 'sbEligibilityUnknown',
};

/** Subscriber name/id, plan type, unlimited bundles and complimentary-eSIM eligibility. */
export function SubscriberCard({ subscriber, esims, catalog, onEscalate, busy = false }: SubscriberCardProps) {
  const { t } = useI18n();
  const verdict = checkAddLine({ subscriber: { ...subscriber, esims }, catalog });
  const notShown = <span className={mutedClass}>{t('sbNotShown')}</span>;
  const rows: Array<[string, ReactNode]> = [
    [t('sbSubscriberName'), subscriber.name ?? notShown],
    [t('sbSubscriberId'), subscriber.id ?? notShown],
    [t('sbPlanType'), subscriber.planType ?? notShown],
    [t('sbUnlimitedBundles'), subscriber.unlimitedBundles === undefined ? notShown : String(subscriber.unlimitedBundles)],
  ];
  if (subscriber.location) rows.push([t('sbLocation'), subscriber.location]);
  return (
    <section aria-labelledby="sb-subscriber-heading" className={sectionClass}>
      <h2 id="sb-subscriber-heading" className={headingClass}>
        {t('sbSubscriberCardTitle')}
      </h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className={mutedClass}>{label}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-3 text-sm" aria-labelledby="sb-eligibility-heading" role="group">
        <h3 id="sb-eligibility-heading" className="font-medium">
          {t('sbEligibilityTitle')}{' '}
          <span className={`ml-1 rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_STYLE[verdict.status]}`}>
            {t(STATUS_KEY[verdict.status])}
          </span>
        </h3>
        <p className="mt-1">{eligibilityText(verdict, subscriber.planType?.trim(), t)}</p>
      </div>
      {onEscalate && (
        <div className="mt-3">
          <button type="button" className={primaryButtonClass} onClick={onEscalate} disabled={busy}>
            {t('sbEscalateSubscriber')}
          </button>
        </div>
      )}
    </section>
  );
}
