/**
 * Starting an escalation about one ICCID, from any surface (context menu, inline badge, sidebar,
 * popup): validate the ICCID, reuse the open draft for it when one exists (vendors ask for one
 * ticket per problem — seed 004), else create a draft prefilled with what the page knows about it.
 */
import type { HelpdeskDb } from '../db/database';
import { createDraft, findOpenDraftForIccid } from '../db/drafts-repo';
import type { PageContext } from '../portal/page-context';
import { parseIccid, type IccidErrorCode } from '../telecom/iccid';
import type { Draft } from './draft';
import { prefillFields } from './prefill';
import { getVendor, DEFAULT_VENDOR_ID } from './vendors';

export interface StartEscalationInput {
  /** What the agent selected or typed: grouped forms (spaces, dashes, dots) are accepted. */
  readonly text: string;
  /** The page context of the tab, when the tab is a portal. */
  readonly context?: PageContext | null;
  readonly vendorId?: string;
  readonly now: Date;
  readonly timeZone: string;
}

export type StartEscalationResult =
  | { ok: true; draft: Draft; reused: boolean }
  | { ok: false; error: { code: IccidErrorCode | 'storage'; message: string } };

export async function startEscalation(
  db: HelpdeskDb,
  input: StartEscalationInput,
): Promise<StartEscalationResult> {
  const parsed = parseIccid(input.text);
  if (!parsed.ok) return { ok: false, error: { code: parsed.error.code, message: parsed.error.message } };
  const iccid = parsed.iccid;

  const existing = await findOpenDraftForIccid(db, iccid);
  if (!existing.ok) return { ok: false, error: { code: 'storage', message: existing.error.message } };
  if (existing.draft) return { ok: true, draft: existing.draft, reused: true };

  const vendor = getVendor(input.vendorId ?? DEFAULT_VENDOR_ID) ?? getVendor(DEFAULT_VENDOR_ID)!;
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
  });
  if (!created.ok) return { ok: false, error: { code: 'storage', message: created.error.message } };
  return { ok: true, draft: created.draft, reused: false };
}
