/**
 * Where a plan on an eSIM is in its life. seed 001: international plans "are all one-off things.
 * They don't renew. A plan will activate automatically when the phone is in the international
 * location. […] Each plan lasts 30 days from when it is activated." So a plan is pending until the
 * phone joins a network in the destination, then active for its validity, then expired for good.
 *
 * Dates without an offset are read in the portal's time zone (issue 16: the portal profile names it,
 * else the shell passes the agent's browser zone; UTC only when nobody says); a date without a time
 * is the start of that day for an activation and the END of that day for an expiry (a plan
 * "expiring 31 March" is still usable on 31 March).
 */
import { DateTime, IANAZone } from 'luxon';
import type { PagePlan } from '../portal/page-context';
import { findPlan } from './match';
import { valueStateOf } from './value-words';
import { DEFAULT_VALIDITY_DAYS, type Catalog } from './schema';

/** Stable codes of {@link planLife} (the UI translates them; `reason` is the English fallback). */
export type PlanLifeCode =
  | 'not-activated'
  | 'activates-later'
  | 'active'
  | 'active-no-dates'
  | 'expired'
  | 'portal-says-expired'
  | 'unreadable-date'
  | 'no-information';

/** Result of {@link planLife}. */
export interface PlanLife {
  readonly state: 'pending-activation' | 'active' | 'expired' | 'unknown';
  /** Whole days left (floor) while active. */
  readonly daysLeft?: number;
  /** Whole hours left in total (floor, not the remainder after `daysLeft`) while active. */
  readonly hoursLeft?: number;
  /** ISO 8601 UTC instant the plan ends (or ended), when known. */
  readonly expiresAt?: string;
  /**
   * The last day the plan is usable, `yyyy-MM-dd` in the portal's time zone: what the portal line
   * shows for a date-only expiry, so the badge agrees with it (issue 16: 2026-11-15, not Nov 16).
   */
  readonly lastDay?: string;
  /** Days the plan lasts once active, used when the page gives no expiry. */
  readonly validityDays: number;
  readonly code: PlanLifeCode;
  readonly reason: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type StateWord = 'pending' | 'active' | 'expired';

/**
 * Reads the portal's state label in any language of the shipped vocabulary (value-words.ts: English,
 * French, German, Spanish, Italian, Portuguese, Dutch). A cancelled plan is over: it reads as expired.
 */
export function classifyPlanState(state: string | undefined): StateWord | undefined {
  const word = valueStateOf(state);
  return word === 'cancelled' ? 'expired' : word;
}

type DateRead = { ok: true; at: DateTime | undefined } | { ok: false };

function readDate(text: string | undefined, role: 'start' | 'end', zone = 'utc'): DateRead {
  if (text === undefined || text.trim() === '') return { ok: true, at: undefined };
  const t = text.trim();
  // An offset in the text wins (setZone keeps it); otherwise the wall time is the portal's.
  let at = DateTime.fromISO(t, { zone, setZone: false });
  if (!at.isValid) at = DateTime.fromSQL(t, { zone });
  if (!at.isValid) return { ok: false };
  const dateOnly = /^\d{4}-?\d{2}-?\d{2}$/.test(t);
  if (dateOnly && role === 'end') at = at.plus({ days: 1 });
  return { ok: true, at };
}

function iso(dt: DateTime): string {
  return dt.toUTC().toISO() ?? dt.toString();
}

/**
 * The life of one plan at `now`. The page's expiry wins when it shows one; otherwise the plan
 * ends `validityDays` after activation: the catalog plan's value when the plan is found by name,
 * else 30 (seed 001). A plan is expired from the exact instant it reaches its end.
 * An explicit "expired" label from the portal is believed even before the computed end (a plan
 * can be used up); a "pending" label without an activation date means not activated yet.
 */
export function planLife(
  plan: PagePlan,
  now: Date,
  catalog?: Catalog,
  options: { readonly timeZone?: string } = {},
): PlanLife {
  const zone =
    options.timeZone !== undefined && IANAZone.isValidZone(options.timeZone) ? options.timeZone : 'utc';
  const life = planLifeIn(plan, now, catalog, zone);
  if (life.expiresAt === undefined) return life;
  // The last usable day: one millisecond before the end, on the portal's calendar.
  const last = DateTime.fromISO(life.expiresAt, { zone: 'utc' }).minus({ milliseconds: 1 }).setZone(zone);
  return { ...life, lastDay: last.toISODate() ?? undefined };
}

function planLifeIn(plan: PagePlan, now: Date, catalog: Catalog | undefined, zone: string): PlanLife {
  const validityDays =
    (catalog === undefined ? undefined : findPlan(catalog, plan.name))?.validityDays ?? DEFAULT_VALIDITY_DAYS;
  const base = { validityDays };
  const activated = readDate(plan.activatedAt, 'start', zone);
  const pageExpiry = readDate(plan.expiresAt, 'end', zone);
  if (!activated.ok || !pageExpiry.ok) {
    const field = activated.ok
      ? `expiry "${plan.expiresAt ?? ''}"`
      : `activation date "${plan.activatedAt ?? ''}"`;
    return {
      ...base,
      state: 'unknown',
      code: 'unreadable-date',
      reason: `The plan's ${field} is not a date we can read.`,
    };
  }
  const word = classifyPlanState(plan.state);
  const expiry = pageExpiry.at ?? activated.at?.plus({ days: validityDays });

  if (word === 'expired') {
    return {
      ...base,
      state: 'expired',
      code: 'portal-says-expired',
      reason: 'The portal shows this plan as expired; plans do not renew.',
      ...(expiry === undefined ? {} : { expiresAt: iso(expiry) }),
    };
  }
  if (activated.at === undefined && word === 'pending') {
    return {
      ...base,
      state: 'pending-activation',
      code: 'not-activated',
      reason: `Not activated yet: it activates when the phone joins a network in the destination, then lasts ${validityDays} days.`,
    };
  }
  if (expiry === undefined) {
    if (word === 'active') {
      return {
        ...base,
        state: 'active',
        code: 'active-no-dates',
        reason: 'The portal shows this plan as active but no activation or expiry date.',
      };
    }
    return {
      ...base,
      state: 'unknown',
      code: 'no-information',
      reason: 'The page shows no activation date, expiry or recognisable state for this plan.',
    };
  }
  const nowMs = now.getTime();
  if (activated.at !== undefined && nowMs < activated.at.toMillis()) {
    return {
      ...base,
      state: 'pending-activation',
      code: 'activates-later',
      reason: `The activation date is in the future; the plan then lasts ${validityDays} days.`,
      expiresAt: iso(expiry),
    };
  }
  const leftMs = expiry.toMillis() - nowMs;
  if (leftMs <= 0) {
    return {
      ...base,
      state: 'expired',
      code: 'expired',
      reason: 'The plan has reached its end date; plans do not renew.',
      expiresAt: iso(expiry),
    };
  }
  const daysLeft = Math.floor(leftMs / DAY_MS);
  const hoursLeft = Math.floor(leftMs / HOUR_MS);
  return {
    ...base,
    state: 'active',
    code: 'active',
    reason: daysLeft >= 1 ? `Active: ${daysLeft} day(s) left.` : `Active: ${hoursLeft} hour(s) left.`,
    daysLeft,
    hoursLeft,
    expiresAt: iso(expiry),
  };
}

/**
 * An eSIM's plans listed like a stack of top-ups (seed 001: "think about it like adding a lot of
 * top ups"): plans not yet activated on top (no activation date, labelled pending or not labelled;
 * page order), then activated plans newest activation first, then plans labelled active/expired
 * without a readable activation date (page order). Does not mutate.
 */
export function sortPlansNewestFirst<T extends PagePlan>(plans: readonly T[]): T[] {
  const keyed = plans.map((plan, index) => {
    const read = readDate(plan.activatedAt, 'start');
    const at = read.ok ? read.at?.toMillis() : undefined;
    const word = classifyPlanState(plan.state);
    // No activation date and no label saying otherwise: most likely waiting for the destination.
    const pending = at === undefined && (word === 'pending' || word === undefined);
    const group = pending ? 0 : at !== undefined ? 1 : 2;
    return { plan, index, group, at: at ?? 0 };
  });
  keyed.sort((a, b) => a.group - b.group || b.at - a.at || a.index - b.index);
  return keyed.map((k) => k.plan);
}
