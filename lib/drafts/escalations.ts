/**
 * Escalation use cases (issue 18): where the escalation rules (lib/escalation) meet the store (lib/db).
 * Every surface goes through these: the ticket's escalation panel, the board, the sidebar, the background's
 * reminders. The time is always passed in (`now`): no function here reads the clock.
 */
import type { HelpdeskDb } from '../db/database';
import { createDraft, getDraft, searchDrafts } from '../db/drafts-repo';
import { deleteEscalation, getEscalation, listEscalations, putEscalation } from '../db/escalations-repo';
import type { Draft } from '../escalation/draft';
import {
  applyAction,
  startEscalation,
  type Escalation,
  type EscalationAction,
  type EscalationError,
} from '../escalation/escalation';
import { newTicketReferencing } from '../escalation/follow-up';
import type { Locale, VendorProfile } from '../escalation/vendor-profile';
import { getVendor } from '../escalation/vendors';

/** A use-case failure: a rule refused (`EscalationError`) or the store did. */
export type EscalationCaseError =
  EscalationError | { readonly code: 'storage' | 'not-found' | 'conflict'; readonly message: string };

/** Result of the use cases. */
export type EscalationCaseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: EscalationCaseError };

const storage = (message: string): EscalationCaseResult<never> => ({
  ok: false,
  error: { code: 'storage', message },
});

/** The profile of a vendor id: custom/managed first, then built-in (as everywhere else). */
export async function vendorFor(db: HelpdeskDb, vendorId: string): Promise<VendorProfile | undefined> {
  return getVendor(vendorId, await db.vendors.overrides());
}

/**
 * The escalation of a handed-over draft, started (and stored) on first use, and started again when the
 * draft was reopened and handed over anew (its hand-over instant changed). Null for an open draft; a
 * reopened draft's stale escalation is deleted.
 */
export async function ensureEscalation(
  db: HelpdeskDb,
  draft: Draft,
): Promise<EscalationCaseResult<Escalation | null>> {
  const stored = await getEscalation(db, draft.id);
  if (!stored.ok) return storage(stored.error.message);
  if (draft.status === 'open' || draft.handedOverAt === null) {
    if (stored.escalation) await deleteEscalation(db, draft.id);
    return { ok: true, value: null };
  }
  const handedOver = new Date(draft.handedOverAt).toISOString();
  if (stored.escalation && stored.escalation.handedOverAt === handedOver)
    return { ok: true, value: stored.escalation };
  const vendor = await vendorFor(db, draft.vendorId);
  if (!vendor)
    return { ok: false, error: { code: 'not-found', message: `No vendor profile "${draft.vendorId}".` } };
  const started = startEscalation(vendor, draft);
  if (!started.ok) return started;
  const put = await putEscalation(db, started.value, stored.escalation ? stored.escalation.revision : null);
  if (!put.ok) {
    if (put.error.code === 'conflict' && put.error.current) return { ok: true, value: put.error.current };
    return storage(put.error.message);
  }
  return { ok: true, value: put.escalation };
}

/** Applies an agent's action to the escalation of `draftId` at `now`, from the revision the agent saw. */
export async function actOnEscalation(
  db: HelpdeskDb,
  draftId: string,
  action: EscalationAction,
  now: Date,
): Promise<EscalationCaseResult<Escalation>> {
  const stored = await getEscalation(db, draftId);
  if (!stored.ok) return storage(stored.error.message);
  const esc = stored.escalation;
  if (!esc)
    return { ok: false, error: { code: 'not-found', message: 'This draft has not been handed over.' } };
  const vendor = await vendorFor(db, esc.vendorId);
  if (!vendor)
    return { ok: false, error: { code: 'not-found', message: `No vendor profile "${esc.vendorId}".` } };
  const next = applyAction(vendor, esc, action, now);
  if (!next.ok) return next;
  const put = await putEscalation(db, next.value, esc.revision);
  if (!put.ok)
    return {
      ok: false,
      error: { code: put.error.code === 'conflict' ? 'conflict' : 'storage', message: put.error.message },
    };
  return { ok: true, value: put.escalation };
}

