/**
 * Test-only helper: realistic, Luhn-valid ICCIDs for catalog tests (lib/telecom owns the real
 * parser; this keeps the catalog tests independent of it).
 */

/** Luhn check digit for a digit string (ISO/IEC 7812, as ICCIDs use per ITU-T E.118). */
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Double every second digit from the right of the body (the check digit goes to its right).
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the whole string passes the Luhn check. */
export function isLuhnValid(digits: string): boolean {
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

/** A 19-digit ICCID: `89` + country code 44 + issuer 50 + the 12-digit serial + Luhn check digit. */
export function iccid(serial: number): string {
  const body = `894450${String(serial).padStart(12, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}
