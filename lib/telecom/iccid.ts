/**
 * ICCID — the SIM/eSIM card number (ITU-T E.118, layout after ISO/IEC 7812): `89` (telecom
 * industry) + country code + issuer + account number + a Luhn check digit, 19 or 20 digits in all.
 * DESIGN §2: validate at every boundary, show grouped, accept spaces/dashes, never "fix" a bad check digit.
 */
import { compactDigitGroups, describeBadCharacter } from './digit-groups';
import { fail, type ParseResult } from './result';

/** Why a text is not an ICCID, in the order the checks run. */
export type IccidErrorCode = 'empty' | 'characters' | 'length' | 'prefix' | 'checksum';

/** The result of {@link parseIccid}: the ICCID as digits only, or why the text is not one. */
export type IccidResult = ParseResult<{ readonly iccid: string }, IccidErrorCode>;

const MIN_LENGTH = 19;
const MAX_LENGTH = 20;
// ITU-T E.118: the issuer identification number starts with the telecom major industry identifier 89.
const PREFIX = '89';

/**
 * Parses an ICCID typed, pasted or read from a page. Surrounding whitespace is ignored, and so is a
 * single space, dash, dot or no-break space between digit groups (`8944 5000-0000.0000 0017`).
 * Checks, in order: empty → characters → length (19 or 20 digits) → `89` prefix → Luhn check digit.
 * A wrong check digit is reported, never corrected. Never throws.
 */
export function parseIccid(text: string): IccidResult {
  const trimmed = text.trim();
  if (trimmed === '') return fail('empty', 'Enter an ICCID.');
  const compact = compactDigitGroups(trimmed);
  if (!compact.ok) return fail('characters', describeBadCharacter('ICCID', compact));
  const { digits } = compact;
  if (digits.length < MIN_LENGTH || digits.length > MAX_LENGTH) {
    return fail('length', `An ICCID has 19 or 20 digits; this one has ${digits.length}.`);
  }
  if (!digits.startsWith(PREFIX)) return fail('prefix', 'An ICCID starts with 89.');
  if (!luhnValid(digits)) {
    return fail(
      'checksum',
      'The last digit of this ICCID does not match (Luhn check): a digit is probably mistyped.',
    );
  }
  return { ok: true, iccid: digits };
}

/** Sum of the Luhn weights of `digits`: every second digit from the right is doubled, starting with the rightmost when `doubleRightmost`. */
function luhnSum(digits: string, doubleRightmost: boolean): number {
  let sum = 0;
  let double = doubleRightmost;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 0x30;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}

/**
 * True when `digits` (digits only, check digit last) passes the Luhn (mod 10) check of ISO/IEC 7812.
 * False for an empty string or any non-digit. Luhn catches every single-digit substitution and most
 * swaps of adjacent digits.
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  return luhnSum(digits, false) % 10 === 0;
}

/**
 * The Luhn check digit to append to `payloadDigits` (digits only), as a one-character string.
 * For tests and fixtures that build valid ICCIDs; product code never invents a check digit.
 * @throws RangeError when `payloadDigits` is empty or has a non-digit (a programming error, not user input).
 */
export function luhnCheckDigit(payloadDigits: string): string {
  if (!/^\d+$/.test(payloadDigits))
    throw new RangeError('luhnCheckDigit expects a non-empty string of digits');
  // The check digit will sit rightmost, so the payload's rightmost digit is the first one doubled.
  return String((10 - (luhnSum(payloadDigits, true) % 10)) % 10);
}

/** The input without whitespace, dashes and dots: the digits of an already parsed or grouped ICCID. */
function compactOf(iccid: string): string {
  return iccid.replace(/[\s.-]/g, '');
}

/**
 * Groups an ICCID in fours from the left for display: `8944 5000 0000 0000 0017`; a 19-digit ICCID
 * ends with a group of three. Meant for the output of {@link parseIccid}; separators in the input are
 * dropped first, nothing is validated.
 */
export function formatIccid(iccid: string): string {
  return compactOf(iccid).replace(/(.{4})(?=.)/g, '$1 ');
}

