/** The background's one connection to the drafts database (opened lazily, on first use). */
import { openDb, type HelpdeskDb } from '../../lib/db';

let db: HelpdeskDb | undefined;
export const database = (): HelpdeskDb => (db ??= openDb());
