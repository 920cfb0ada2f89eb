import { describe, expect, it } from 'vitest';
import { EXAMPLE_CATALOG } from '../../../lib/catalog/example-catalog';
import { classifyPlanState, planLife, sortPlansNewestFirst } from '../../../lib/catalog/plan-life';
import { CatalogSchema } from '../../../lib/catalog/schema';
import type { PagePlan } from '../../../lib/portal/page-context';

const NOW = new Date('2025-06-15T12:00:00Z');

describe('planLife — seed 001: one-off, activates in the destination, 30 days from activation', () => {
  it.each<[string, PagePlan, Record<string, unknown>]>([
    [
      'pending: labelled, no activation date',
      { name: 'Euro 1', state: 'Pending activation' },
      { state: 'pending-activation', code: 'not-activated', validityDays: 30 },
    ],
    [
      'pending: French label',
      { name: 'Euro 1', state: 'En attente' },
      { state: 'pending-activation', code: 'not-activated' },
    ],
    [
      'active: 9 days 18 hours left',
      { name: 'Euro 1', state: 'Active', activatedAt: '2025-05-26T06:00:00Z' },
      { state: 'active', code: 'active', daysLeft: 9, hoursLeft: 234, expiresAt: '2025-06-25T06:00:00.000Z' },
    ],
    [
      'active: under a day left',
      { name: 'Euro 1', activatedAt: '2025-05-16T20:00:00Z' },
      { state: 'active', daysLeft: 0, hoursLeft: 8 },
    ],
    [
      'expired at exactly 30 days',
      { name: 'Euro 1', activatedAt: '2025-05-16T12:00:00Z' },
      { state: 'expired', code: 'expired', expiresAt: '2025-06-15T12:00:00.000Z' },
    ],
    [
      'one millisecond before 30 days: still active',
      { name: 'Euro 1', activatedAt: '2025-05-16T12:00:00.001Z' },
      { state: 'active', daysLeft: 0, hoursLeft: 0 },
    ],
    [
      'the page expiry wins over the computed one',
      { name: 'Euro 1', activatedAt: '2025-06-01T00:00:00Z', expiresAt: '2025-06-20T00:00:00Z' },
      { state: 'active', daysLeft: 4, expiresAt: '2025-06-20T00:00:00.000Z' },
    ],
    [
      'a date-only expiry lasts to the end of that day',
      { name: 'Euro 1', expiresAt: '2025-06-15' },
      { state: 'active', hoursLeft: 12, expiresAt: '2025-06-16T00:00:00.000Z' },
    ],
    [
      'a date-only activation starts at midnight UTC',
      { name: 'Euro 1', activatedAt: '2025-05-16' },
      { state: 'expired', expiresAt: '2025-06-15T00:00:00.000Z' },
    ],
    [
      'an offset in the page date is honoured',
      { name: 'Euro 1', activatedAt: '2025-05-16T14:00:00+02:00' },
      { state: 'expired' },
    ],
    [
      'SQL-style date-time',
      { name: 'Euro 1', activatedAt: '2025-06-01 12:00:00' },
      { state: 'active', daysLeft: 16 },
    ],
    [
      'portal says expired: believed (used up early)',
      { name: 'Euro 1', state: 'Expired', activatedAt: '2025-06-10T00:00:00Z' },
      { state: 'expired', code: 'portal-says-expired' },
    ],
    [
      'activation in the future',
      { name: 'Euro 1', activatedAt: '2025-06-20T00:00:00Z' },
      { state: 'pending-activation', code: 'activates-later' },
    ],
    [
      'active label, no dates',
      { name: 'Euro 1', state: 'Actif' },
      { state: 'active', code: 'active-no-dates' },
    ],
    ['nothing to go on', { name: 'Euro 1' }, { state: 'unknown', code: 'no-information' }],
    [
      'unreadable date',
      { name: 'Euro 1', activatedAt: 'last Tuesday' },
      { state: 'unknown', code: 'unreadable-date' },
    ],
  ])('%s', (_title, plan, expected) => {
    const life = planLife(plan, NOW);
    expect(life).toMatchObject(expected);
    if (life.state !== 'active') {
      expect(life.daysLeft).toBeUndefined();
      expect(life.hoursLeft).toBeUndefined();
    }
  });

  it('uses the catalog plan validity when it is not 30 days', () => {
    const catalog = CatalogSchema.parse({
      ...EXAMPLE_CATALOG,
      plans: EXAMPLE_CATALOG.plans.map((p) => (p.id === 'japan' ? { ...p, validityDays: 7 } : p)),
    });
    const plan: PagePlan = { name: 'JAPAN', activatedAt: '2025-06-10T12:00:00Z' };
    expect(planLife(plan, NOW, catalog)).toMatchObject({ state: 'active', daysLeft: 2, validityDays: 7 });
    expect(planLife(plan, NOW)).toMatchObject({ state: 'active', daysLeft: 25, validityDays: 30 });
    expect(planLife({ ...plan, activatedAt: '2025-06-08T12:00:00Z' }, NOW, catalog)).toMatchObject({
      state: 'expired',
    });
  });

  it.each([
    ['Pending', 'pending'],
    ['Inactive', 'pending'],
    ['Not activated', 'pending'],
    ['Active', 'active'],
    ['ACTIVE', 'active'],
    ['Expired', 'expired'],
    ['Expiré', 'expired'],
    ['Depleted', 'expired'],
    ['Something else', undefined],
  ])('classifies %j as %s', (label, word) => {
    expect(classifyPlanState(label)).toBe(word);
  });
});

describe('sortPlansNewestFirst — a stack of top-ups', () => {
  it('puts pending plans on top, then newest activation first, then undated ones; does not mutate', () => {
    const plans: PagePlan[] = [
      { name: 'A', activatedAt: '2025-01-01T00:00:00Z', state: 'Expired' },
      { name: 'B', state: 'Pending' },
      { name: 'C', activatedAt: '2025-06-01T00:00:00Z', state: 'Active' },
      { name: 'D', state: 'Expired' },
      { name: 'E' },
      { name: 'F', activatedAt: '2025-03-01' },
    ];
    const copy = [...plans];
    expect(sortPlansNewestFirst(plans).map((p) => p.name)).toEqual(['B', 'E', 'C', 'F', 'A', 'D']);
    expect(plans).toEqual(copy);
  });
});
