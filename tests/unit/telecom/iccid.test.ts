import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findIccids,
  formatIccid,
  luhnCheckDigit,
  luhnValid,
  maskIccid,
  parseIccid,
} from '../../../lib/telecom/iccid';

/** Completes a payload with its Luhn digit, the way an issuer does. */
const withCheck = (payload: string) => payload + luhnCheckDigit(payload);

// Real Luhn digits, computed once by hand and pinned here so a broken luhnCheckDigit fails too.
const ICCID_20 = '89445000000000000019';
const ICCID_20_B = '89012608823100000009';
const ICCID_19 = '8944500000000000006';
const ICCID_19_B = '8910042348144559361';

const digit = fc.constantFrom(...'0123456789');
const digitsOf = (min: number, max: number) => fc.string({ unit: digit, minLength: min, maxLength: max });
/** A valid ICCID: `89`, a random payload (18 or 19 digits with the prefix), then its Luhn digit. */
const validIccid = fc
  .integer({ min: 16, max: 17 })
  .chain((n) => digitsOf(n, n).map((body) => withCheck(`89${body}`)));
const separator = fc.constantFrom(' ', '-', '.', '\u00a0');

/** `digits` cut into groups of the given sizes (cycled), joined by the given separators (cycled). */
function group(digits: string, sizes: number[], seps: string[]): string {
  let out = '';
  let i = 0;
  let g = 0;
  while (i < digits.length) {
    const size = sizes[g % sizes.length] ?? 4;
    if (i > 0) out += seps[g % seps.length] ?? ' ';
    out += digits.slice(i, i + size);
    i += size;
    g++;
  }
  return out;
}
const groupingOf = (digits: string) =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 8 }),
      fc.array(separator, { minLength: 1, maxLength: 8 }),
    )
    .map(([sizes, seps]) => group(digits, sizes, seps));

describe('luhn', () => {
  it.each([
    ['8944500000000000001', '9'],
    ['894450000000000000', '6'],
    ['8901260882310000000', '9'],
    ['79927398713'.slice(0, -1), '3'], // the classic ISO/IEC 7812 example 79927398713
  ])('check digit of %s is %s', (payload, check) => {
    expect(luhnCheckDigit(payload)).toBe(check);
    expect(luhnValid(payload + check)).toBe(true);
  });

  it('rejects non-digits and empty input instead of guessing', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('8944 5000')).toBe(false);
    expect(() => luhnCheckDigit('89a')).toThrow(RangeError);
  });
});

describe('parseIccid', () => {
  it.each([
    [ICCID_20, ICCID_20],
    [ICCID_20_B, ICCID_20_B],
    [ICCID_19, ICCID_19],
    [ICCID_19_B, ICCID_19_B],
    ['8944 5000 0000 0000 0019', ICCID_20],
    ['8944-5000-0000-0000-0019', ICCID_20],
    ['8944.5000.0000.0000.0019', ICCID_20],
    ['8944\u00a05000\u00a00000\u00a00000\u00a00019', ICCID_20],
    ['8944 5000-0000.0000 0019', ICCID_20],
    ['  \t89445000000000000019\n ', ICCID_20],
    ['8944 5000 0000 0000 006', ICCID_19],
  ])('accepts %j as %s', (text, iccid) => {
    expect(parseIccid(text)).toEqual({ ok: true, iccid });
  });

  it.each([
    ['', 'empty'],
    ['   \n', 'empty'],
    ['8944 5000 0000 0000 001X', 'characters'],
    ['8944  5000 0000 0000 0019', 'characters'], // two separators in a row
    ['8944 -5000 0000 0000 0019', 'characters'],
    ['-89445000000000000019', 'characters'],
    ['89445000000000000019-', 'characters'],
    ['8944_5000_0000_0000_0019', 'characters'],
    ['8944\t5000\t0000\t0000\t0019', 'characters'],
    ['8944500000000000001F', 'characters'], // hex filler of raw SIM dumps: not a digit, not dropped
    ['89ab', 'characters'], // characters are checked before length
    ['894450000000000000', 'length'], // 18 digits
    ['894450000000000000190', 'length'], // 21 digits
    ['12', 'length'], // length is checked before the prefix
    [withCheck('123456789012345678'), 'prefix'], // Luhn-valid but not 89
    ['1234567890123456789', 'prefix'],
    ['98445000000000000019', 'prefix'],
    ['89445000000000000017', 'checksum'], // the shape of the brief's example, but its Luhn digit is 9
    ['8944500000000000007', 'checksum'],
  ])('rejects %j with %s', (text, code) => {
    const result = parseIccid(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(0);
    }
  });

  it('never fixes a wrong check digit', () => {
    const bad = `${ICCID_20.slice(0, -1)}0`;
    expect(parseIccid(bad)).toMatchObject({ ok: false, error: { code: 'checksum' } });
  });

  it('parses every valid ICCID back to itself, plain and grouped with random separators', () => {
    fc.assert(
      fc.property(
        validIccid.chain((iccid) => fc.tuple(fc.constant(iccid), groupingOf(iccid))),
        ([iccid, grouped]) => {
          expect(parseIccid(iccid)).toEqual({ ok: true, iccid });
          expect(parseIccid(grouped)).toEqual({ ok: true, iccid });
          expect(parseIccid(` ${formatIccid(iccid)} `)).toEqual({ ok: true, iccid });
        },
      ),
    );
  });

  it('catches every single-digit change (Luhn detects all single substitutions)', () => {
    fc.assert(
      fc.property(validIccid, fc.nat(), fc.integer({ min: 1, max: 9 }), (iccid, at, shift) => {
        const pos = at % iccid.length;
        const changed = String((Number(iccid[pos]) + shift) % 10);
        const typo = iccid.slice(0, pos) + changed + iccid.slice(pos + 1);
        const result = parseIccid(typo);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe(pos < 2 ? 'prefix' : 'checksum');
      }),
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseIccid(text);
        if (result.ok) expect(result.iccid).toMatch(/^89\d{17,18}$/);
      }),
    );
  });
});

