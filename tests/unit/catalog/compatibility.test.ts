import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAddPlan,
  isEsimUsable,
  lineNameFor,
  placementsFor,
  type AddPlanVerdict,
} from '../../../lib/catalog/compatibility';
import { EXAMPLE_CATALOG } from '../../../lib/catalog/example-catalog';
import { findPlan } from '../../../lib/catalog/match';
import { CatalogSchema, type Catalog, type Plan } from '../../../lib/catalog/schema';
import type { PageEsim } from '../../../lib/portal/page-context';
import { iccid } from './iccid-fixture';

const catalog = EXAMPLE_CATALOG;

function esim(profile: number | undefined, serial: number, extra: Partial<PageEsim> = {}): PageEsim {
  return {
    iccid: iccid(serial),
    plans: [],
    ...(profile === undefined ? {} : { imsiProfile: profile }),
    ...extra,
  };
}

function plan(name: string): Plan {
  const p = findPlan(catalog, name);
  if (p === undefined) throw new Error(`example catalog lacks ${name}`);
  return p;
}

describe('checkAddPlan — seed 001 examples', () => {
  const euroEsim = esim(7, 1, { lineName: 'France' });
  const asiaEsim = esim(10, 2, { lineName: 'Japan' });

  const table: Array<{
    title: string;
    esim: PageEsim;
    plan: string;
    others?: PageEsim[];
    expected: Pick<AddPlanVerdict, 'status' | 'code' | 'remedies'>;
  }> = [
    {
      title: 'Euro 1 on a profile-7 eSIM is ok (seed: Euro 1 goes to a profile 7 eSIM)',
      esim: euroEsim,
      plan: 'Euro 1',
      expected: { status: 'ok', code: 'profile-match', remedies: [] },
    },
    {
      title: 'an Asia plan on a profile-7 eSIM is blocked; remedy: Add line named after the region',
      esim: euroEsim,
      plan: 'Asia 1',
      expected: {
        status: 'blocked',
        code: 'profile-mismatch',
        remedies: [{ kind: 'add-line', lineName: 'Asia', profile: 10 }],
      },
    },
    {
      title: 'a single-country plan on the wrong profile: Add line named after the country',
      esim: euroEsim,
      plan: 'Japan',
      expected: {
        status: 'blocked',
        code: 'profile-mismatch',
        remedies: [{ kind: 'add-line', lineName: 'Japan', profile: 10 }],
      },
    },
    {
      title: 'two-eSIM subscriber (7 and 10): the Asia plan goes on the profile-10 eSIM first',
      esim: euroEsim,
      plan: 'Asia 1',
      others: [euroEsim, asiaEsim],
      expected: {
        status: 'blocked',
        code: 'profile-mismatch',
        remedies: [
          { kind: 'use-other-esim', iccid: iccid(2), lineName: 'Japan', profile: 10 },
          { kind: 'add-line', lineName: 'Asia', profile: 10 },
        ],
      },
    },
    {
      title: 'the same subscriber, reverse: Euro 1 on the profile-10 eSIM points to the profile-7 one',
      esim: asiaEsim,
      plan: 'EURO-1 30 days',
      others: [euroEsim, asiaEsim],
      expected: {
        status: 'blocked',
        code: 'profile-mismatch',
        remedies: [
          { kind: 'use-other-esim', iccid: iccid(1), lineName: 'France', profile: 7 },
          { kind: 'add-line', lineName: 'Europe', profile: 7 },
        ],
      },
    },
    {
      title: 'a plan not in the catalog is unknown, never ok',
      esim: euroEsim,
      plan: 'Mars 1',
      expected: { status: 'unknown', code: 'plan-not-in-catalog', remedies: [] },
    },
    {
      title: 'an eSIM whose profile the page did not show is unknown; other fitting eSIMs still offered',
      esim: esim(undefined, 3),
      plan: 'Asia 1',
      others: [euroEsim, asiaEsim],
      expected: {
        status: 'unknown',
        code: 'esim-profile-unknown',
        remedies: [
          { kind: 'use-other-esim', iccid: iccid(2), lineName: 'Japan', profile: 10 },
          { kind: 'add-line', lineName: 'Asia', profile: 10 },
        ],
      },
    },
    {
      title: 'portal label with other case and spacing still matches (alias " asia_1 30 DAYS ")',
      esim: asiaEsim,
      plan: ' asia_1   30 DAYS ',
      expected: { status: 'ok', code: 'profile-match', remedies: [] },
    },
  ];

  it.each(table)('$title', ({ esim: target, plan: label, others, expected }) => {
    const verdict = checkAddPlan({
      esim: target,
      plan: label,
      subscriber: { esims: others ?? [target] },
      catalog,
    });
    expect(verdict).toMatchObject({ status: expected.status, code: expected.code });
    expect(verdict.remedies).toEqual(expected.remedies);
    expect(verdict.reason.length).toBeGreaterThan(10);
    if (expected.code === 'plan-not-in-catalog') {
      expect(verdict.plan).toBeUndefined();
      expect(verdict.reason).toContain('Mars 1');
    } else {
      expect(verdict.plan?.name).toBeDefined();
    }
  });

  it('names both profiles in the blocked reason', () => {
    const v = checkAddPlan({ esim: euroEsim, plan: 'Asia 1', subscriber: { esims: [] }, catalog });
    expect(v.reason).toMatch(/10/);
    expect(v.reason).toMatch(/7/);
  });

  it('accepts a Plan object as well as a label', () => {
    const v = checkAddPlan({ esim: euroEsim, plan: plan('Euro 2'), subscriber: { esims: [] }, catalog });
    expect(v.status).toBe('ok');
  });

  it('skips suspended, terminated and cancelled eSIMs and eSIMs without a valid ICCID', () => {
    const others: PageEsim[] = [
      euroEsim,
      esim(10, 10, { status: 'Suspended' }),
      esim(10, 11, { status: 'Terminated' }),
      esim(10, 12, { status: 'Cancelled by customer' }),
      esim(10, 13, { status: 'Résiliée' }),
      { imsiProfile: 10, invalidIccid: '8944 5000 0000 0000 001', plans: [] },
      esim(10, 14, { status: 'Active' }),
    ];
    const v = checkAddPlan({ esim: euroEsim, plan: 'Thailand', subscriber: { esims: others }, catalog });
    expect(v.status).toBe('blocked');
    expect(v.remedies).toEqual([
      { kind: 'use-other-esim', iccid: iccid(14), profile: 10 },
      { kind: 'add-line', lineName: 'Thailand', profile: 10 },
    ]);
  });

  it('never offers the eSIM being edited as its own remedy, even as a copy with the same ICCID', () => {
    const copy = { ...euroEsim };
    const v = checkAddPlan({ esim: copy, plan: 'Asia 1', subscriber: { esims: [euroEsim] }, catalog });
    expect(v.remedies.filter((r) => r.kind === 'use-other-esim')).toEqual([]);
  });

  it('names the new line after the one destination the agent gives, in French if asked', () => {
    const v = checkAddPlan({
      esim: euroEsim,
      plan: 'Asia 1',
      subscriber: { esims: [] },
      catalog,
      destinations: ['th'],
      lang: 'fr',
    });
    expect(v.remedies).toEqual([{ kind: 'add-line', lineName: 'Thaïlande', profile: 10 }]);
  });
});

