/**
 * What the Add plan / Add line guard says and offers (DESIGN §1.2, issue 4), as data: the verdict
 * line, whether a submit passes, is only recorded (warn) or is stopped (block), the dialog's
 * sentences and the remedies with their actions. Sentences are i18n message keys with their
 * substitutions, never text or DOM: the content script translates and renders them
 * (entrypoints/portal/guard-view.ts), so this module runs in a plain unit test.
 *
 * seed 001: "Plans can only be added to eSIMs with the matching IMSI profile … Go through the Add
 * line flow"; "make sure the customer has an unlimited all plan, or an unlimited bundle for every
 * complimentary eSIM". Pure: no DOM, no clock (the caller stamps events with the time). No zod
 * (content script).
 */
import { checkAddPlan, type AddPlanVerdict } from '../catalog/compatibility';
import type { Lang } from '../catalog/countries';
import { checkAddLine, type AddLineVerdict } from '../catalog/eligibility';
import type { Catalog } from '../catalog/schema';
import { formatIccid } from '../telecom/iccid';
import type { FormSelection } from './forms';
import type { GuardEvent, PageContext, PageEsim } from './page-context';

/** Every message key the guard's model can emit (public/_locales; a unit test checks each exists). */
export const GUARD_MESSAGE_KEYS = [
  'gdNoCatalog',
  'gdPlanChoose',
  'gdPlanNotInCatalog',
  'gdPlanEsimProfileUnknown',
  'gdPlanOk',
  'gdPlanBlocked',
  'gdExampleCatalog',
  'gdSubmittedUnchecked',
  'gdDialogPlanTitle',
  'gdDialogPlanBody',
  'gdDialogRemedies',
  'gdConfirmPlan',
  'gdRemedyOtherEsim',
  'gdRemedyOtherEsimDetail',
  'gdRemedyAddLine',
  'gdRemedyAddLineDetail',
  'gdOpenAddLine',
  'gdLineUnlimitedAll',
  'gdLineEnoughBundles',
  'gdLineNotEnough',
  'gdLineUnknown',
  'gdLineFix',
  'gdLineFixCheck',
  'gdDialogLineTitle',
  'gdConfirmLine',
  'gdAmbiguousLine',
  'gdDialogAmbiguousTitle',
  'gdDialogAmbiguousBody',
  'gdConfirmAmbiguous',
] as const;
/** See {@link GUARD_MESSAGE_KEYS}. */
export type GuardMessageKey = (typeof GUARD_MESSAGE_KEYS)[number];

/** One sentence to show: a message key and its substitutions (`$P1$`, `$P2$`…, in order). */
export interface Say {
  readonly key: GuardMessageKey;
  readonly subs?: readonly string[];
}

/** The verdict line next to a form: a status (its colour) and sentences shown one after the other. */
export interface VerdictLine {
  readonly status: 'ok' | 'blocked' | 'unknown' | 'none';
  /** Empty: nothing to say (the line is hidden). */
  readonly text: readonly Say[];
}

/** A guard event before it is stamped with the time (GuardEvent's `at`). */
export type GuardEventDraft = Omit<GuardEvent, 'at'>;

/** What a remedy does to the page. */
export type RemedyAction =
  /** Choose this eSIM in the form's eSIM control. */
  | { readonly kind: 'select-esim'; readonly iccid: string }
  /** Open the portal's Add line form and name the new line `lineName`. */
  | { readonly kind: 'add-line'; readonly lineName: string };

/** A remedy as the dialog offers it. */
export interface RemedyChoice {
  readonly label: Say;
  readonly detail: Say;
  readonly action: RemedyAction;
  /** Recorded when the action took effect. */
  readonly applied: GuardEventDraft;
}

/** The dialog that stops a submit: reason, remedies, and the text of the explicit override step. */
export interface GuardDialogModel {
  readonly title: Say;
  readonly body: readonly Say[];
  readonly remedies: readonly RemedyChoice[];
  /** What "Submit anyway" will do, shown on the confirmation step. */
  readonly confirm: Say;
}

