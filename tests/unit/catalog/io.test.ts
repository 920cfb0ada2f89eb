import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CATALOG } from '../../../lib/catalog/example-catalog';
import {
  CSV_REQUIRED_COLUMNS,
  catalogToCsv,
  catalogToJson,
  formatIssuePath,
  parseCatalogCsv,
  parseCatalogJson,
  type CatalogCsvError,
} from '../../../lib/catalog/io';
import { CatalogSchema, type Catalog } from '../../../lib/catalog/schema';

const HEADER = CSV_REQUIRED_COLUMNS.join(',');

function csvErrors(text: string): CatalogCsvError[] {
  const r = parseCatalogCsv(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('JSON import/export', () => {
  it('round-trips the example catalog', () => {
    const r = parseCatalogJson(catalogToJson(EXAMPLE_CATALOG));
    expect(r).toEqual({ ok: true, catalog: EXAMPLE_CATALOG });
  });

  it('reports a bad value with its exact path and nothing partial', () => {
    const doc = JSON.parse(catalogToJson(EXAMPLE_CATALOG)) as { plans: Array<Record<string, unknown>> };
    doc.plans[3]!['imsiProfile'] = 'seven';
    doc.plans[5]!['countries'] = ['JP', 'jp'];
    const r = parseCatalogJson(JSON.stringify(doc));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect('catalog' in r).toBe(false);
    expect(r.errors.map((e) => e.path)).toEqual(['plans[3].imsiProfile', 'plans[5].countries[1]']);
    expect(r.errors.every((e) => e.code === 'invalid-value')).toBe(true);
  });

  it.each([
    ['{"name": "x",', 'json-syntax', ''],
    ['{"name":"x","version":"1","plans":[{"id":"a"}]}', 'missing-value', 'plans[0].name'],
    ['{"version":"1","plans":[]}', 'missing-value', 'name'],
  ])('%s → %s at "%s"', (text, code, path) => {
    const r = parseCatalogJson(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code, path });
  });

  it('reports a duplicate id and a name shared by two plans at the second plan', () => {
    const base = { region: 'Europe', countries: ['FR'], imsiProfile: 7, dataAllowanceMb: 1024 };
    const text = JSON.stringify({
      name: 'Mine',
      version: '1',
      plans: [
        { ...base, id: 'euro-1', name: 'Euro 1' },
        { ...base, id: 'euro-1', name: 'Euro One' },
        { ...base, id: 'euro-x', name: 'Euro X', aliases: ['Other', 'EURO_1'] },
      ],
    });
    const r = parseCatalogJson(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.objectContaining({ path: 'plans[1].id', code: 'duplicate-id' }),
      expect.objectContaining({ path: 'plans[2].aliases[1]', code: 'name-collision' }),
    ]);
  });

  it('applies defaults: validity 30 days (seed 001), not unlimited, international, not example data', () => {
    const r = parseCatalogJson(
      JSON.stringify({
        name: 'Mine',
        version: '1',
        plans: [
          {
            id: 'fr',
            name: 'France',
            region: 'Europe',
            countries: ['FR'],
            imsiProfile: 7,
            dataAllowanceMb: 500,
          },
        ],
      }),
    );
    expect(r.ok && r.catalog).toMatchObject({
      exampleData: false,
      plans: [{ validityDays: 30, unlimited: false, kind: 'international', aliases: [] }],
    });
  });

  it('formats paths', () => {
    expect(formatIssuePath(['plans', 3, 'imsiProfile'])).toBe('plans[3].imsiProfile');
    expect(formatIssuePath([])).toBe('');
  });
});

