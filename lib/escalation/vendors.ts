/**
 * The built-in vendor profiles (one JSON file each in `vendor-profiles/`) and the parser for profiles a
 * support lead imports or edits. Adding a vendor is a JSON file, a line below and a test (STYLE.md).
 */
import esimGoJson from './vendor-profiles/esim-go.json';
import genericJson from './vendor-profiles/generic.json';
import samsaraJson from './vendor-profiles/samsara.json';
import trackunitJson from './vendor-profiles/trackunit.json';
import wildixUsJson from './vendor-profiles/wildix-us.json';
import wildixJson from './vendor-profiles/wildix.json';
import { VendorProfileSchema, type VendorProfile } from './vendor-profile';

/** Seed 000: eSIM Go is the primary escalation target. */
export const DEFAULT_VENDOR_ID = 'esim-go';

/** Larger than any sensible profile: an import this big is refused before parsing. */
const MAX_PROFILE_JSON = 512 * 1024;

/** One problem found in a vendor profile: where (`fields[2].label.fr`) and what. */
export interface ProfileIssue {
  readonly path: string;
  readonly message: string;
}

/** Why a profile text was refused: `too-large`, `json` (not JSON at all) or `schema` (see `issues`). */
export type VendorProfileErrorCode = 'too-large' | 'json' | 'schema';

/** Result of {@link parseVendorProfileJson}. */
export type VendorProfileResult =
  | { readonly ok: true; readonly profile: VendorProfile }
  | {
      readonly ok: false;
      readonly error: {
        readonly code: VendorProfileErrorCode;
        readonly message: string;
        readonly issues: ProfileIssue[];
      };
    };

/** `["fields", 2, "label", "fr"]` → `fields[2].label.fr`. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Validates an already-parsed value as a vendor profile. Never throws. */
export function parseVendorProfile(value: unknown): VendorProfileResult {
  const parsed = VendorProfileSchema.safeParse(value);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  return {
    ok: false,
    error: {
      code: 'schema',
      message: `This is not a valid vendor profile (${issues.length} problem${issues.length === 1 ? '' : 's'}).`,
      issues,
    },
  };
}

/**
 * Parses the text of a vendor profile (an Options-page import or edit). Never throws: a bad file gives
 * an error code and, for schema problems, each problem with its path.
 */
export function parseVendorProfileJson(text: string): VendorProfileResult {
  if (text.length > MAX_PROFILE_JSON) {
    return {
      ok: false,
      error: { code: 'too-large', message: 'This file is too large for a vendor profile.', issues: [] },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { code: 'json', message: `This is not JSON: ${detail}`, issues: [] } };
  }
  return parseVendorProfile(value);
}

function builtIn(value: unknown, file: string): VendorProfile {
  const result = parseVendorProfile(value);
  if (!result.ok) {
    // A shipped profile that fails its own schema is a build error, caught by the unit tests.
    const detail = result.error.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new Error(`Built-in vendor profile ${file} is invalid: ${detail}`);
  }
  return result.profile;
}

/** The shipped profiles, default first. Wildix comes in two variants: European (CET) and American (EST) hours. */
export const builtInVendors: readonly VendorProfile[] = Object.freeze([
  builtIn(esimGoJson, 'esim-go.json'),
  builtIn(wildixJson, 'wildix.json'),
  builtIn(wildixUsJson, 'wildix-us.json'),
  builtIn(trackunitJson, 'trackunit.json'),
  builtIn(samsaraJson, 'samsara.json'),
  builtIn(genericJson, 'generic.json'),
]);

/**
 * The profile with this id. Profiles in `custom` (edited or imported in Options) win over the built-in
 * one with the same id. Undefined when no profile has that id.
 */
export function getVendor(id: string, custom: readonly VendorProfile[] = []): VendorProfile | undefined {
  return custom.find((v) => v.id === id) ?? builtInVendors.find((v) => v.id === id);
}

/** The default vendor: the first of `custom` marked `default`, else eSIM Go. */
export function defaultVendor(custom: readonly VendorProfile[] = []): VendorProfile {
  const marked = custom.find((v) => v.default === true);
  if (marked) return marked;
  const builtInDefault = getVendor(DEFAULT_VENDOR_ID, custom);
  // eSIM Go is always built in, so this fallback only guards against a broken build.
  return builtInDefault ?? (builtInVendors[0] as VendorProfile);
}

// Lives beside the schema (render.ts needs it without the shipped profiles); re-exported for the UI.
export { vendorDisplayName } from './vendor-profile';
