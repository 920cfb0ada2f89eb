import { describe, expect, it } from 'vitest';
import { checkAddLine, isUnlimitedAllPlan, type CheckAddLineInput } from '../../../lib/catalog/eligibility';
import { EXAMPLE_CATALOG } from '../../../lib/catalog/example-catalog';
import { CatalogSchema } from '../../../lib/catalog/schema';
import type { PageEsim } from '../../../lib/portal/page-context';
import { iccid } from './iccid-fixture';

const lines = (n: number, status?: string): PageEsim[] =>
  Array.from({ length: n }, (_, i) => ({ iccid: iccid(100 + i), plans: [], ...(status ? { status } : {}) }));

describe('checkAddLine — seed 001: an Unlimited All plan, or an unlimited bundle per complimentary eSIM', () => {
  const table: Array<[string, CheckAddLineInput, string, string, Record<string, unknown>?]> = [
    [
      'Unlimited All, no eSIM yet',
      { subscriber: { planType: 'Unlimited All', esims: [] } },
      'eligible',
      'unlimited-all',
    ],
    [
      'Unlimited All spelled differently, many eSIMs, no bundle',
      { subscriber: { planType: ' UNLIMITED-ALL ', unlimitedBundles: 0, esims: lines(5) } },
      'eligible',
      'unlimited-all',
    ],
    [
      '1 bundle, no eSIM yet: the new one is covered',
      { subscriber: { planType: 'Basic 40', unlimitedBundles: 1, esims: [] } },
      'eligible',
      'enough-bundles',
      { esimsShared: 1, bundlesHeld: 1 },
    ],
    [
      '2 bundles, 1 eSIM + the new one',
      { subscriber: { planType: 'Basic 40', unlimitedBundles: 2, esims: lines(1) } },
      'eligible',
      'enough-bundles',
      { esimsShared: 2 },
    ],
    [
      '1 bundle, 1 eSIM + the new one: one short',
      { subscriber: { planType: 'Basic 40', unlimitedBundles: 1, esims: lines(1) } },
      'not-eligible',
      'not-enough-bundles',
      { esimsShared: 2, bundlesHeld: 1, bundlesMissing: 1 },
    ],
    [
      'plan type shown, no bundle count: none held',
      { subscriber: { planType: 'Basic 40', esims: [] } },
      'not-eligible',
      'not-enough-bundles',
      { bundlesHeld: 0, bundlesMissing: 1 },
    ],
    [
      'terminated/cancelled lines do not count',
      {
        subscriber: {
          planType: 'Basic 40',
          unlimitedBundles: 1,
          esims: [...lines(1, 'Terminated'), ...lines(1, 'Cancelled')],
        },
      },
      'eligible',
      'enough-bundles',
      { esimsShared: 1 },
    ],
    [
      'suspended lines still count',
      { subscriber: { planType: 'Basic 40', unlimitedBundles: 1, esims: lines(1, 'Suspended') } },
      'not-eligible',
      'not-enough-bundles',
    ],
    [
      'the agent-given shared count wins over our count',
      {
        subscriber: { planType: 'Basic 40', unlimitedBundles: 2, esims: lines(4) },
        complimentaryEsimsShared: 2,
      },
      'eligible',
      'enough-bundles',
      { esimsShared: 2 },
    ],
    ['neither plan type nor bundles shown', { subscriber: { esims: lines(1) } }, 'unknown', 'no-plan-info'],
    ['blank plan type, no bundles', { subscriber: { planType: '  ', esims: [] } }, 'unknown', 'no-plan-info'],
    [
      'bundles fall short and the plan type is not shown',
      { subscriber: { unlimitedBundles: 1, esims: lines(2) } },
      'unknown',
      'plan-type-unknown',
      { bundlesMissing: 2 },
    ],
    [
      'bundles suffice without a plan type',
      { subscriber: { unlimitedBundles: 3, esims: lines(2) } },
      'eligible',
      'enough-bundles',
    ],
    [
      'bundles held but eSIM lines not read',
      { subscriber: { planType: 'Basic 40', unlimitedBundles: 2 } },
      'unknown',
      'esim-count-unknown',
    ],
    [
      'no bundle and eSIM lines not read: the new one alone is uncovered',
      { subscriber: { planType: 'Basic 40', unlimitedBundles: 0 } },
      'not-eligible',
      'not-enough-bundles',
    ],
  ];

  it.each(table)('%s', (_title, input, status, code, extra) => {
    const v = checkAddLine(input);
    expect(v).toMatchObject({ status, code, ...(extra ?? {}) });
    expect(v.reason.length).toBeGreaterThan(10);
    if (status === 'eligible') expect(v.toBecomeEligible).toBeUndefined();
    else expect(v.toBecomeEligible).toMatch(/Unlimited All/);
  });

  it('says how many bundles are missing', () => {
    const v = checkAddLine({ subscriber: { planType: 'Basic 40', unlimitedBundles: 1, esims: lines(3) } });
    expect(v.bundlesMissing).toBe(3);
    expect(v.toBecomeEligible).toContain('3');
  });

  it("recognises a reseller's own name for its unlimited domestic plan through the catalog, not a bundle", () => {
    const catalog = CatalogSchema.parse({
      ...EXAMPLE_CATALOG,
      plans: [
        // The shipped catalog already knows "Illimité Tout" as an alias of Unlimited All (issue 16);
        // here a reseller sells it as a plan of its own.
        ...EXAMPLE_CATALOG.plans.map((p) => (p.id === 'unlimited-all' ? { ...p, aliases: [] } : p)),
        {
          id: 'illimite-tout',
          name: 'Illimité Tout',
          region: 'Domestic',
          imsiProfile: 2,
          dataAllowanceMb: null,
          unlimited: true,
          kind: 'domestic',
        },
      ],
    });
    expect(isUnlimitedAllPlan('Illimité Tout', catalog)).toBe(true);
    expect(isUnlimitedAllPlan('Illimité Tout')).toBe(false);
    expect(isUnlimitedAllPlan('Unlimited bundle', catalog)).toBe(false);
    expect(checkAddLine({ subscriber: { planType: 'Illimité Tout', esims: lines(3) }, catalog }).status).toBe(
      'eligible',
    );
  });
});