describe('CSV import/export', () => {
  it('exports the documented header (optional kind/notes after the nine required columns)', () => {
    const first = catalogToCsv(EXAMPLE_CATALOG).split('\r\n')[0];
    expect(first).toBe(`${HEADER},kind,notes`);
  });

  it('round-trips the example catalog', () => {
    const csv = catalogToCsv(EXAMPLE_CATALOG);
    const r = parseCatalogCsv(csv, {
      name: EXAMPLE_CATALOG.name,
      version: EXAMPLE_CATALOG.version,
      exampleData: true,
    });
    expect(r).toEqual({ ok: true, catalog: EXAMPLE_CATALOG });
  });

  it('reads a hand-written file with quotes, commas, newlines, CRLF, BOM and defaults', () => {
    const text =
      '\uFEFF' +
      `${HEADER}\r\n` +
      'euro-1,"Euro 1","EURO-1 30 days|Europe, one",Europe,FR|ES|IT,7,5120,,\r\n' +
      'asia-1,"Asia ""1""","Asia\nPacific",Asia,JP|TH,10,unlimited,15,yes\r\n';
    const r = parseCatalogCsv(text, { name: 'Mine', version: '3' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.catalog).toMatchObject({ name: 'Mine', version: '3', exampleData: false });
    expect(r.catalog.plans).toEqual([
      expect.objectContaining({
        id: 'euro-1',
        aliases: ['EURO-1 30 days', 'Europe, one'],
        countries: ['FR', 'ES', 'IT'],
        validityDays: 30,
        unlimited: false,
      }),
      expect.objectContaining({
        name: 'Asia "1"',
        aliases: ['Asia\nPacific'],
        dataAllowanceMb: null,
        validityDays: 15,
        unlimited: true,
      }),
    ]);
  });

  it('reports a bad profile on row 4 as row 4', () => {
    const text = [
      HEADER,
      'fr,France,,Europe,FR,7,1024,30,false',
      'es,Spain,,Europe,ES,7,1024,30,false',
      'jp,Japan,,Asia,JP,seven,1024,30,false',
      'th,Thailand,,Asia,TH,10,1024,30,false',
    ].join('\n');
    expect(csvErrors(text)).toEqual([
      {
        row: 4,
        column: 'imsiProfile',
        code: 'not-a-number',
        message: expect.stringContaining('seven'),
        // Issue 16 §5: the finer problem and the cell, for the UI to say in the agent's language.
        detail: 'not-a-number',
        args: ['seven'],
      },
    ]);
  });

  it('names each CSV problem by a detail code and values, not only English (issue 16 §5)', () => {
    expect(csvErrors('')).toEqual([expect.objectContaining({ code: 'csv-header', detail: 'empty-file' })]);
    expect(csvErrors(`${HEADER},colour`)).toEqual([
      expect.objectContaining({ code: 'csv-header', detail: 'unknown-column', column: 'colour' }),
    ]);
    expect(csvErrors([HEADER, 'fr,France'].join('\n'))).toEqual([
      expect.objectContaining({ code: 'csv-field-count', detail: 'field-count', args: ['9', '2'] }),
    ]);
    expect(csvErrors([HEADER, 'fr,France,,Europe,FR,7,lots,30,false'].join('\n'))).toEqual([
      expect.objectContaining({ code: 'not-a-number', detail: 'not-a-number-mb', args: ['lots'] }),
    ]);
    expect(csvErrors([HEADER, 'fr,France,,Europe,FR,7,1024,30,maybe'].join('\n'))).toEqual([
      expect.objectContaining({ code: 'not-a-boolean', detail: 'not-a-boolean', args: ['maybe'] }),
    ]);
    expect(csvErrors([HEADER, 'fr,"France,,Europe,FR,7,1024,30,false'].join('\n'))).toEqual([
      expect.objectContaining({ code: 'csv-syntax', detail: 'unclosed-quote' }),
    ]);
  });

  it('counts file lines, not records, when a quoted field spans lines', () => {
    const text = [
      HEADER,
      'fr,France,"FR\n30 days",Europe,FR,7,1024,30,false', // lines 2–3
      'jp,Japan,,Asia,JP,0,1024,30,false', // line 4: profile must be positive
    ].join('\n');
    expect(csvErrors(text)).toEqual([
      expect.objectContaining({ row: 4, column: 'imsiProfile', code: 'invalid-value' }),
    ]);
  });

  it('reports every bad row, and cross-row problems at the later row', () => {
    const rowsWithErrors = [
      HEADER,
      'fr,France,,Europe,fr,7,1024,30,false', // 2: lowercase country
      'es,Spain,,Europe,ES,7,lots,30,false', // 3: allowance not a number
      'it,Italy,,Europe,IT,7,1024,30,maybe', // 4: not a boolean
      'de,Germany,,Europe,DE,7,1024,30', // 5: field count
    ].join('\n');
    expect(csvErrors(rowsWithErrors).map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'countries', 'invalid-value'],
      [3, 'dataAllowanceMb', 'not-a-number'],
      [4, 'unlimited', 'not-a-boolean'],
      [5, undefined, 'csv-field-count'],
    ]);

    const crossRow = [
      HEADER,
      'fr,France,,Europe,FR,7,1024,30,false',
      '',
      'fr,Francia,,Europe,FR,7,1024,30,false', // line 4: duplicate id
      'fr-2,France 2,FRANCE,Europe,FR,7,1024,30,false', // line 5: alias collides with "France"
    ].join('\r\n');
    expect(csvErrors(crossRow).map((e) => [e.row, e.column, e.code])).toEqual([
      [4, 'id', 'duplicate-id'],
      [5, 'aliases', 'name-collision'],
    ]);
  });

  it.each([
    ['', 1, 'csv-header'],
    ['id,name\nfr,France', 1, 'csv-header'],
    [`${HEADER},colour\n`, 1, 'csv-header'],
    [`${HEADER}\nfr,"France,,Europe,FR,7,1024,30,false\n`, 2, 'csv-syntax'],
    [`${HEADER}\nfr,"France"x,,Europe,FR,7,1024,30,false\n`, 2, 'csv-syntax'],
    [`${HEADER}\nfr,Fra"nce,,Europe,FR,7,1024,30,false\n`, 2, 'csv-syntax'],
  ])('structural error in %j → row %i %s', (text, row, code) => {
    expect(csvErrors(text)[0]).toMatchObject({ row, code });
  });

  it('finds columns by name in any order', () => {
    const text =
      'name,id,region,countries,imsiProfile,dataAllowanceMb,validityDays,unlimited,aliases\nJapan,japan,Asia,JP,10,1024,,,JP 30 days\n';
    const r = parseCatalogCsv(text);
    expect(r.ok && r.catalog.plans[0]).toMatchObject({ id: 'japan', name: 'Japan', aliases: ['JP 30 days'] });
  });

  it('reports bad metadata as row 0', () => {
    const r = parseCatalogCsv(`${HEADER}\n`, { name: '  ' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ row: 0, column: 'name' });
  });
});

