/**
 * An escalation: a draft after hand-over (issue 18). It records the vendor's ticket reference, the vendor's
 * status, a dated history (status changes, our notes and follow-ups, the vendor's answers pasted in) and
 * the clocks that follow from the vendor profile's `followUp` block:
 * - the first response is due at a time FIXED at hand-over (seed 000: 24 h; seed 002: 30 business minutes
 *   or same/next working day), overdue from the due instant on;
 * - a status with `autoSolveAfterHours` (seed 004: Pending, 72 h) is solved by the vendor that many elapsed
 *   hours after their last message; replying reopens it;
 * - `confirmFixBeforeSolved` (seed 000: "confirm that you've tested the fix") refuses Solved until the fix
 *   was confirmed;
 * - `reopensClosed: false` (seed 002: Wildix never reopens a closed ticket) refuses leaving Closed.
 * Rules are data: no code path names a vendor. Pure functions, results rather than throws.
 */
import { z } from 'zod';
import type { Draft } from './draft';
import {
  DEFAULT_FOLLOW_UP,
  GENERIC_STATUSES,
  type FollowUpChannel,
  type FollowUpStatus,
  type StatusRole,
} from './follow-up-profile';
import { effectivePriority } from './priority';
import { DateTime } from 'luxon';
import { isWithinSupportHours, responseDue } from './sla';
import type { LocalizedText, VendorProfile, VendorRule } from './vendor-profile';

const Iso = z.string().min(1).max(40);

/** What one history entry records. */
export const EscalationEventKindSchema = z.enum([
  'handed-over',
  'ticket-ref',
  'status',
  'note',
  'vendor-message',
  'our-reply',
  'fix-confirmed',
  'remind-at',
]);
/** See {@link EscalationEventKindSchema}. */
export type EscalationEventKind = z.infer<typeof EscalationEventKindSchema>;

/** One dated entry of the history. */
export const EscalationEventSchema = z.object({
  at: Iso,
  kind: EscalationEventKindSchema,
  statusId: z.string().max(64).optional(),
  text: z.string().max(20_000).optional(),
});
/** See {@link EscalationEventSchema}. */
export type EscalationEvent = z.infer<typeof EscalationEventSchema>;

/** At most this many history entries are kept (oldest dropped, the hand-over entry always kept). */
export const MAX_HISTORY = 300;

/** An escalation as stored (table `escalations`, keyed by the draft id; lib/db v3). */
export const EscalationSchema = z.object({
  draftId: z.string().min(1).max(64),
  vendorId: z.string().min(1).max(64),
  handedOverAt: Iso,
  /** The priority level at hand-over (the clock it started). */
  levelId: z.string().max(64).nullable(),
  /** Fixed at hand-over; null when the vendor states no target for the level. */
  firstResponseDueAt: Iso.nullable(),
  /** When the vendor first answered (a pasted answer, or a status that is not the vendor's). */
  firstResponseAt: Iso.nullable(),
  ticketRef: z.string().max(100).nullable(),
  statusId: z.string().min(1).max(64),
  statusSince: Iso,
  lastVendorMessageAt: Iso.nullable(),
  /** Agent-picked reminder ("remind me tomorrow 9:00"). */
  remindAt: Iso.nullable(),
  /** When it reached a solved/closed status (retention counts from here). */
  finishedAt: Iso.nullable(),
  /** Keys of reminders already notified (reminders.ts), so a restart does not notify twice. */
  notified: z.array(z.string().max(200)).max(200),
  history: z.array(EscalationEventSchema).max(MAX_HISTORY),
  revision: z.number().int().nonnegative(),
});
/** See {@link EscalationSchema}. */
export type Escalation = z.infer<typeof EscalationSchema>;

/** A status of the vendor, resolved: its label and note taken from the profile when not in `followUp`. */
export interface ResolvedStatus extends FollowUpStatus {
  readonly label: LocalizedText;
  readonly note?: LocalizedText;
  readonly rules: readonly VendorRule[];
}

