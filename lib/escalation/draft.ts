/**
 * An escalation draft: the ticket being written for a second-line vendor. This is the record the
 * drafts database stores (lib/db) and every surface edits (sidebar, popup, drafts tab).
 * Secrets (fields of kind "secret") are NEVER part of a draft: they live in session memory only.
 */
import { z } from 'zod';

export const ProblemKindSchema = z.enum(['question', 'install', 'connectivity', 'topup', 'outage']);
export type ProblemKind = z.infer<typeof ProblemKindSchema>;

/** Who is affected: seed 000 distinguishes individual users, multiple users/destinations, everyone. */
export const ScopeSchema = z.enum(['one-user', 'several-users', 'several-destinations', 'everyone']);
export type Scope = z.infer<typeof ScopeSchema>;

export const DraftStatusSchema = z.enum(['open', 'handed-over', 'closed']);
export type DraftStatus = z.infer<typeof DraftStatusSchema>;

export const DraftSchema = z.object({
  id: z.string().min(1).max(64),
  vendorId: z.string().min(1).max(64),
  status: DraftStatusSchema,
  /** Normalised ICCID (digits only) when the draft is about one eSIM. Indexed for the duplicate check. */
  iccid: z.string().regex(/^89\d{17,18}$/).nullable(),
  subscriberId: z.string().max(100).nullable(),
  subscriberName: z.string().max(200).nullable(),
  /** Portal page the case started on (the agent's own environment, DESIGN §2). */
  portalUrl: z.string().max(2048).nullable(),
  summary: z.string().max(500),
  /** Vendor field id → value, in the vendor profile's field vocabulary. Never holds secret fields. */
  fields: z.record(z.string().max(64), z.string().max(100_000)),
  problemKind: ProblemKindSchema.nullable(),
  scope: ScopeSchema.nullable(),
  /** Priority level id of the vendor's scale chosen by the agent; null = take the suggestion. */
  priorityOverride: z.string().max(64).nullable(),
  /** Troubleshooting checklist step ids the agent ticked for this case. */
  checklist: z.array(z.string().max(64)).max(200),
  createdAt: z.string().max(40),
  updatedAt: z.string().max(40),
  handedOverAt: z.string().max(40).nullable(),
  /** Optimistic-concurrency counter: incremented on every write; a stale write is refused. */
  revision: z.number().int().nonnegative(),
});
export type Draft = z.infer<typeof DraftSchema>;
