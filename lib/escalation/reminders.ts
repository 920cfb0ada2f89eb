/**
 * Reminders of open escalations (issue 18), as a plan computed from the stored escalations and the clock —
 * never kept only in the browser's alarms, so a browser restart or an extension update recomputes the
 * same plan from the database. Three kinds:
 * - `first-response-overdue`: at the first-response due instant, while the vendor has not answered;
 * - `status-reminder`: `remindAfterHours` into a status (seed 004: Pending, 48 of the 72 hours);
 * - `agent`: the time the agent picked ("remind me tomorrow 9:00").
 * Nothing for a solved or closed escalation (nor one the vendor solved automatically).
 */
import { escalationState, statusClockStart, type Escalation } from './escalation';
import type { VendorProfile } from './vendor-profile';

/** What a reminder is about. */
export type ReminderKind = 'first-response-overdue' | 'status-reminder' | 'agent';

/** One reminder. `key` is unique per escalation, kind and instant (a new Pending cycle is a new key). */
export interface Reminder {
  readonly key: string;
  readonly draftId: string;
  readonly kind: ReminderKind;
  readonly at: Date;
}

const HOUR_MS = 3_600_000;

/** Every reminder of `esc` (past and future); empty once it is finished. */
export function remindersOf(vendor: VendorProfile, esc: Escalation, now: Date): Reminder[] {
  const state = escalationState(vendor, esc, now);
  if (state.finished) return [];
  const out: Reminder[] = [];
  const add = (kind: ReminderKind, at: Date | null) => {
    if (at === null || Number.isNaN(at.getTime())) return;
    out.push({ key: `${esc.draftId}|${kind}|${at.toISOString()}`, draftId: esc.draftId, kind, at });
  };
  add('first-response-overdue', state.firstResponseDueAt);
  const hours = state.status?.remindAfterHours;
  if (hours !== undefined) {
    const start = statusClockStart(esc);
    if (start) add('status-reminder', new Date(start.getTime() + hours * HOUR_MS));
  }
  if (esc.remindAt !== null) add('agent', new Date(esc.remindAt));
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** What to do now: notify the reminders that are due and not yet notified; set alarms for the rest. */
export interface ReminderPlan {
  readonly notifyNow: readonly Reminder[];
  readonly alarms: readonly Reminder[];
}

/**
 * The plan for a set of escalations at `now`. `vendorOf` finds each escalation's profile (an escalation of
 * an unknown vendor gets no reminder rather than a wrong one).
 */
export function planReminders(
  escalations: readonly Escalation[],
  vendorOf: (vendorId: string) => VendorProfile | undefined,
  now: Date,
): ReminderPlan {
  const notifyNow: Reminder[] = [];
  const alarms: Reminder[] = [];
  for (const esc of escalations) {
    const vendor = vendorOf(esc.vendorId);
    if (!vendor) continue;
    for (const r of remindersOf(vendor, esc, now)) {
      if (r.at.getTime() <= now.getTime()) {
        if (!esc.notified.includes(r.key)) notifyNow.push(r);
      } else alarms.push(r);
    }
  }
  return { notifyNow, alarms };
}

/** The alarm name of a reminder and back: `esc|<key>`. */
export const ALARM_PREFIX = 'esc|';
/** The alarm name for `r`. */
export const alarmName = (r: Reminder): string => `${ALARM_PREFIX}${r.key}`;
/** The draft id an alarm or notification name is about, or null when it is not one of ours. */
export function draftIdOfAlarm(name: string): string | null {
  if (!name.startsWith(ALARM_PREFIX)) return null;
  const id = name.slice(ALARM_PREFIX.length).split('|')[0];
  return id !== undefined && id !== '' ? id : null;
}

/** How many escalations are overdue at `now` (the toolbar badge). */
export function overdueCount(
  escalations: readonly Escalation[],
  vendorOf: (vendorId: string) => VendorProfile | undefined,
  now: Date,
): number {
  let n = 0;
  for (const esc of escalations) {
    const vendor = vendorOf(esc.vendorId);
    if (vendor && escalationState(vendor, esc, now).overdue) n += 1;
  }
  return n;
}
