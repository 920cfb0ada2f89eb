/**
 * eSIM activation code (GSMA SGP.22 §4.1), the text inside an eSIM QR code:
 * `1$<SM-DP+ FQDN>$<Matching ID>[$<SM-DP+ OID>[$1]]`, prefixed `LPA:` in a QR code. A trailing `1`
 * means the user must type a confirmation code, which is never part of the string itself.
 */
import { fail, type ParseResult } from './result';

/** Why a text is not an activation code, in the order the checks run. */
export type ActivationCodeErrorCode = 'empty' | 'format' | 'version' | 'address' | 'matching-id';

/** The fields of an activation code. */
export interface ActivationCodeParts {
  /** SM-DP+ server address, a fully qualified domain name, lower-cased. */
  readonly smdpAddress: string;
  /** The Matching ID (SGP.22 "AC_Token") that selects the profile on the SM-DP+. */
  readonly matchingId: string;
  /** SM-DP+ OID (dotted decimal), when the code carries one. */
  readonly oid?: string;
  /** True when the code ends in `$1`: the user needs a confirmation code from the operator. */
  readonly confirmationCodeRequired: boolean;
}

/** The result of {@link parseActivationCode}. */
export type ActivationCodeResult = ParseResult<ActivationCodeParts, ActivationCodeErrorCode>;

const QR_PREFIX = 'LPA:';
// SGP.22 §4.1: AC_Format "1" is the only format defined.
const FORMAT_VERSION = '1';
// SGP.22 §4.1: the Matching ID uses upper-case letters, digits and '-' only.
const MATCHING_ID = /^[A-Z0-9-]+$/;
const OID = /^[0-2](?:\.(?:0|[1-9][0-9]*))+$/;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** True for a plausible fully qualified domain name: at least two labels, no IP address, no port. */
function isFqdn(address: string): boolean {
  if (address.length === 0 || address.length > 253) return false;
  const labels = address.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => DNS_LABEL.test(label))) return false;
  // An all-numeric last label is an IPv4 address, not a domain name.
  return !/^[0-9]+$/.test(labels[labels.length - 1] ?? '');
}

/**
 * Parses an activation code, with or without the `LPA:` prefix (any case), ignoring surrounding
 * whitespace. Checks, in order: empty → format (`$`-separated fields, 3 to 5 of them, a valid OID and
 * a final flag of `1` when present) → version (`1`) → SM-DP+ address (FQDN shape) → Matching ID
 * (A–Z, 0–9, `-`; an empty one is refused, a helpdesk code always has one). Never throws.
 */
export function parseActivationCode(text: string): ActivationCodeResult {
  let body = text.trim();
  if (body === '') return fail('empty', 'Enter an activation code.');
  if (body.slice(0, QR_PREFIX.length).toUpperCase() === QR_PREFIX) body = body.slice(QR_PREFIX.length);
  const fields = body.split('$');
  const [version, address, matchingId, oid, flag] = fields;
  if (
    fields.length < 3 ||
    fields.length > 5 ||
    version === undefined ||
    address === undefined ||
    matchingId === undefined
  ) {
    return fail('format', 'An activation code looks like LPA:1$smdp.example.com$MATCHING-ID.');
  }
  if (version !== FORMAT_VERSION) {
    return fail(
      'version',
      `Only activation code format 1 is supported; this one starts with ${JSON.stringify(version)}.`,
    );
  }
  if (!isFqdn(address.toLowerCase())) {
    return fail('address', 'The SM-DP+ address must be a domain name such as smdp.example.com.');
  }
  if (!MATCHING_ID.test(matchingId)) {
    return fail('matching-id', 'The matching ID must be upper-case letters, digits and dashes.');
  }
  // SGP.22 §4.1: the OID field may be empty when only the confirmation-code flag follows ("$$1").
  if (oid !== undefined && oid !== '' && !OID.test(oid)) {
    return fail('format', 'The SM-DP+ OID must be dotted numbers such as 1.3.6.1.4.1.31746.');
  }
  if (flag !== undefined && flag !== '1') {
    return fail(
      'format',
      'The last field of an activation code, when present, must be 1 (confirmation code required).',
    );
  }
  if (fields.length === 4 && oid === '') {
    return fail('format', 'An activation code does not end with an empty field.');
  }
  return {
    ok: true,
    smdpAddress: address.toLowerCase(),
    matchingId,
    ...(oid ? { oid } : {}),
    confirmationCodeRequired: flag === '1',
  };
}

/**
 * Writes an activation code from its parts: `LPA:1$addr$ID`, then `$OID` when there is one, then `$1`
 * when a confirmation code is required (with an empty OID field if there is no OID). `qr: false`
 * leaves out the `LPA:` prefix (the form typed into a phone's manual eSIM setup). Does not validate:
 * pass parts from {@link parseActivationCode}.
 */
export function formatActivationCode(
  parts: Omit<ActivationCodeParts, 'confirmationCodeRequired'> & {
    readonly confirmationCodeRequired?: boolean;
  },
  options: { readonly qr?: boolean } = {},
): string {
  const { smdpAddress, matchingId, oid, confirmationCodeRequired = false } = parts;
  let code = `${options.qr === false ? '' : QR_PREFIX}${FORMAT_VERSION}$${smdpAddress}$${matchingId}`;
  if (oid || confirmationCodeRequired) code += `$${oid ?? ''}`;
  if (confirmationCodeRequired) code += '$1';
  return code;
}