/** What the guard does with a submit of the form. */
export type SubmitDecision =
  | { readonly kind: 'pass' }
  /** Let it through, record the event, and show `line` when given (the agent may know better). */
  | { readonly kind: 'warn'; readonly event: GuardEventDraft; readonly line?: VerdictLine }
  /** Stop it, record `event`, open `dialog`; `override` is recorded if the agent submits anyway. */
  | {
      readonly kind: 'block';
      readonly event: GuardEventDraft;
      readonly dialog: GuardDialogModel;
      readonly override: GuardEventDraft;
    };

/** The guard's view of one form: the line to show now and what a submit would do. */
export interface FormGuard {
  readonly line: VerdictLine;
  readonly submit: SubmitDecision;
}

const PASS: SubmitDecision = { kind: 'pass' };

// GuardEventSchema's limits (page-context.ts): the background would refuse longer texts.
const MAX_REASON = 500;
const MAX_PLAN_NAME = 200;

// ---- Two subscribers on screen ---------------------------------------------------------------------

const AMBIGUOUS_REASON =
  'The page shows more than one subscriber: the guard cannot tell whose eSIM or eligibility this is.';

/**
 * When the agent sees two subscribers (PageContext.ambiguous, issue 14), a check against "the"
 * subscriber could be a check against the wrong person: stop the submit and say why, instead of
 * passing. The agent can still submit anyway (recorded), as for any block.
 */
function ambiguousGuard(form: 'add-plan' | 'add-line', planName?: string): FormGuard {
  const base = {
    form,
    reason: AMBIGUOUS_REASON,
    ...(planName === undefined ? {} : { planName: planName.slice(0, MAX_PLAN_NAME) }),
  };
  return {
    line: { status: 'unknown', text: [{ key: 'gdAmbiguousLine' }] },
    submit: {
      kind: 'block',
      event: { kind: 'blocked', ...base },
      dialog: {
        title: { key: 'gdDialogAmbiguousTitle' },
        body: [{ key: 'gdDialogAmbiguousBody' }],
        remedies: [],
        confirm: { key: 'gdConfirmAmbiguous' },
      },
      override: { kind: 'override', ...base },
    },
  };
}

// ---- Add plan ----------------------------------------------------------------------------------

/** Input of {@link guardAddPlan}. */
export interface AddPlanInput {
  /** What the agent chose in the form (lib/portal/forms readFormSelection). */
  readonly selection: FormSelection;
  /** Whether the form has an eSIM control (the other-eSIM remedy needs one). */
  readonly hasEsimControl: boolean;
  readonly context: PageContext;
  readonly catalog: Catalog | null;
  readonly lang: Lang;
}

/** The eSIM the form is about, as the page shows it. */
function chosenEsim(input: AddPlanInput): PageEsim {
  const { esims } = input.context;
  const iccid = input.selection.esimIccid;
  if (iccid !== undefined) return esims.find((e) => e.iccid === iccid) ?? { iccid, plans: [] };
  // Without an eSIM field (a form on the eSIM's own page), a subscriber with one eSIM means that one.
  return (!input.hasEsimControl && esims.length === 1 ? esims[0] : undefined) ?? { plans: [] };
}

/** "Line name (8944 …)", or whichever of the two the page shows. */
export function esimLabel(esim: PageEsim): string {
  const iccid = esim.iccid === undefined ? '' : formatIccid(esim.iccid);
  return esim.lineName === undefined ? iccid : iccid === '' ? esim.lineName : `${esim.lineName} (${iccid})`;
}

function planVerdictText(verdict: AddPlanVerdict, esim: PageEsim, planName: string): Say {
  const p = verdict.plan;
  if (verdict.code === 'plan-not-in-catalog' || p === undefined)
    return { key: 'gdPlanNotInCatalog', subs: [planName] };
  const profile = String(p.imsiProfile);
  if (verdict.code === 'esim-profile-unknown')
    return { key: 'gdPlanEsimProfileUnknown', subs: [p.name, profile] };
  if (verdict.code === 'profile-match') return { key: 'gdPlanOk', subs: [p.name, profile] };
  return { key: 'gdPlanBlocked', subs: [p.name, profile, String(esim.imsiProfile)] };
}

