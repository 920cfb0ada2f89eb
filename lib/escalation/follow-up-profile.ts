/**
 * What happens after hand-over, per vendor, as data (issue 18; DESIGN §2 "behaviour is data"): the
 * vendor's ticket statuses and who each one waits on, the clocks attached to them, how follow-ups are
 * sent, and which of the profile's rules show where. It is the `followUp` block of a vendor profile
 * (`vendor-profiles/*.json`); a profile without one gets {@link DEFAULT_FOLLOW_UP}.
 *
 * Self-contained on purpose (its own text and id schemas): `vendor-profile.ts` imports this module, so
 * importing back from it would be a cycle that evaluates this file before the schemas it needs exist.
 */
import { z } from 'zod';

const Text = z.strictObject({
  en: z.string().trim().min(1).max(2000),
  fr: z.string().trim().min(1).max(2000),
});
const Id = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'An id: lower-case letters, digits and "-".');

/**
 * Who a status waits on. `vendor`: the vendor owes us an answer; `on-hold`: the vendor is working on a fix
 * (still theirs); `us`: the vendor waits on our reply; `solved` / `closed`: finished (no clock, no reminder).
 */
export const StatusRoleSchema = z.enum(['vendor', 'on-hold', 'us', 'solved', 'closed']);
/** See {@link StatusRoleSchema}. */
export type StatusRole = z.infer<typeof StatusRoleSchema>;

/** One status of the vendor's ticket after hand-over. */
export const FollowUpStatusSchema = z.strictObject({
  id: Id,
  role: StatusRoleSchema,
  /** Shown label; absent → the label of the profile's `statuses` entry with the same id. */
  label: Text.optional(),
  /**
   * Seed 004: "Without a reply within 72 hours of their last message, the ticket is solved automatically".
   * Counted in elapsed hours from the vendor's last message (or from entering the status).
   */
  autoSolveAfterHours: z
    .number()
    .positive()
    .max(24 * 366)
    .optional(),
  /** Remind the agent this many hours into the status (seed 004: 48 of the 72 hours). */
  remindAfterHours: z
    .number()
    .positive()
    .max(24 * 366)
    .optional(),
  /** Ids of the profile's `rules` shown next to this status (seed 002: closed → never reopened). */
  ruleIds: z.array(Id).max(10).optional(),
});
/** See {@link FollowUpStatusSchema}. */
export type FollowUpStatus = z.infer<typeof FollowUpStatusSchema>;

/** How a follow-up reaches the vendor: copied (into their portal/web form) or as an e-mail. */
export const FollowUpChannelSchema = z.enum(['copy', 'email']);
/** See {@link FollowUpChannelSchema}. */
export type FollowUpChannel = z.infer<typeof FollowUpChannelSchema>;

/** The `followUp` block of a vendor profile. */
export const FollowUpProfileSchema = z
  .strictObject({
    /** The vendor's statuses after hand-over; absent → the generic set {@link GENERIC_STATUSES}. */
    statuses: z.array(FollowUpStatusSchema).min(1).max(20).optional(),
    /** The status a ticket starts in at hand-over (and returns to when a reply reopens it). */
    initialStatus: Id.optional(),
    /** Seed 000: eSIM Go asks you to confirm you tested the fix before the ticket is solved. */
    confirmFixBeforeSolved: z.boolean().optional(),
    /** Seed 002: Wildix never reopens a closed ticket — a new one references the old ID. */
    reopensClosed: z.boolean().optional(),
    channels: z.array(FollowUpChannelSchema).min(1).max(2),
    /** Address for follow-up e-mails, when the vendor publishes one (seed 002 names none). */
    email: z.email().max(254).optional(),
    /** Ids of the profile's `rules` shown when the agent starts a new ticket (seed 004: one per problem). */
    creationRuleIds: z.array(Id).max(10).optional(),
    /** Ids of the profile's `rules` shown with a follow-up (seed 004: quote the 6-digit number). */
    followUpRuleIds: z.array(Id).max(10).optional(),
    /** The ticket field a "new ticket referencing this one" fills with the old ID (seed 002: Wildix). */
    referenceFieldId: Id.optional(),
    /** Free-text vendor ticket reference format when the profile has no `ticketNumber` (pattern + example). */
    ticketRef: z
      .strictObject({ pattern: z.string().min(1).max(200), example: z.string().min(1).max(100) })
      .optional(),
  })
  .superRefine((f, ctx) => {
    const ids = (f.statuses ?? GENERIC_STATUSES).map((s) => s.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['statuses'], message: 'A status id is repeated.' });
    if (f.initialStatus !== undefined && !ids.includes(f.initialStatus))
      ctx.addIssue({ code: 'custom', path: ['initialStatus'], message: `No status "${f.initialStatus}".` });
    if (f.ticketRef) {
      let re: RegExp | null = null;
      try {
        re = new RegExp(f.ticketRef.pattern);
      } catch {
        ctx.addIssue({
          code: 'custom',
          path: ['ticketRef', 'pattern'],
          message: 'Not a valid regular expression.',
        });
      }
      if (re && !re.test(f.ticketRef.example))
        ctx.addIssue({
          code: 'custom',
          path: ['ticketRef', 'example'],
          message: 'The example does not match.',
        });
    }
  });
/** See {@link FollowUpProfileSchema}. */
export type FollowUpProfile = z.infer<typeof FollowUpProfileSchema>;

/**
 * The statuses of a vendor that defines none (issue 18: waiting for vendor / waiting for us / on hold /
 * solved / closed).
 */
export const GENERIC_STATUSES: readonly FollowUpStatus[] = Object.freeze([
  {
    id: 'waiting-vendor',
    role: 'vendor',
    label: { en: 'Waiting for the vendor', fr: 'En attente du fournisseur' },
  },
  { id: 'waiting-us', role: 'us', label: { en: 'Waiting for us', fr: 'En attente de notre réponse' } },
  { id: 'on-hold', role: 'on-hold', label: { en: 'On hold', fr: 'En suspens' } },
  { id: 'solved', role: 'solved', label: { en: 'Solved', fr: 'Résolu' } },
  { id: 'closed', role: 'closed', label: { en: 'Closed', fr: 'Fermé' } },
]);

/** A profile without a `followUp` block: generic statuses, follow-ups copied. */
export const DEFAULT_FOLLOW_UP: FollowUpProfile = Object.freeze({ channels: ['copy'] as FollowUpChannel[] });
