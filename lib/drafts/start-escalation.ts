/**
 * Starting an escalation about one ICCID, from any surface (context menu, inline badge, sidebar,
 * popup): validate the ICCID, reuse the open draft for it when one exists (vendors ask for one
 * ticket per problem — seed 004), else create a draft prefilled with what the page knows about it.
 */
import type { HelpdeskDb } from '../db/database';
import { createDraft, findOpenDraftForIccid, saveDraft, searchDrafts } from '../db/drafts-repo';
import { openEscalationsFor } from './escalations';
import type { PageContext } from '../portal/page-context';
import { parseIccid, type IccidErrorCode } from '../telecom/iccid';
import type { Draft } from '../escalation/draft';
import { prefillFields } from '../escalation/prefill';
import type { VendorProfile } from '../escalation/vendor-profile';
import { getVendor, parseVendorProfile, DEFAULT_VENDOR_ID } from '../escalation/vendors';
import { scopeForIccidCount } from '../escalation/priority';
import { readIccidSelection, type LeftOutIccid } from './multi-iccid';

/**
 * Custom/managed vendor profiles (Options, policy) that win over the built-in ones with the same id.
 * Validated again here: this input may have crossed a port from another context.
 */
function validCustom(custom: readonly unknown[] | undefined): VendorProfile[] {
  return (custom ?? []).flatMap((v) => {
    const parsed = parseVendorProfile(v);
    return parsed.ok ? [parsed.profile] : [];
  });
}

export interface StartEscalationInput {
  /** What the agent selected or typed: grouped forms (spaces, dashes, dots) are accepted. */
  readonly text: string;
  /** The page context of the tab, when the tab is a portal. */
  readonly context?: PageContext | null;
  readonly vendorId?: string;
  readonly now: Date;
  readonly timeZone: string;
  /** Custom/managed vendor profiles, first match wins (see `getVendor(id, custom)`). */
  readonly customVendors?: readonly VendorProfile[];
}

export type StartEscalationResult =
  | { ok: true; draft: Draft; reused: boolean; leftOut?: readonly LeftOutIccid[] }
  | { ok: false; error: { code: IccidErrorCode | 'storage'; message: string } };

export async function startEscalation(
  db: HelpdeskDb,
  input: StartEscalationInput,
): Promise<StartEscalationResult> {
  const parsed = parseIccid(input.text);
  if (!parsed.ok) {
    // Issue 16: a selection with several ICCIDs is one incident; invalid ones are named, left out.
    const selection = readIccidSelection(input.text);
    if (selection.iccids.length >= 2) return startIncident(db, input, selection.iccids, selection.leftOut);
    if (selection.iccids.length === 1 && selection.leftOut.length > 0) {
      const one = await startEscalation(db, { ...input, text: selection.iccids[0]! });
      return one.ok ? { ...one, leftOut: selection.leftOut } : one;
    }
    return { ok: false, error: { code: parsed.error.code, message: parsed.error.message } };
  }
  const iccid = parsed.iccid;

  const existing = await findOpenDraftForIccid(db, iccid);
  if (!existing.ok) return { ok: false, error: { code: 'storage', message: existing.error.message } };
  if (existing.draft) return { ok: true, draft: existing.draft, reused: true };
  // Issue 18: an escalation still open with the vendor for this ICCID is offered first, like a draft.
  const escalated = await openEscalationsFor(db, { iccids: [iccid] });
  const open = escalated.ok ? escalated.value[0] : undefined;
  if (open) return { ok: true, draft: open.draft, reused: true };

  const custom = validCustom(input.customVendors);
  const vendor =
    getVendor(input.vendorId ?? DEFAULT_VENDOR_ID, custom) ?? getVendor(DEFAULT_VENDOR_ID, custom)!;
  const context = input.context ?? null;
  // The page's context only applies when it actually shows this ICCID.
  const knowsIccid =
    !!context && (context.iccids.includes(iccid) || context.esims.some((e) => e.iccid === iccid));
  const pageContext = knowsIccid ? context : null;
  const fields = prefillFields(vendor, {
    context: pageContext,
    iccid,
    now: input.now,
    timeZone: input.timeZone,
    portalUrl: pageContext?.url ?? null,
  });
  const created = await createDraft(db, {
    vendorId: vendor.id,
    iccid,
    subscriberId: pageContext?.subscriber?.id ?? null,
    subscriberName: pageContext?.subscriber?.name ?? null,
    portalUrl: pageContext?.url ?? null,
    fields,
    // Issue 17: a ticket started for one eSIM concerns one user until the agent says otherwise (seed 000's
    // rubric: "one user" vs "several users"); the select shows it and the agent can change it.
    scope: 'one-user',
  });
  if (!created.ok) return { ok: false, error: { code: 'storage', message: created.error.message } };
  return { ok: true, draft: created.draft, reused: false };
}