describe('formatIccid and maskIccid', () => {
  it('groups in fours from the left', () => {
    expect(formatIccid(ICCID_20)).toBe('8944 5000 0000 0000 0019');
    expect(formatIccid(ICCID_19)).toBe('8944 5000 0000 0000 006');
    expect(formatIccid('8944-5000 0000 0000 0019')).toBe('8944 5000 0000 0000 0019');
  });

  it('keeps 89 and the last four digits, and the length', () => {
    expect(maskIccid(ICCID_20)).toBe('89•• •••• •••• •••• 0019');
    expect(maskIccid(ICCID_19)).toBe('89•• •••• •••• ••• 0006');
    expect(maskIccid('8944 5000 0000 0000 0019')).toBe('89•• •••• •••• •••• 0019');
  });

  it('hides a short input entirely', () => {
    expect(maskIccid('123456789')).toBe('•••• • ••••');
    expect(maskIccid('')).toBe('');
  });

  it('never shows more than six of the digits', () => {
    fc.assert(
      fc.property(validIccid, (iccid) => {
        const mask = maskIccid(iccid);
        expect(mask.replace(/[^0-9]/g, '')).toBe(iccid.slice(0, 2) + iccid.slice(-4));
        expect(mask.replace(/ /g, '')).toHaveLength(iccid.length);
      }),
    );
  });
});

