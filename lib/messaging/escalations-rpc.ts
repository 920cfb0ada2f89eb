/**
 * The escalation panel's calls on the drafts port (issue 18): the framed sidebar reaches the store only
 * through the background, so "after hand-over" (vendor ticket number, status, notes, reminder, new ticket
 * referencing a closed one) travels there as three more drafts methods. Their argument tuples and results,
 * parsed at the boundary like every other drafts call (DESIGN §3); spread into lib/messaging/drafts-rpc.ts
 * `DRAFTS_RPC`, which answers a call that fails them with `bad-request` and never reaches the store.
 */
import { z } from 'zod';
import type { DraftsApi } from '../drafts/drafts-api';
import { DraftShapeSchema as DraftSchema } from '../escalation/draft';
import { EscalationSchema, type EscalationErrorCode } from '../escalation/escalation';
import { LocaleSchema } from '../escalation/vendor-profile';

type Spec<M extends 'ensureEscalation' | 'actOnEscalation' | 'newTicketFrom'> = {
  args: z.ZodType<Parameters<DraftsApi[M]>, unknown>;
  reply: z.ZodType<Awaited<ReturnType<DraftsApi[M]>>, unknown>;
};

const draftId = z.string().min(1).max(64);
const text = z.string().max(20_000);

/** What the agent does to an escalation (lib/escalation/escalation.ts `EscalationAction`), as it arrives. */
export const EscalationActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('set-ticket-ref'), ref: z.string().max(1000) }),
  z.object({ type: z.literal('set-status'), statusId: z.string().min(1).max(64) }),
  z.object({ type: z.literal('note'), text }),
  z.object({ type: z.literal('vendor-message'), text, at: z.date().optional() }),
  z.object({ type: z.literal('our-reply'), text }),
  z.object({ type: z.literal('confirm-fix') }),
  // An invalid Date (an empty "remind me at" field) is refused by the rule (`bad-date`), worded by the panel.
  z.object({ type: z.literal('remind-at'), at: z.date().nullable() }),
]);

const RULE_CODES = [
  'not-handed-over',
  'ticket-ref-empty',
  'ticket-ref-format',
  'unknown-status',
  'confirm-fix-first',
  'closed-never-reopened',
  'empty-text',
  'bad-date',
] as const satisfies readonly EscalationErrorCode[];

const caseError = z.union([
  z.object({ code: z.enum(RULE_CODES), message: z.string(), example: z.string().optional() }),
  z.object({ code: z.enum(['storage', 'not-found', 'conflict']), message: z.string() }),
]);
const caseResult = <T extends z.ZodType>(value: T) =>
  z.union([z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: caseError })]);

export const ESCALATIONS_RPC = {
  ensureEscalation: {
    args: z.tuple([DraftSchema]),
    reply: caseResult(EscalationSchema.nullable()),
  },
  actOnEscalation: {
    args: z.tuple([draftId, EscalationActionSchema, z.date()]),
    reply: caseResult(EscalationSchema),
  },
  newTicketFrom: {
    args: z.tuple([draftId, LocaleSchema]),
    reply: caseResult(DraftSchema),
  },
} satisfies { [M in 'ensureEscalation' | 'actOnEscalation' | 'newTicketFrom']: Spec<M> };
