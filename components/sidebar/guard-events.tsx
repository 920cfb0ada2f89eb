/**
 * What the Add plan / Add line guard did on this page (blocked, overridden by the agent, warned,
 * remedy applied), newest first, with when. The content script records them in `context.guardEvents`.
 */
import type { GuardEvent } from '../../lib/portal/page-context';
import { formatIccid } from '../../lib/telecom/iccid';
import { useI18n, type Locale } from '../i18n';
import { headingClass, mutedClass, sectionClass } from './ui';

const KIND_KEY: Record<GuardEvent['kind'], string> = {
  blocked: 'sbGuardBlocked',
  override: 'sbGuardOverride',
  warned: 'sbGuardWarned',
  'remedy-applied': 'sbGuardRemedyApplied',
};

const KIND_STYLE: Record<GuardEvent['kind'], string> = {
  blocked: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100',
  override: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  warned: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  'remedy-applied': 'bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100',
};

/** A time of day (and date) in the agent's language and zone; the raw text when it does not parse. */
export function formatTime(at: string, locale: Locale, timeZone?: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(date);
}

/** Props of {@link GuardEvents}. */
export interface GuardEventsProps {
  events: readonly GuardEvent[];
  /** Time zone of the displayed times (tests pin it); the agent's by default. */
  timeZone?: string;
}

/** The guard's log for this page; renders nothing when there is none. */
export function GuardEvents({ events, timeZone }: GuardEventsProps) {
  const { t, locale } = useI18n();
  if (events.length === 0) return null;
  const sorted = [...events].sort((a, b) => (Date.parse(b.at) || 0) - (Date.parse(a.at) || 0));
  return (
    <section aria-labelledby="sb-guard-heading" className={sectionClass}>
      <h2 id="sb-guard-heading" className={headingClass}>
        {t('sbGuardTitle', String(events.length))}
      </h2>
      <ul className="space-y-2 text-sm">
        {sorted.map((e, i) => (
          <li key={`${e.at}-${i}`} className="rounded border border-slate-200 p-2 dark:border-slate-700">
            <div className="flex flex-wrap items-baseline gap-2">
              <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${KIND_STYLE[e.kind]}`}>{t(KIND_KEY[e.kind])}</span>
              <span className="font-medium">{t(e.form === 'add-plan' ? 'sbGuardFormAddPlan' : 'sbGuardFormAddLine')}</span>
              <time dateTime={e.at} className={`text-xs ${mutedClass}`}>
                {formatTime(e.at, locale, timeZone)}
              </time>
            </div>
            {(e.planName || e.iccid) && (
              <div className={`text-xs ${mutedClass}`}>
                {[e.planName, e.iccid ? formatIccid(e.iccid) : undefined].filter(Boolean).join(' · ')}
              </div>
            )}
            <p className="mt-1">{e.reason}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