describe('findIccids', () => {
  it('finds plain and grouped ICCIDs with their offsets', () => {
    const text = `ICCID: ${ICCID_20}; backup 8944-5000-0000-0000-006 (old).`;
    expect(findIccids(text)).toEqual([
      { iccid: ICCID_20, start: 7, end: 27, raw: ICCID_20 },
      { iccid: ICCID_19, start: 36, end: 59, raw: '8944-5000-0000-0000-006' },
    ]);
  });

  it('finds an ICCID glued to letters, as in a table read without cell gaps', () => {
    expect(findIccids(`ICCID${ICCID_20}Active`).map((m) => m.iccid)).toEqual([ICCID_20]);
  });

  it('finds every ICCID of a list separated by single spaces or dashes', () => {
    const text = `${ICCID_20} ${ICCID_19} 8901 2608 8231 0000 0009-${ICCID_19_B}`;
    expect(findIccids(text).map((m) => m.iccid)).toEqual([ICCID_20, ICCID_19, ICCID_20_B, ICCID_19_B]);
  });

  it('finds an ICCID next to an ungrouped 10+ digit number (IMSI, IMEI)', () => {
    expect(findIccids(`${ICCID_20} 310260000000001`).map((m) => m.iccid)).toEqual([ICCID_20]);
  });

  it.each([
    [`${ICCID_20}0`, '21-digit run'],
    [`1${ICCID_19}`, 'digits glued before'],
    [`x${ICCID_20.slice(0, -1)}7 y`, 'bad Luhn digit'],
    [`12 ${formatIccid(ICCID_20)}`, 'short grouped digits before'],
    [`${formatIccid(ICCID_20)} 5`, 'short grouped digits after'],
    [`2024-05-01 ${ICCID_20}`, 'a date joined by a single space'],
    [`+33 ${ICCID_20}`, 'a phone prefix joined by a single space'],
    ['1234567890123456789', 'no 89 prefix'],
    [`89${'0'.repeat(30)}`, 'an EID-length run'],
  ])('does not report %j (%s)', (text) => {
    expect(findIccids(text)).toEqual([]);
  });

  it('prefers the 20-digit reading when 19 and 20 digits are both valid', () => {
    const twenty = withCheck(ICCID_19); // both ICCID_19 and ICCID_19 + its Luhn digit are valid
    expect(findIccids(`${ICCID_19} ${twenty.slice(-1)}`)).toEqual([
      { iccid: twenty, start: 0, end: 21, raw: `${ICCID_19} ${twenty.slice(-1)}` },
    ]);
    expect(findIccids(`${ICCID_19} ${twenty}`).map((m) => m.iccid)).toEqual([ICCID_19, twenty]);
  });

  it('prefers the longest reading even when the shorter one would also read the whole chain', () => {
    // [A: 19 digits][8][9…: 18 digits] reads as A + "89…" (19 then 19) or as A8 + a standalone run
    // (20 then 18 ungrouped digits): both cover the chain, the 20-digit ICCID must win.
    let i = 0;
    let a = withCheck(`894450${String(i).padStart(12, '0')}`);
    while (luhnCheckDigit(a) !== '8') a = withCheck(`894450${String(++i).padStart(12, '0')}`);
    const b = withCheck(`89${'1'.repeat(16)}`); // 19 digits: "8" + "9111…"
    const text = `${a} 8 ${b.slice(1)}`;
    expect(findIccids(text).map((m) => m.iccid)).toEqual([`${a}8`]);
  });

  it('finds an ICCID embedded in random prose, at its position', () => {
    const prose = fc.string({ unit: fc.constantFrom(...'abcXYZ éà,;:!?()-.\n\t'), maxLength: 40 });
    fc.assert(
      fc.property(
        prose,
        validIccid.chain((iccid) =>
          fc.tuple(fc.constant(iccid), fc.oneof(fc.constant(iccid), groupingOf(iccid))),
        ),
        prose,
        (before, [iccid, written], after) => {
          const text = before + written + after;
          expect(findIccids(text)).toEqual([
            { iccid, start: before.length, end: before.length + written.length, raw: written },
          ]);
        },
      ),
    );
  });

  it('never reports an invalid ICCID, nor one cut out of a digit run', () => {
    const noise = fc.string({
      unit: fc.oneof(
        { weight: 6, arbitrary: digit },
        { weight: 2, arbitrary: separator },
        { weight: 1, arbitrary: fc.constantFrom('a', '+', ',', '\n') },
      ),
      maxLength: 60,
    });
    const piece = fc.oneof(noise, validIccid, validIccid.chain(groupingOf));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const text = pieces.join('');
        for (const match of findIccids(text)) {
          expect(text.slice(match.start, match.end)).toBe(match.raw);
          expect(parseIccid(match.raw)).toEqual({ ok: true, iccid: match.iccid });
          expect(text[match.start - 1] ?? '').not.toMatch(/\d/);
          expect(text[match.end] ?? '').not.toMatch(/\d/);
        }
      }),
    );
  });

  it('does not find a valid ICCID inside a longer digit run', () => {
    fc.assert(
      fc.property(digitsOf(0, 6), validIccid, digitsOf(0, 6), (head, iccid, tail) => {
        fc.pre(head.length + tail.length > 0);
        const run = `${head}${iccid}${tail}`;
        // The whole run may happen to be a valid 20-digit ICCID itself (19 + 1 digit); never a part of it.
        const expected = parseIccid(run).ok ? [{ iccid: run, start: 4, end: 4 + run.length, raw: run }] : [];
        expect(findIccids(`ref ${run} end`)).toEqual(expected);
      }),
    );
  });

  it('does not find a grouped ICCID with short digit groups beside it', () => {
    fc.assert(
      fc.property(digitsOf(1, 9), validIccid.chain(groupingOf), separator, (head, grouped, sep) => {
        const text = `ref ${head}${sep}${grouped} end`;
        const at = text.indexOf(grouped);
        const matches = findIccids(text);
        expect(matches.some((m) => m.start === at)).toBe(false);
        for (const m of matches) expect(parseIccid(m.raw).ok).toBe(true);
      }),
    );
  });

  it('reads a portal page of 10,000 rows (about 2 MB) in one pass', () => {
    // Measured with Node 20 on the 2-core workplace machine while other jobs ran (load ≈ 8), bundled
    // with esbuild, 3 runs each: this 2.0 MB page ≈ 20–30 ms warm (first call up to ≈ 60 ms); a 2.1 MB
    // space-separated list of 100,000 ICCIDs ≈ 50–60 ms; 2 MB of prose without digits ≈ 13 ms; 2 MB of
    // digits in one run ≈ 10 ms; worst case, 2 MB of "8 9 " (one chain of a million one-digit groups,
    // 20 groups tried per "8") ≈ 200–250 ms. Linear in every case (1×/2×/4×/8× the size scale alike).
    // For the record only: performance is measured by `npm run bench`, not asserted in unit tests.
    const rows: string[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const iccid = withCheck(`8944500${String(i).padStart(11, '0')}`);
      expected.push(iccid);
      const shown = i % 2 === 0 ? iccid : formatIccid(iccid);
      rows.push(
        `Line ${i}\tJane Doe ${i}\t${shown}\tIMSI 20815${String(i).padStart(10, '0')}\tInstalled\t2024-05-01 10:0${i % 10}\t+33 6 12 34 56 ${String(i % 100).padStart(2, '0')}\tEuro 1 · 30 days · 10 GB · profile 7 · renewal none · notes: customer in Lyon, roaming ok\n`,
      );
    }
    const page = rows.join('');
    expect(page.length).toBeGreaterThan(2_000_000);
    expect(findIccids(page).map((m) => m.iccid)).toEqual(expected);
  });

  it('completes on adversarial text: one huge chain of tiny groups, one huge digit run', () => {
    // "8 9 8 9 …" reads, by the rule above, as a run of 20-digit ICCIDs made of one-digit groups: every
    // one reported must still be valid and the chain must be covered end to end.
    const tiny = findIccids('8 9 '.repeat(500_000));
    expect(tiny.length).toBeGreaterThan(0);
    for (const m of tiny.slice(0, 100)) expect(parseIccid(m.raw)).toEqual({ ok: true, iccid: m.iccid });
    expect(findIccids('1 2 '.repeat(500_000))).toEqual([]);
    expect(findIccids('89'.repeat(1_000_000))).toEqual([]);
    const list = `${ICCID_20} `.repeat(50_000);
    expect(findIccids(list)).toHaveLength(50_000);
  });
});

