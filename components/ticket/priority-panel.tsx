/**
 * The priority, explained (DESIGN §2): problem kind + who is affected → the level the vendor's rubric
 * suggests, with the rubric sentence that decided it; the agent may override (kept in
 * `priorityOverride`). Then the vendor's response clock from now, and what to do outside its hours.
 */
import { DateTime } from 'luxon';
import { useId } from 'react';
import type { Draft } from '../../lib/escalation/draft';
import {
  effectivePriority,
  problemKindsOf,
  resolveAxis,
  scopesOf,
  severitiesOf,
  severityMatters,
} from '../../lib/escalation/priority';
import { clockStart, responseDue } from '../../lib/escalation/sla';
import type { AxisOption, VendorProfile } from '../../lib/escalation/vendor-profile';
import { vendorDisplayName } from '../../lib/escalation/vendors';
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
  draft: Pick<Draft, 'problemKind' | 'scope' | 'severity' | 'priorityOverride'> & Partial<Pick<Draft, 'handedOverAt'>>;
  onChange: (patch: Partial<Pick<Draft, 'problemKind' | 'scope' | 'severity' | 'priorityOverride'>>) => void;
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
  const fieldMark: Record<string, string> = compact ? { 'data-quick-field': '' } : {};
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
        {/* Issue 16: the vendor's own problem kinds, scopes and severities (vendor profile data). */}
        <AxisSelect
          id={`${id}-kind`}
          label={t('tkProblemKind')}
          options={problemKindsOf(vendor)}
          value={resolveAxis(problemKindsOf(vendor), draft.problemKind)}
          onChange={(v) => onChange({ problemKind: v })}
          fieldMark={fieldMark}
        />
        <AxisSelect
          id={`${id}-scope`}
          label={t('tkScope')}
          options={scopesOf(vendor)}
          value={resolveAxis(scopesOf(vendor), draft.scope)}
          onChange={(v) => onChange({ scope: v })}
          fieldMark={fieldMark}
        />
        {(severityMatters(vendor, draft) || resolveAxis(severitiesOf(vendor), draft.severity) !== null) && (
          <AxisSelect
            id={`${id}-severity`}
            label={t('rubricSeverity')}
            options={severitiesOf(vendor)}
            value={resolveAxis(severitiesOf(vendor), draft.severity)}
            onChange={(v) => onChange({ severity: v })}
            fieldMark={fieldMark}
          />
        )}
      </div>
      <p className="text-sm" data-testid="priority-suggestion" aria-live="polite">
        {s.levelId !== null
          ? t('tkSuggested', [
              suggestedLevel ? pick(suggestedLevel.label, locale) : s.levelId,
              vendorDisplayName(vendor, locale),
              pick(s.sentence, locale),
            ])
          : s.reason === 'severity-missing'
            ? t('rubricNoSuggestionSeverity')
            : t(`tkNoSuggestion_${keyOf(s.reason)}`, vendorDisplayName(vendor, locale))}
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
              {(!due.withinHours || due.crossesClosing) && (
                <p role="note" className="font-medium text-amber-800 dark:text-amber-300">
                  {due.guidance
                    ? pick(due.guidance, locale)
                    : t(due.withinHours ? 'outsideHoursDuePastClosing' : 'tkOutsideHours')}
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

/** One rubric axis as a select of the vendor's choices, in the agent's language. */
function AxisSelect(props: {
  id: string;
  label: string;
  options: readonly AxisOption[];
  value: string | null;
  onChange: (value: string | null) => void;
  fieldMark: Record<string, string>;
}) {
  const { t, locale } = useI18n();
  return (
    <div>
      <label htmlFor={props.id} className="text-sm font-medium">
        {props.label}
      </label>
      <select
        id={props.id}
        {...props.fieldMark}
        className={SELECT}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">{t('tkChoose')}</option>
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {pick(o.label, locale)}
          </option>
        ))}
      </select>
    </div>
  );
}
