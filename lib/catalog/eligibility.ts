/**
 * The Add line eligibility check for complimentary eSIMs.
 * seed 001: "Please make sure the customer has an unlimited all plan, or an unlimited bundle for
 * every complimentary eSIM that is shared."
 */
import type { PageEsim, PageSubscriber } from '../portal/page-context';
import { findPlan } from './match';
import { normalisePlanName } from './normalise';
import { valueStateOf } from './value-words';
import type { Catalog } from './schema';

/** Stable verdict codes (the UI translates them; `reason` is the English fallback). */
export type AddLineCode =
  | 'unlimited-all'
  | 'enough-bundles'
  | 'not-enough-bundles'
  | 'no-plan-info'
  | 'plan-type-unknown'
  | 'esim-count-unknown';

/** Result of {@link checkAddLine}. */
export interface AddLineVerdict {
  readonly status: 'eligible' | 'not-eligible' | 'unknown';
  readonly code: AddLineCode;
  readonly reason: string;
  /** What would make the subscriber eligible (English), when not eligible or unknown. */
  readonly toBecomeEligible?: string;
  /** Complimentary eSIMs counted as shared, the new one included, when known. */
  readonly esimsShared?: number;
  /** Unlimited bundles the subscriber holds, when the page shows them (or 0 when inferred). */
  readonly bundlesHeld?: number;
  /** More bundles needed to cover every shared eSIM (only with `not-enough-bundles`/`plan-type-unknown`). */
  readonly bundlesMissing?: number;
}

/** Input of {@link checkAddLine}. */
export interface CheckAddLineInput {
  /** The subscriber as the page shows it; `esims` are its current eSIM lines, when read. */
  readonly subscriber: Partial<PageSubscriber> & { readonly esims?: readonly PageEsim[] };
  /** Complimentary eSIMs shared once the new line exists, when the agent knows better than our count. */
  readonly complimentaryEsimsShared?: number;
  /** To recognise a reseller's own name for its unlimited domestic plan. */
  readonly catalog?: Catalog;
}

/** The domestic plan the rule names. */
const UNLIMITED_ALL = normalisePlanName('Unlimited All');

/**
 * Whether `planType` is an "Unlimited All" plan: the name itself (case/space-insensitive), or the
 * catalog plan with that name or alias when it is a domestic unlimited plan. A catalog *bundle*
 * does not count here: bundles are counted separately, one per shared eSIM.
 */
export function isUnlimitedAllPlan(planType: string, catalog?: Catalog): boolean {
  if (normalisePlanName(planType) === UNLIMITED_ALL) return true;
  const plan = catalog === undefined ? undefined : findPlan(catalog, planType);
  return plan !== undefined && plan.kind === 'domestic' && plan.unlimited;
}

/**
 * Can this subscriber get one more complimentary eSIM through Add line?
 *
 * Interpretation of the rule (seed 001):
 * - an "Unlimited All" domestic plan covers any number of complimentary eSIMs → `eligible`;
 * - otherwise one unlimited bundle (`unlimitedBundles`) is needed per complimentary eSIM shared;
 *   the number shared is `complimentaryEsimsShared` when given, else every current eSIM line that
 *   has not ended (terminated/cancelled) plus 1 for the new one — we cannot tell a paid eSIM from a
 *   complimentary one on the page, so every line counts;
 * - when the page shows a plan type but no bundle count, the subscriber is taken to hold 0 bundles;
 * - `unknown` when neither the plan type nor the bundles are shown, when only the bundles are
 *   shown and they fall short (the plan might be Unlimited All), or when the eSIM lines were not
 *   read and the bundles held (at least one) might or might not cover them. With no bundle at
 *   all, the new eSIM alone is uncovered, whatever the eSIM count (`bundlesMissing` is then a
 *   lower bound).
 */
export function checkAddLine(input: CheckAddLineInput): AddLineVerdict {
  const { subscriber, catalog } = input;
  const planType = subscriber.planType?.trim() || undefined;
  const bundles = subscriber.unlimitedBundles;

  if (planType !== undefined && isUnlimitedAllPlan(planType, catalog)) {
    return {
      status: 'eligible',
      code: 'unlimited-all',
      reason: `The subscriber's plan "${planType}" is an Unlimited All plan, which covers complimentary eSIMs.`,
    };
  }
  if (planType === undefined && bundles === undefined) {
    return {
      status: 'unknown',
      code: 'no-plan-info',
      reason: "The page shows neither the subscriber's plan type nor their unlimited bundles.",
      toBecomeEligible:
        'Check that the subscriber has an Unlimited All plan, or one unlimited bundle per complimentary eSIM.',
    };
  }

  const given = input.complimentaryEsimsShared;
  const shared =
    (given !== undefined && Number.isInteger(given) && given >= 0 ? given : undefined) ??
    (subscriber.esims === undefined
      ? undefined
      : subscriber.esims.filter((e) => valueStateOf(e.status) !== 'cancelled').length + 1);
  // A plan type without a bundle count reads as no bundles (neither shown was handled above).
  const held = bundles ?? 0;
  if (shared !== undefined && held >= shared) {
    return {
      status: 'eligible',
      code: 'enough-bundles',
      reason: `${held} unlimited bundle(s) cover the ${shared} complimentary eSIM(s) shared, the new one included.`,
      esimsShared: shared,
      bundlesHeld: held,
    };
  }
  if (shared === undefined && held >= 1) {
    return {
      status: 'unknown',
      code: 'esim-count-unknown',
      reason: `The subscriber's eSIM lines were not read, so it is unknown whether ${held} unlimited bundle(s) cover every complimentary eSIM.`,
      bundlesHeld: held,
      toBecomeEligible:
        'Check that the subscriber has one unlimited bundle per complimentary eSIM, or an Unlimited All plan.',
    };
  }
  // Short of bundles. Without the eSIM count, the new eSIM alone is a lower bound of what is needed.
  const needed = shared ?? 1;
  const missing = needed - held;
  const counted = shared === undefined ? {} : { esimsShared: shared };
  const fix = `Switch the subscriber to an Unlimited All plan, or add ${shared === undefined ? 'at least ' : ''}${missing} unlimited bundle(s).`;
  if (planType === undefined) {
    return {
      status: 'unknown',
      code: 'plan-type-unknown',
      reason: `${held} unlimited bundle(s) for ${shared ?? 'at least 1'} complimentary eSIM(s), and the page does not show the plan type (an Unlimited All plan would be enough).`,
      toBecomeEligible: fix,
      ...counted,
      bundlesHeld: held,
      bundlesMissing: missing,
    };
  }
  return {
    status: 'not-eligible',
    code: 'not-enough-bundles',
    reason: `Plan "${planType}" is not Unlimited All, and ${held} unlimited bundle(s) do not cover ${shared ?? 'the new'} complimentary eSIM(s).`,
    toBecomeEligible: fix,
    ...counted,
    bundlesHeld: held,
    bundlesMissing: missing,
  };
}
