/**
 * Issue 16 §5: month names are data (lib/portal/month-names.json), in every language a portal may
 * print dates in, not English and French only. One table per language: each month's full name and
 * abbreviation read as that month, in the ways that language writes a date.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import monthNames from '../../../lib/portal/month-names.json';
import { parseDateValue } from '../../../lib/portal/values';

// The shape values.ts relies on (it has no zod: the content script imports it).
const MonthNamesSchema = z.record(
  z.string().regex(/^[a-z]{2}$/),
  z.array(z.array(z.string().trim().min(3)).min(1)).length(12),
);

it('the month table is well formed and has every language (issue 16)', () => {
  const { $comment: _comment, ...languages } = monthNames;
  const parsed = MonthNamesSchema.parse(languages);
  expect(Object.keys(parsed).sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'nl', 'pt']);
});

const iso = (m: number) => `2026-${String(m).padStart(2, '0')}-15`;

/** `[language, how the language writes 15 <month> 2026, months]`: every full name, then abbreviations. */
const cases: Array<[string, (name: string) => string]> = [
  ['de', (n) => `15. ${n} 2026`],
  ['es', (n) => `15 de ${n} de 2026`],
  ['it', (n) => `15 ${n} 2026`],
  ['pt', (n) => `15 de ${n} de 2026`],
  ['nl', (n) => `15 ${n} 2026`],
];

describe.each(cases)('%s month names', (language, write) => {
  const months = (monthNames as unknown as Record<string, string[][]>)[language]!;
  it.each(months.map((forms, i) => [forms[0]!, i + 1] as const))('%s is month %i', (name, month) => {
    expect(parseDateValue(write(name))).toBe(iso(month));
    // As portals print them too: capitalised.
    expect(parseDateValue(write(name[0]!.toUpperCase() + name.slice(1)))).toBe(iso(month));
  });
  it('every abbreviation reads as its month', () => {
    months.forEach((forms, i) => {
      for (const f of forms.slice(1)) expect(parseDateValue(write(f)), f).toBe(iso(i + 1));
    });
  });
});

describe('dates as these languages print them', () => {
  it.each([
    ['15. März 2026, 14:30', '2026-03-15T14:30'],
    ['15. Mär. 2026', '2026-03-15'],
    ['15 de março de 2026', '2026-03-15'],
    ['15 de septiembre de 2026', '2026-09-15'],
    ['15 mrt 2026', '2026-03-15'],
    ['15 mei 2026', '2026-05-15'],
    ['15 giu 2026', '2026-06-15'],
    ['15 dez. 2026', '2026-12-15'],
    ['15 okt 2026', '2026-10-15'],
  ])('%j → %j', (text, expected) => expect(parseDateValue(text)).toBe(expected));

  it('a start two languages disagree on is no month (jui: juin or juillet)', () => {
    expect(parseDateValue('15 jui 2026')).toBeUndefined();
  });
});
