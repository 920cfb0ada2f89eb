/**
 * EID — the identifier of an eUICC, the chip that holds eSIM profiles (GSMA SGP.02 / SGP.29):
 * 32 digits whose last two are check digits by ISO/IEC 7064 MOD 97-10, so the whole number leaves
 * remainder 1 when divided by 97.
 */
import { compactDigitGroups, describeBadCharacter } from './digit-groups';
import { fail, type ParseResult } from './result';

/** Why a text is not an EID, in the order the checks run. */
export type EidErrorCode = 'empty' | 'characters' | 'length' | 'checksum';

/** The result of {@link parseEid}: the EID as 32 digits, or why the text is not one. */
export type EidResult = ParseResult<{ readonly eid: string }, EidErrorCode>;

const EID_LENGTH = 32;

/** `digits` read as a decimal number, modulo 97 — digit by digit, so no BigInt is needed. */
function mod97(digits: string): number {
  let rest = 0;
  for (let i = 0; i < digits.length; i++) rest = (rest * 10 + (digits.charCodeAt(i) - 0x30)) % 97;
  return rest;
}

/**
 * Parses an EID. Surrounding whitespace and single separators between digit groups are accepted.
 * Checks, in order: empty → characters → length (32) → MOD 97-10 check digits. Never throws, never
 * corrects the check digits.
 */
export function parseEid(text: string): EidResult {
  const trimmed = text.trim();
  if (trimmed === '') return fail('empty', 'Enter an EID.');
  const compact = compactDigitGroups(trimmed);
  if (!compact.ok) return fail('characters', describeBadCharacter('EID', compact));
  const eid = compact.digits;
  if (eid.length !== EID_LENGTH) return fail('length', `An EID has 32 digits; this one has ${eid.length}.`);
  // ISO/IEC 7064 MOD 97-10: a valid EID read as a number leaves remainder 1.
  if (mod97(eid) !== 1) {
    return fail(
      'checksum',
      'The last two digits of this EID do not match (MOD 97 check): a digit is probably mistyped.',
    );
  }
  return { ok: true, eid };
}

/**
 * The two check digits (ISO/IEC 7064 MOD 97-10) that complete the first 30 digits of an EID, for
 * tests and fixtures. `first30 + eidCheckDigits(first30)` always passes {@link parseEid}.
 * @throws RangeError when `first30` is not exactly 30 digits (a programming error, not user input).
 */
export function eidCheckDigits(first30: string): string {
  if (!/^\d{30}$/.test(first30)) throw new RangeError('eidCheckDigits expects exactly 30 digits');
  // (first30 · 100 + c) mod 97 = 1  ⇔  c = 98 − (first30 · 100 mod 97), which is always in 2..98.
  return String(98 - mod97(`${first30}00`)).padStart(2, '0');
}
