/**
 * The priority, explained (DESIGN §2): problem kind + who is affected → the level the vendor's rubric
 * suggests, with the rubric sentence that decided it; the agent may override (kept in
 * `priorityOverride`). Then the vendor's response clock from now, and what to do outside its hours.
 */
import { DateTime } from 'luxon';
import { useId } from 'react';
import {
  ProblemKindSchema,
  ScopeSchema,
  type Draft,
  type ProblemKind,
  type Scope,
} from '../../lib/escalation/draft';
import { effectivePriority } from '../../lib/escalation/priority';
import { clockStart, responseDue } from '../../lib/escalation/sla';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import { pick, useI18n } from '../i18n';

const SELECT =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';

/** i18n key suffixes: ids use "-", message keys cannot. */
const keyOf = (id: string) => id.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** `2025-03-31 09:20 (Europe/Paris, UTC+02:00)`: the agent's time, with the zone named. */
export function formatWithZone(at: Date, timeZone: string): string {
  let local = DateTime.fromJSDate(at, { zone: timeZone });
  if (!local.isValid) local = DateTime.fromJSDate(at, { zone: 'utc' });
  return `${local.toFormat('yyyy-MM-dd HH:mm')} (${local.zoneName}, UTC${local.toFormat('ZZ')})`;
}

export interface PriorityPanelProps {
  vendor: VendorProfile;
  draft: Pick<Draft, 'problemKind' | 'scope' | 'priorityOverride'> & Partial<Pick<Draft, 'handedOverAt'>>;
  onChange: (patch: Partial<Pick<Draft, 'problemKind' | 'scope' | 'priorityOverride'>>) => void;
  now: Date;
  timeZone: string;
  /** Compact (popup): no SLA block. */
  compact?: boolean;
  /** Label of the override select (the popup names it exactly "Priority"). */
  priorityLabel?: string;
}

export function PriorityPanel({
  vendor,
  draft,
  onChange,
  now,
  timeZone,
  compact,
  priorityLabel,
}: PriorityPanelProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const p = effectivePriority(vendor, draft);
  const s = p.suggestion;
  const suggestedLevel =
    s.levelId !== null ? vendor.priority.levels.find((l) => l.id === s.levelId) : undefined;
  // The popup walks its fields with Enter: it finds them by this attribute.
  const fieldMark = compact ? { 'data-quick-field': '' } : {};
  // Issue 18: once handed over, the clock runs from the hand-over, not from now.
  const due =
    p.levelId !== null
      ? responseDue(vendor, p.levelId, clockStart({ handedOverAt: draft.handedOverAt ?? null }, now))
      : null;

  return (
    <section aria-labelledby={compact ? undefined : `${id}-h`} className="space-y-2">
      {!compact && (
        <h3 id={`${id}-h`} className="text-sm font-semibold">
          {t('tkPriorityHeading')}
        </h3>
      )}
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor={`${id}-kind`} className="text-sm font-medium">
            {t('tkProblemKind')}
          </label>
          <select
            id={`${id}-kind`}
            {...fieldMark}
            className={SELECT}
            value={draft.problemKind ?? ''}
            onChange={(e) =>
              onChange({ problemKind: e.target.value === '' ? null : (e.target.value as ProblemKind) })
            }
          >
            <option value="">{t('tkChoose')}</option>
            {ProblemKindSchema.options.map((k) => (
              <option key={k} value={k}>
                {t(`tkKind_${keyOf(k)}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-scope`} className="text-sm font-medium">
            {t('tkScope')}
          </label>
          <select
            id={`${id}-scope`}
            {...fieldMark}
            className={SELECT}
            value={draft.scope ?? ''}
            onChange={(e) => onChange({ scope: e.target.value === '' ? null : (e.target.value as Scope) })}
          >
            <option value="">{t('tkChoose')}</option>
            {ScopeSchema.options.map((k) => (
              <option key={k} value={k}>
                {t(`tkScope_${keyOf(k)}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="text-sm" data-testid="priority-suggestion" aria-live="polite">
        {s.levelId !== null
          ? t('tkSuggested', [
              suggestedLevel ? pick(suggestedLevel.label, locale) : s.levelId,
              vendor.name,
              pick(s.sentence, locale),
            ])
          : t(`tkNoSuggestion_${keyOf(s.reason)}`, vendor.name)}
      </p>
      <div>
        <label htmlFor={`${id}-level`} className="text-sm font-medium">
          {priorityLabel ?? t('tkPriorityLevel')}
        </label>
        <select
          id={`${id}-level`}
          {...fieldMark}
          data-has-default=""
          className={SELECT}
          value={p.source === 'override' ? (p.levelId ?? '') : ''}
          onChange={(e) => onChange({ priorityOverride: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">
            {suggestedLevel ? t('tkUseSuggestion', pick(suggestedLevel.label, locale)) : t('tkChoose')}
          </option>
          {vendor.priority.levels.map((l) => (
            <option key={l.id} value={l.id}>
              {pick(l.label, locale)}
            </option>
          ))}
        </select>
        {p.level && (
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
            {p.source === 'override' && <>{t('tkOverridden')} </>}
            {pick(p.level.definition, locale)}
            {p.level.note && <> {pick(p.level.note, locale)}</>}
          </p>
        )}
      </div>
      {!compact && (
        <div className="text-sm" data-testid="sla">
          {due?.kind === 'due' ? (
            <>
              <p>{t('tkResponseDue', formatWithZone(due.dueAt, timeZone))}</p>
              {!due.withinHours && (
                <p role="note" className="font-medium text-amber-800 dark:text-amber-300">
                  {due.guidance ? pick(due.guidance, locale) : t('tkOutsideHours')}
                </p>
              )}
            </>
          ) : (
            <p>{p.levelId === null ? t('tkNoDueWithoutPriority') : t('tkNoResponseTarget')}</p>
          )}
          {vendor.sla.note && (
            <p className="text-xs text-slate-600 dark:text-slate-300">{pick(vendor.sla.note, locale)}</p>
          )}
        </div>
      )}
    </section>
  );
}
