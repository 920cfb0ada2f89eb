/**
 * The escalations repository (issue 18): the only code that reads and writes the `escalations` table (v3).
 * Rows are zod-parsed on read and before every write; a bad row is reported, never thrown. A write names
 * the revision it started from; a stale write is refused with the current row (two surfaces may record
 * a status at once).
 */
import { EscalationSchema, type Escalation } from '../escalation/escalation';
import type { HelpdeskDb } from './database';
import {
  guarded,
  zodIssues,
  type DbError,
  type DbResult,
  type InvalidError,
  type InvalidRow,
} from './result';

/** Why a write was refused. */
export type EscalationSaveError =
  | DbError
  | InvalidError
  | { readonly code: 'conflict'; readonly message: string; readonly current: Escalation | null };

function read(row: unknown): { ok: true; escalation: Escalation } | { ok: false; invalid: InvalidRow } {
  const parsed = EscalationSchema.safeParse(row);
  if (parsed.success) return { ok: true, escalation: parsed.data };
  const id =
    typeof row === 'object' && row !== null && typeof (row as { draftId?: unknown }).draftId === 'string'
      ? (row as { draftId: string }).draftId
      : '?';
  return { ok: false, invalid: { id, issues: zodIssues(parsed.error) } };
}

/** The escalation of a draft, or null. */
export async function getEscalation(
  db: HelpdeskDb,
  draftId: string,
): Promise<DbResult<{ escalation: Escalation | null; invalid: InvalidRow[] }>> {
  type Read = DbResult<{ escalation: Escalation | null; invalid: InvalidRow[] }>;
  return guarded(async (): Promise<Read> => {
    const row: unknown = await db.escalations.get(draftId);
    if (row === undefined) return { ok: true as const, escalation: null, invalid: [] };
    const r = read(row);
    return r.ok
      ? { ok: true as const, escalation: r.escalation, invalid: [] }
      : { ok: true as const, escalation: null, invalid: [r.invalid] };
  });
}

/** Every escalation (the board and the reminders read them all; an agent has tens, not thousands). */
export async function listEscalations(
  db: HelpdeskDb,
): Promise<DbResult<{ escalations: Escalation[]; invalid: InvalidRow[] }>> {
  return guarded(async (): Promise<DbResult<{ escalations: Escalation[]; invalid: InvalidRow[] }>> => {
    const rows: unknown[] = await db.escalations.toArray();
    const escalations: Escalation[] = [];
    const invalid: InvalidRow[] = [];
    for (const row of rows) {
      const r = read(row);
      if (r.ok) escalations.push(r.escalation);
      else invalid.push(r.invalid);
    }
    return { ok: true as const, escalations, invalid };
  });
}

/**
 * Writes `next` if the stored row is still at `expectedRevision` (null: there must be none); the row is
 * stored with the revision incremented.
 */
export async function putEscalation(
  db: HelpdeskDb,
  next: Escalation,
  expectedRevision: number | null,
): Promise<DbResult<{ escalation: Escalation }, EscalationSaveError>> {
  const parsed = EscalationSchema.safeParse(next);
  if (!parsed.success)
    return {
      ok: false,
      error: { code: 'invalid', message: 'Not a valid escalation.', issues: zodIssues(parsed.error) },
    };
  return guarded(() =>
    db.transaction(
      'rw',
      db.escalations,
      async (): Promise<DbResult<{ escalation: Escalation }, EscalationSaveError>> => {
        const stored: unknown = await db.escalations.get(next.draftId);
        const current = stored === undefined ? null : read(stored);
        // An unreadable stored row is replaced (it could never be edited otherwise).
        const currentRevision =
          current === null ? null : current.ok ? current.escalation.revision : expectedRevision;
        if (currentRevision !== expectedRevision) {
          return {
            ok: false,
            error: {
              code: 'conflict',
              message: 'Another window changed this escalation.',
              current: current?.ok ? current.escalation : null,
            },
          };
        }
        const row: Escalation = {
          ...parsed.data,
          revision: currentRevision === null ? 0 : currentRevision + 1,
        };
        await db.escalations.put(row);
        return { ok: true, escalation: row };
      },
    ),
  );
}

/** Deletes the escalation of a draft (the draft was reopened or deleted). */
export async function deleteEscalation(
  db: HelpdeskDb,
  draftId: string,
): Promise<DbResult<{ deleted: boolean }>> {
  return guarded(async (): Promise<DbResult<{ deleted: boolean }>> => {
    const existed = (await db.escalations.where('draftId').equals(draftId).count()) > 0;
    await db.escalations.delete(draftId);
    return { ok: true as const, deleted: existed };
  });
}
