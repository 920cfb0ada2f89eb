/**
 * Prefills a vendor's ticket fields from what is already known (DESIGN §1.3): the page context read
 * from the portal, the ticked checklist steps, the agent's clock. Only fields that declare a `prefill`
 * source get a value; secret fields never do, and there is no source for the device type (seed 000 asks
 * for it; only the customer knows their device — the agent's browser is not the customer's phone).
 */
import { DateTime } from 'luxon';
import type { PageContext, PageEsim, PagePlan } from '../portal/page-context';
import type { PrefillSource, VendorProfile } from './vendor-profile';

/** What prefill can draw on. `checklistDone` holds the labels of ticked steps, in order. */
export interface PrefillInput {
  readonly context?: PageContext | null;
  /** The ICCID the draft is about (digits), when known; otherwise the page's only eSIM or ICCID. */
  readonly iccid?: string | null;
  readonly checklistDone?: readonly string[];
  readonly now: Date;
  /** The agent's IANA time zone, for `agent.now`. */
  readonly timeZone: string;
  readonly portalUrl?: string | null;
}

function targetIccid(input: PrefillInput): string | undefined {
  if (input.iccid) return input.iccid;
  const ctx = input.context;
  if (!ctx) return undefined;
  // Only an unambiguous page gives an ICCID: one eSIM line, or one ICCID anywhere in the text.
  const lines = ctx.esims.filter((e) => e.iccid !== undefined);
  if (lines.length === 1) return lines[0]?.iccid;
  if (lines.length === 0 && ctx.iccids.length === 1) return ctx.iccids[0];
  return undefined;
}

function targetEsim(input: PrefillInput): PageEsim | undefined {
  const iccid = targetIccid(input);
  if (!iccid || !input.context) return undefined;
  return input.context.esims.find((e) => e.iccid === iccid);
}

/**
 * One plan as a ticket line, in no language (issue 16: no English "activated … expires" in a French
 * ticket): the portal's own words (name, region, state), then its dates as "activation → expiry".
 */
function describePlan(plan: PagePlan): string {
  const parts = [plan.name];
  if (plan.region) parts.push(plan.region);
  if (plan.state) parts.push(plan.state);
  if (plan.activatedAt || plan.expiresAt) {
    parts.push([plan.activatedAt, plan.expiresAt].map((d) => d ?? '…').join(' → '));
  }
  return `- ${parts.join(' — ')}`;
}

function nowIn(now: Date, timeZone: string): string {
  let local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) local = DateTime.fromJSDate(now, { zone: 'utc' });
  return local.toISO({ suppressMilliseconds: true }) ?? '';
}

function valueFrom(source: PrefillSource, input: PrefillInput): string | undefined {
  const ctx = input.context ?? undefined;
  switch (source) {
    case 'context.iccid':
      return targetIccid(input);
    case 'context.subscriber.name':
      return ctx?.subscriber?.name;
    case 'context.subscriber.id':
      return ctx?.subscriber?.id;
    case 'context.location':
      return ctx?.subscriber?.location;
    case 'context.portalUrl':
      return input.portalUrl ?? ctx?.url;
    case 'context.esim.imsiProfile': {
      const profile = targetEsim(input)?.imsiProfile;
      return profile === undefined ? undefined : String(profile);
    }
    case 'context.esim.plans': {
      const plans = targetEsim(input)?.plans ?? [];
      return plans.length === 0 ? undefined : plans.map(describePlan).join('\n');
    }
    case 'checklist.done': {
      const done = input.checklistDone ?? [];
      return done.length === 0 ? undefined : done.map((label) => `- ${label}`).join('\n');
    }
    case 'agent.now':
      return nowIn(input.now, input.timeZone);
    case 'evidence.screenshots':
    case 'evidence.api':
      // Evidence is attached, not typed: completeness counts it and rendering lists it.
      return undefined;
  }
}

/**
 * Values for the vendor's prefillable fields, by field id. Fields with nothing to offer are absent, so
 * the caller can merge without overwriting what the agent typed with blanks.
 */
export function prefillFields(vendor: VendorProfile, input: PrefillInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of vendor.fields) {
    if (field.kind === 'secret' || field.prefill === undefined) continue;
    const value = valueFrom(field.prefill, input);
    if (value !== undefined && value.trim() !== '') out[field.id] = value;
  }
  return out;
}