/** The vendor's after-hand-over behaviour with every default applied. */
export interface ResolvedFollowUp {
  readonly statuses: readonly ResolvedStatus[];
  readonly initialStatus: string;
  readonly confirmFixBeforeSolved: boolean;
  readonly reopensClosed: boolean;
  readonly channels: readonly FollowUpChannel[];
  readonly email: string | null;
  readonly creationRules: readonly VendorRule[];
  readonly followUpRules: readonly VendorRule[];
  readonly referenceFieldId: string | null;
  readonly ticketRef: { readonly pattern: string; readonly example: string } | null;
}

function rulesOf(vendor: VendorProfile, ids: readonly string[] | undefined): VendorRule[] {
  return (ids ?? []).flatMap((id) => vendor.rules.filter((r) => r.id === id));
}

/** The vendor's `followUp` block with the defaults applied (generic statuses, copy). */
export function followUpOf(vendor: VendorProfile): ResolvedFollowUp {
  const f = vendor.followUp ?? DEFAULT_FOLLOW_UP;
  const statuses = (f.statuses ?? GENERIC_STATUSES).map((s): ResolvedStatus => {
    const own = vendor.statuses.find((v) => v.id === s.id);
    const generic = GENERIC_STATUSES.find((g) => g.id === s.id);
    const label = s.label ?? own?.label ?? generic?.label ?? { en: s.id, fr: s.id };
    const autoSolve = s.autoSolveAfterHours ?? own?.autoSolveAfterHours;
    return {
      ...s,
      label,
      ...(own?.note ? { note: own.note } : {}),
      ...(autoSolve !== undefined ? { autoSolveAfterHours: autoSolve } : {}),
      rules: rulesOf(vendor, s.ruleIds),
    };
  });
  const first = statuses.find((s) => s.role === 'vendor') ?? statuses[0];
  const ticketRef = vendor.ticketNumber ?? f.ticketRef ?? null;
  return {
    statuses,
    initialStatus: f.initialStatus ?? first?.id ?? 'waiting-vendor',
    confirmFixBeforeSolved: f.confirmFixBeforeSolved ?? false,
    reopensClosed: f.reopensClosed ?? true,
    channels: f.channels,
    email: f.email ?? null,
    creationRules: rulesOf(vendor, f.creationRuleIds),
    followUpRules: rulesOf(vendor, f.followUpRuleIds),
    referenceFieldId: f.referenceFieldId ?? null,
    ticketRef: ticketRef ? { pattern: ticketRef.pattern, example: ticketRef.example } : null,
  };
}

/** A status of the vendor by id, or null. */
export function statusOf(vendor: VendorProfile, statusId: string): ResolvedStatus | null {
  return followUpOf(vendor).statuses.find((s) => s.id === statusId) ?? null;
}

/** Why an action on an escalation was refused. */
export type EscalationErrorCode =
  | 'not-handed-over'
  | 'ticket-ref-empty'
  | 'ticket-ref-format'
  | 'unknown-status'
  | 'confirm-fix-first'
  | 'closed-never-reopened'
  | 'empty-text'
  | 'bad-date';

/** A refused action: a code the UI words, and an English message. */
export interface EscalationError {
  readonly code: EscalationErrorCode;
  readonly message: string;
  /** The ticket number's example, for `ticket-ref-format`. */
  readonly example?: string;
}

/** Ok with a value, or an {@link EscalationError}. */
export type EscalationResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: EscalationError };

const fail = <T>(
  code: EscalationErrorCode,
  message: string,
  extra: { example?: string } = {},
): EscalationResult<T> => ({
  ok: false,
  error: { code, message, ...extra },
});

/**
 * Validates the vendor's ticket reference: trimmed; matched against the profile's `ticketNumber` (seed
 * 004: "a unique 6-digit number") or `followUp.ticketRef`; any non-empty text otherwise.
 */
