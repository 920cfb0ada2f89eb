/**
 * "Escalate" from the sidebar: about one eSIM (by ICCID: reuses the open draft for that ICCID —
 * seed 004, one ticket per problem) or about the subscriber; then carries the case's ticked
 * troubleshooting steps into the draft. Only the drafts store is touched, so tests run it on fake-indexeddb.
 */
import type { DraftsApi } from '../../lib/drafts/drafts-api';
import { checklistLabels, type Checklist } from '../../lib/escalation/checklist';
import type { Draft } from '../../lib/escalation/draft';
import type { PageContext } from '../../lib/portal/page-context';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';

/** What the agent escalates about. */
export type EscalationTarget = { kind: 'iccid'; iccid: string } | { kind: 'subscriber' };

/** Inputs of {@link escalateFromSidebar}. */
export interface SidebarEscalationInput {
  context: PageContext | null;
  vendorId: string;
  checklist: Checklist;
  /** Ticked step ids of the case. */
  done: readonly string[];
  locale: 'en' | 'fr';
  now: Date;
  timeZone: string;
  /** Custom/managed vendor profiles (Options, policy): the default vendor may be one of them. */
  customVendors?: readonly VendorProfile[];
}

/** The draft to open, or a stable error code with an English fallback. */
export type SidebarEscalationResult =
  { ok: true; draft: Draft; reused: boolean } | { ok: false; error: { code: string; message: string } };

/** See the module comment. A failure to record the checklist still opens the draft. */
export async function escalateFromSidebar(
  drafts: DraftsApi,
  target: EscalationTarget,
  input: SidebarEscalationInput,
): Promise<SidebarEscalationResult> {
  const { now, timeZone } = input;
  const custom =
    input.customVendors && input.customVendors.length > 0 ? { customVendors: input.customVendors } : {};
  let result;
  if (target.kind === 'iccid') {
    result = await drafts.startEscalation({
      text: target.iccid,
      context: input.context,
      vendorId: input.vendorId,
      now,
      timeZone,
      ...custom,
    });
  } else {
    if (!input.context)
      return { ok: false, error: { code: 'no-subscriber', message: 'The page shows no subscriber.' } };
    result = await drafts.startSubscriberEscalation({
      context: input.context,
      vendorId: input.vendorId,
      now,
      timeZone,
      ...custom,
    });
  }
  if (!result.ok) return result;
  if (input.done.length === 0) return result;
  const labels = checklistLabels(input.checklist, input.done, input.locale);
  const known = input.checklist.steps.flatMap((s) => [s.label.en, s.label.fr]);
  const applied = await drafts.applyCaseChecklist(result.draft, { ids: input.done, labels }, known, {
    now,
    timeZone,
    ...custom,
  });
  return applied.ok ? { ok: true, draft: applied.draft, reused: result.reused } : result;
}
