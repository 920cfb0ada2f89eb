import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eidCheckDigits, parseEid } from '../../../lib/telecom/eid';

// The check digits below were computed independently with BigInt (n * 100 mod 97) and are pinned here.
const FIRST_30 = '890490320000000000000000000001';
const EID = `${FIRST_30}63`;

const digits30 = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 30, maxLength: 30 });

describe('parseEid', () => {
  it('accepts a valid EID, plain or grouped', () => {
    expect(eidCheckDigits(FIRST_30)).toBe('63');
    expect(parseEid(EID)).toEqual({ ok: true, eid: EID });
    expect(parseEid(` ${EID.replace(/(\d{8})(?=\d)/g, '$1 ')} `)).toEqual({ ok: true, eid: EID });
  });

  it('agrees with BigInt arithmetic: the whole number mod 97 is 1', () => {
    fc.assert(
      fc.property(digits30, (first30) => {
        const eid = first30 + eidCheckDigits(first30);
        expect(BigInt(eid) % 97n).toBe(1n);
        expect(parseEid(eid)).toEqual({ ok: true, eid });
      }),
    );
  });

  it('catches every single-digit change', () => {
    fc.assert(
      fc.property(digits30, fc.nat(31), fc.integer({ min: 1, max: 9 }), (first30, pos, shift) => {
        const eid = first30 + eidCheckDigits(first30);
        const typo = eid.slice(0, pos) + String((Number(eid[pos]) + shift) % 10) + eid.slice(pos + 1);
        expect(parseEid(typo)).toMatchObject({ ok: false, error: { code: 'checksum' } });
      }),
    );
  });

  it.each([
    ['', 'empty'],
    ['8904903200000000000000000000016X', 'characters'],
    [`${EID} 1`.replace(' ', '  '), 'characters'],
    [EID.slice(0, 31), 'length'],
    [`${EID}0`, 'length'],
    [`${FIRST_30}64`, 'checksum'],
  ])('rejects %j with %s', (text, code) => {
    expect(parseEid(text)).toMatchObject({ ok: false, error: { code } });
  });

  it('refuses to compute check digits for anything but 30 digits', () => {
    expect(() => eidCheckDigits('123')).toThrow(RangeError);
  });
});
