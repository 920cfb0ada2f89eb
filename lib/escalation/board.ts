/**
 * The escalation board (issue 18, DESIGN §1): open escalations grouped by who owes the next move — "vendor
 * owes us", "we owe the vendor" — then the drafts not handed over, each group sorted by what is due first;
 * and the geometry of the timeline (a bar per escalation from hand-over to due time, overdue in red).
 * Pure: the page gives the rows and the clock.
 */
import type { Draft } from './draft';
import { escalationState, type Escalation, type EscalationState } from './escalation';
import type { VendorProfile } from './vendor-profile';

/** The board's groups, in display order. */
export const BOARD_GROUPS = ['vendor', 'us', 'drafts'] as const;
/** See {@link BOARD_GROUPS}. */
export type BoardGroup = (typeof BOARD_GROUPS)[number];

/** One row of the board. */
export interface BoardEntry {
  readonly draft: Draft;
  readonly escalation: Escalation | null;
  readonly state: EscalationState | null;
  /** The instant the row counts down to (first response due, auto-solve), or null. */
  readonly dueAt: Date | null;
  readonly overdue: boolean;
}

/** The board at an instant. */
export interface Board {
  readonly groups: Readonly<Record<BoardGroup, readonly BoardEntry[]>>;
  /** Finished escalations (solved / closed, or solved automatically): not on the board's groups. */
  readonly finished: readonly BoardEntry[];
  readonly overdue: number;
}

/** Due first; rows without a due time after, newest update first. */
function byDue(a: BoardEntry, b: BoardEntry): number {
  if (a.dueAt && b.dueAt) return a.dueAt.getTime() - b.dueAt.getTime();
  if (a.dueAt) return -1;
  if (b.dueAt) return 1;
  return a.draft.updatedAt < b.draft.updatedAt ? 1 : a.draft.updatedAt > b.draft.updatedAt ? -1 : 0;
}

/** Builds the board from the drafts and their escalations (keyed by draft id). */
export function buildBoard(
  drafts: readonly Draft[],
  escalations: ReadonlyMap<string, Escalation>,
  vendorOf: (vendorId: string) => VendorProfile | undefined,
  now: Date,
): Board {
  const groups: Record<BoardGroup, BoardEntry[]> = { vendor: [], us: [], drafts: [] };
  const finished: BoardEntry[] = [];
  for (const draft of drafts) {
    if (draft.status === 'open') {
      groups.drafts.push({ draft, escalation: null, state: null, dueAt: null, overdue: false });
      continue;
    }
    const esc = escalations.get(draft.id) ?? null;
    const vendor = vendorOf(draft.vendorId);
    if (!esc || !vendor) {
      if (draft.status === 'handed-over')
        groups.vendor.push({ draft, escalation: esc, state: null, dueAt: null, overdue: false });
      continue;
    }
    const state = escalationState(vendor, esc, now);
    const entry: BoardEntry = { draft, escalation: esc, state, dueAt: state.dueAt, overdue: state.overdue };
    if (state.finished) finished.push(entry);
    else groups[state.owes === 'us' ? 'us' : 'vendor'].push(entry);
  }
  for (const g of BOARD_GROUPS) groups[g].sort(byDue);
  const overdue = groups.vendor.filter((e) => e.overdue).length + groups.us.filter((e) => e.overdue).length;
  return { groups, finished, overdue };
}

/** A countdown split for display: negative when past due. */
export interface Countdown {
  readonly past: boolean;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

/** The time left until `dueAt` (or since it), in whole minutes rounded towards the due instant. */
export function countdown(dueAt: Date, now: Date): Countdown {
  const ms = dueAt.getTime() - now.getTime();
  const past = ms <= 0; // overdue exactly at the due instant
  const total = Math.floor(Math.abs(ms) / 60_000);
  return {
    past,
    days: Math.floor(total / 1440),
    hours: Math.floor((total % 1440) / 60),
    minutes: total % 60,
  };
}

/** One bar of the timeline, in fractions of the drawing's width (0..1). */
export interface TimelineBar {
  readonly draftId: string;
  readonly x: number;
  readonly width: number;
  readonly overdue: boolean;
}

/** The timeline: a bar per open escalation with a due time, and where "now" falls. */
export interface Timeline {
  readonly start: Date;
  readonly end: Date;
  readonly now: number;
  readonly bars: readonly TimelineBar[];
}

/**
 * Bars from hand-over to due time over a shared axis from the earliest hand-over to the latest of the due
 * times and now; null when no open escalation has a due time.
 */
export function timeline(entries: readonly BoardEntry[], now: Date): Timeline | null {
  const timed = entries.filter((e) => e.escalation !== null && e.dueAt !== null);
  if (timed.length === 0) return null;
  const starts = timed.map((e) => Date.parse((e.escalation as Escalation).handedOverAt));
  const ends = timed.map((e) => (e.dueAt as Date).getTime());
  const min = Math.min(...starts, now.getTime());
  const max = Math.max(...ends, now.getTime());
  const span = Math.max(max - min, 60_000);
  const frac = (t: number) => (t - min) / span;
  return {
    start: new Date(min),
    end: new Date(max),
    now: frac(now.getTime()),
    bars: timed.map((e, i) => {
      const x = frac(starts[i] as number);
      return {
        draftId: e.draft.id,
        x,
        width: Math.max(frac(ends[i] as number) - x, 0.005),
        overdue: e.overdue,
      };
    }),
  };
}
