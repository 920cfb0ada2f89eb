/**
 * The result shape every telecom parser returns (STYLE: parsers of user input return a result,
 * they do not throw). `code` is stable and translated by the UI; `message` is a plain English fallback.
 */

/** A typed parse error: a stable `code` for the UI to translate and an English `message` fallback. */
export interface TelecomError<Code extends string> {
  readonly code: Code;
  readonly message: string;
}

/** Either the parsed value (`ok: true` plus its fields) or a typed error; never an exception. */
export type ParseResult<Value extends object, Code extends string> =
  ({ readonly ok: true } & Value) | { readonly ok: false; readonly error: TelecomError<Code> };

/** Builds the failure branch of a {@link ParseResult}. */
export function fail<Code extends string>(
  code: Code,
  message: string,
): { ok: false; error: TelecomError<Code> } {
  return { ok: false, error: { code, message } };
}
