import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mncLength, parseImsi } from '../../../lib/telecom/imsi';

describe('parseImsi', () => {
  it.each([
    // North America: 3-digit MNC (310-260 is T-Mobile USA)
    ['310260123456789', '310', '260', '123456789'],
    ['302720123456789', '302', '720', '123456789'],
    ['722310123456789', '722', '310', '123456789'],
    // Elsewhere: 2-digit MNC (208-15 France, 234-15 UK, 404 India left at 2)
    ['208150123456789', '208', '15', '0123456789'],
    ['234150999999999', '234', '15', '0999999999'],
    ['404451234567890', '404', '45', '1234567890'],
    // grouped and surrounded by whitespace
    [' 310-260-123456789 ', '310', '260', '123456789'],
    ['208 15 0123456789', '208', '15', '0123456789'],
  ])('splits %j into %s / %s / %s', (text, mcc, mnc, msin) => {
    expect(parseImsi(text)).toEqual({ ok: true, imsi: mcc + mnc + msin, mcc, mnc, msin });
  });

  it.each([
    ['', 'empty'],
    [' \t', 'empty'],
    ['31026012345678X', 'characters'],
    ['310--260123456789', 'characters'],
    ['+310260123456789', 'characters'],
    ['31026012345678', 'length'],
    ['3102601234567890', 'length'],
  ])('rejects %j with %s', (text, code) => {
    expect(parseImsi(text)).toMatchObject({ ok: false, error: { code } });
  });

  it('knows the 3-digit-MNC countries of its table, and defaults to 2', () => {
    for (const mcc of [
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
    ]) {
      expect(mncLength(mcc)).toBe(3);
    }
    for (const mcc of ['208', '234', '262', '404', '405', '440', '505', '001'])
      expect(mncLength(mcc)).toBe(2);
  });

  it('always splits a 15-digit IMSI into parts that join back', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 15, maxLength: 15 }),
        (imsi) => {
          const result = parseImsi(imsi);
          expect(result.ok).toBe(true);
          if (result.ok) {
            expect(result.mcc + result.mnc + result.msin).toBe(imsi);
            expect(result.mnc).toHaveLength(mncLength(result.mcc));
          }
        },
      ),
    );
  });
});