/** The character that stands for a hidden digit in {@link maskIccid}. */
const MASK = '•';

/**
 * Masks an ICCID for logs and exports. Style: the `89` prefix and the last four digits stay visible,
 * every other digit becomes `•` (so the 19/20 length still shows), grouped in fours from the left with the
 * last four always a group of their own: `89•• •••• •••• •••• 0017` (20 digits), `89•• •••• •••• ••• 0017`
 * (19 digits). An input shorter than 10 characters is masked entirely, so the mask never shows most of a
 * short number.
 */
export function maskIccid(iccid: string): string {
  const chars = Array.from(compactOf(iccid));
  const keepEnds = chars.length >= 10;
  const masked = chars.map((c, i) => (keepEnds && (i < 2 || i >= chars.length - 4) ? c : MASK));
  if (masked.length <= 4) return masked.join('');
  const head = masked.slice(0, -4);
  const groups: string[] = [];
  for (let i = 0; i < head.length; i += 4) groups.push(head.slice(i, i + 4).join(''));
  groups.push(masked.slice(-4).join(''));
  return groups.join(' ');
}

/** One ICCID found in free text: its digits, and the `[start, end)` offsets of `raw` in the text. */
export interface IccidMatch {
  /** Digits only, as {@link parseIccid} returns it. */
  readonly iccid: string;
  /** Offset of the first digit in the searched text. */
  readonly start: number;
  /** Offset just after the last digit (`text.slice(start, end) === raw`). */
  readonly end: number;
  /** The text as written, separators included. */
  readonly raw: string;
}

/** A run of ten or more digits with no separator inside is a number of its own (IMSI, IMEI, phone…). */
const STANDALONE_RUN = 10;

/**
 * Finds every valid ICCID in free text (a page's text, a pasted e-mail), in order, with positions.
 * Single-pass and linear in the text's length: no regular expression, so no backtracking.
 *
 * How digits are read: a *chain* is a maximal sequence of digit groups joined by single separators
 * (space, dash, dot, no-break space). An ICCID is always made of whole groups of a chain — a
 * 19–20-digit stretch cut out of a longer digit run is not one. The whole chain must then be read as
 * a sequence of numbers, each either a valid ICCID (whole groups, 19 or 20 digits, `89`, Luhn) or an
 * ungrouped run of 10+ digits (another identifier). So a space-separated list of ICCIDs is found, but
 * short digit groups touching an ICCID (`12 8944 5000 …`, `… 0017 5`) make the chain ambiguous —
 * a longer grouped number — and nothing in it is reported. Where a chain can be read in several
 * ways, the longest ICCID at each position wins (20 digits before 19).
 *
 * Run it on text where table cells are apart (per text node, or `innerText` which puts tabs between
 * cells); `textContent` glues adjacent cells into one digit run.
 */
export function findIccids(text: string): IccidMatch[] {
  const found: IccidMatch[] = [];
  // The regular expression only finds where chains are (no backtracking: a separator must be followed
  // by a digit); it skips the text between them natively, which is most of a page's text.
  CHAIN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CHAIN.exec(text)) !== null) {
    const from = m.index;
    const to = from + m[0].length;
    if (to - from < MIN_LENGTH) continue;
    // One pass over the chain: its groups, its digit count, and the Luhn sums of a reading of all
    // of it, kept from the left (`evenDoubled` doubles the digits at even offsets: right for 20 digits,
    // `oddDoubled` for 19) — digits only, no strings built. Digits are tested inline (see CHAIN).
    let count = 0;
    let total = 0;
    let evenDoubled = 0;
    let oddDoubled = 0;
    let groupStart = from;
    for (let q = from; q < to; q++) {
      const d = text.charCodeAt(q) - 0x30;
      if (d >>> 0 > 9) {
        if (count === chainStarts.length) growChain();
        chainStarts[count] = groupStart;
        chainEnds[count] = q;
        count++;
        groupStart = q + 1;
        continue;
      }
      const doubled = d > 4 ? d * 2 - 9 : d * 2;
      if ((total & 1) === 0) {
        evenDoubled += doubled;
        oddDoubled += d;
      } else {
        evenDoubled += d;
        oddDoubled += doubled;
      }
      total++;
    }
    if (count === chainStarts.length) growChain();
    chainStarts[count] = groupStart;
    chainEnds[count] = to;
    count++;
    if (total < MIN_LENGTH) continue;
    // The common case, a chain that is exactly one ICCID, needs no search over readings: when all
    // its digits are one valid ICCID, that is also the longest reading readChain would choose.
    if (
      total <= MAX_LENGTH &&
      text.charCodeAt(from) === 0x38 &&
      text.charCodeAt(from + 1) === 0x39 &&
      (total === MAX_LENGTH ? evenDoubled : oddDoubled) % 10 === 0
    ) {
      const raw = m[0];
      found.push({ iccid: count === 1 ? raw : raw.replace(NON_DIGITS, ''), start: from, end: to, raw });
    } else {
      readChain(text, chainStarts, chainEnds, count, found);
    }
  }
  return found;
}

