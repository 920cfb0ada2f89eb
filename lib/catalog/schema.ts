/**
 * The plan catalog: which plans a reseller sells and which IMSI profile each plan is set up for.
 * seed 001: "we've configured our plans to go with the cost-optimal IMSI profiles on eSIMs" — that
 * mapping differs per reseller, so it is data (shipped example + editable + importable), never code
 * (DESIGN §2). Every catalog that enters the extension goes through {@link CatalogSchema}.
 */
import { z } from 'zod';
import { normalisePlanName } from './normalise';

/** Stable error codes a catalog validation can report (the UI translates them). */
export type CatalogIssueCode =
  'duplicate-id' | 'name-collision' | 'duplicate-country' | 'empty-name' | 'no-countries';

/** Default plan life. seed 001: "Each plan lasts 30 days from when it is activated". */
export const DEFAULT_VALIDITY_DAYS = 30;

/**
 * What a catalog entry is:
 * - `international`: an eSIM data plan added through Add line / Add plan (seed 001) — the only kind
 *   the IMSI-profile guard is about, and it must list its destination countries;
 * - `domestic`: the subscriber's home plan, e.g. "Unlimited All", listed so the complimentary-eSIM
 *   rule can recognise it (seed 001: "make sure the customer has an unlimited all plan");
 * - `bundle`: an add-on such as the "unlimited bundle" of the same rule.
 */
export const PlanKindSchema = z.enum(['international', 'domestic', 'bundle']);
/** See {@link PlanKindSchema}. */
export type PlanKind = z.infer<typeof PlanKindSchema>;

/** ISO 3166-1 alpha-2, uppercase ("FR", "JP"). */
export const CountryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Use an uppercase ISO 3166-1 alpha-2 country code, e.g. "FR"');

const planLabel = z.string().trim().min(1).max(100);

/** One plan of the catalog. */
export const PlanSchema = z
  .object({
    /** Stable slug, e.g. "euro-1". */
    id: z
      .string()
      .max(64)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use a lowercase slug: letters, digits and single dashes'),
    /** Display name, e.g. "Euro 1". */
    name: planLabel,
    /** Other names a portal shows for this plan, e.g. "EURO-1 30 days". `|` is the CSV list separator. */
    aliases: z
      .array(planLabel.refine((s) => !s.includes('|'), 'An alias cannot contain "|"'))
      .max(50)
      .default([]),
    /** Region the plan covers, e.g. "Europe", "Asia"; used to name a new line for a multi-country plan. */
    region: planLabel,
    /**
     * The region in other languages, ISO 639-1 → name (issue 16: a French agent's new line is "Asie",
     * not "Asia"). Optional; the shipped vocabulary (vocabulary/regions.json) covers common regions.
     * JSON catalogs only: the CSV format does not carry it.
     */
    regionNames: z.record(z.string().regex(/^[a-z]{2}$/), planLabel).optional(),
    /** Destination countries (ISO 3166-1 alpha-2). */
    countries: z.array(CountryCodeSchema).max(300).default([]),
    /** IMSI profile the plan is set up for (seed 001: 2, 7 or 10 in that portal). */
    imsiProfile: z.number().int().positive().max(9999),
    /** Data allowance in MB; null = unlimited data. */
    dataAllowanceMb: z.number().nonnegative().max(100_000_000).nullable(),
    /** Days the plan lasts once activated (seed 001: 30). */
    validityDays: z.number().int().positive().max(3660).default(DEFAULT_VALIDITY_DAYS),
    /** An unlimited plan or bundle (counts for the complimentary-eSIM rule when domestic or a bundle). */
    unlimited: z.boolean().default(false),
    kind: PlanKindSchema.default('international'),
    /** Free text for admins; blank notes are dropped so JSON and CSV round trips agree. */
    notes: z
      .string()
      .trim()
      .max(1000)
      .optional()
      .transform((s) => (s === '' ? undefined : s)),
  })
  .superRefine((plan, ctx) => {
    if (normalisePlanName(plan.name) === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'The name has no letters or digits',
        params: { code: 'empty-name' },
      });
    }
    const seen = new Set<string>();
    plan.countries.forEach((c, i) => {
      if (seen.has(c)) {
        ctx.addIssue({
          code: 'custom',
          path: ['countries', i],
          message: `Country ${c} is listed twice`,
          params: { code: 'duplicate-country' },
        });
      }
      seen.add(c);
    });
    if (plan.kind === 'international' && plan.countries.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['countries'],
        message: 'An international plan must list at least one destination country',
        params: { code: 'no-countries' },
      });
    }
  });
/** A validated plan (defaults applied). */
export type Plan = z.infer<typeof PlanSchema>;
/** A plan as written in a file, before defaults are applied. */
export type PlanInput = z.input<typeof PlanSchema>;

/** A whole catalog: metadata plus plans with unique ids and unambiguous names. */
export const CatalogSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    version: z.string().trim().min(1).max(40),
    /** True for illustrative data that must not be mistaken for a reseller's real mapping. */
    exampleData: z.boolean().default(false),
    plans: z.array(PlanSchema).max(5000),
  })
  .superRefine((catalog, ctx) => {
    const ids = new Map<string, number>();
    // normalised name/alias → index of the plan that owns it
    const names = new Map<string, number>();
    catalog.plans.forEach((plan, i) => {
      const firstId = ids.get(plan.id);
      if (firstId !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['plans', i, 'id'],
          message: `Id "${plan.id}" is already used by plans[${firstId}]`,
          params: { code: 'duplicate-id' },
        });
      } else {
        ids.set(plan.id, i);
      }
      const labels: Array<{ path: (string | number)[]; text: string }> = [
        { path: ['plans', i, 'name'], text: plan.name },
        ...plan.aliases.map((a, j) => ({ path: ['plans', i, 'aliases', j], text: a })),
      ];
      for (const { path, text } of labels) {
        const key = normalisePlanName(text);
        if (key === '') continue;
        const owner = names.get(key);
        // A plan may repeat its own name among its aliases; only another plan's name is ambiguous:
        // the Add plan guard must map a portal label to exactly one plan.
        if (owner !== undefined && owner !== i) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `"${text}" matches a name or alias of plans[${owner}] ("${catalog.plans[owner]?.name ?? ''}")`,
            params: { code: 'name-collision' },
          });
        } else if (owner === undefined) {
          names.set(key, i);
        }
      }
    });
  });
/** A validated catalog. */
export type Catalog = z.infer<typeof CatalogSchema>;
/** A catalog as written in a file, before defaults are applied. */
export type CatalogInput = z.input<typeof CatalogSchema>;