/**
 * One escalation for an incident over several ICCIDs (issue 16). The duplicate check considers each:
 * when one of them already has an open draft, that draft is reopened rather than a second ticket
 * opened for the same problem (seed 004: one ticket per problem). The scope comes from the count.
 */
async function startIncident(
  db: HelpdeskDb,
  input: StartEscalationInput,
  iccids: readonly string[],
  leftOut: readonly LeftOutIccid[],
): Promise<StartEscalationResult> {
  for (const iccid of iccids) {
    const existing = await findOpenDraftForIccid(db, iccid);
    if (!existing.ok) return { ok: false, error: { code: 'storage', message: existing.error.message } };
    if (existing.draft) return { ok: true, draft: existing.draft, reused: true, leftOut };
  }
  const custom = validCustom(input.customVendors);
  const vendor =
    getVendor(input.vendorId ?? DEFAULT_VENDOR_ID, custom) ?? getVendor(DEFAULT_VENDOR_ID, custom)!;
  const first = iccids[0]!;
  const context = input.context ?? null;
  // The page's subscriber only when the page shows every one of these ICCIDs.
  const shows = (id: string) =>
    !!context && (context.iccids.includes(id) || context.esims.some((e) => e.iccid === id));
  const pageContext = iccids.every(shows) ? context : null;
  const fields = prefillFields(vendor, {
    context: pageContext,
    iccid: first,
    now: input.now,
    timeZone: input.timeZone,
    portalUrl: context?.url ?? null,
  });
  const created = await createDraft(db, {
    vendorId: vendor.id,
    iccid: first,
    iccids: [...iccids],
    scope: scopeForIccidCount(vendor, iccids.length),
    subscriberId: pageContext?.subscriber?.id ?? null,
    subscriberName: pageContext?.subscriber?.name ?? null,
    portalUrl: context?.url ?? null,
    fields,
  });
  if (!created.ok) return { ok: false, error: { code: 'storage', message: created.error.message } };
  return { ok: true, draft: created.draft, reused: false, leftOut };
}

/** The troubleshooting steps the agent ticked for the case: step ids, and their labels in the agent's language. */
export interface CaseChecklist {
  readonly ids: readonly string[];
  /** Labels of the ticked steps, in checklist order (see `checklistLabels`): they prefill "troubleshooting done". */
  readonly labels: readonly string[];
}

/** Input of {@link startSubscriberEscalation}. */
export interface StartSubscriberEscalationInput {
  /** The portal page's context; it must show a subscriber (with an id or a name). */
  readonly context: PageContext;
  readonly vendorId?: string;
  readonly now: Date;
  readonly timeZone: string;
  /** Custom/managed vendor profiles, first match wins (see `getVendor(id, custom)`). */
  readonly customVendors?: readonly VendorProfile[];
}

/** Result of {@link startSubscriberEscalation}. */
export type StartSubscriberEscalationResult =
  | { ok: true; draft: Draft; reused: boolean }
  | { ok: false; error: { code: 'no-subscriber' | 'storage'; message: string } };

/**
 * Starting an escalation about a subscriber rather than one eSIM (the sidebar's subscriber card): reuses
 * the newest open draft of that subscriber that names no ICCID (seed 004: one ticket per problem), else
 * creates one prefilled from the page. The ICCID stays empty on purpose: the agent picks the eSIM in the
 * ticket when the problem turns out to be about one.
 */
