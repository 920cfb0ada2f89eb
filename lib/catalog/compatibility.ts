/**
 * The Add plan verdict (DESIGN §1.2): can this plan go on this eSIM, and if not, what to do.
 * seed 001: "Plans can only be added to eSIMs with the matching IMSI profile"; the remedy is
 * "Go through the Add line flow to give someone a new eSIM – that new one will have the correct
 * profile you need". We also offer the subscriber's other eSIMs that already have that profile.
 */
import type { PageEsim, PageSubscriber } from '../portal/page-context';
import { countryName, type Lang } from './countries';
import { findPlan } from './match';
import type { Catalog, Plan } from './schema';
import { regionNameIn, valueStateOf } from './value-words';

/** A way to give the customer the plan when the chosen eSIM cannot take it. */
export type Remedy =
  | {
      /** Add the plan to this other eSIM of the same subscriber: it has the plan's profile. */
      readonly kind: 'use-other-esim';
      readonly iccid: string;
      readonly lineName?: string;
      readonly profile: number;
    }
  | {
      /** Go through Add line: the new eSIM gets the plan's profile. `lineName` is the name to give it. */
      readonly kind: 'add-line';
      readonly lineName: string;
      readonly profile: number;
    };

/** The add-line remedy alone. */
export type AddLineRemedy = Extract<Remedy, { kind: 'add-line' }>;

/** Stable verdict codes (the UI translates them; `reason` is the English fallback). */
export type AddPlanCode =
  'profile-match' | 'profile-mismatch' | 'plan-not-in-catalog' | 'esim-profile-unknown';

/** Result of {@link checkAddPlan}. `unknown` is never an implicit "ok": the guard must say it cannot tell. */
export interface AddPlanVerdict {
  readonly status: 'ok' | 'blocked' | 'unknown';
  readonly code: AddPlanCode;
  readonly reason: string;
  /** The catalog plan, when found. */
  readonly plan?: Plan;
  /** Best first: other eSIMs of the subscriber that fit, then Add line. Empty when `ok`. */
  readonly remedies: Remedy[];
}

/** The subscriber as the checks need it: its eSIM lines (the one being edited may be among them). */
export type SubscriberWithEsims = { readonly esims: readonly PageEsim[] } & Partial<PageSubscriber>;

/** Input of {@link checkAddPlan}. */
export interface CheckAddPlanInput {
  /** The eSIM the agent is adding the plan to. */
  readonly esim: PageEsim;
  /** The plan label as the portal shows it (looked up in the catalog), or a catalog plan. */
  readonly plan: string | Plan;
  readonly subscriber: SubscriberWithEsims;
  readonly catalog: Catalog;
  /**
   * Where the customer is going (ISO codes) when the agent knows: names the new line after the one
   * destination country even for a regional plan (seed 001: "use the name of the country they are
   * traveling to").
   */
  readonly destinations?: readonly string[];
  /** Language of the suggested line name (country names exist in English and French). Default English. */
  readonly lang?: Lang;
}

/**
 * Statuses that mean an eSIM cannot take a plan now (English and French stems): suspended,
 * terminated, cancelled, deactivated, disabled, blocked. Such eSIMs are never offered as a remedy.
 * Anything else — including no status at all — counts as usable.
 */
const UNUSABLE_STATUS = /suspen|terminat|cancel|deactivat|d[ée]sactiv|disabled|r[ée]sili|annul|block|bloqu/i;

/** False when the eSIM's status says it is suspended, terminated, cancelled, deactivated or blocked. */
export function isEsimUsable(esim: PageEsim): boolean {
  // A "Gekündigt", "Cancelado" or "Opgezegd" line is as gone as a "Cancelled" one (value-words.ts).
  return (
    esim.status === undefined ||
    (!UNUSABLE_STATUS.test(esim.status) && valueStateOf(esim.status) !== 'cancelled')
  );
}

/**
 * The name to give a new line for `plan` (seed 001: "use the name of the country they are traveling
 * to. If they are traveling to multiple places, put in the name of the plan (location wise)"):
 * the one destination country when known, else the plan's only country, else the plan's region.
 */
export function lineNameFor(plan: Plan, destinations: readonly string[] = [], lang: Lang = 'en'): string {
  const unique = [...new Set(destinations.map((d) => d.toUpperCase()))];
  if (unique.length === 1 && unique[0] !== undefined) {
    return countryName(unique[0], lang) ?? unique[0];
  }
  if (unique.length === 0 && plan.countries.length === 1 && plan.countries[0] !== undefined) {
    // A single-country plan is usually named after its country; that is the better fallback than "JP".
    return countryName(plan.countries[0], lang) ?? plan.name;
  }
  return regionNameIn(plan, lang);
}

