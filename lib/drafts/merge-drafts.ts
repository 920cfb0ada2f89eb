/**
 * Three-way merge of two edits of one draft (DESIGN §1: the sidebar, popup and drafts tab share every
 * draft). `base` is the stored version both edits started from; `mine` is this surface's unsaved copy;
 * `theirs` is what another surface saved since. A property changed on one side only takes that side's
 * value; a property changed on both sides to different values is a real conflict, which the agent
 * settles (keep mine / take theirs) — never silently.
 */
import type { Draft } from '../escalation/draft';

/** The draft properties an agent edits; bookkeeping (`revision`, `updatedAt`…) is not merged. */
const SCALAR_KEYS = [
  'vendorId',
  'status',
  'iccid',
  'iccids',
  'subscriberId',
  'subscriberName',
  'portalUrl',
  'summary',
  'problemKind',
  'scope',
  'severity',
  'priorityOverride',
  'handedOverAt',
] as const satisfies ReadonlyArray<keyof Draft>;

/** Result of {@link mergeDrafts}: the merged draft (on `theirs`' revision), or the clashing keys. */
export type MergeResult = { ok: true; draft: Draft } | { ok: false; clashes: string[] };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether `later` only continues `earlier` by typing on: `base` ⊑ `earlier` ⊑ `later` as text prefixes.
 * Then `earlier` is a moment of the same typing (another window showed and saved it while the agent
 * typed on: seen on a loaded machine, issue 12), and `later` holds every character of both sides.
 */
function continues(base: unknown, earlier: unknown, later: unknown): boolean {
  const b = base ?? '';
  return (
    typeof b === 'string' &&
    typeof earlier === 'string' &&
    typeof later === 'string' &&
    earlier.startsWith(b) &&
    later.startsWith(earlier)
  );
}

function pickSide<T>(key: string, base: T, mine: T, theirs: T, clashes: string[]): T {
  if (same(mine, theirs) || same(mine, base)) return theirs;
  if (same(theirs, base)) return mine;
  // Both changed, one only typed further than the other: the longer text loses nothing of either.
  if (continues(base, theirs, mine)) return mine;
  if (continues(base, mine, theirs)) return theirs;
  clashes.push(key);
  return mine;
}

/** Merges `mine` and `theirs` against `base`. See the module comment. */
export function mergeDrafts(base: Draft, mine: Draft, theirs: Draft): MergeResult {
  const clashes: string[] = [];
  const merged: Draft = { ...theirs };
  for (const key of SCALAR_KEYS) {
    (merged as Record<string, unknown>)[key] = pickSide(key, base[key], mine[key], theirs[key], clashes);
  }
  const fieldIds = new Set([
    ...Object.keys(base.fields),
    ...Object.keys(mine.fields),
    ...Object.keys(theirs.fields),
  ]);
  const fields: Record<string, string> = {};
  for (const id of fieldIds) {
    const value = pickSide(`fields.${id}`, base.fields[id], mine.fields[id], theirs.fields[id], clashes);
    if (value !== undefined) fields[id] = value;
  }
  merged.fields = fields;
  merged.checklist = pickSide('checklist', base.checklist, mine.checklist, theirs.checklist, clashes);
  return clashes.length > 0 ? { ok: false, clashes } : { ok: true, draft: merged };
}
