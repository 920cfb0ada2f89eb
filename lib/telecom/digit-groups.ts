/**
 * Reading identifiers that people write in digit groups ("8944 5000 0000 0000 0017", "310-260-…").
 * Shared by the ICCID, IMSI and EID parsers so they accept the same shapes.
 */

/**
 * True for a character that may stand, alone, between two digit groups: space, dash, dot, and the
 * no-break spaces (U+00A0, U+202F) that French-formatted pages and copy-paste from them put between groups.
 */
export function isGroupSeparator(code: number): boolean {
  return code === 0x20 || code === 0x2d || code === 0x2e || code === 0xa0 || code === 0x202f;
}

/** True for an ASCII digit `0`–`9`. */
export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** The outcome of {@link compactDigitGroups}: the digits, or where the first bad character is. */
export type CompactResult =
  | { readonly ok: true; readonly digits: string }
  | {
      readonly ok: false;
      readonly index: number;
      readonly char: string;
      readonly misplacedSeparator: boolean;
    };

/**
 * Removes single separators between digit groups. The text must be digits, with at most one
 * separator (see {@link isGroupSeparator}) between two digits; anything else is reported with its
 * index so the caller can say what is wrong. Callers trim surrounding whitespace first.
 */
export function compactDigitGroups(text: string): CompactResult {
  let digits = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      digits += text[i];
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i) ?? code);
    if (isGroupSeparator(code)) {
      const before = i > 0 && isDigit(text.charCodeAt(i - 1));
      const after = i + 1 < text.length && isDigit(text.charCodeAt(i + 1));
      if (before && after) continue;
      return { ok: false, index: i, char, misplacedSeparator: true };
    }
    return { ok: false, index: i, char, misplacedSeparator: false };
  }
  return { ok: true, digits };
}

/** A human description of a {@link compactDigitGroups} failure, for an error `message`. */
export function describeBadCharacter(what: string, bad: Extract<CompactResult, { ok: false }>): string {
  if (bad.misplacedSeparator) {
    return `${what}: a space, dash or dot may only stand alone between two digits (position ${bad.index + 1}).`;
  }
  return `${what}: only digits are allowed, found ${JSON.stringify(bad.char)} at position ${bad.index + 1}.`;
}
