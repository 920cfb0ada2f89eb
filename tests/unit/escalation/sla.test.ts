import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isWithinSupportHours, responseDue } from '../../../lib/escalation/sla';
import { VendorProfileSchema, type VendorProfile } from '../../../lib/escalation/vendor-profile';
import { vendor } from './helpers';

/** An instant given as wall-clock time in a zone. */
const at = (local: string, zone: string) => DateTime.fromISO(local, { zone }).toJSDate();
const iso = (d: Date) => d.toISOString();

function dueAt(v: VendorProfile, level: string, submitted: Date): string {
  const due = responseDue(v, level, submitted);
  if (due.kind !== 'due') throw new Error(`no due date for ${level}`);
  return iso(due.dueAt);
}

describe('eSIM Go: 24 hours elapsed (seed 000)', () => {
  it.each([
    // Europe/London springs forward on Sunday 30 March 2025: 24 h later reads 13:00 on the wall.
    ['2025-03-29T12:00:00Z', '2025-03-30T12:00:00.000Z'],
    // … and falls back on Sunday 26 October 2025.
    ['2025-10-25T12:00:00Z', '2025-10-26T12:00:00.000Z'],
    // America/New_York springs forward on 9 March 2025.
    ['2025-03-08T23:30:00Z', '2025-03-09T23:30:00.000Z'],
    // Friday evening: nights and weekends count.
    ['2025-03-28T20:00:00Z', '2025-03-29T20:00:00.000Z'],
  ])('submitted %s → due %s', (submitted, due) => {
    const r = responseDue(vendor('esim-go'), 'urgent', new Date(submitted));
    expect(r).toMatchObject({ kind: 'due', withinHours: true, target: { kind: 'elapsed-hours', hours: 24 } });
    expect(r.kind === 'due' && iso(r.dueAt)).toBe(due);
    expect(r.kind === 'due' && r.guidance).toBeUndefined();
  });

  it('is 25 wall-clock hours across the spring-forward night in London', () => {
    const r = responseDue(vendor('esim-go'), 'low', at('2025-03-29T12:00', 'Europe/London'));
    const local =
      r.kind === 'due'
        ? DateTime.fromJSDate(r.dueAt, { zone: 'Europe/London' }).toFormat('yyyy-MM-dd HH:mm')
        : '';
    expect(local).toBe('2025-03-30 13:00');
  });
});

