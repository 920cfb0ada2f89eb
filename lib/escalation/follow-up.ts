/**
 * Follow-ups the way each vendor wants them (issue 18): a message drafted from the escalation that quotes
 * the vendor's ticket reference (seed 004: "quote it whenever you contact support about it"), sent by the
 * channels of the profile's `followUp` block (seed 002: Wildix takes e-mail for follow-ups only), and, for
 * a vendor that never reopens a closed ticket, a new draft that references the old one (seed 002: "open a
 * new one and reference the old ticket ID").
 */
import type { Draft } from './draft';
import { followUpOf, type Escalation } from './escalation';
import type { Locale, VendorProfile } from './vendor-profile';

/** A drafted follow-up. */
export interface FollowUpMessage {
  readonly subject: string;
  readonly body: string;
}

const STRINGS = {
  en: {
    subject: (ref: string, summary: string) => `Follow-up: ticket ${ref}${summary ? ` — ${summary}` : ''}`,
    noRef: 'our ticket',
    greeting: 'Hello,',
    about: (ref: string, handedOver: string) => `Following up on ticket ${ref}, opened on ${handedOver}.`,
    sign: 'Thank you.',
    reference: (ref: string) =>
      `This is a new ticket for the same problem as ticket ${ref}, which was closed.`,
  },
  fr: {
    subject: (ref: string, summary: string) => `Relance : ticket ${ref}${summary ? ` — ${summary}` : ''}`,
    noRef: 'notre ticket',
    greeting: 'Bonjour,',
    about: (ref: string, handedOver: string) =>
      `Je reviens vers vous au sujet du ticket ${ref}, ouvert le ${handedOver}.`,
    sign: 'Merci.',
    reference: (ref: string) => `Nouveau ticket pour le même problème que le ticket ${ref}, qui a été fermé.`,
  },
} as const;

/** The follow-up text for `esc`, with the agent's own words (`message`) in the middle. */
export function renderFollowUp(
  draft: Pick<Draft, 'summary'>,
  esc: Pick<Escalation, 'ticketRef' | 'handedOverAt'>,
  message: string,
  locale: Locale,
): FollowUpMessage {
  const s = STRINGS[locale];
  const ref = esc.ticketRef !== null ? `#${esc.ticketRef}` : s.noRef;
  const day = esc.handedOverAt.slice(0, 10);
  const lines = [s.greeting, '', s.about(ref, day)];
  const own = message.trim();
  if (own !== '') lines.push('', own);
  lines.push('', s.sign);
  return { subject: s.subject(ref, draft.summary.trim()), body: `${lines.join('\n')}\n` };
}

/**
 * A `mailto:` link for the follow-up, only when the vendor takes follow-ups by e-mail. The address is the
 * profile's, when it has one; otherwise the agent's mail program asks for it (seed 002 names no address).
 */
export function followUpMailto(vendor: VendorProfile, message: FollowUpMessage): string | null {
  const f = followUpOf(vendor);
  if (!f.channels.includes('email')) return null;
  const to = f.email !== null ? encodeURIComponent(f.email) : '';
  return `mailto:${to}?subject=${encodeURIComponent(message.subject)}&body=${encodeURIComponent(message.body)}`;
}

/** What a "new ticket referencing this one" draft is created with (the store adds id, dates, revision). */
export type ReferencingDraftInit = Pick<
  Draft,
  | 'vendorId'
  | 'iccid'
  | 'subscriberId'
  | 'subscriberName'
  | 'portalUrl'
  | 'summary'
  | 'fields'
  | 'problemKind'
  | 'scope'
  | 'priorityOverride'
  | 'checklist'
>;

/**
 * A new draft prefilled from `old`, with the old ticket ID in the profile's reference field (seed 002:
 * Wildix's "previous ticket") or, for a profile without one, at the top of the first text area.
 * Null when the vendor reopens closed tickets (then the agent replies to the old one instead).
 */
export function newTicketReferencing(
  vendor: VendorProfile,
  old: Draft,
  esc: Pick<Escalation, 'ticketRef'>,
  locale: Locale,
): ReferencingDraftInit | null {
  const f = followUpOf(vendor);
  if (f.reopensClosed) return null;
  const ref = esc.ticketRef ?? old.id;
  const fields: Record<string, string> = { ...old.fields };
  const target = f.referenceFieldId ?? vendor.fields.find((x) => x.kind === 'textarea')?.id ?? null;
  if (target !== null) {
    if (target === f.referenceFieldId) fields[target] = ref;
    else fields[target] = `${STRINGS[locale].reference(ref)}\n\n${fields[target] ?? ''}`.trimEnd();
  }
  return {
    vendorId: old.vendorId,
    iccid: old.iccid,
    subscriberId: old.subscriberId,
    subscriberName: old.subscriberName,
    portalUrl: old.portalUrl,
    summary: old.summary,
    fields,
    problemKind: old.problemKind,
    scope: old.scope,
    priorityOverride: old.priorityOverride,
    checklist: [...old.checklist],
  };
}
