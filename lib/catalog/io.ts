/**
 * Catalog import/export as JSON and CSV (DESIGN §3: behaviour is data, importable/exportable).
 * Imports never throw and are all-or-nothing: a file with any error yields only errors, each
 * pointing at the exact place to fix (a JSON path such as `plans[3].imsiProfile`, or a CSV file
 * line and column), so an admin can correct a spreadsheet without guessing.
 */
import type { z } from 'zod';
import { CatalogSchema, PlanSchema, type Catalog, type CatalogIssueCode } from './schema';

/** Largest file accepted, in characters (a catalog is a few hundred plans; this blocks accidents). */
export const MAX_CATALOG_FILE_CHARS = 5_000_000;

/** Stable error codes of catalog imports (the UI translates them; `message` is the English fallback). */
export type CatalogImportErrorCode =
  | CatalogIssueCode
  | 'too-large'
  | 'json-syntax'
  | 'csv-syntax'
  | 'csv-header'
  | 'csv-field-count'
  | 'missing-value'
  | 'invalid-value'
  | 'not-a-number'
  | 'not-a-boolean';

/** A JSON import error: `path` like `plans[3].imsiProfile` ("" for the whole file). */
export interface CatalogJsonError {
  readonly path: string;
  readonly code: CatalogImportErrorCode;
  readonly message: string;
}

/**
 * Which CSV problem, finer than the code, for the UI to say it in the agent's language
 * (`msgCsvDetail_<detail>` with `args`; issue 16 §5). `message` stays English, for logs.
 */
export type CatalogCsvDetail =
  | 'unclosed-quote'
  | 'text-after-quote'
  | 'quote-in-field'
  | 'empty-file'
  | 'unknown-column'
  | 'duplicate-column'
  | 'missing-column'
  | 'field-count'
  | 'not-a-number'
  | 'not-a-number-mb'
  | 'not-a-boolean'
  | 'too-large';

/** A CSV import error: `row` is the 1-based line of the file where the record starts (0 = the `meta` argument). */
export interface CatalogCsvError {
  readonly row: number;
  readonly column?: string;
  readonly code: CatalogImportErrorCode;
  readonly message: string;
  /** The finer problem and its values (numbers, the cell as written), never prose. */
  readonly detail?: CatalogCsvDetail;
  readonly args?: readonly string[];
}

/** Result of {@link parseCatalogJson}. */
export type CatalogJsonResult =
  | { readonly ok: true; readonly catalog: Catalog }
  | { readonly ok: false; readonly errors: CatalogJsonError[] };

/** Result of {@link parseCatalogCsv}. */
export type CatalogCsvResult =
  | { readonly ok: true; readonly catalog: Catalog }
  | { readonly ok: false; readonly errors: CatalogCsvError[] };

/** Catalog metadata a CSV file cannot carry (it holds plans only). */
export interface CatalogCsvMeta {
  readonly name?: string;
  readonly version?: string;
  readonly exampleData?: boolean;
}

type PathSegment = PropertyKey;

/** `['plans', 3, 'imsiProfile']` → `plans[3].imsiProfile`. */
export function formatIssuePath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

function issueCode(issue: z.core.$ZodIssue, data: unknown): CatalogImportErrorCode {
  if (issue.code === 'custom') {
    const code: unknown = issue.params?.['code'];
    if (typeof code === 'string') return code as CatalogIssueCode;
  }
  if (issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined) return 'missing-value';
  return 'invalid-value';
}

function issueMessage(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined)
    return 'Required value is missing';
  return issue.message;
}

// ---------------------------------------------------------------------------------------------
// JSON

/**
 * Parses and validates a catalog JSON document. Every problem is reported with its path; the
 * cross-plan checks (unique ids, no name shared by two plans) run once each plan is valid.
 */
