import { describe, expect, it } from 'vitest';
import { labelKey, parseDateValue, parseImsiProfile, parseIntValue } from '../../../lib/portal/values';

describe('labelKey', () => {
  it.each([
    ['ICCID', 'iccid'],
    ['  ICCID: ', 'iccid'],
    ['IMSI\n   profile', 'imsi profile'],
    ['Line\u00a0name :', 'line name'],
    ['Plan *', 'plan'],
  ])('%j → %j', (input, key) => expect(labelKey(input)).toBe(key));
});

describe('parseImsiProfile', () => {
  // seed 001: profiles 2, 7 and 10, shown in several ways.
  it.each([
    ['7', 7],
    ['Profile 7', 7],
    ['IMSI 7', 7],
    ['IMSI profile 10 (Asia)', 10],
    ['P2', 2],
  ])('%j → %d', (text, n) => expect(parseImsiProfile(text)).toBe(n));

  it.each(['', 'none', '234150000000001'])('%j has no profile', (text) =>
    expect(parseImsiProfile(text)).toBeUndefined(),
  );
});

describe('parseIntValue', () => {
  it.each([
    ['2', 2],
    ['2 bundles', 2],
    ['None', 0],
    ['aucun', 0],
  ])('%j → %d', (text, n) => expect(parseIntValue(text)).toBe(n));
  it('does not read a long number as a small one', () =>
    expect(parseIntValue('89445000122510020012')).toBeUndefined());
});

describe('parseDateValue', () => {
  it.each([
    ['2025-03-14', '2025-03-14'],
    ['2025-03-14T09:30:00Z', '2025-03-14T09:30:00Z'],
    ['2025-03-14 09:30', '2025-03-14T09:30'],
    ['14/03/2025', '2025-03-14'],
    ['03/14/2025', '2025-03-14'], // 14 cannot be a month
    ['14.03.2025 08:05', '2025-03-14T08:05'],
    ['14 Mar 2025', '2025-03-14'],
    ['Mar 14, 2025', '2025-03-14'],
    ['14 mars 2025', '2025-03-14'],
    ['1er juillet 2025', '2025-07-01'],
    ['3 juin 2025', '2025-06-03'],
  ])('%j → %j', (text, iso) => expect(parseDateValue(text)).toBe(iso));

  it('uses the day/month order only when the numbers do not decide', () => {
    expect(parseDateValue('03/04/2025', 'dmy')).toBe('2025-04-03');
    expect(parseDateValue('03/04/2025', 'mdy')).toBe('2025-03-04');
  });

  it.each(['—', 'Not activated', '2025-02-30', '31/02/2025', ''])('%j is no date', (text) =>
    expect(parseDateValue(text)).toBeUndefined(),
  );
});
