import { describe, expect, it } from 'vitest';
import { PageEsimSchema } from '../../../lib/portal/page-context';
import { iccid, isLuhnValid, luhnCheckDigit } from './iccid-fixture';

describe('test ICCID helper', () => {
  it('computes the textbook Luhn digit', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(isLuhnValid('79927398713')).toBe(true);
    expect(isLuhnValid('79927398710')).toBe(false);
  });

  it('makes 19-digit Luhn-valid ICCIDs the page schema accepts', () => {
    for (const n of [1, 42, 987654]) {
      const id = iccid(n);
      expect(id).toMatch(/^89\d{17}$/);
      expect(isLuhnValid(id)).toBe(true);
      expect(PageEsimSchema.safeParse({ iccid: id }).success).toBe(true);
    }
  });
});
