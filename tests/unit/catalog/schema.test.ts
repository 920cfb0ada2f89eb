import { describe, expect, it } from 'vitest';
import { EXAMPLE_CATALOG } from '../../../lib/catalog/example-catalog';
import { findPlan } from '../../../lib/catalog/match';
import { CatalogSchema, PlanSchema } from '../../../lib/catalog/schema';

const valid = {
  id: 'fr',
  name: 'France',
  region: 'Europe',
  countries: ['FR'],
  imsiProfile: 7,
  dataAllowanceMb: 1024,
};

describe('the example catalog', () => {
  it('is valid, labelled as example data, and uses only the profiles seed 001 names (2, 7, 10)', () => {
    expect(CatalogSchema.safeParse(EXAMPLE_CATALOG).success).toBe(true);
    expect(EXAMPLE_CATALOG.exampleData).toBe(true);
    expect(EXAMPLE_CATALOG.name).toMatch(/example/i);
    expect(new Set(EXAMPLE_CATALOG.plans.map((p) => p.imsiProfile))).toEqual(new Set([2, 7, 10]));
  });

  it('keeps the two facts the seed states: Euro 1 → profile 7; Asia plans not on profile 7', () => {
    expect(findPlan(EXAMPLE_CATALOG, 'Euro 1')?.imsiProfile).toBe(7);
    const asia = EXAMPLE_CATALOG.plans.filter((p) => p.region === 'Asia');
    expect(asia.length).toBeGreaterThan(0);
    expect(asia.every((p) => p.imsiProfile !== 7)).toBe(true);
  });

  it('has an Unlimited All domestic plan and an unlimited bundle; every plan lasts 30 days', () => {
    expect(findPlan(EXAMPLE_CATALOG, 'Unlimited All')).toMatchObject({
      kind: 'domestic',
      unlimited: true,
      dataAllowanceMb: null,
    });
    expect(findPlan(EXAMPLE_CATALOG, 'Unlimited bundle')).toMatchObject({ kind: 'bundle', unlimited: true });
    expect(EXAMPLE_CATALOG.plans.every((p) => p.validityDays === 30)).toBe(true);
  });
});

describe('PlanSchema', () => {
  it.each<[string, Record<string, unknown>]>([
    ['lowercase country', { countries: ['fr'] }],
    ['three-letter country', { countries: ['FRA'] }],
    ['duplicate country', { countries: ['FR', 'FR'] }],
    ['international plan without countries', { countries: [] }],
    ['profile 0', { imsiProfile: 0 }],
    ['fractional profile', { imsiProfile: 7.5 }],
    ['id not a slug', { id: 'Euro 1' }],
    ['blank name', { name: '  ' }],
    ['name of separators only', { name: '- _ -' }],
    ['alias with a pipe', { aliases: ['a|b'] }],
    ['negative allowance', { dataAllowanceMb: -1 }],
    ['missing allowance (null is unlimited, not absent)', { dataAllowanceMb: undefined }],
    ['zero validity', { validityDays: 0 }],
  ])('rejects %s', (_title, change) => {
    expect(PlanSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('accepts a domestic plan without countries and unlimited data', () => {
    expect(
      PlanSchema.safeParse({ ...valid, countries: [], kind: 'domestic', dataAllowanceMb: null }).success,
    ).toBe(true);
  });
});

describe('CatalogSchema', () => {
  it('lets a plan repeat its own name as an alias, but not another plan’s', () => {
    const own = { name: 'c', version: '1', plans: [{ ...valid, aliases: ['FRANCE'] }] };
    expect(CatalogSchema.safeParse(own).success).toBe(true);
    const other = {
      name: 'c',
      version: '1',
      plans: [valid, { ...valid, id: 'fr-2', name: 'France 2', aliases: ['france'] }],
    };
    const r = CatalogSchema.safeParse(other);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['plans', 1, 'aliases', 0]);
  });
});