describe('round trips — property', () => {
  const label = fc
    .string({
      minLength: 1,
      maxLength: 20,
      unit: fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\n', 'é', '-', "'"),
    })
    .filter((s) => /[a-z0-9é]/i.test(s))
    .map((s) => s.trim());
  const catalogArb = fc
    .array(
      fc.record({
        name: label,
        alias: fc.option(label, { nil: undefined }),
        region: label,
        countries: fc.uniqueArray(fc.constantFrom('FR', 'JP', 'US', 'TH', 'GB'), {
          minLength: 1,
          maxLength: 3,
        }),
        imsiProfile: fc.constantFrom(2, 7, 10),
        dataAllowanceMb: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
        validityDays: fc.integer({ min: 1, max: 365 }),
        unlimited: fc.boolean(),
        notes: fc.option(label, { nil: undefined }),
      }),
      { maxLength: 6 },
    )
    .map((rows) =>
      CatalogSchema.safeParse({
        name: 'Prop',
        version: '1',
        plans: rows.map((r, i) => ({
          id: `plan-${i}`,
          name: `${r.name} #${i}`,
          aliases: r.alias === undefined ? [] : [`${r.alias} @${i}`],
          region: r.region,
          countries: r.countries,
          imsiProfile: r.imsiProfile,
          dataAllowanceMb: r.dataAllowanceMb,
          validityDays: r.validityDays,
          unlimited: r.unlimited,
          ...(r.notes === undefined ? {} : { notes: r.notes }),
        })),
      }),
    )
    .filter((r) => r.success)
    .map((r) => r.data as Catalog);

  it('CSV and JSON export then import give the same catalog', () => {
    fc.assert(
      fc.property(catalogArb, (catalog) => {
        expect(parseCatalogJson(catalogToJson(catalog))).toEqual({ ok: true, catalog });
        expect(parseCatalogCsv(catalogToCsv(catalog), { name: 'Prop', version: '1' })).toEqual({
          ok: true,
          catalog,
        });
      }),
    );
  });
});