describe('Wildix (Europe/Rome, 9:00–18:00, Monday–Friday; seed 002)', () => {
  const rome = (local: string) => at(local, 'Europe/Rome');
  const v = vendor('wildix');

  it.each([
    // Critical: 30 minutes counted inside support hours.
    ['Wednesday 10:00 → 10:30', 'critical', '2025-03-26T10:00', '2025-03-26T10:30'],
    [
      'Friday 17:50 CET → Monday 9:20 (10 min Friday + 20 min Monday)',
      'critical',
      '2025-02-07T17:50',
      '2025-02-10T09:20',
    ],
    [
      'Friday 17:50 CET → Monday 9:20 CEST, across the March change',
      'critical',
      '2025-03-28T17:50',
      '2025-03-31T09:20',
    ],
    [
      'Friday 17:50 CEST → Monday 9:20 CET, across the October change',
      'critical',
      '2025-10-24T17:50',
      '2025-10-27T09:20',
    ],
    [
      'Friday 17:30 → 18:00 the same day (ends on the closing minute)',
      'critical',
      '2025-03-28T17:30',
      '2025-03-28T18:00',
    ],
    ['Friday 18:00 (closed) → Monday 9:30', 'critical', '2025-03-28T18:00', '2025-03-31T09:30'],
    ['Monday 08:59 → 9:30', 'critical', '2025-03-31T08:59', '2025-03-31T09:30'],
    ['Saturday noon → Monday 9:30', 'critical', '2025-03-29T12:00', '2025-03-31T09:30'],
    // Standard: same working day, next working day when created outside support hours.
    ['Standard Tuesday 08:00 → same day 18:00', 'standard', '2025-03-25T08:00', '2025-03-25T18:00'],
    ['Standard Tuesday 12:00 → same day 18:00', 'standard', '2025-03-25T12:00', '2025-03-25T18:00'],
    ['Standard Tuesday 18:30 → Wednesday 18:00', 'standard', '2025-03-25T18:30', '2025-03-26T18:00'],
    [
      'Standard Saturday → Monday 18:00 (after the March change)',
      'standard',
      '2025-03-29T10:00',
      '2025-03-31T18:00',
    ],
    [
      'Standard Sunday of the October change → Monday 18:00 CET',
      'standard',
      '2025-10-26T02:30',
      '2025-10-27T18:00',
    ],
    ['Standard Friday 18:30 → Monday 18:00', 'standard', '2025-10-24T18:30', '2025-10-27T18:00'],
  ])('%s', (_what, level, submitted, due) => {
    expect(dueAt(v, level, rome(submitted))).toBe(iso(rome(due)));
  });

  it('gives the exact UTC instants across the March change (17:50 CET = 16:50Z; 9:20 CEST = 07:20Z)', () => {
    expect(iso(rome('2025-03-28T17:50'))).toBe('2025-03-28T16:50:00.000Z');
    expect(dueAt(v, 'critical', rome('2025-03-28T17:50'))).toBe('2025-03-31T07:20:00.000Z');
  });

  it('says to phone for a Critical issue outside support hours, and not inside them', () => {
    const outside = responseDue(v, 'critical', rome('2025-03-29T12:00'));
    expect(outside).toMatchObject({ kind: 'due', withinHours: false });
    expect(outside.kind === 'due' && outside.guidance?.en).toMatch(/phone/i);
    // Inside hours with the answer due the same afternoon: nothing to add.
    const inside = responseDue(v, 'critical', rome('2025-03-28T10:00'));
    expect(inside).toMatchObject({ kind: 'due', withinHours: true, crossesClosing: false });
    expect(inside.kind === 'due' && inside.guidance).toBeUndefined();
    // Standard has no outside-hours advice: it simply waits for the next working day.
    const standard = responseDue(v, 'standard', rome('2025-03-29T12:00'));
    expect(standard.kind === 'due' && standard.guidance).toBeUndefined();
  });

  it('says to phone when a Critical filed inside hours is due after closing (issue 16: Friday 17:50 → Monday)', () => {
    // Seed 002: "For Critical issues outside Support Hours, please use Phone." The 30 minutes run out
    // on Monday 9:20, outside the Friday session the ticket was filed in.
    for (const id of ['wildix', 'wildix-us']) {
      const w = vendor(id);
      const friday = DateTime.fromISO('2025-03-28T17:50', { zone: w.sla.supportHours!.timeZone }).toJSDate();
      const due = responseDue(w, 'critical', friday);
      expect(due, id).toMatchObject({ kind: 'due', withinHours: true, crossesClosing: true });
      expect(due.kind === 'due' && due.guidance?.en).toMatch(/phone/i);
    }
    // Friday 17:30 + 30 minutes ends on the closing minute, the same day: no advice.
    const sameDay = responseDue(v, 'critical', rome('2025-03-28T17:30'));
    expect(sameDay).toMatchObject({ kind: 'due', crossesClosing: false });
    expect(sameDay.kind === 'due' && sameDay.guidance).toBeUndefined();
  });

  it('treats opening time as inside and closing time as outside support hours', () => {
    const hours = v.sla.supportHours!;
    expect(isWithinSupportHours(hours, rome('2025-03-31T09:00'))).toBe(true);
    expect(isWithinSupportHours(hours, rome('2025-03-31T17:59'))).toBe(true);
    expect(isWithinSupportHours(hours, rome('2025-03-31T18:00'))).toBe(false);
    expect(isWithinSupportHours(hours, rome('2025-03-30T12:00'))).toBe(false); // Sunday
  });
});

describe('Wildix Americas variant (America/New_York)', () => {
  const ny = (local: string) => at(local, 'America/New_York');
  const v = vendor('wildix-us');

  it.each([
    [
      'Critical Friday 17:50 EST → Monday 9:20 EDT (DST starts 9 March)',
      'critical',
      '2025-03-07T17:50',
      '2025-03-10T09:20',
    ],
    [
      'Critical Friday 17:50 EDT → Monday 9:20 EST (DST ends 2 November)',
      'critical',
      '2025-10-31T17:50',
      '2025-11-03T09:20',
    ],
    ['Standard Saturday → Monday 18:00 EST', 'standard', '2025-11-01T11:00', '2025-11-03T18:00'],
    ['Standard 08:00 → same day 18:00', 'standard', '2025-03-11T08:00', '2025-03-11T18:00'],
  ])('%s', (_what, level, submitted, due) => {
    expect(dueAt(v, level, ny(submitted))).toBe(iso(ny(due)));
  });

  // The counterexample fast-check found on a busy CI run: Critical at 17:30:00.001 with 18:00 closing
  // left 1 ms for the next morning (due 09:00:00.001). The clock counts whole minutes of support time.
  it.each([
    ['2025-03-12T17:30:00.001', '2025-03-13T09:01'],
    ['2025-03-12T17:30:00.000', '2025-03-12T18:00'],
    ['2025-03-12T17:29:59.999', '2025-03-12T18:00'],
    ['2025-03-12T17:59:59.999', '2025-03-13T09:30'],
  ])('Critical submitted %s is due %s (whole minutes, never a 1 ms spill-over)', (submitted, due) => {
    expect(dueAt(v, 'critical', ny(submitted))).toBe(iso(ny(due)));
  });

  it('counts New York hours, not Rome hours, for the same instant', () => {
    const submitted = new Date('2025-03-07T22:50:00Z'); // 17:50 in New York, 23:50 in Rome
    expect(dueAt(v, 'critical', submitted)).toBe('2025-03-10T13:20:00.000Z');
    expect(dueAt(vendor('wildix'), 'critical', submitted)).toBe('2025-03-10T08:30:00.000Z');
  });
});

