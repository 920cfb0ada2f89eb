/**
 * One problem found while reading customer data back from storage (local or managed) or from an
 * imported file: a stable code for the UI to translate, where it is (a JSON path) and a plain English
 * fallback. Reading never throws: a damaged part is dropped and reported with one of these.
 */
import type { z } from 'zod';

/**
 * Why a part was refused: `schema` (fails its zod schema, see `path`), `not-array` (a list was
 * expected), `duplicate-id` (two entries share an id), `unknown-vendor` (a default vendor no profile
 * has), `json` (an imported file that is not JSON), `too-large` (an imported file over the limit).
 */
export type DataProblemCode = 'schema' | 'not-array' | 'duplicate-id' | 'unknown-vendor' | 'json' | 'too-large';

/** See the module comment. `path` is like `vendors[1].fields[0].kind`, or `(root)` for the whole value. */
export interface DataProblem {
  readonly code: DataProblemCode;
  readonly path: string;
  readonly message: string;
}

/** `prefix` + `["fields", 2, "label"]` → `prefix.fields[2].label` (`prefix[3]` for a number). */
export function joinPath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Every issue of a failed zod parse as a {@link DataProblem} under `prefix`. */
export function schemaProblems(prefix: string, error: z.ZodError): DataProblem[] {
  return error.issues.map((issue) => ({ code: 'schema', path: joinPath(prefix, issue.path), message: issue.message }));
}