describe('lineNameFor / isEsimUsable / placementsFor', () => {
  it('uses the region for several destinations, the country for a single-country plan', () => {
    expect(lineNameFor(plan('Asia 1'), ['JP', 'TH'])).toBe('Asia');
    expect(lineNameFor(plan('USA'))).toBe('United States');
    expect(lineNameFor(plan('United Kingdom'), [], 'fr')).toBe('Royaume-Uni');
    expect(lineNameFor(plan('Global'))).toBe('Global');
  });

  it.each([
    [undefined, true],
    ['Active', true],
    ['Installed', true],
    ['Suspended', false],
    ['SUSPENDU', false],
    ['Terminated', false],
    ['Canceled', false],
    ['Deactivated', false],
    ['Désactivé', false],
  ])('status %s usable: %s', (status, usable) => {
    expect(isEsimUsable({ plans: [], ...(status === undefined ? {} : { status }) })).toBe(usable);
  });

  it('lists every fitting eSIM for the plan finder, then Add line, and reports unknown profiles apart', () => {
    const unknown = esim(undefined, 30, { lineName: 'Old line' });
    const p = placementsFor(plan('Euro 1'), [
      esim(7, 20, { lineName: 'Spain' }),
      esim(10, 21),
      unknown,
      esim(7, 22),
    ]);
    expect(p.remedies).toEqual([
      { kind: 'use-other-esim', iccid: iccid(20), lineName: 'Spain', profile: 7 },
      { kind: 'use-other-esim', iccid: iccid(22), profile: 7 },
      { kind: 'add-line', lineName: 'Europe', profile: 7 },
    ]);
    expect(p.profileUnknown).toEqual([unknown]);
  });
});

