/**
 * Why a capture request failed, as the panels show it (issue 16 §5: no English on a French screen).
 * The background answers with a capture code (lib/evidence/capture-errors.ts) or a messaging failure
 * code (lib/messaging/protocol.ts); the English that came with it is kept for the console only.
 */
import { readCaptureError, type CaptureErrorCode } from '../../lib/evidence/capture-errors';
import { ERROR_CODES, type MessagingErrorCode } from '../../lib/messaging/protocol';
import type { Translate } from '../i18n';

/** Thrown by the evidence platform (components/platform/evidence-platform.ts) for a refused request. */
export class CaptureFailure extends Error {
  readonly capture: { code: CaptureErrorCode; argument?: string } | null;
  readonly messaging: MessagingErrorCode;
  constructor(error: { code: MessagingErrorCode; message: string }) {
    const capture = error.code === 'failed' ? readCaptureError(error.message) : null;
    // The message names the code, never the reply's English (which may be a browser's own text).
    super(capture ? capture.code : error.code);
    this.name = 'CaptureFailure';
    this.capture = capture;
    this.messaging = error.code;
    // For whoever debugs: the English detail, on the console only.
    if (!capture) this.cause = error.message;
  }
}

/** The translated reason of a failure (anything else thrown reads as "refused"). */
export function captureFailureText(t: Translate, error: unknown): string {
  if (error instanceof CaptureFailure && error.capture) {
    const { code, argument } = error.capture;
    return argument === undefined ? t(`evCaptureError_${code}`) : t(`evCaptureError_${code}`, argument);
  }
  const code =
    error instanceof CaptureFailure && ERROR_CODES.includes(error.messaging) ? error.messaging : 'failed';
  if (!(error instanceof CaptureFailure) || error.cause)
    console.warn('capture failed', error instanceof CaptureFailure ? error.cause : error);
  return t(`msgMessagingError_${code.replace(/-/g, '_')}`);
}

/** Whether the failure is one of these capture codes. */
export const isCaptureCode = (error: unknown, ...codes: CaptureErrorCode[]): boolean =>
  error instanceof CaptureFailure && error.capture !== null && codes.includes(error.capture.code);
