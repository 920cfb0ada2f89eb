/**
 * Wording of the escalation clocks (issue 18): countdowns and due times in the agent's zone, through i18n.
 */
import { countdown } from '../../lib/escalation/board';
import type { Translate } from '../i18n';

/** "in 1 d 2 h 34 min" / "overdue by 3 h 5 min" (overdue from the due instant on). */
export function formatCountdown(t: Translate, dueAt: Date, now: Date): string {
  const c = countdown(dueAt, now);
  const span =
    c.days > 0
      ? t('escDuration', [String(c.days), String(c.hours), String(c.minutes)])
      : t('escDurationHours', [String(c.hours), String(c.minutes)]);
  return c.past ? t('escOverdueBy', span) : t('escIn', span);
}
