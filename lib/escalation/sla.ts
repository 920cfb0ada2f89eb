/**
 * The SLA clock: when the vendor's first response is due for a ticket submitted at a given instant.
 * All calendar arithmetic goes through luxon in the vendor's IANA time zone, so weekends, time zones
 * and daylight-saving transitions are handled by the tz database, never by hand-written offsets.
 *
 * Elapsed targets (seed 000: 24 h) are real hours. Business minutes (seed 002: Critical, 30 minutes
 * during support hours) are real minutes that fall inside a support window of a working day: on a
 * day whose window contains a DST jump the window is an hour shorter or longer, as the clock on the
 * wall says. Public holidays are not modelled.
 */
import { DateTime } from 'luxon';
import type { LocalizedText, ResponseTarget, SupportHours, VendorProfile } from './vendor-profile';
import { minutesOfDay } from './vendor-profile';

/** When the first response is due, or that the vendor states no target for this level. */
export type ResponseDue =
  | {
      readonly kind: 'due';
      readonly dueAt: Date;
      readonly target: ResponseTarget;
      /** Whether the submission falls inside support hours (always true for a vendor without hours). */
      readonly withinHours: boolean;
      /**
       * Whether the due time falls on a later support day than the submission: submitted inside hours,
       * the clock runs past closing (issue 16: Critical at Friday 17:50 → due Monday 09:20).
       */
      readonly crossesClosing: boolean;
      /**
       * The vendor's advice for this level whenever the response will not come within the current support
       * session — submitted outside hours, or due past closing (seed 002: "For Critical issues outside
       * Support Hours, please use Phone.").
       */
      readonly guidance?: LocalizedText;
    }
  | { readonly kind: 'none'; readonly reason: 'no-target' | 'invalid-date' };

/** A support window of one day, as two instants. */
interface Window {
  readonly start: DateTime;
  readonly end: DateTime;
}

// Looking further than this for a working day means the schedule is unusable; the schema already
// requires at least one working day, so the bound is only a guard against an endless loop.
const MAX_DAYS = 3700;

function atTimeOfDay(day: DateTime, hhmm: string): DateTime {
  const minutes = minutesOfDay(hhmm);
  if (minutes === 24 * 60) return day.plus({ days: 1 }).startOf('day');
  // fromObject resolves the wall-clock time in the zone; a time inside a spring-forward gap is moved
  // forward by the gap, as luxon documents.
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone: day.zone },
  );
}

/** The support window of the local calendar day `day` (any time of that day), or null on a day off. */
function windowOn(hours: SupportHours, day: DateTime): Window | null {
  if (!hours.workingDays.includes(day.weekday)) return null;
  const midnight = day.startOf('day');
  return { start: atTimeOfDay(midnight, hours.start), end: atTimeOfDay(midnight, hours.end) };
}

/** Each day's window from the local day of `from` on, skipping days off. */
function* windowsFrom(hours: SupportHours, from: DateTime): Generator<Window> {
  let day = from.setZone(hours.timeZone).startOf('day');
  for (let i = 0; i < MAX_DAYS; i++) {
    const w = windowOn(hours, day);
    if (w) yield w;
    day = day.plus({ days: 1 }).startOf('day');
  }
}

/** True when `at` falls inside the vendor's support hours (start inclusive, end exclusive). */
export function isWithinSupportHours(hours: SupportHours, at: Date): boolean {
  const local = DateTime.fromJSDate(at, { zone: hours.timeZone });
  const w = windowOn(hours, local);
  return w !== null && local >= w.start && local < w.end;
}

/**
 * Business-minute targets count whole minutes of support time (seed 002: "30 minutes"), so the clock
 * starts at the next whole minute of the submission. Counting from the exact millisecond made a ticket
 * submitted at 17:30:00.001 with 18:00 closing spill 1 ms into the next morning: a due time that no
 * one can act on. All arithmetic below is in integer milliseconds, never fractions of a minute.
 */
function startOfClock(submittedAt: Date): number {
  return Math.ceil(submittedAt.getTime() / 60_000) * 60_000;
}

function addBusinessMinutes(hours: SupportHours, from: DateTime, minutes: number): DateTime | null {
  let remainingMs = Math.round(minutes * 60_000);
  for (const w of windowsFrom(hours, from)) {
    const begin = from > w.start ? from : w.start;
    if (begin >= w.end) continue;
    const availableMs = w.end.toMillis() - begin.toMillis();
    if (remainingMs <= availableMs) return begin.plus({ milliseconds: remainingMs });
    remainingMs -= availableMs;
  }
  return null;
}

function endOfSupportDay(hours: SupportHours, from: DateTime): DateTime | null {
  // Seed 002: same working day, or the next working day when created outside support hours. Before
  // opening time on a working day, that day's session is the next one, so it is due the same day.
  for (const w of windowsFrom(hours, from)) {
    if (w.end > from) return w.end;
  }
  return null;
}

/**
 * When the vendor's first response to a ticket of `levelId` submitted at `submittedAt` is due.
 * `{ kind: 'none' }` when the vendor states no target for the level (or the date is invalid).
 */
export function responseDue(vendor: VendorProfile, levelId: string, submittedAt: Date): ResponseDue {
  const target = Object.hasOwn(vendor.sla.responseTargets, levelId)
    ? vendor.sla.responseTargets[levelId]
    : undefined;
  if (!target) return { kind: 'none', reason: 'no-target' };
  if (Number.isNaN(submittedAt.getTime())) return { kind: 'none', reason: 'invalid-date' };
  const hours = vendor.sla.supportHours;
  const withinHours = hours ? isWithinSupportHours(hours, submittedAt) : true;

  let due: DateTime | null;
  if (target.kind === 'elapsed-hours') {
    due = DateTime.fromJSDate(submittedAt, { zone: 'utc' }).plus({ hours: target.hours });
  } else if (!hours) {
    // The schema refuses this combination; a profile built in code without parsing ends here.
    return { kind: 'none', reason: 'no-target' };
  } else {
    const from = DateTime.fromJSDate(submittedAt, { zone: hours.timeZone });
    due =
      target.kind === 'business-minutes'
        ? addBusinessMinutes(
            hours,
            DateTime.fromMillis(startOfClock(submittedAt), { zone: hours.timeZone }),
            target.minutes,
          )
        : endOfSupportDay(hours, from);
  }
  if (!due) return { kind: 'none', reason: 'no-target' };
  const crossesClosing =
    hours !== undefined &&
    withinHours &&
    !due.setZone(hours.timeZone).hasSame(DateTime.fromJSDate(submittedAt, { zone: hours.timeZone }), 'day');
  const guidanceText = withinHours && !crossesClosing ? undefined : vendor.sla.outsideHours?.[levelId];
  const guidance = guidanceText ? { guidance: guidanceText } : {};
  return { kind: 'due', dueAt: due.toJSDate(), target, withinHours, crossesClosing, ...guidance };
}

/**
 * The instant the response clock starts for a draft: its hand-over once handed over (issue 18: counting
 * from "now" kept a ticket reopened 30 h later forever in the future; seed 000's 24 h run from the
 * ticket), else `now` (an open draft previews the due time it would get if handed over now).
 */
export function clockStart(draft: { readonly handedOverAt: string | null }, now: Date): Date {
  if (draft.handedOverAt === null) return now;
  const at = new Date(draft.handedOverAt);
  return Number.isNaN(at.getTime()) ? now : at;
}
