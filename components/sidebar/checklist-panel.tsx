/**
 * The first-line troubleshooting checklist of the case (seed 000: escalate once first-line
 * troubleshooting is done). Ticks are the caller's state (kept per case by the sidebar); the ticked
 * steps go into the escalation as "troubleshooting already done".
 */
import type { Checklist } from '../../lib/escalation/checklist';
import { pick, useI18n } from '../i18n';
import { focusRing, headingClass, mutedClass, sectionClass } from './ui';

/** Props of {@link ChecklistPanel}. */
export interface ChecklistPanelProps {
  checklist: Checklist;
  /** Ticked step ids. */
  done: readonly string[];
  onToggle: (stepId: string, done: boolean) => void;
  /** False while the stored ticks are loading (the boxes are disabled meanwhile). */
  ready?: boolean;
}

/** A fieldset of checkboxes, one per step, with the step's help as its description. */
export function ChecklistPanel({ checklist, done, onToggle, ready = true }: ChecklistPanelProps) {
  const { t, locale } = useI18n();
  const ticked = checklist.steps.filter((s) => done.includes(s.id)).length;
  return (
    <section aria-labelledby="sb-checklist-heading" className={sectionClass}>
      <h2 id="sb-checklist-heading" className={headingClass}>
        {t('sbChecklistTitle')}
      </h2>
      <fieldset>
        <legend className="text-sm">
          {pick(checklist.name, locale)} — {t('sbChecklistProgress', [String(ticked), String(checklist.steps.length)])}
        </legend>
        <ul className="mt-2 space-y-1 text-sm">
          {checklist.steps.map((step) => {
            const id = `sb-step-${step.id}`;
            return (
              <li key={step.id} className="flex items-start gap-2">
                <input
                  id={id}
                  type="checkbox"
                  className={`mt-0.5 h-4 w-4 shrink-0 ${focusRing}`}
                  checked={done.includes(step.id)}
                  disabled={!ready}
                  onChange={(e) => onToggle(step.id, e.target.checked)}
                  {...(step.help ? { 'aria-describedby': `${id}-help` } : {})}
                />
                <span>
                  <label htmlFor={id}>{pick(step.label, locale)}</label>
                  {step.help && (
                    <span id={`${id}-help`} className={`block text-xs ${mutedClass}`}>
                      {pick(step.help, locale)}
                    </span>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <p className={`mt-2 text-xs ${mutedClass}`}>{t('sbChecklistHint')}</p>
    </section>
  );
}