describe('business minutes on a day whose support window contains the DST jump', () => {
  // A 7-day desk open 01:00–04:00 in Paris: the window holds 2 real hours on 30 March, 4 on 26 October.
  const night = VendorProfileSchema.parse({
    ...vendor('generic'),
    id: 'night-desk',
    sla: {
      responseTargets: {
        urgent: { kind: 'business-minutes', minutes: 150 },
        high: { kind: 'business-minutes', minutes: 200 },
      },
      supportHours: {
        timeZone: 'Europe/Paris',
        start: '01:00',
        end: '04:00',
        workingDays: [1, 2, 3, 4, 5, 6, 7],
      },
    },
  });

  it('counts the real minutes of the short spring window (120), then carries over', () => {
    // 01:00 CET = 00:00Z; the window closes at 04:00 CEST = 02:00Z; 30 more minutes the next night.
    expect(dueAt(night, 'urgent', new Date('2025-03-30T00:00:00Z'))).toBe('2025-03-30T23:30:00.000Z');
  });

  it('counts the real minutes of the long autumn window (240)', () => {
    // 01:00 CEST = 23:00Z the day before; 200 minutes fit in the 4-hour window.
    expect(dueAt(night, 'high', new Date('2025-10-25T23:00:00Z'))).toBe('2025-10-26T02:20:00.000Z');
  });
});

describe('levels without a target', () => {
  it.each([
    ['trackunit', 'critical'],
    ['samsara', 'urgent'],
    ['generic', 'urgent'],
    ['esim-go', 'no-such-level'],
  ])('%s / %s → none', (id, level) => {
    expect(responseDue(vendor(id), level, new Date('2025-03-28T12:00:00Z'))).toMatchObject({ kind: 'none' });
  });

  it('refuses an invalid date instead of computing NaN', () => {
    expect(responseDue(vendor('wildix'), 'critical', new Date('nope'))).toEqual({
      kind: 'none',
      reason: 'invalid-date',
    });
  });

  it('does not read inherited properties as targets', () => {
    expect(responseDue(vendor('esim-go'), 'constructor', new Date('2025-03-28T12:00:00Z')).kind).toBe('none');
  });
});

describe('properties of the Wildix clock (2024–2027, both variants)', () => {
  const instants = fc.date({
    min: new Date('2024-01-01T00:00:00Z'),
    max: new Date('2027-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  const variants = fc.constantFrom(vendor('wildix'), vendor('wildix-us'));

  it('Critical: due at least 30 minutes later, inside a support window of a working day, and never earlier for a later submission', () => {
    fc.assert(
      fc.property(variants, instants, fc.integer({ min: 0, max: 5 * 24 * 60 }), (v, t1, gapMinutes) => {
        const t2 = new Date(t1.getTime() + gapMinutes * 60_000);
        const d1 = responseDue(v, 'critical', t1);
        const d2 = responseDue(v, 'critical', t2);
        if (d1.kind !== 'due' || d2.kind !== 'due') return false;
        const local = DateTime.fromJSDate(d1.dueAt, { zone: v.sla.supportHours!.timeZone });
        const minuteOfDay = local.hour * 60 + local.minute;
        return (
          d1.dueAt.getTime() - t1.getTime() >= 30 * 60_000 &&
          local.weekday <= 5 &&
          minuteOfDay > 9 * 60 &&
          minuteOfDay <= 18 * 60 &&
          d2.dueAt.getTime() >= d1.dueAt.getTime()
        );
      }),
      { numRuns: 500 },
    );
  });

  it('Standard: due at 18:00 local on a working day, after submission, within four days', () => {
    fc.assert(
      fc.property(variants, instants, (v, t) => {
        const d = responseDue(v, 'standard', t);
        if (d.kind !== 'due') return false;
        const local = DateTime.fromJSDate(d.dueAt, { zone: v.sla.supportHours!.timeZone });
        const wait = d.dueAt.getTime() - t.getTime();
        return (
          local.toFormat('HH:mm') === '18:00' && local.weekday <= 5 && wait > 0 && wait < 4 * 24 * 3600_000
        );
      }),
      { numRuns: 500 },
    );
  });
});