function remedyChoices(verdict: AddPlanVerdict, hasEsimControl: boolean, planName: string): RemedyChoice[] {
  const out: RemedyChoice[] = [];
  for (const remedy of verdict.remedies) {
    if (remedy.kind === 'add-line') {
      out.push({
        label: { key: 'gdRemedyAddLine' },
        detail: { key: 'gdRemedyAddLineDetail', subs: [remedy.lineName, String(remedy.profile)] },
        action: { kind: 'add-line', lineName: remedy.lineName },
        applied: {
          kind: 'remedy-applied',
          form: 'add-plan',
          planName,
          reason: `Add line instead, line name "${remedy.lineName}".`.slice(0, MAX_REASON),
        },
      });
    } else if (hasEsimControl) {
      // Choosing another eSIM needs the form's eSIM control; without one, only Add line is offered.
      const iccid = formatIccid(remedy.iccid);
      out.push({
        label: { key: 'gdRemedyOtherEsim', subs: [remedy.lineName ?? iccid, iccid] },
        detail: { key: 'gdRemedyOtherEsimDetail', subs: [String(remedy.profile)] },
        action: { kind: 'select-esim', iccid: remedy.iccid },
        applied: {
          kind: 'remedy-applied',
          form: 'add-plan',
          planName,
          iccid: remedy.iccid,
          reason: `Switched the form to eSIM ${remedy.iccid}.`,
        },
      });
    }
  }
  return out;
}

/**
 * The Add plan guard: the verdict line, and the submit decision — pass when the plan fits or nothing
 * is chosen yet (the portal's own validation answers), warn when we cannot tell (never block on an
 * unknown: the agent may know better than our catalog), block a profile mismatch with the remedies.
 */
export function guardAddPlan(input: AddPlanInput): FormGuard {
  const { catalog, selection } = input;
  if (catalog === null) return { line: { status: 'unknown', text: [{ key: 'gdNoCatalog' }] }, submit: PASS };
  const planName = selection.planName;
  if (planName === undefined)
    return { line: { status: 'none', text: [{ key: 'gdPlanChoose' }] }, submit: PASS };
  if (input.context.ambiguous === true) return ambiguousGuard('add-plan', planName);

  const esim = chosenEsim(input);
  const subscriber = { ...(input.context.subscriber ?? {}), esims: input.context.esims };
  const verdict = checkAddPlan({ esim, plan: planName, subscriber, catalog, lang: input.lang });
  const text: Say[] = [planVerdictText(verdict, esim, planName)];
  if (catalog.exampleData) text.push({ key: 'gdExampleCatalog' });
  const line: VerdictLine = { status: verdict.status, text };
  if (verdict.status === 'ok') return { line, submit: PASS };

  const base = {
    form: 'add-plan' as const,
    planName: planName.slice(0, MAX_PLAN_NAME),
    reason: verdict.reason.slice(0, MAX_REASON),
    ...(esim.iccid === undefined ? {} : { iccid: esim.iccid }),
  };
  if (verdict.status === 'unknown') {
    const warned: VerdictLine = { status: 'unknown', text: [{ key: 'gdSubmittedUnchecked' }, ...text] };
    return { line, submit: { kind: 'warn', event: { kind: 'warned', ...base }, line: warned } };
  }
  const p = verdict.plan;
  const remedies = remedyChoices(verdict, input.hasEsimControl, planName);
  const dialog: GuardDialogModel = {
    title: { key: 'gdDialogPlanTitle' },
    body: [
      {
        key: 'gdDialogPlanBody',
        subs: [p?.name ?? planName, String(p?.imsiProfile), esimLabel(esim), String(esim.imsiProfile)],
      },
      ...(remedies.length > 0 ? [{ key: 'gdDialogRemedies' } as const] : []),
    ],
    remedies,
    confirm: { key: 'gdConfirmPlan' },
  };
  return {
    line,
    submit: {
      kind: 'block',
      event: { kind: 'blocked', ...base },
      dialog,
      override: { kind: 'override', ...base },
    },
  };
}

