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

/**
 * Caps of one draft (issue 12). Sizes are in characters (UTF-16 code units: what `String.length` and a
 * textarea's `maxlength` count), the unit the agent sees. Attachments are not counted: screenshots, files and
 * API-call evidence live in their own table with their own limits (lib/evidence/attachments.ts: 10 MB a file).
 * - `maxFields` 100: a vendor profile has at most 60 fields (vendor-profile.ts), and a draft may keep a few
 *   of the vendor it was first written for (the popup carries the ICCID across a vendor change).
 * - `maxFieldChars` 65 536 (64 Ki): the longest text an agent types or pastes into one field is an API
 *   response, and a whole eSIM Go response fits in 20 000 (lib/evidence/api-call.ts); three times that.
 * - `maxDraftChars` 1 048 576 (1 Mi): the summary plus every field id and value. Far above any ticket a
 *   vendor reads, and small enough that an autosave (a full rewrite of the row, and its search terms)
 *   stays a short task.
 */
export const DRAFT_LIMITS = Object.freeze({
  maxFields: 100,
  maxFieldChars: 65_536,
  maxDraftChars: 1_048_576,
});

/** Which cap a draft breaks, with the figures (and the field, for a per-field cap). */
export type DraftCapViolation =
  | { readonly cap: 'fields'; readonly max: number; readonly actual: number }
  | { readonly cap: 'field'; readonly fieldId: string; readonly max: number; readonly actual: number }
  | { readonly cap: 'draft'; readonly max: number; readonly actual: number };

/** The size {@link DRAFT_LIMITS}.maxDraftChars counts: the summary, every field id and value. */
export function draftTextSize(draft: Pick<Draft, 'summary' | 'fields'>): number {
  let size = draft.summary.length;
  for (const [id, value] of Object.entries(draft.fields)) size += id.length + value.length;
  return size;
}

/**
 * The first cap of {@link DRAFT_LIMITS} that `draft` breaks — the number of fields, then the largest
 * field over the per-field cap, then the total — or null. Pure: the store refuses with it, the editor
 * names the field with it.
 */
export function draftCapViolation(draft: Pick<Draft, 'summary' | 'fields'>): DraftCapViolation | null {
  const entries = Object.entries(draft.fields);
  if (entries.length > DRAFT_LIMITS.maxFields)
    return { cap: 'fields', max: DRAFT_LIMITS.maxFields, actual: entries.length };
  let largest: [string, number] | null = null;
  for (const [id, value] of entries) {
    if (value.length > DRAFT_LIMITS.maxFieldChars && (largest === null || value.length > largest[1]))
      largest = [id, value.length];
  }
  if (largest !== null)
    return { cap: 'field', fieldId: largest[0], max: DRAFT_LIMITS.maxFieldChars, actual: largest[1] };
  const size = draftTextSize(draft);
  if (size > DRAFT_LIMITS.maxDraftChars) return { cap: 'draft', max: DRAFT_LIMITS.maxDraftChars, actual: size };
  return null;
}

/** An English sentence for a cap violation (the UI translates from the figures). */
export function capMessage(v: DraftCapViolation): string {
  if (v.cap === 'fields') return `A draft holds at most ${v.max} fields (this one has ${v.actual}).`;
  if (v.cap === 'field')
    return `The field "${v.fieldId}" holds at most ${v.max} characters (it has ${v.actual}).`;
  return `A draft holds at most ${v.max} characters in all (this one has ${v.actual}).`;
}

/**
 * The shape of a draft without the caps: what the store reads back (rows written before the caps
 * existed held up to 100 000 characters a field and must stay readable) and parses before it checks the
 * caps itself, so an oversized draft gets `too-large` naming the field, not a generic `invalid`.
 */
export const DraftShapeSchema = z.object({
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
  fields: z.record(z.string().max(64), z.string()),
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

/**
 * A draft at a boundary (a message, the journal, a write): the shape plus {@link DRAFT_LIMITS}. Zod
 * issues carry the cap in the message; the store returns the typed `too-large` error instead.
 */
export const DraftSchema = DraftShapeSchema.superRefine((draft, ctx) => {
  const violation = draftCapViolation(draft);
  if (violation === null) return;
  ctx.addIssue({
    code: 'custom',
    message: capMessage(violation),
    path: violation.cap === 'field' ? ['fields', violation.fieldId] : violation.cap === 'fields' ? ['fields'] : [],
    params: { cap: violation },
  });
});
export type Draft = z.infer<typeof DraftSchema>;
