/**
 * Small extension-wide values kept next to the drafts (e.g. when the last retention purge ran), each read
 * and written through the caller's zod schema. Configuration documents edited in Options (portals, vendor
 * profiles) live in extension storage, not here.
 */
import type { z } from 'zod';
import type { HelpdeskDb } from './database';
import { guarded, zodIssues, type DbError, type DbResult, type InvalidError } from './result';

/** Reads a setting through `schema`: `value` is undefined when unset; a stored value that fails is `invalid`. */
export async function getSetting<S extends z.ZodType>(
  db: HelpdeskDb,
  key: string,
  schema: S,
): Promise<DbResult<{ value: z.infer<S> | undefined }, InvalidError | DbError>> {
  return guarded(async (): Promise<DbResult<{ value: z.infer<S> | undefined }, InvalidError>> => {
    const row = await db.settings.get(key);
    if (row === undefined) return { ok: true, value: undefined };
    const parsed = schema.safeParse(row.value);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid',
          message: `Setting "${key}" is not valid.`,
          issues: zodIssues(parsed.error),
        },
      };
    }
    return { ok: true, value: parsed.data };
  });
}

/** Writes a setting after checking it against `schema`. */
export async function setSetting<S extends z.ZodType>(
  db: HelpdeskDb,
  key: string,
  schema: S,
  value: z.infer<S>,
): Promise<DbResult<object, InvalidError | DbError>> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid', message: `Setting "${key}" is not valid.`, issues: zodIssues(parsed.error) },
    };
  }
  return guarded(async () => {
    await db.settings.put({ key, value: parsed.data });
    return { ok: true };
  });
}
