/**
 * Issue 16: portal dates without an offset are read in the portal's time zone, so the expiry badge
 * agrees with the portal line ("2026-11-15" on a CET portal is not "Expired (Nov 16)").
 */
import { describe, expect, it } from 'vitest';
import { planLife } from '../../../lib/catalog/plan-life';
import { PortalProfileSchema } from '../../../lib/portal/profile-schema';

const PLAN = { name: 'Euro 1', activatedAt: '2026-10-17', expiresAt: '2026-11-15' };

describe('planLife in the portal time zone', () => {
  it('a CET portal date 2026-11-15: the last day is 15 November, ending at midnight Paris time', () => {
    const after = new Date('2026-11-16T09:00:00Z');
    const life = planLife(PLAN, after, undefined, { timeZone: 'Europe/Paris' });
    expect(life).toMatchObject({
      state: 'expired',
      lastDay: '2026-11-15',
      expiresAt: '2026-11-15T23:00:00.000Z',
    });
  });

  it('at 00:30 in Paris on the 16th the plan is over there, though not yet in UTC', () => {
    const now = new Date('2026-11-15T23:30:00Z');
    expect(planLife(PLAN, now, undefined, { timeZone: 'Europe/Paris' }).state).toBe('expired');
    expect(planLife(PLAN, now, undefined, { timeZone: 'UTC' }).state).toBe('active');
  });

  it('a date with an offset keeps it, whatever the portal zone', () => {
    const plan = { name: 'Euro 1', activatedAt: '2026-10-17T10:00:00Z', expiresAt: '2026-11-15T10:00:00Z' };
    const life = planLife(plan, new Date('2026-11-20T00:00:00Z'), undefined, {
      timeZone: 'America/New_York',
    });
    expect(life).toMatchObject({ expiresAt: '2026-11-15T10:00:00.000Z', lastDay: '2026-11-15' });
  });

  it('a portal profile may name its IANA zone, and only a real one', () => {
    const base = { id: 'p', name: 'P', version: 1, urlPatterns: ['https://portal.example/*'] };
    expect(PortalProfileSchema.safeParse({ ...base, timeZone: 'Europe/Paris' }).success).toBe(true);
    expect(PortalProfileSchema.safeParse({ ...base, timeZone: 'CET+1' }).success).toBe(false);
  });
});
