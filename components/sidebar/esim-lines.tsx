/**
 * The subscriber's eSIM lines as the page shows them: line name, ICCID (grouped, copyable), IMSI
 * profile, status, and each plan with where it is in its life (seed 001: plans are one-off, activate
 * in the destination, last 30 days), newest first. An ICCID that failed validation is flagged and
 * never offered for copy or escalation (DESIGN §2: never "fix" a bad check digit).
 */
import { planLife, sortPlansNewestFirst, type Catalog, type PlanLife } from '../../lib/catalog';
import type { PageEsim, PagePlan } from '../../lib/portal/page-context';
import { formatIccid } from '../../lib/telecom/iccid';
import { useI18n, type Locale, type Translate } from '../i18n';
import { CopyButton, type CopyText } from './copy-button';
import { buttonClass, headingClass, mutedClass, sectionClass } from './ui';

/** Props of {@link EsimLines}. */
export interface EsimLinesProps {
  esims: readonly PageEsim[];
  catalog: Catalog;
  /** The clock plan lives are computed against (tests pin it). */
  now: Date;
  /** Zone of the portal's dates without offset (issue 16): the profile's, else the browser's. */
  timeZone?: string;
  /** Starts (or reopens) the escalation about this ICCID; absent = no buttons. */
  onEscalate?: (iccid: string) => void;
  busy?: boolean;
  copy?: CopyText;
}

/** A date for people, in the agent's language; the raw text when it does not parse. */
export function formatDate(iso: string, locale: Locale): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}

/** The translated life of a plan (the lib's `reason` is the English fallback). */
export function planLifeText(life: PlanLife, t: Translate, locale: Locale): string {
  const days = String(life.validityDays);
  switch (life.code) {
    case 'not-activated':
    case 'activates-later':
      return t('sbPlanLifePending', days);
    case 'active':
      return (life.daysLeft ?? 0) >= 1
        ? t('sbPlanLifeActiveDays', String(life.daysLeft ?? 0))
        : t('sbPlanLifeActiveHours', String(life.hoursLeft ?? 0));
    case 'active-no-dates':
      return t('sbPlanLifeActiveNoDates');
    case 'expired':
    case 'portal-says-expired':
      // The portal's last day (issue 16), so the badge names the date the portal line shows.
      if (life.lastDay) return t('sbPlanLifeExpiredOn', formatDate(`${life.lastDay}T00:00:00Z`, locale));
      return life.expiresAt ? t('sbPlanLifeExpiredOn', formatDate(life.expiresAt, locale)) : t('sbPlanLifeExpired');
    case 'unreadable-date':
      return t('sbPlanLifeUnreadable');
    case 'no-information':
      return t('sbPlanLifeUnknown');
  }
}

const LIFE_STYLE: Record<PlanLife['state'], string> = {
  'pending-activation': 'bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100',
  active: 'bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100',
  expired: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
  unknown: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
};

function PlanItem({ plan, catalog, now, timeZone }: { plan: PagePlan; catalog: Catalog; now: Date; timeZone: string }) {
  const { t, locale } = useI18n();
  const life = planLife(plan, now, catalog, { timeZone });
  const dates = [
    plan.activatedAt ? t('sbPlanActivated', plan.activatedAt) : null,
    plan.expiresAt ? t('sbPlanExpires', plan.expiresAt) : null,
  ].filter((x): x is string => x !== null);
  return (
    <li className="rounded border border-slate-200 px-2 py-1 dark:border-slate-700">
      <div className="flex flex-wrap items-baseline justify-between gap-x-2">
        <span className="font-medium">{plan.name}</span>
        <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${LIFE_STYLE[life.state]}`}>
          {planLifeText(life, t, locale)}
        </span>
      </div>
      <div className={`text-xs ${mutedClass}`}>
        {[plan.region, plan.state, ...dates].filter((x) => x !== undefined && x !== '').join(' · ')}
      </div>
    </li>
  );
}

function EsimItem({ esim, index, catalog, now, timeZone, onEscalate, busy, copy }: EsimLinesProps & { esim: PageEsim; index: number }) {
  const { t } = useI18n();
  const name = esim.lineName?.trim() || t('sbUnnamedLine', String(index + 1));
  const headingId = `sb-esim-${index}`;
  const plans = sortPlansNewestFirst(esim.plans);
  return (
    <li>
      <article aria-labelledby={headingId} className="rounded border border-slate-200 p-2 dark:border-slate-700">
        <h3 id={headingId} className="font-semibold">
          {name}
        </h3>
        <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className={mutedClass}>{t('sbIccid')}</dt>
          <dd>
            {esim.iccid !== undefined ? (
              <span className="flex flex-wrap items-center gap-2">
                <span className="font-mono" data-esim-iccid={esim.iccid}>
                  {formatIccid(esim.iccid)}
                </span>
                <CopyButton text={esim.iccid} label={t('sbCopyIccid', [formatIccid(esim.iccid), name])} {...(copy ? { copy } : {})} />
              </span>
            ) : esim.invalidIccid !== undefined ? (
              <span role="note" className="text-red-800 dark:text-red-300">
                <span className="font-mono line-through">{esim.invalidIccid}</span> {t('sbInvalidIccid')}
              </span>
            ) : (
              <span className={mutedClass}>{t('sbNotShown')}</span>
            )}
          </dd>
          <dt className={mutedClass}>{t('sbImsiProfile')}</dt>
          <dd>{esim.imsiProfile === undefined ? <span className={mutedClass}>{t('sbNotShown')}</span> : String(esim.imsiProfile)}</dd>
          <dt className={mutedClass}>{t('sbStatus')}</dt>
          <dd>{esim.status ?? <span className={mutedClass}>{t('sbNotShown')}</span>}</dd>
        </dl>
        <h4 className="mt-2 text-sm font-medium">{t('sbPlansTitle', String(plans.length))}</h4>
        {plans.length === 0 ? (
          <p className={`text-sm ${mutedClass}`}>{t('sbNoPlans')}</p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm" aria-label={t('sbPlansOf', name)}>
            {plans.map((plan, i) => (
              <PlanItem
                key={`${plan.name}-${i}`}
                plan={plan}
                catalog={catalog}
                now={now}
                timeZone={timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}
              />
            ))}
          </ul>
        )}
        {onEscalate && esim.iccid !== undefined && (
          <div className="mt-2">
            <button
              type="button"
              className={buttonClass}
              disabled={busy}
              aria-label={t('sbEscalateEsim', name)}
              onClick={() => onEscalate(esim.iccid!)}
            >
              {t('sbEscalate')}
            </button>
          </div>
        )}
      </article>
    </li>
  );
}

/** The eSIM lines section. */
export function EsimLines(props: EsimLinesProps) {
  const { t } = useI18n();
  const { esims } = props;
  return (
    <section aria-labelledby="sb-esims-heading" className={sectionClass}>
      <h2 id="sb-esims-heading" className={headingClass}>
        {t('sbEsimsTitle', String(esims.length))}
      </h2>
      {esims.length === 0 ? (
        <p className="text-sm">{t('sbNoEsims')}</p>
      ) : (
        <ul className="space-y-2" aria-label={t('sbEsimListLabel')}>
          {esims.map((esim, index) => (
            <EsimItem key={esim.iccid ?? `${index}`} {...props} esim={esim} index={index} />
          ))}
        </ul>
      )}
    </section>
  );
}