describe('checkAddPlan — property: blocked exactly when both profiles are known and differ', () => {
  const profile = fc.oneof(fc.constantFrom(2, 7, 10), fc.integer({ min: 1, max: 9999 }));
  const catalogArb = fc
    .array(fc.tuple(profile, fc.constantFrom('Plan', 'Zone', 'Pack')), { minLength: 1, maxLength: 8 })
    .map((entries): Catalog =>
      CatalogSchema.parse({
        name: 'Random',
        version: '1',
        plans: entries.map(([imsiProfile, word], i) => ({
          id: `p-${i}`,
          name: `${word} ${i}`,
          region: 'Somewhere',
          countries: ['FR'],
          imsiProfile,
          dataAllowanceMb: null,
        })),
      }),
    );
  // A label to look up: a catalog plan's name in a portal's spelling, or a name not in the catalog.
  const caseAndSpace = (name: string, upper: boolean, sep: string): string =>
    ` ${(upper ? name.toUpperCase() : name.toLowerCase()).replace(' ', sep)} `;

  it('holds for random catalogs, labels and eSIMs', () => {
    fc.assert(
      fc.property(
        catalogArb,
        fc.nat(),
        fc.boolean(),
        fc.constantFrom(' ', '-', '_', '  '),
        fc.boolean(),
        fc.option(profile, { nil: undefined }),
        fc.array(fc.tuple(fc.option(profile, { nil: undefined }), fc.nat(999_999)), { maxLength: 4 }),
        (cat, pick, upper, sep, inCatalog, esimProfile, others) => {
          const chosen = cat.plans[pick % cat.plans.length];
          if (chosen === undefined) throw new Error('catalog is never empty');
          const label = inCatalog ? caseAndSpace(chosen.name, upper, sep) : `Missing ${pick}`;
          const target = esim(esimProfile, 1);
          const esims = [target, ...others.map(([p, serial]) => esim(p, serial + 2))];
          const v = checkAddPlan({ esim: target, plan: label, subscriber: { esims }, catalog: cat });

          const known = inCatalog && esimProfile !== undefined;
          expect(v.status === 'blocked').toBe(known && esimProfile !== chosen.imsiProfile);
          expect(v.status === 'ok').toBe(known && esimProfile === chosen.imsiProfile);
          if (!known) expect(v.status).toBe('unknown');
          if (v.status === 'ok') expect(v.remedies).toEqual([]);
          if (v.status === 'blocked') {
            // Every remedy gives the plan's profile, and Add line is always last.
            expect(v.remedies.every((r) => r.profile === chosen.imsiProfile)).toBe(true);
            expect(v.remedies.at(-1)?.kind).toBe('add-line');
            const fitting = esims.filter((e) => e !== target && e.imsiProfile === chosen.imsiProfile);
            expect(v.remedies.filter((r) => r.kind === 'use-other-esim').length).toBe(
              fitting.filter((e) => e.iccid !== target.iccid).length,
            );
          }
        },
      ),
    );
  });
});
