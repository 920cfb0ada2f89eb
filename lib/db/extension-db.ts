/**
 * How every surface of the extension opens the drafts database (background, popup, drafts tab, options):
 * today's {@link DB_NAME} with the vendors' secret-field policy read from the extension's storage
 * (built-in + custom + managed profiles, DESIGN §2 / seed 002). One function, so no surface can open the
 * database without the policy of the vendors the agent actually uses.
 */
import { DB_NAME, openDb, type DbDeps, type HelpdeskDb } from './database';
import { storedVendorSource, type VendorStorage } from './secret-policy';

/** Opens the extension's drafts database; `storage` is the extension's storage namespace (its `local`, `managed`, `onChanged`), passed in by the page. */
export function openExtensionDb(storage: VendorStorage, deps: Omit<DbDeps, 'vendors'> = {}): HelpdeskDb {
  return openDb(DB_NAME, { ...deps, vendors: storedVendorSource(storage) });
}
