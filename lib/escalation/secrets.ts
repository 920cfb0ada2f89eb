/**
 * Secrets (seed 002: Wildix asks for login credentials). DESIGN §2: a secret is never written to
 * IndexedDB, an export or a log. Everything that leaves session memory goes through
 * {@link stripSecrets} first.
 */
import type { VendorProfile } from './vendor-profile';

/** Ids of the vendor's fields of kind `secret`. */
export function secretFieldIds(vendor: VendorProfile): Set<string> {
  return new Set(vendor.fields.filter((f) => f.kind === 'secret').map((f) => f.id));
}

/**
 * A copy of `fields` without the vendor's secret fields. Other keys, including ones the profile does
 * not know, are kept as they are. The input is not modified.
 */
export function stripSecrets(
  vendor: VendorProfile,
  fields: Readonly<Record<string, string>>,
): Record<string, string> {
  const secret = secretFieldIds(vendor);
  const out: Record<string, string> = {};
  for (const [id, value] of Object.entries(fields)) {
    if (!secret.has(id)) out[id] = value;
  }
  return out;
}