describe('issue 16: unrelated short numbers beside an ICCID', () => {
  const shortNumber = fc.stringMatching(/^[0-9]{1,4}$/);
  const spaces = fc.constantFrom(' ', '\u00a0', '\u202f');
  const words = fc.constantFrom('n°', 'row', 'ligne', 'Nr.', 'ref:', '#');
  /** Random short numbers and words, each apart from the next by a space. */
  const tokens = fc.array(fc.oneof(shortNumber, words), { maxLength: 5 });

  it('finds "n° 3 8944…" and a count after the ICCID', () => {
    expect(findIccids(`n° 3 ${ICCID_20}`).map((m) => m.iccid)).toEqual([ICCID_20]);
    expect(findIccids(`${ICCID_19} 12 7`).map((m) => m.iccid)).toEqual([ICCID_19]);
    expect(findIccids(`1 ${ICCID_20} 2 ${ICCID_19} 3`).map((m) => m.iccid)).toEqual([ICCID_20, ICCID_19]);
  });

  it('property: an unbroken ICCID amid random short numbers and words apart by spaces is found, exactly', () => {
    fc.assert(
      fc.property(tokens, tokens, validIccid, spaces, (before, after, iccid, sp) => {
        // A 19-digit ICCID and one digit after it may also read as a valid 20-digit one: the longest
        // reading wins there (tested above), so that case is not this property's.
        fc.pre(!(after[0] !== undefined && /^\d$/.test(after[0]) && parseIccid(iccid + after[0]).ok));
        const text = [...before, iccid, ...after].join(sp);
        const matches = findIccids(text);
        expect(matches.map((m) => m.iccid)).toContain(iccid);
        const at = text.indexOf(iccid);
        expect(matches.find((m) => m.iccid === iccid)).toEqual({ iccid, start: at, end: at + iccid.length, raw: iccid });
      }),
    );
  });

  it('property: still refuses an ICCID-shaped run inside a longer unbroken number, whatever surrounds it', () => {
    fc.assert(
      fc.property(tokens, digitsOf(1, 3), validIccid, digitsOf(0, 3), (before, head, iccid, tail) => {
        const run = `${head}${iccid}${tail}`;
        fc.pre(!parseIccid(run).ok);
        const text = [...before, run].join(' ');
        expect(findIccids(text).some((m) => run.includes(m.iccid) && m.iccid === iccid)).toBe(false);
      }),
    );
  });
});