/** Options of {@link placementsFor}. */
export interface PlacementOptions {
  readonly destinations?: readonly string[];
  readonly lang?: Lang;
  /** An eSIM to leave out (the one the agent is on), matched by ICCID or by identity. */
  readonly exclude?: PageEsim;
}

/** Where a plan can go for this subscriber: for the plan finder and for the blocked verdict. */
export interface Placements {
  readonly plan: Plan;
  /** `use-other-esim` for every usable eSIM with the plan's profile (page order), then always `add-line`. */
  readonly remedies: Remedy[];
  /** Usable eSIMs whose profile the page did not show: they might fit, we cannot tell. */
  readonly profileUnknown: PageEsim[];
}

function sameEsim(a: PageEsim, b: PageEsim): boolean {
  return a === b || (a.iccid !== undefined && a.iccid === b.iccid);
}

/**
 * Which of the subscriber's eSIMs can take `plan` (same IMSI profile, usable status, a valid ICCID
 * to point at), followed by the Add line remedy with the suggested line name. An eSIM without a
 * valid ICCID is not offered: the agent could not be told which one to pick.
 */
export function placementsFor(
  plan: Plan,
  esims: readonly PageEsim[],
  options: PlacementOptions = {},
): Placements {
  const remedies: Remedy[] = [];
  const profileUnknown: PageEsim[] = [];
  for (const e of esims) {
    if (options.exclude !== undefined && sameEsim(e, options.exclude)) continue;
    if (!isEsimUsable(e)) continue;
    if (e.imsiProfile === undefined) {
      profileUnknown.push(e);
      continue;
    }
    if (e.imsiProfile !== plan.imsiProfile || e.iccid === undefined) continue;
    remedies.push(
      e.lineName === undefined
        ? { kind: 'use-other-esim', iccid: e.iccid, profile: e.imsiProfile }
        : { kind: 'use-other-esim', iccid: e.iccid, lineName: e.lineName, profile: e.imsiProfile },
    );
  }
  remedies.push({
    kind: 'add-line',
    lineName: lineNameFor(plan, options.destinations, options.lang),
    profile: plan.imsiProfile,
  });
  return { plan, remedies, profileUnknown };
}

/**
 * The Add plan verdict. `blocked` exactly when the plan's IMSI profile and the eSIM's are both
 * known and differ; `ok` exactly when they are equal; `unknown` when the plan label is not in the
 * catalog (checked first) or the page did not show the eSIM's profile — never a silent ok.
 * Remedies come with `blocked`, and with `unknown` when only the eSIM's profile is missing (the
 * other eSIMs that certainly fit, and Add line).
 */
export function checkAddPlan(input: CheckAddPlanInput): AddPlanVerdict {
  const { esim, subscriber, catalog } = input;
  const plan = typeof input.plan === 'string' ? findPlan(catalog, input.plan) : input.plan;
  if (plan === undefined) {
    const label = typeof input.plan === 'string' ? input.plan : '';
    return {
      status: 'unknown',
      code: 'plan-not-in-catalog',
      reason: `Plan "${label}" is not in the plan catalog "${catalog.name}", so its IMSI profile is unknown.`,
      remedies: [],
    };
  }
  // The eSIM being edited is left out: it is the one that cannot take the plan.
  const placements = (): Remedy[] =>
    placementsFor(plan, subscriber.esims, {
      exclude: esim,
      ...(input.destinations === undefined ? {} : { destinations: input.destinations }),
      ...(input.lang === undefined ? {} : { lang: input.lang }),
    }).remedies;

  if (esim.imsiProfile === undefined) {
    return {
      status: 'unknown',
      code: 'esim-profile-unknown',
      reason: `The page does not show this eSIM's IMSI profile; "${plan.name}" needs profile ${plan.imsiProfile}.`,
      plan,
      remedies: placements(),
    };
  }
  if (esim.imsiProfile === plan.imsiProfile) {
    return {
      status: 'ok',
      code: 'profile-match',
      reason: `"${plan.name}" needs IMSI profile ${plan.imsiProfile}, and this eSIM has it.`,
      plan,
      remedies: [],
    };
  }
  // seed 001: "If you try to add a plan of a non-matching profile to an eSIM, you'll get an error"
  return {
    status: 'blocked',
    code: 'profile-mismatch',
    reason: `"${plan.name}" needs IMSI profile ${plan.imsiProfile}; this eSIM has profile ${esim.imsiProfile}.`,
    plan,
    remedies: placements(),
  };
}
