/**
 * The agent's-language text of a failed call to the background or the drafts store (lib/messaging:
 * drafts-rpc.ts rejects with a {@link MessagingError} whose message is English, for logs). Issue 16 §5:
 * the surface shows the code's locale text (`msgMessagingError_<code>`), the English goes to the console.
 */
import { ERROR_CODES, MessagingError } from '../../lib/messaging/protocol';
import type { Translate } from '../i18n';

export function messagingFailureText(t: Translate, error: unknown): string {
  const code = error instanceof MessagingError && ERROR_CODES.includes(error.code) ? error.code : 'failed';
  console.warn('messaging failed', error);
  return t(`msgMessagingError_${code.replace(/-/g, '_')}`);
}