export function parseTicketRef(vendor: VendorProfile, input: string): EscalationResult<string> {
  const value = input.trim();
  if (value === '') return fail('ticket-ref-empty', 'Enter the ticket reference the vendor gave.');
  if (value.length > 100) return fail('ticket-ref-format', 'A ticket reference has at most 100 characters.');
  const format = followUpOf(vendor).ticketRef;
  if (format && !new RegExp(format.pattern).test(value))
    return fail('ticket-ref-format', `${vendor.name} ticket references look like ${format.example}.`, {
      example: format.example,
    });
  return { ok: true, value };
}

/**
 * The escalation a handed-over draft starts: the vendor's initial status, and the first-response due
 * time computed from the HAND-OVER instant (issue 18 defect) for the level effective at hand-over.
 */
export function startEscalation(
  vendor: VendorProfile,
  draft: Draft & { readonly severityUnasked?: boolean },
): EscalationResult<Escalation> {
  if (draft.status === 'open' || draft.handedOverAt === null)
    return fail('not-handed-over', 'Only a handed-over draft becomes an escalation.');
  const handedOver = new Date(draft.handedOverAt);
  if (Number.isNaN(handedOver.getTime())) return fail('bad-date', 'The hand-over date is unreadable.');
  const levelId = effectivePriority(vendor, draft).levelId;
  const due = levelId !== null ? responseDue(vendor, levelId, handedOver) : null;
  const f = followUpOf(vendor);
  const at = handedOver.toISOString();
  return {
    ok: true,
    value: {
      draftId: draft.id,
      vendorId: vendor.id,
      handedOverAt: at,
      levelId,
      firstResponseDueAt: due?.kind === 'due' ? due.dueAt.toISOString() : null,
      firstResponseAt: null,
      ticketRef: null,
      statusId: f.initialStatus,
      statusSince: at,
      lastVendorMessageAt: null,
      remindAt: null,
      finishedAt: null,
      notified: [],
      history: [{ at, kind: 'handed-over', statusId: f.initialStatus }],
      revision: 0,
    },
  };
}

/** What the agent does to an escalation. */
export type EscalationAction =
  | { readonly type: 'set-ticket-ref'; readonly ref: string }
  | { readonly type: 'set-status'; readonly statusId: string }
  | { readonly type: 'note'; readonly text: string }
  | { readonly type: 'vendor-message'; readonly text: string; readonly at?: Date }
  | { readonly type: 'our-reply'; readonly text: string }
  | { readonly type: 'confirm-fix' }
  | { readonly type: 'remind-at'; readonly at: Date | null };

const FINISHED: readonly StatusRole[] = ['solved', 'closed'];

/** True when a role ends the escalation's clocks and reminders. */
export const isFinishedRole = (role: StatusRole): boolean => FINISHED.includes(role);

function withEvent(esc: Escalation, event: EscalationEvent, patch: Partial<Escalation>): Escalation {
  let history = [...esc.history, event];
  if (history.length > MAX_HISTORY)
    history = [history[0] as EscalationEvent, ...history.slice(-(MAX_HISTORY - 1))];
  return { ...esc, ...patch, history };
}

function enterStatus(
  esc: Escalation,
  status: ResolvedStatus,
  at: string,
  extra: Partial<Escalation> = {},
): Partial<Escalation> {
  return {
    statusId: status.id,
    statusSince: at,
    finishedAt: isFinishedRole(status.role) ? (esc.finishedAt ?? at) : null,
    // A status that is no longer the vendor's means they answered (seed 000: the 24 h first response).
    ...(esc.firstResponseAt === null && status.role !== 'vendor' ? { firstResponseAt: at } : {}),
    ...extra,
  };
}

/**
 * Applies an action at `now`; refuses what the vendor's rules forbid. The auto-solve of a Pending ticket is
 * taken into account: replying to an automatically solved ticket reopens it (seed 004).
 */
