/**
 * Incidents with several ICCIDs (issue 16): a selection holding several ICCIDs starts ONE escalation
 * covering them all — seed 000 calls a "loss of connectivity affecting multiple users" High, so the
 * number of ICCIDs feeds the scope. Each is validated; the ones that fail are named and left out.
 */
import { findIccids, parseIccid, type IccidErrorCode } from '../telecom/iccid';

/** A piece of the selection that looks like an ICCID but is not a valid one, and why. */
export interface LeftOutIccid {
  readonly text: string;
  readonly code: IccidErrorCode;
}

/** What a selection holds: valid ICCIDs (unique, in order) and ICCID-like pieces left out. */
export interface IccidSelection {
  readonly iccids: string[];
  readonly leftOut: LeftOutIccid[];
}

// Lines, cells and list separators split a selection into pieces; spaces, dashes and dots group digits.
const PIECES = /[\n\r\t,;|/]+/;
// A piece with this many digits was meant as an ICCID (19–20 digits; a few typed too many or too few).
const ICCID_LIKE_DIGITS = 15;

/** Reads every ICCID of a selection. */
export function readIccidSelection(text: string): IccidSelection {
  const iccids: string[] = [];
  const leftOut: LeftOutIccid[] = [];
  const add = (iccid: string) => {
    if (!iccids.includes(iccid)) iccids.push(iccid);
  };
  for (const raw of text.split(PIECES)) {
    const piece = raw.trim();
    if (piece === '') continue;
    const whole = parseIccid(piece);
    if (whole.ok) {
      add(whole.iccid);
      continue;
    }
    const found = findIccids(piece);
    for (const m of found) add(m.iccid);
    if (found.length > 0) continue;
    // An ICCID-like run that failed: name it so the agent can fix it (never "corrected" for them).
    for (const run of piece.match(/\d[\d \u00a0.-]*\d/g) ?? []) {
      if (run.replace(/\D/g, '').length < ICCID_LIKE_DIGITS) continue;
      const parsed = parseIccid(run);
      if (!parsed.ok) leftOut.push({ text: run.trim(), code: parsed.error.code });
    }
  }
  return { iccids, leftOut };
}
