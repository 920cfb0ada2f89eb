/**
 * IMSI — the subscriber identity on the SIM profile (ITU-T E.212): MCC (3 digits) + MNC (2 or 3)
 * + MSIN, 15 digits here. The MNC length is not written in the number: it depends on the MCC.
 */
import { compactDigitGroups, describeBadCharacter } from './digit-groups';
import { fail, type ParseResult } from './result';

/** Why a text is not an IMSI, in the order the checks run. */
export type ImsiErrorCode = 'empty' | 'characters' | 'length';

/** An IMSI split into its parts; `imsi === mcc + mnc + msin`. */
export interface Imsi {
  readonly imsi: string;
  /** Mobile country code, 3 digits. */
  readonly mcc: string;
  /** Mobile network code, 2 or 3 digits (see {@link mncLength}). */
  readonly mnc: string;
  /** Subscriber number within the network. */
  readonly msin: string;
}

/** The result of {@link parseImsi}. */
export type ImsiResult = ParseResult<Imsi, ImsiErrorCode>;

const IMSI_LENGTH = 15;

/**
 * MCCs whose networks use 3-digit MNCs. Kept small on purpose: only countries where 3-digit MNCs
 * are the rule. North America (302 Canada, 310–316 USA), 334 Mexico, the Caribbean codes 338
 * Jamaica, 342 Barbados, 344 Antigua and Barbuda, 346 Cayman Islands, 348 British Virgin Islands,
 * 354 Montserrat, 356 Saint Kitts and Nevis, 358 Saint Lucia, 360 Saint Vincent, 365 Anguilla,
 * 376 Turks and Caicos; 722 Argentina, 732 Colombia. India (404/405) mixes both lengths and is left
 * at 2: a wrong split only affects display, never validity.
 */
const THREE_DIGIT_MNC_MCCS: ReadonlySet<string> = new Set([
  '302',
  '310',
  '311',
  '312',
  '313',
  '314',
  '315',
  '316',
  '334',
  '338',
  '342',
  '344',
  '346',
  '348',
  '354',
  '356',
  '358',
  '360',
  '365',
  '376',
  '722',
  '732',
]);

/** The MNC length used for an MCC: 3 for the MCCs of the table above, otherwise 2 (ITU-T E.212 default). */
export function mncLength(mcc: string): 2 | 3 {
  return THREE_DIGIT_MNC_MCCS.has(mcc) ? 3 : 2;
}

/**
 * Parses a 15-digit IMSI and splits it into MCC, MNC and MSIN. Surrounding whitespace and single
 * separators between digit groups (`310-260-123456789`) are accepted. Never throws.
 */
export function parseImsi(text: string): ImsiResult {
  const trimmed = text.trim();
  if (trimmed === '') return fail('empty', 'Enter an IMSI.');
  const compact = compactDigitGroups(trimmed);
  if (!compact.ok) return fail('characters', describeBadCharacter('IMSI', compact));
  const imsi = compact.digits;
  if (imsi.length !== IMSI_LENGTH) {
    return fail('length', `An IMSI has 15 digits; this one has ${imsi.length}.`);
  }
  const mcc = imsi.slice(0, 3);
  const mncEnd = 3 + mncLength(mcc);
  return { ok: true, imsi, mcc, mnc: imsi.slice(3, mncEnd), msin: imsi.slice(mncEnd) };
}
