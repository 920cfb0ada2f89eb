import { describe, expect, it } from 'vitest';
import { countryName, knownCountryCodes, resolveCountries } from '../../../lib/catalog/countries';
import { EXAMPLE_CATALOG } from '../../../lib/catalog/example-catalog';
import { findPlan, normalisePlanName, searchPlans } from '../../../lib/catalog/match';

const catalog = EXAMPLE_CATALOG;

describe('normalisePlanName', () => {
  it.each([
    ['Euro 1', 'euro 1'],
    ['  EURO   1 ', 'euro 1'],
    ['EURO-1', 'euro 1'],
    ['euro_1', 'euro 1'],
    ['Euro\u00a01', 'euro 1'],
    ['Asia-1  30 DAYS', 'asia 1 30 days'],
    ['---', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalisePlanName(input)).toBe(expected);
  });
});

describe('findPlan — the label a portal shows', () => {
  it.each([
    ['Euro 1', 'euro-1'],
    ['euro 1', 'euro-1'],
    ['EURO-1', 'euro-1'],
    ['EURO-1 30 days', 'euro-1'], // alias
    ['  europe_1 ', 'euro-1'], // alias, case and separators
    ['ASIA-1 30 DAYS', 'asia-1'],
    ['United States', 'usa'],
    ['uk', 'united-kingdom'],
    ['Unlimited All', 'unlimited-all'],
  ])('%j → %s', (label, id) => {
    expect(findPlan(catalog, label)?.id).toBe(id);
  });

  it.each(['Euro', 'Euro 1 extra', 'Euro1', '', 'Asia 2'])('%j is not a plan (exact match only)', (label) => {
    expect(findPlan(catalog, label)).toBeUndefined();
  });
});

describe('countries', () => {
  it('names every country the example catalog uses, in English and French', () => {
    const used = new Set(catalog.plans.flatMap((p) => p.countries));
    for (const code of used) {
      expect(countryName(code), code).toBeDefined();
      expect(countryName(code, 'fr'), code).toBeDefined();
    }
  });

  it('resolves codes, names, French names and prefixes', () => {
    expect(resolveCountries('jp')).toEqual([{ code: 'JP', how: 'code' }]);
    expect(resolveCountries('Japon')[0]).toEqual({ code: 'JP', how: 'name' });
    expect(resolveCountries('etats-unis')[0]).toEqual({ code: 'US', how: 'name' });
    expect(resolveCountries('Royaume Uni')[0]).toEqual({ code: 'GB', how: 'name' });
    expect(resolveCountries('thai').map((c) => c.code)).toContain('TH');
    expect(resolveCountries('zz')).toEqual([]);
    expect(resolveCountries('zz', ['ZZ'])).toEqual([{ code: 'ZZ', how: 'code' }]);
  });

  it('maps each name to one country only', () => {
    const owner = new Map<string, string>();
    for (const code of knownCountryCodes()) {
      for (const lang of ['en', 'fr'] as const) {
        const hit = resolveCountries(countryName(code, lang) ?? '').find((c) => c.how === 'name');
        expect(hit?.code, `${code} ${lang}`).toBe(code);
        owner.set(`${code}-${lang}`, hit?.code ?? '');
      }
    }
    expect(owner.size).toBe(knownCountryCodes().length * 2);
  });
});

describe('searchPlans — the plan finder', () => {
  const ids = (q: string): string[] => searchPlans(catalog, q).map((h) => h.plan.id);

  it('by country code: single-country plan first, then regional plans by size', () => {
    expect(ids('JP')).toEqual(['japan', 'asia-1', 'global']);
    expect(searchPlans(catalog, 'jp')[0]).toMatchObject({ matchedBy: 'country', country: 'JP' });
  });

  it('by English or French country name', () => {
    expect(ids('Thailand')).toEqual(['thailand', 'asia-1', 'global']);
    expect(ids('Thaïlande')).toEqual(['thailand', 'asia-1', 'global']);
    expect(ids('Espagne')).toEqual(['spain', 'euro-1', 'euro-2', 'global']);
    expect(ids('Mexique')).toEqual(['north-america-1', 'global']);
    expect(searchPlans(catalog, 'Mexico')[0]).toMatchObject({ matchedBy: 'country', country: 'MX' });
  });

  it('exact plan name beats country matches', () => {
    expect(ids('euro 1')[0]).toBe('euro-1');
    expect(searchPlans(catalog, 'Euro 1')[0]?.matchedBy).toBe('name');
  });

  it('by name prefix/substring and region', () => {
    expect(ids('euro')).toEqual(expect.arrayContaining(['euro-1', 'euro-2']));
    expect(ids('euro').slice(0, 2)).toEqual(['euro-1', 'euro-2']);
    expect(ids('asia')[0]).toBe('asia-1');
    expect(ids('asia')).toContain('japan'); // region Asia
    expect(ids('europe')).toEqual(expect.arrayContaining(['france', 'spain', 'italy', 'united-kingdom']));
  });

  it('leaves domestic plans and bundles out unless asked', () => {
    expect(ids('unlimited')).toEqual([]);
    expect(
      searchPlans(catalog, 'unlimited', { kinds: ['domestic', 'bundle'] }).map((h) => h.plan.id),
    ).toEqual(['unlimited-all', 'unlimited-bundle']);
  });

  it('returns nothing for an empty query or no match, and honours the limit', () => {
    expect(ids('   ')).toEqual([]);
    expect(ids('Atlantis')).toEqual([]);
    expect(searchPlans(catalog, 'FR', { limit: 2 })).toHaveLength(2);
  });
});