export function applyAction(
  vendor: VendorProfile,
  esc: Escalation,
  action: EscalationAction,
  now: Date,
): EscalationResult<Escalation> {
  const f = followUpOf(vendor);
  const at = now.toISOString();
  const state = escalationState(vendor, esc, now);
  switch (action.type) {
    case 'set-ticket-ref': {
      const ref = parseTicketRef(vendor, action.ref);
      if (!ref.ok) return ref;
      return {
        ok: true,
        value: withEvent(esc, { at, kind: 'ticket-ref', text: ref.value }, { ticketRef: ref.value }),
      };
    }
    case 'set-status': {
      const next = f.statuses.find((s) => s.id === action.statusId);
      if (!next) return fail('unknown-status', `${vendor.name} has no status "${action.statusId}".`);
      if (state.role === 'closed' && !f.reopensClosed && next.role !== 'closed')
        return fail(
          'closed-never-reopened',
          `${vendor.name} never reopens a closed ticket: open a new one that references ${esc.ticketRef ?? 'it'}.`,
        );
      if (
        next.role === 'solved' &&
        f.confirmFixBeforeSolved &&
        !esc.history.some((e) => e.kind === 'fix-confirmed')
      )
        return fail(
          'confirm-fix-first',
          `${vendor.name} asks you to confirm you tested the fix before it is solved.`,
        );
      return {
        ok: true,
        value: withEvent(esc, { at, kind: 'status', statusId: next.id }, enterStatus(esc, next, at)),
      };
    }
    case 'note':
    case 'vendor-message':
    case 'our-reply': {
      const text = action.text.trim();
      if (text === '') return fail('empty-text', 'Write or paste the text first.');
      if (action.type === 'note') return { ok: true, value: withEvent(esc, { at, kind: 'note', text }, {}) };
      if (action.type === 'vendor-message') {
        const when = action.at ?? now;
        if (Number.isNaN(when.getTime())) return fail('bad-date', 'The date of the message is unreadable.');
        const whenIso = when.toISOString();
        return {
          ok: true,
          value: withEvent(
            esc,
            { at: whenIso, kind: 'vendor-message', text },
            {
              lastVendorMessageAt: whenIso,
              firstResponseAt: esc.firstResponseAt ?? whenIso,
            },
          ),
        };
      }
      // Our reply hands the ticket back to the vendor, and reopens one the vendor solved automatically
      // (seed 004: "replying afterwards reopens it"). A closed ticket stays closed (seed 002).
      const reopen = state.role === 'us' || state.autoSolved;
      const initial = f.statuses.find((s) => s.id === f.initialStatus);
      const patch = reopen && initial ? enterStatus(esc, initial, at, { finishedAt: null }) : {};
      return {
        ok: true,
        value: withEvent(
          esc,
          { at, kind: 'our-reply', text, ...(reopen && initial ? { statusId: initial.id } : {}) },
          patch,
        ),
      };
    }
    case 'confirm-fix':
      return { ok: true, value: withEvent(esc, { at, kind: 'fix-confirmed' }, {}) };
    case 'remind-at': {
      if (action.at !== null && Number.isNaN(action.at.getTime()))
        return fail('bad-date', 'Pick a date and time.');
      const remindAt = action.at?.toISOString() ?? null;
      return {
        ok: true,
        value: withEvent(
          esc,
          { at, kind: 'remind-at', ...(remindAt ? { text: remindAt } : {}) },
          { remindAt },
        ),
      };
    }
  }
}

/** Who the ball is with: the board's groups. */
export type Owes = 'vendor' | 'us' | 'nobody';

