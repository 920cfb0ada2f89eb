/**
 * Stable error codes of the evidence capture (issue 7), shared by the background that throws them and
 * the panels that translate them (`evCaptureError_<code>`, issue 16 §5: no English on a French screen).
 * A code may carry one argument that is not prose (`bad_host:exa mple`): `<code>:<argument>`.
 */
export const CAPTURE_ERROR_CODES = [
  'no_portal',
  'permission',
  'not_ready',
  'no_hook',
  'no_hosts',
  'bad_host',
] as const;
export type CaptureErrorCode = (typeof CAPTURE_ERROR_CODES)[number];

/** `code` or `code:argument`, the text a capture failure travels as. */
export const captureErrorText = (code: CaptureErrorCode, argument?: string): string =>
  argument === undefined ? code : `${code}:${argument}`;

/** The code (and argument) of a capture failure's text; null when it is not one (a browser's own error). */
export function readCaptureError(text: string): { code: CaptureErrorCode; argument?: string } | null {
  const m = /^([a-z_]+)(?::([\s\S]*))?$/.exec(text);
  const c = m?.[1];
  if (!c || !(CAPTURE_ERROR_CODES as readonly string[]).includes(c)) return null;
  return m?.[2] === undefined
    ? { code: c as CaptureErrorCode }
    : { code: c as CaptureErrorCode, argument: m[2] };
}
