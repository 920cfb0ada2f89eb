/** Shared builders for the drafts-database tests: an isolated database per test and valid ICCIDs. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { BUILT_IN_VENDORS_ONLY, openDb, type DbDeps, type HelpdeskDb } from '../../../lib/db';
import { luhnCheckDigit } from '../../../lib/telecom/iccid';

let counter = 0;

/**
 * A database on its own fake IndexedDB factory, so tests never see each other's rows. Vendors: the
 * built-in profiles unless the test gives a source.
 */
export function freshDb(deps: Partial<Omit<DbDeps, 'indexedDB' | 'IDBKeyRange'>> = {}): HelpdeskDb {
  counter += 1;
  return openDb(`test-${counter}`, {
    vendors: BUILT_IN_VENDORS_ONLY,
    ...deps,
    indexedDB: new IDBFactory(),
    IDBKeyRange,
  });
}

/** A fresh factory + key range (and the built-in vendors), for tests that open several connections to one database. */
export function fakeIdb(): Pick<DbDeps, 'vendors'> & { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange } {
  return { indexedDB: new IDBFactory(), IDBKeyRange, vendors: BUILT_IN_VENDORS_ONLY };
}

/** A valid 20-digit ICCID (`89` + 17-digit body + Luhn) built from a number. */
export function iccidFor(n: number): string {
  const payload = `8944${String(n).padStart(15, '0')}`;
  return payload + luhnCheckDigit(payload);
}

/** Groups digits in fours, as agents type or paste them. */
export function grouped(digits: string): string {
  return digits.replace(/(.{4})(?=.)/g, '$1 ');
}
