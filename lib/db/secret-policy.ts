/**
 * Which draft fields are secrets, as the store decides it (DESIGN §2, seed 002: Wildix asks for login
 * credentials; a secret is never written to IndexedDB, an export or a log). The editor keeps secrets out of
 * drafts, but the store does not trust its callers: the drafts port, a restored backup or any future path
 * goes through the same repositories, and they drop every value the draft's vendor declares `secret`.
 *
 * The store learns the vendors from a {@link VendorSource}, a REQUIRED dependency of the database
 * (`DbDeps.vendors`): opening a database without one is a type error. Built-in profiles are always known;
 * the source adds the custom and managed ones. For a vendor no profile describes (a custom vendor since
 * removed), a field is secret when any known profile declares a secret field with that id.
 */
import { secretFieldIds } from '../escalation/secrets';
import type { VendorProfile } from '../escalation/vendor-profile';
import { builtInVendors, getVendor } from '../escalation/vendors';
import { CUSTOM_VENDORS_KEY, readCustomVendors, vendorOverrides } from '../settings/custom-data';
import { readManaged, type ManagedAreaLike } from '../settings/managed';
import type { StorageAreaLike } from '../settings/storage-area';

/** An extra secret-field rule: ids, or a predicate of field and vendor. Adds to the vendors' own policy. */
export type SecretFieldPolicy = ReadonlySet<string> | ((fieldId: string, vendorId: string) => boolean);

/** True when `fieldId` of a draft for `vendorId` must never be stored. */
export type SecretTest = (fieldId: string, vendorId: string) => boolean;

/** Where the store reads the vendor profiles from. */
export interface VendorSource {
  /**
   * The profiles that override or extend the built-in ones (custom, managed): `getVendor`'s `custom`.
   * Called before every write, outside any transaction; may cache. A rejection fails the write (nothing is
   * written rather than a secret of a vendor the store could not read).
   */
  overrides(): readonly VendorProfile[] | Promise<readonly VendorProfile[]>;
}

/** Only the built-in profiles. For tests and tools; the extension opens its database with {@link storedVendorSource}. */
export const BUILT_IN_VENDORS_ONLY: VendorSource = Object.freeze({ overrides: () => [] });

/** True when `fieldId` of a draft for `vendorId` is a secret under the extra `policy`. */
export function isSecretField(
  policy: SecretFieldPolicy | undefined,
  fieldId: string,
  vendorId: string,
): boolean {
  if (!policy) return false;
  return typeof policy === 'function' ? policy(fieldId, vendorId) : policy.has(fieldId);
}

/** The vendors' policy: the draft's vendor's `secret` fields; for an unknown vendor, any known vendor's. */
export function vendorSecretTest(overrides: readonly VendorProfile[]): SecretTest {
  const anyKnown = new Set<string>();
  for (const vendor of [...overrides, ...builtInVendors])
    for (const id of secretFieldIds(vendor)) anyKnown.add(id);
  const byVendor = new Map<string, ReadonlySet<string>>();
  return (fieldId, vendorId) => {
    let ids = byVendor.get(vendorId);
    if (ids === undefined) {
      const vendor = getVendor(vendorId, overrides);
      ids = vendor ? secretFieldIds(vendor) : anyKnown;
      byVendor.set(vendorId, ids);
    }
    return ids.has(fieldId);
  };
}

/** What {@link resolveSecretTest} reads from the database. */
interface PolicyHolder {
  readonly vendors: VendorSource;
  readonly secretFields: SecretFieldPolicy | undefined;
}

/**
 * The one secret test a write applies: the vendors' policy plus the database's and the call's extra
 * policies. Await it before opening a transaction (awaiting anything else inside one ends it).
 */
export async function resolveSecretTest(db: PolicyHolder, extra?: SecretFieldPolicy): Promise<SecretTest> {
  const vendors = vendorSecretTest(await db.vendors.overrides());
  const own = db.secretFields;
  return (fieldId, vendorId) =>
    vendors(fieldId, vendorId) ||
    isSecretField(own, fieldId, vendorId) ||
    isSecretField(extra, fieldId, vendorId);
}

/** The storage areas the extension keeps vendor profiles in, and their change event (`storage.onChanged`). */
export interface VendorStorage {
  readonly local: StorageAreaLike;
  readonly managed?: ManagedAreaLike | null | undefined;
  readonly onChanged?: {
    addListener(listener: (changes: Record<string, unknown>, areaName: string) => void): void;
  };
}

/**
 * Writes never wait for the managed area. Its first read of a browser session can take seconds (measured:
 * 6 s in headless Chromium without a policy, see entrypoints/popup/main.tsx), and a write that waits is a
 * write a closing popup never makes (issue 12: the save on `pagehide` must leave in the same task). Until
 * the read ends, writes go on with the built-in and local profiles, and the unknown-vendor rule above still
 * drops any field id a known profile calls secret; the editor itself never puts a secret in a draft.
 */
/** One read of the managed profiles: pending, then `done`. */
interface ManagedRead {
  readonly read: Promise<readonly VendorProfile[]>;
  done: readonly VendorProfile[] | null;
}

/**
 * The extension's vendor source: built-in + `storage.local` custom profiles + the administrator's managed
 * ones (policy wins, as everywhere: lib/settings/managed.ts). Read as soon as it is made, kept, and read
 * again after `onChanged` reports a change of the custom profiles or of the policy.
 */
export function storedVendorSource(storage: VendorStorage): VendorSource {
  let local: Promise<readonly VendorProfile[]> | null = null;
  // The last local read, once it ended: lets a write decide in the task it was made in.
  let localDone: readonly VendorProfile[] | null = null;
  let managed: ManagedRead | null = null;
  const readLocal = () =>
    (local ??= readCustomVendors(storage.local).then(
      (read) => (localDone = read.vendors),
      (error: unknown) => {
        local = null; // read again on the next write
        throw error;
      },
    ));
  const readPolicy = () => {
    if (managed) return managed;
    const entry: ManagedRead = {
      read: readManaged(storage.managed).then((read) => read.data.vendors ?? []),
      done: null,
    };
    void entry.read.then((vendors) => {
      entry.done = vendors;
    });
    managed = entry;
    return entry;
  };
  storage.onChanged?.addListener((changes, areaName) => {
    if (areaName === 'managed') managed = null;
    else if (areaName === 'local' && CUSTOM_VENDORS_KEY in changes) {
      local = null;
      localDone = null;
    }
  });
  readPolicy();
  readLocal().catch(() => undefined); // a failure is met again, and reported, by the first write
  return {
    overrides() {
      const fromPolicy = [...(readPolicy().done ?? [])];
      // Synchronous once the local read ended (the common case): no task boundary before the transaction.
      if (localDone) return vendorOverrides([...localDone], fromPolicy);
      return readLocal().then((vendors) => vendorOverrides([...vendors], fromPolicy));
    },
  };
}