export function parseCatalogJson(text: string): CatalogJsonResult {
  if (text.length > MAX_CATALOG_FILE_CHARS) {
    return {
      ok: false,
      errors: [
        {
          path: '',
          code: 'too-large',
          message: `The file is larger than ${MAX_CATALOG_FILE_CHARS} characters`,
        },
      ],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [{ path: '', code: 'json-syntax', message: `Not valid JSON: ${detail}` }] };
  }
  const parsed = CatalogSchema.safeParse(data);
  if (parsed.success) return { ok: true, catalog: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      path: formatIssuePath(issue.path),
      code: issueCode(issue, data),
      message: issueMessage(issue, data),
    })),
  };
}

/** The catalog as pretty-printed JSON (two-space indent, trailing newline); parses back to an equal catalog. */
export function catalogToJson(catalog: Catalog): string {
  return `${JSON.stringify(catalog, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180: comma separator, CRLF or LF line breaks, "..." quoting with "" for a quote)

/** The columns every plan CSV has, in the order we write them. */
export const CSV_REQUIRED_COLUMNS = [
  'id',
  'name',
  'aliases',
  'region',
  'countries',
  'imsiProfile',
  'dataAllowanceMb',
  'validityDays',
  'unlimited',
] as const;
/** Columns we also write and accept, after the required ones; absent means the default. */
export const CSV_OPTIONAL_COLUMNS = ['kind', 'notes'] as const;

type CsvColumn = (typeof CSV_REQUIRED_COLUMNS)[number] | (typeof CSV_OPTIONAL_COLUMNS)[number];
const ALL_COLUMNS: readonly CsvColumn[] = [...CSV_REQUIRED_COLUMNS, ...CSV_OPTIONAL_COLUMNS];

/** Separator of list cells (aliases, countries). */
const LIST_SEPARATOR = '|';
/** How an unlimited data allowance (null) is written in the dataAllowanceMb column. */
const UNLIMITED_DATA = 'unlimited';

interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  readonly fields: string[];
}

type RecordsResult = { ok: true; records: CsvRecord[] } | { ok: false; error: CatalogCsvError };

/** Splits RFC 4180 text into records, remembering the line each starts on. Blank lines are skipped. */
function readCsvRecords(text: string): RecordsResult {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (text[i] === '"') {
        // quoted field
        i++;
        for (;;) {
          if (i >= n) {
            return {
              ok: false,
              error: {
                row: start,
                code: 'csv-syntax',
                detail: 'unclosed-quote',
                message: 'A quoted field is never closed',
              },
            };
          }
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\r' && text[i + 1] === '\n') {
            field += '\r\n';
            i += 2;
            line++;
            continue;
          }
          if (ch === '\n' || ch === '\r') line++;
          field += ch;
          i++;
        }
        const after = text[i];
        if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
          return {
            ok: false,
            error: {
              row: line,
              code: 'csv-syntax',
              detail: 'text-after-quote',
              message: 'Unexpected text after a closing quote',
            },
          };
        }
      } else {
        while (i < n) {
          const ch = text[i];
          if (ch === ',' || ch === '\n' || ch === '\r') break;
          if (ch === '"') {
            return {
              ok: false,
              error: {
                row: line,
                code: 'csv-syntax',
                detail: 'quote-in-field',
                message: 'A quote inside an unquoted field: quote the whole field and double the inner quote',
              },
            };
          }
          field += ch;
          i++;
        }
      }
      fields.push(field);
      field = '';
      const sep = text[i];
      if (sep === ',') {
        i++;
      } else {
        // line break or end of text
        if (sep === '\r') i += text[i + 1] === '\n' ? 2 : 1;
        else if (sep === '\n') i++;
        if (sep !== undefined) line++;
        endOfRecord = true;
      }
    }
    const blank = fields.length === 1 && fields[0]?.trim() === '';
    if (!blank) records.push({ line: start, fields });
  }
  return { ok: true, records };
}

function splitList(cell: string): string[] {
  return cell
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'oui', 'vrai']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'non', 'faux']);

type CellResult =
  | { ok: true; value: unknown }
  | {
      ok: false;
      code: CatalogImportErrorCode;
      message: string;
      detail?: CatalogCsvDetail;
      args?: readonly string[];
    };

function convertCell(column: CsvColumn, raw: string): CellResult {
  const cell = raw.trim();
  switch (column) {
    case 'aliases':
    case 'countries':
      return { ok: true, value: splitList(cell) };
    case 'imsiProfile':
    case 'validityDays':
    case 'dataAllowanceMb': {
      if (cell === '') {
        if (column === 'validityDays') return { ok: true, value: undefined }; // schema default (30)
        return { ok: false, code: 'missing-value', message: `${column} is empty` };
      }
      if (column === 'dataAllowanceMb' && cell.toLowerCase() === UNLIMITED_DATA)
        return { ok: true, value: null };
      if (!NUMBER_RE.test(cell)) {
        const hint = column === 'dataAllowanceMb' ? ` (a number of MB, or "${UNLIMITED_DATA}")` : '';
        return {
          ok: false,
          code: 'not-a-number',
          detail: column === 'dataAllowanceMb' ? 'not-a-number-mb' : 'not-a-number',
          args: [cell],
          message: `${column} is not a number: "${cell}"${hint}`,
        };
      }
      return { ok: true, value: Number(cell) };
    }
    case 'unlimited': {
      const word = cell.toLowerCase();
      if (word === '') return { ok: true, value: undefined };
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return {
        ok: false,
        code: 'not-a-boolean',
        detail: 'not-a-boolean',
        args: [cell],
        message: `unlimited must be true or false, not "${cell}"`,
      };
    }
    case 'kind':
    case 'notes':
      return { ok: true, value: cell === '' ? undefined : cell };
    default:
      return { ok: true, value: cell };
  }
}

/**
 * Parses a plan CSV (header row + one plan per record). Columns are found by header name, in any
 * order: the nine of {@link CSV_REQUIRED_COLUMNS} are required, `kind` and `notes` optional.
 * Lists use `|`; `dataAllowanceMb` is a number or "unlimited"; empty `validityDays`/`unlimited`/`kind`
 * take the defaults (30, false, international). `meta` supplies the catalog name/version, which a
 * CSV cannot hold. Errors name the file line where the bad record starts and the column.
 */
export function parseCatalogCsv(text: string, meta: CatalogCsvMeta = {}): CatalogCsvResult {
  const fail = (errors: CatalogCsvError[]): CatalogCsvResult => ({ ok: false, errors });
  if (text.length > MAX_CATALOG_FILE_CHARS) {
    return fail([
      {
        row: 0,
        code: 'too-large',
        detail: 'too-large',
        args: [String(MAX_CATALOG_FILE_CHARS)],
        message: `The file is larger than ${MAX_CATALOG_FILE_CHARS} characters`,
      },
    ]);
  }
  const read = readCsvRecords(text.replace(/^\uFEFF/, ''));
  if (!read.ok) return fail([read.error]);
  const [header, ...rows] = read.records;
  if (header === undefined) {
    return fail([
      {
        row: 1,
        code: 'csv-header',
        detail: 'empty-file',
        message: 'The file is empty: expected a header row',
      },
    ]);
  }

  // Header: map each known column to its index.
  const errors: CatalogCsvError[] = [];
  const index = new Map<CsvColumn, number>();
  header.fields.forEach((rawName, i) => {
    const name = rawName.trim();
    const column = ALL_COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase());
    if (column === undefined) {
      errors.push({
        row: header.line,
        column: name,
        code: 'csv-header',
        detail: 'unknown-column',
        message: `Unknown column "${name}"`,
      });
    } else if (index.has(column)) {
      errors.push({
        row: header.line,
        column,
        code: 'csv-header',
        detail: 'duplicate-column',
        message: `Column "${column}" appears twice`,
      });
    } else {
      index.set(column, i);
    }
  });
  for (const column of CSV_REQUIRED_COLUMNS) {
    if (!index.has(column)) {
      errors.push({
        row: header.line,
        column,
        code: 'csv-header',
        detail: 'missing-column',
        message: `Missing column "${column}"`,
      });
    }
  }
  if (errors.length > 0) return fail(errors);

  // Rows: convert cells, then validate each plan on its own so errors point at the row.
  const plans: unknown[] = [];
  const rowOfPlan: number[] = [];
  for (const record of rows) {
    if (record.fields.length !== header.fields.length) {
      errors.push({
        row: record.line,
        code: 'csv-field-count',
        detail: 'field-count',
        args: [String(header.fields.length), String(record.fields.length)],
        message: `Expected ${header.fields.length} fields, found ${record.fields.length}`,
      });
      continue;
    }
    const obj: Record<string, unknown> = {};
    let rowOk = true;
    for (const [column, i] of index) {
      const converted = convertCell(column, record.fields[i] ?? '');
      if (converted.ok) {
        if (converted.value !== undefined) obj[column] = converted.value;
      } else {
        rowOk = false;
        const { ok: _ok, ...error } = converted;
        errors.push({ row: record.line, column, ...error });
      }
    }
    if (!rowOk) continue;
    const parsed = PlanSchema.safeParse(obj);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(csvIssue(issue, obj, record.line, []));
      continue;
    }
    plans.push(obj);
    rowOfPlan.push(record.line);
  }
  if (errors.length > 0) return fail(errors);

  const catalogInput = {
    name: meta.name ?? 'Imported catalog',
    version: meta.version ?? '1',
    exampleData: meta.exampleData ?? false,
    plans,
  };
  const parsed = CatalogSchema.safeParse(catalogInput);
  if (parsed.success) return { ok: true, catalog: parsed.data };
  return fail(
    parsed.error.issues.map((issue) => {
      const [top, planIndex, ...rest] = issue.path;
      if (top === 'plans' && typeof planIndex === 'number') {
        return csvIssue({ ...issue, path: rest }, plans[planIndex], rowOfPlan[planIndex] ?? 0, []);
      }
      // A problem with the metadata the caller passed, not with a line of the file.
      return csvIssue(issue, catalogInput, 0, []);
    }),
  );
}

function csvIssue(
  issue: z.core.$ZodIssue,
  data: unknown,
  row: number,
  prefix: PathSegment[],
): CatalogCsvError {
  const path = [...prefix, ...issue.path];
  const [column, item] = path;
  let message = issueMessage(issue, data);
  if (typeof item === 'number') {
    const value = valueAt(data, path);
    message += ` (item ${item + 1}${typeof value === 'string' ? `: "${value}"` : ''})`;
  }
  const base = { row, code: issueCode(issue, data), message };
  return column === undefined ? base : { ...base, column: String(column) };
}

function csvCell(value: string): string {
  // Quote whenever the value would otherwise be misread, and when it has edge spaces (we trim on import).
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The catalog's plans as CSV: the nine required columns then `kind` and `notes`, CRLF line breaks
 * (RFC 4180), lists joined with `|`, unlimited data written "unlimited". Catalog name/version are
 * not part of a CSV: pass them back as `meta` to {@link parseCatalogCsv}.
 */
export function catalogToCsv(catalog: Catalog): string {
  const lines = [ALL_COLUMNS.join(',')];
  for (const p of catalog.plans) {
    const cells: Record<CsvColumn, string> = {
      id: p.id,
      name: p.name,
      aliases: p.aliases.join(LIST_SEPARATOR),
      region: p.region,
      countries: p.countries.join(LIST_SEPARATOR),
      imsiProfile: String(p.imsiProfile),
      dataAllowanceMb: p.dataAllowanceMb === null ? UNLIMITED_DATA : String(p.dataAllowanceMb),
      validityDays: String(p.validityDays),
      unlimited: String(p.unlimited),
      kind: p.kind,
      notes: p.notes ?? '',
    };
    lines.push(ALL_COLUMNS.map((c) => csvCell(cells[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