/**
 * A chain: digit groups joined by single separators (space, dash, dot, no-break spaces; see
 * isGroupSeparator). Greedy and unambiguous, so it matches the maximal chain without backtracking.
 */
const CHAIN = /[0-9]+(?:[ \-.\u00a0\u202f][0-9]+)*/g;
const NON_DIGITS = /[^0-9]/g;

// Scratch space of findIccids/readChain, kept between calls: a page scan calls findIccids once per
// run of text, and allocating typed arrays each time cost more than the reading itself. Safe because
// both are synchronous and never re-entered. Doubled when a chain outgrows them.
let chainStarts = new Int32Array(64);
let chainEnds = new Int32Array(64);
let chainNext = new Int32Array(65);
let chainIsIccid = new Uint8Array(64);

function growChain(): void {
  const size = chainStarts.length * 2;
  const starts = new Int32Array(size);
  starts.set(chainStarts);
  const ends = new Int32Array(size);
  ends.set(chainEnds);
  chainStarts = starts;
  chainEnds = ends;
  chainNext = new Int32Array(size + 1);
  chainIsIccid = new Uint8Array(size);
}

let chainUnrelated = new Uint8Array(64);

/** A space between two groups (not a dash or a dot, which make one grouped number). */
function isSpaceAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === 0x20 || c === 0xa0 || c === 0x202f;
}

/** Group `g` alone is a whole valid ICCID: an unbroken run of 19–20 digits, `89`, Luhn. */
function isWholeIccidGroup(text: string, starts: Int32Array, ends: Int32Array, g: number): boolean {
  const from = starts[g] as number;
  const to = ends[g] as number;
  const n = to - from;
  if (n < MIN_LENGTH || n > MAX_LENGTH) return false;
  return parseIccid(text.slice(from, to)).ok;
}

/**
 * Issue 16: short numbers beside an UNBROKEN ICCID, apart from it by spaces ("n° 3 8944…", a row
 * number, a count after it), are unrelated numbers, not part of it: an ICCID never has a 1–9-digit
 * group glued to a 19–20-digit one. Marks each short group reaching such an ICCID through spaces and
 * short groups only. A dash or dot, or a grouped ICCID, still makes the chain one longer number (the
 * ambiguity findIccids refuses), and "+33 8944…" stays a phone prefix, never an unrelated number.
 */
