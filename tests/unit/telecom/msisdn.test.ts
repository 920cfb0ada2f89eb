import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPhoneNumbers, parseMsisdn } from '../../../lib/telecom/msisdn';

describe('parseMsisdn', () => {
  it.each([
    ['+33612345678', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33\u00a06\u00a012\u00a034\u00a056\u00a078', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['(+44) 20 7946 0958', '+442079460958'],
    ['+44 (0)20 7946 0958', '+442079460958'],
    ['+49-30-901820', '+4930901820'],
    ['447700900123', '+447700900123'],
    [' +86 138 0013 8000 ', '+8613800138000'],
  ])('normalises %j to %s', (text, e164) => {
    expect(parseMsisdn(text)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['', 'empty'],
    ['+33 6 12 34 56 78 ext. 5', 'characters'],
    ['+33 6 12 34 56 7a', 'characters'],
    ['33+612345678', 'characters'],
    ['++33612345678', 'characters'],
    ['+1 (415 555 0100', 'characters'],
    ['+1 415) 555 0100', 'characters'],
    ['+1 ((415)) 555 0100', 'characters'],
    ['+3361234', 'length'], // 7 digits
    ['+1234567890123456', 'length'], // 16 digits
    ['+', 'length'],
    ['06 12 34 56 78', 'country-code'],
    ['+0612345678', 'country-code'],
  ])('rejects %j with %s', (text, code) => {
    expect(parseMsisdn(text)).toMatchObject({ ok: false, error: { code } });
  });

  it('never throws, and anything it accepts is + and 8 to 15 digits', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'+0123456789 -.()x'), maxLength: 30 }), (text) => {
        const result = parseMsisdn(text);
        if (result.ok) expect(result.e164).toMatch(/^\+[1-9]\d{7,14}$/);
      }),
    );
  });
});

describe('findPhoneNumbers', () => {
  it('finds international numbers with their positions', () => {
    const text =
      'Call +33 6 12 34 56 78, or (+44) 20 7946 0958 / +1 (415) 555-0100. Then +44 (0)20 7946 0958. 2 more';
    expect(findPhoneNumbers(text)).toEqual([
      { e164: '+33612345678', start: 5, end: 22, raw: '+33 6 12 34 56 78' },
      { e164: '+442079460958', start: 27, end: 45, raw: '(+44) 20 7946 0958' },
      { e164: '+14155550100', start: 48, end: 65, raw: '+1 (415) 555-0100' },
      { e164: '+442079460958', start: 72, end: 91, raw: '+44 (0)20 7946 0958' },
    ]);
  });

  it.each([
    ['1+12345678901', 'a + after a digit'],
    ['base64 ab+12345678901cd', 'a + after a letter'],
    ['+0 123 456 789', 'a country code starting with 0'],
    ['+33 6', 'too short'],
    ['+1234567890123456789', 'too long'],
    ['0033 6 12 34 56 78', 'no + (00 numbers are left to parseMsisdn)'],
  ])('ignores %j (%s)', (text) => {
    expect(findPhoneNumbers(text)).toEqual([]);
  });

  it('finds any E.164 number written in prose and returns offsets that slice back to it', () => {
    const prose = fc.string({ unit: fc.constantFrom(...'abc XYZ,;:!?\n'), maxLength: 30 });
    const e164 = fc
      .tuple(
        fc.integer({ min: 1, max: 9 }),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 7, maxLength: 14 }),
      )
      .map(([first, rest]) => `+${first}${rest}`);
    fc.assert(
      fc.property(prose, e164, prose, (before, number, after) => {
        const text = `${before} ${number} ${after}`;
        const found = findPhoneNumbers(text);
        expect(found).toHaveLength(1);
        const [match] = found;
        expect(match?.e164).toBe(number);
        expect(text.slice(match?.start, match?.end)).toBe(match?.raw);
      }),
    );
  });

  it('scans a 2 MB text in one pass', () => {
    const text = 'Customer +33 6 12 34 56 78 called about line 4; 1+1=2 ; '.repeat(40_000);
    expect(findPhoneNumbers(text)).toHaveLength(40_000);
  });
});