/** Everything the clocks say about an escalation at an instant. */
export interface EscalationState {
  readonly status: ResolvedStatus | null;
  /** The role after the clocks (an auto-solved Pending ticket is `solved`). */
  readonly role: StatusRole;
  readonly owes: Owes;
  readonly finished: boolean;
  /** The vendor solved it by itself (seed 004: 72 h without a reply to Pending). */
  readonly autoSolved: boolean;
  /** When it is (or was) solved automatically, for a status with `autoSolveAfterHours`. */
  readonly autoSolveAt: Date | null;
  /** First response due while the vendor has not answered and the escalation is not finished. */
  readonly firstResponseDueAt: Date | null;
  /** Overdue from the due instant on (at the due instant exactly: overdue). */
  readonly firstResponseOverdue: boolean;
  /** The next deadline that matters to the board (first response due, or auto-solve), for sorting. */
  readonly dueAt: Date | null;
  readonly overdue: boolean;
}

const HOUR_MS = 3_600_000;

function date(iso: string | null): Date | null {
  if (iso === null) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The clock of a status with `autoSolveAfterHours` starts at the vendor's last message (seed 004: "72 hours
 * of their last message"), as long as we have not replied since; otherwise at the status start (the agent
 * set Pending without pasting the vendor's message).
 */
export function statusClockStart(esc: Escalation): Date | null {
  const last = date(esc.lastVendorMessageAt);
  const lastReply = [...esc.history].reverse().find((e) => e.kind === 'our-reply');
  const replied = lastReply ? date(lastReply.at) : null;
  if (last && (!replied || last > replied)) return last;
  return date(esc.statusSince);
}

/** The clocks of `esc` at `now`. Elapsed hours are real hours: a DST change does not move them. */
export function escalationState(vendor: VendorProfile, esc: Escalation, now: Date): EscalationState {
  const status = followUpOf(vendor).statuses.find((s) => s.id === esc.statusId) ?? null;
  let role: StatusRole = status?.role ?? 'vendor';
  let autoSolveAt: Date | null = null;
  let autoSolved = false;
  if (status?.autoSolveAfterHours !== undefined) {
    const start = statusClockStart(esc);
    if (start) {
      autoSolveAt = new Date(start.getTime() + status.autoSolveAfterHours * HOUR_MS);
      if (now.getTime() >= autoSolveAt.getTime()) {
        autoSolved = true;
        role = 'solved';
      }
    }
  }
  const finished = isFinishedRole(role);
  const due = finished || esc.firstResponseAt !== null ? null : date(esc.firstResponseDueAt);
  const firstResponseOverdue = due !== null && now.getTime() >= due.getTime();
  const owes: Owes = finished ? 'nobody' : role === 'us' ? 'us' : 'vendor';
  const dueAt = finished ? null : owes === 'us' ? (autoSolveAt ?? due) : due;
  return {
    status,
    role,
    owes,
    finished,
    autoSolved,
    autoSolveAt,
    firstResponseDueAt: due,
    firstResponseOverdue,
    dueAt,
    overdue: firstResponseOverdue,
  };
}

/**
 * Whether the vendor's "outside support hours" advice applies to an escalation's first response (issue 18
 * rule 7; seed 002: "For Critical issues outside Support Hours, please use Phone"): handed over outside the
 * vendor's support hours, or due on a later local day than the hand-over — a Critical ticket filed near
 * closing time waits for the next working day's opening. Never for a vendor without support hours.
 */
export function outsideHoursAdviceApplies(
  vendor: VendorProfile,
  esc: Pick<Escalation, 'handedOverAt' | 'firstResponseDueAt'>,
): boolean {
  const hours = vendor.sla.supportHours;
  if (!hours || esc.firstResponseDueAt === null) return false;
  const handedOver = new Date(esc.handedOverAt);
  const due = new Date(esc.firstResponseDueAt);
  if (Number.isNaN(handedOver.getTime()) || Number.isNaN(due.getTime())) return false;
  if (!isWithinSupportHours(hours, handedOver)) return true;
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: hours.timeZone }).toISODate();
  return day(handedOver) !== day(due);
}
