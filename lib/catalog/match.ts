/**
 * Finding catalog plans: by the label a portal shows (exact, normalised) for the Add plan guard,
 * and by destination or name for the sidebar's plan finder (ranked).
 */
import { resolveCountries, type CountryMatch } from './countries';
import { foldSearchText, normalisePlanName } from './normalise';
import type { Catalog, Plan, PlanKind } from './schema';

export { normalisePlanName } from './normalise';

/**
 * The plan whose name or one of whose aliases equals `nameAsPortalShows` after
 * {@link normalisePlanName} ("EURO-1" finds "Euro 1"). Exact only: a label that merely contains a
 * plan name is not that plan — the guard must answer "unknown" rather than guess.
 * The catalog schema guarantees no label belongs to two plans.
 */
export function findPlan(catalog: Catalog, nameAsPortalShows: string): Plan | undefined {
  const key = normalisePlanName(nameAsPortalShows);
  if (key === '') return undefined;
  return catalog.plans.find(
    (p) => normalisePlanName(p.name) === key || p.aliases.some((a) => normalisePlanName(a) === key),
  );
}

/** How a plan matched a finder query, strongest first. */
export type PlanMatchKind =
  'name' | 'country' | 'name-prefix' | 'region' | 'name-substring' | 'country-prefix' | 'region-substring';

/** Rank of each match kind: higher is better. */
const TIER: Readonly<Record<PlanMatchKind, number>> = {
  name: 1000,
  country: 900,
  'name-prefix': 800,
  region: 700,
  'name-substring': 600,
  'country-prefix': 500,
  'region-substring': 400,
};

/** One result of {@link searchPlans}. */
export interface PlanSearchHit {
  readonly plan: Plan;
  readonly matchedBy: PlanMatchKind;
  /** Higher is better; equal scores are ordered most specific plan (fewest countries) first. */
  readonly score: number;
  /** The ISO code when the plan matched by destination country. */
  readonly country?: string;
}

/** Options of {@link searchPlans}. */
export interface SearchPlansOptions {
  /** Plan kinds to search; default only `international` plans (the ones that go on an eSIM). */
  readonly kinds?: readonly PlanKind[];
  /** Maximum number of hits (default 50). */
  readonly limit?: number;
}

/**
 * The plan finder: plans matching `query` by destination country (ISO code, English or French name,
 * or the start of a name from 3 letters), by plan name or alias (exact, prefix, substring) or by
 * region. Ranked: exact name, then plans covering the named country, then prefixes, region,
 * substrings. Among equals the most specific plan (fewest countries, e.g. a single-country plan
 * before a regional one) comes first, then by name. Case-, space- and accent-insensitive.
 */
export function searchPlans(
  catalog: Catalog,
  query: string,
  options: SearchPlansOptions = {},
): PlanSearchHit[] {
  const q = foldSearchText(query);
  if (q === '') return [];
  const kinds = new Set<PlanKind>(options.kinds ?? ['international']);
  const plans = catalog.plans.filter((p) => kinds.has(p.kind));
  const countries: CountryMatch[] = resolveCountries(
    query,
    plans.flatMap((p) => p.countries),
  );

  const best = new Map<string, { hit: PlanSearchHit; index: number }>();
  const offer = (plan: Plan, index: number, matchedBy: PlanMatchKind, country?: string): void => {
    const current = best.get(plan.id);
    if (current !== undefined && current.hit.score >= TIER[matchedBy]) return;
    const hit: PlanSearchHit =
      country === undefined
        ? { plan, matchedBy, score: TIER[matchedBy] }
        : { plan, matchedBy, score: TIER[matchedBy], country };
    best.set(plan.id, { hit, index });
  };

  plans.forEach((plan, index) => {
    for (const label of [plan.name, ...plan.aliases]) {
      const l = foldSearchText(label);
      if (l === q) offer(plan, index, 'name');
      else if (l.startsWith(q)) offer(plan, index, 'name-prefix');
      else if (l.includes(q)) offer(plan, index, 'name-substring');
    }
    for (const c of countries) {
      if (plan.countries.includes(c.code)) {
        offer(plan, index, c.how === 'name-prefix' ? 'country-prefix' : 'country', c.code);
      }
    }
    const region = foldSearchText(plan.region);
    if (region === q) offer(plan, index, 'region');
    else if (region.includes(q)) offer(plan, index, 'region-substring');
  });

  return [...best.values()]
    .sort(
      (a, b) =>
        b.hit.score - a.hit.score ||
        a.hit.plan.countries.length - b.hit.plan.countries.length ||
        a.hit.plan.name.localeCompare(b.hit.plan.name, 'en') ||
        a.index - b.index,
    )
    .slice(0, Math.max(0, options.limit ?? 50))
    .map((x) => x.hit);
}