function unrelatedShortGroups(text: string, starts: Int32Array, ends: Int32Array, count: number): Uint8Array {
  if (chainUnrelated.length < count) chainUnrelated = new Uint8Array(chainStarts.length);
  const out = chainUnrelated;
  out.fill(0, 0, count);
  const short = (g: number) => (ends[g] as number) - (starts[g] as number) < STANDALONE_RUN;
  const whole = new Uint8Array(count);
  let any = false;
  for (let g = 0; g < count; g++) {
    if (!short(g) && isWholeIccidGroup(text, starts, ends, g)) {
      whole[g] = 1;
      any = true;
    }
  }
  if (!any) return out;
  // From the left: g is unrelated when a space parts it from g-1, which is a whole ICCID or unrelated.
  for (let g = 1; g < count; g++) {
    if (short(g) && isSpaceAt(text, ends[g - 1] as number) && (whole[g - 1] === 1 || out[g - 1] === 1))
      out[g] = 1;
  }
  // From the right, likewise before an ICCID.
  const right = new Uint8Array(count);
  for (let g = count - 2; g >= 0; g--) {
    if (short(g) && isSpaceAt(text, ends[g] as number) && (whole[g + 1] === 1 || right[g + 1] === 1))
      right[g] = 1;
  }
  const phonePrefix = text.charCodeAt((starts[0] as number) - 1) === 0x2b; // "+"
  for (let g = 0; g < count; g++) if (right[g] === 1 && !(g === 0 && phonePrefix)) out[g] = 1;
  if (phonePrefix) out[0] = 0;
  return out;
}

/**
 * Reads one chain (see {@link findIccids}) by dynamic programming from the right: `next[k]` is the
 * group index after the preferred reading that starts at group k and still lets the rest of the chain
 * be read, or -1 when none does. Each group starts at most a handful of readings (≤ 20 digits), so
 * this stays linear in the chain's length.
 */
function readChain(
  text: string,
  starts: Int32Array,
  ends: Int32Array,
  count: number,
  found: IccidMatch[],
): void {
  // next[k]: where the chosen reading at group k ends (exclusive group index); isIccid[k]: what it is.
  const next = chainNext;
  const isIccid = chainIsIccid;
  const unrelated = unrelatedShortGroups(text, starts, ends, count);
  next[count] = count;
  for (let k = count - 1; k >= 0; k--) {
    next[k] = -1;
    isIccid[k] = 0;
    const first = starts[k] as number;
    // An ICCID reading must start with "89": skip the candidates otherwise.
    if (text.charCodeAt(first) === 0x38) {
      // Luhn sums kept from the left, without building strings: `evenDoubled` doubles the digits at
      // even offsets of the reading, `oddDoubled` those at odd ones. Luhn doubles every second digit
      // from the right, so a 20-digit reading uses `evenDoubled` and a 19-digit one `oddDoubled`.
      let length = 0;
      let evenDoubled = 0;
      let oddDoubled = 0;
      let second = -1;
      let best = -1;
      for (let m = k; m < count && length <= MAX_LENGTH; m++) {
        const end = ends[m] as number;
        for (let q = starts[m] as number; q < end && length <= MAX_LENGTH; q++) {
          const d = text.charCodeAt(q) - 0x30;
          const doubled = d > 4 ? d * 2 - 9 : d * 2;
          if (length % 2 === 0) {
            evenDoubled += doubled;
            oddDoubled += d;
          } else {
            evenDoubled += d;
            oddDoubled += doubled;
          }
          if (length === 1) second = d;
          length++;
        }
        if (length > MAX_LENGTH || (length >= 2 && second !== 9)) break;
        if (length >= MIN_LENGTH && next[m + 1] !== -1) {
          const sum = length === MAX_LENGTH ? evenDoubled : oddDoubled;
          if (sum % 10 === 0) best = m + 1; // later m = more digits: the longest valid reading wins
        }
      }
      if (best !== -1) {
        next[k] = best;
        isIccid[k] = 1;
        continue;
      }
    }
    if (((ends[k] as number) - first >= STANDALONE_RUN || unrelated[k] === 1) && next[k + 1] !== -1)
      next[k] = k + 1;
  }
  if (next[0] === -1) return; // ambiguous chain: a longer grouped number, not ICCIDs
  let k = 0;
  while (k < count) {
    const after = next[k] as number;
    if (isIccid[k] === 1) {
      const start = starts[k] as number;
      const end = ends[after - 1] as number;
      const raw = text.slice(start, end);
      // Digits only: the raw text itself when it has no separator (one group).
      let iccid = raw;
      if (after - k > 1) {
        iccid = '';
        for (let g = k; g < after; g++) iccid += text.slice(starts[g], ends[g]);
      }
      found.push({ iccid, start, end, raw });
    }
    k = after;
  }
}