/** Records which reminders were notified (background), so none is notified twice. */
export async function markNotified(db: HelpdeskDb, draftId: string, keys: readonly string[]): Promise<void> {
  const stored = await getEscalation(db, draftId);
  if (!stored.ok || !stored.escalation || keys.length === 0) return;
  const esc = stored.escalation;
  const notified = [...new Set([...esc.notified, ...keys])].slice(-200);
  await putEscalation(db, { ...esc, notified }, esc.revision);
}

/**
 * "New ticket referencing this one" (seed 002: Wildix never reopens a closed ticket): a new draft prefilled
 * from the old one, the old ticket ID in the profile's reference field.
 */
export async function newTicketFrom(
  db: HelpdeskDb,
  draftId: string,
  locale: Locale,
): Promise<EscalationCaseResult<Draft>> {
  const old = await getDraft(db, draftId);
  if (!old.ok) return { ok: false, error: { code: 'not-found', message: 'The old draft is gone.' } };
  const stored = await getEscalation(db, draftId);
  if (!stored.ok) return storage(stored.error.message);
  const vendor = await vendorFor(db, old.draft.vendorId);
  if (!vendor || !stored.escalation)
    return { ok: false, error: { code: 'not-found', message: 'No escalation.' } };
  const init = newTicketReferencing(vendor, old.draft, stored.escalation, locale);
  if (!init)
    return { ok: false, error: { code: 'not-found', message: `${vendor.name} reopens closed tickets.` } };
  const created = await createDraft(db, init);
  if (!created.ok) return storage(created.error.message);
  return { ok: true, value: created.draft };
}

/** A handed-over draft with its open (not finished) escalation. */
export interface OpenEscalation {
  readonly draft: Draft;
  readonly escalation: Escalation;
}

/**
 * The open escalations about a subscriber or any of some ICCIDs (the sidebar on the portal; a new
 * escalation for an ICCID offers its open one first).
 */
export async function openEscalationsFor(
  db: HelpdeskDb,
  about: { readonly subscriberId?: string | null; readonly iccids?: readonly string[] },
): Promise<EscalationCaseResult<OpenEscalation[]>> {
  const found = new Map<string, Draft>();
  const add = (drafts: readonly Draft[]) => {
    for (const d of drafts) if (d.status !== 'open') found.set(d.id, d);
  };
  if (about.subscriberId) {
    const r = await searchDrafts(db, '', { subscriberId: about.subscriberId, limit: 200 });
    if (!r.ok) return storage(r.error.message);
    add(r.drafts);
  }
  for (const iccid of about.iccids ?? []) {
    const r = await searchDrafts(db, iccid, { limit: 50 });
    if (!r.ok) return storage(r.error.message);
    add(r.drafts.filter((d) => d.iccid === iccid));
  }
  if (found.size === 0) return { ok: true, value: [] };
  const all = await listEscalations(db);
  if (!all.ok) return storage(all.error.message);
  const out: OpenEscalation[] = [];
  for (const esc of all.escalations) {
    const draft = found.get(esc.draftId);
    if (draft && esc.finishedAt === null) out.push({ draft, escalation: esc });
  }
  return { ok: true, value: out };
}

/** {@link openEscalationsFor} in the drafts-port result shape (the sidebar reaches the store over a port). */
export async function listOpenEscalations(
  db: HelpdeskDb,
  about: { readonly subscriberId?: string | null; readonly iccids?: readonly string[] },
): Promise<
  { ok: true; escalations: OpenEscalation[] } | { ok: false; error: { code: 'storage'; message: string } }
> {
  const r = await openEscalationsFor(db, about);
  if (r.ok) return { ok: true, escalations: r.value };
  return { ok: false, error: { code: 'storage', message: r.error.message } };
}