export async function startSubscriberEscalation(
  db: HelpdeskDb,
  input: StartSubscriberEscalationInput,
): Promise<StartSubscriberEscalationResult> {
  const subscriber = input.context.subscriber;
  const id = subscriber?.id?.trim() || null;
  const name = subscriber?.name?.trim() || null;
  if (!subscriber || (id === null && name === null)) {
    return { ok: false, error: { code: 'no-subscriber', message: 'The page shows no subscriber.' } };
  }
  if (id !== null) {
    const found = await searchDrafts(db, '', { status: 'open', subscriberId: id, limit: 500 });
    if (!found.ok) return { ok: false, error: { code: 'storage', message: found.error.message } };
    const open = found.drafts.find((d) => d.iccid === null);
    if (open) return { ok: true, draft: open, reused: true };
  }
  const custom = validCustom(input.customVendors);
  const vendor =
    getVendor(input.vendorId ?? DEFAULT_VENDOR_ID, custom) ?? getVendor(DEFAULT_VENDOR_ID, custom)!;
  // No ICCID: prefill must not pick "the page's only eSIM" for a subscriber-wide case.
  const context: PageContext = { ...input.context, esims: [], iccids: [] };
  const fields = prefillFields(vendor, {
    context,
    iccid: null,
    now: input.now,
    timeZone: input.timeZone,
    portalUrl: input.context.url,
  });
  const created = await createDraft(db, {
    vendorId: vendor.id,
    iccid: null,
    subscriberId: id,
    subscriberName: name,
    portalUrl: input.context.url,
    fields,
  });
  if (!created.ok) return { ok: false, error: { code: 'storage', message: created.error.message } };
  return { ok: true, draft: created.draft, reused: false };
}

/** A "- label" list line, as prefill writes the checklist. */
const LIST_LINE = /^- (.*)$/;

/**
 * Carries the ticked checklist into a draft: the step ids are added to `draft.checklist` (never removed:
 * the agent may have ticked more in the ticket), and every vendor field prefilled from `checklist.done`
 * ("troubleshooting already done", seed 000) is (re)written when it is empty or still holds only a list of
 * checklist labels we wrote — text the agent typed is never overwritten. `knownLabels` are every label of
 * the checklist in every language (to recognise our own list). Saves only when something changed.
 */
export async function applyCaseChecklist(
  db: HelpdeskDb,
  draft: Draft,
  checklist: CaseChecklist,
  knownLabels: readonly string[],
  input: { now: Date; timeZone: string; customVendors?: readonly VendorProfile[] },
): Promise<{ ok: true; draft: Draft } | { ok: false; error: { code: string; message: string } }> {
  const ids = [...draft.checklist];
  for (const step of checklist.ids) if (!ids.includes(step)) ids.push(step);
  const vendor = getVendor(draft.vendorId, validCustom(input.customVendors));
  const fields = { ...draft.fields };
  if (vendor && checklist.labels.length > 0) {
    const known = new Set(knownLabels);
    const ours = (value: string) =>
      value
        .split('\n')
        .filter((l) => l.trim() !== '')
        .every((l) => {
          const m = LIST_LINE.exec(l);
          return m !== null && known.has(m[1] ?? '');
        });
    const values = prefillFields(vendor, {
      checklistDone: checklist.labels,
      now: input.now,
      timeZone: input.timeZone,
    });
    for (const field of vendor.fields) {
      if (field.prefill !== 'checklist.done') continue;
      const value = values[field.id];
      const current = fields[field.id] ?? '';
      if (value !== undefined && (current.trim() === '' || ours(current))) fields[field.id] = value;
    }
  }
  const changed =
    ids.length !== draft.checklist.length || Object.keys(fields).some((k) => fields[k] !== draft.fields[k]);
  if (!changed) return { ok: true, draft };
  const saved = await saveDraft(db, { ...draft, checklist: ids, fields }, draft.revision, { now: input.now });
  if (!saved.ok) {
    const message =
      'message' in saved.error ? String(saved.error.message) : `Could not save: ${saved.error.code}.`;
    return { ok: false, error: { code: saved.error.code, message } };
  }
  return { ok: true, draft: saved.draft };
}
