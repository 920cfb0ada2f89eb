/**
 * The v3 upgrade (issue 18): every draft already handed over becomes an escalation, its first-response
 * due time computed from its hand-over. Runs inside the versionchange transaction, where nothing but
 * IndexedDB may be awaited, so it reads the built-in vendor profiles (a draft of a custom vendor gets the
 * generic follow-up and no due time: the agent sees "no target" rather than an invented one).
 */
import { DraftShapeSchema } from '../escalation/draft';
import { followUpOf, startEscalation, type Escalation } from '../escalation/escalation';
import { getVendor } from '../escalation/vendors';

/** Escalations for the handed-over drafts among raw v2 rows; unreadable rows are left alone. */
export function escalationsFromV2Rows(rows: readonly unknown[]): Escalation[] {
  const out: Escalation[] = [];
  for (const row of rows) {
    const parsed = DraftShapeSchema.safeParse(row);
    if (!parsed.success || parsed.data.status === 'open') continue;
    const draft = parsed.data;
    const builtIn = getVendor(draft.vendorId);
    const vendor = builtIn ?? getVendor('generic');
    if (!vendor) continue;
    // v2 rows predate the severity axis (issue 16): the level they were handed over with ignored it.
    const started = startEscalation(vendor, { ...draft, severityUnasked: draft.severity == null });
    if (!started.ok) continue;
    const esc = { ...started.value, vendorId: draft.vendorId };
    // A draft the old version marked closed is finished, from its last update.
    const done = followUpOf(vendor).statuses.find((s) => s.role === 'closed' || s.role === 'solved');
    out.push(
      draft.status === 'closed' && done
        ? { ...esc, statusId: done.id, statusSince: draft.updatedAt, finishedAt: draft.updatedAt }
        : esc,
    );
  }
  return out;
}