/** The line shown when the Add line remedy cannot find the portal's way into Add line. */
export function openAddLineHint(lineName: string): VerdictLine {
  return { status: 'unknown', text: [{ key: 'gdOpenAddLine', subs: [lineName] }] };
}

/** Recorded when the guard typed the suggested name into the Add line form. */
export function lineNamedEvent(name: string): GuardEventDraft {
  return {
    kind: 'remedy-applied',
    form: 'add-line',
    reason: `Line name set to "${name}".`.slice(0, MAX_REASON),
  };
}

/**
 * The labels of the portal's way into Add line (a button or link). A profile whose Add line form is
 * not found by label falls back to the demo portal's "Add line" (seed 001 names the flow so).
 */
export function addLineEntryLabels(
  formLabel: string | readonly string[] | undefined,
): string | readonly string[] {
  return formLabel ?? 'Add line';
}

// ---- Add line (complimentary eSIM) -----------------------------------------------------------------

/** Input of {@link guardAddLine}. */
export interface AddLineInput {
  /** What the agent chose; `complimentary` is set only when the profile names that checkbox. */
  readonly selection: FormSelection;
  readonly context: PageContext;
  readonly catalog: Catalog | null;
}

function lineVerdictText(v: AddLineVerdict, planType: string): Say {
  switch (v.code) {
    case 'unlimited-all':
      return { key: 'gdLineUnlimitedAll', subs: [planType] };
    case 'enough-bundles':
      return { key: 'gdLineEnoughBundles', subs: [String(v.bundlesHeld ?? 0), String(v.esimsShared ?? 0)] };
    case 'not-enough-bundles':
      return {
        key: 'gdLineNotEnough',
        subs: [planType, String(v.bundlesHeld ?? 0), String(v.esimsShared ?? 1)],
      };
    default:
      return { key: 'gdLineUnknown' };
  }
}

function lineFix(v: AddLineVerdict): Say {
  return v.bundlesMissing === undefined
    ? { key: 'gdLineFixCheck' }
    : { key: 'gdLineFix', subs: [String(v.bundlesMissing)] };
}

/**
 * The Add line guard: only a ticked "Complimentary eSIM" box is its business. Eligible passes,
 * unknown is recorded and passes, not eligible is stopped with what would make it eligible.
 */
export function guardAddLine(input: AddLineInput): FormGuard {
  if (input.selection.complimentary !== true) return { line: { status: 'none', text: [] }, submit: PASS };
  if (input.context.ambiguous === true) return ambiguousGuard('add-line');
  const subscriber = { ...(input.context.subscriber ?? {}), esims: input.context.esims };
  const v = checkAddLine({ subscriber, ...(input.catalog === null ? {} : { catalog: input.catalog }) });
  const said = lineVerdictText(v, input.context.subscriber?.planType ?? '');
  if (v.status === 'eligible') return { line: { status: 'ok', text: [said] }, submit: PASS };

  const line: VerdictLine = {
    status: v.status === 'not-eligible' ? 'blocked' : 'unknown',
    text: [said, lineFix(v)],
  };
  const base = {
    form: 'add-line' as const,
    reason: `${v.reason} ${v.toBecomeEligible ?? ''}`.trim().slice(0, MAX_REASON),
  };
  if (v.status === 'unknown') return { line, submit: { kind: 'warn', event: { kind: 'warned', ...base } } };
  const dialog: GuardDialogModel = {
    title: { key: 'gdDialogLineTitle' },
    body: line.text,
    remedies: [],
    confirm: { key: 'gdConfirmLine' },
  };
  return {
    line,
    submit: {
      kind: 'block',
      event: { kind: 'blocked', ...base },
      dialog,
      override: { kind: 'override', ...base },
    },
  };
}
