/**
 * Who sent a message. Browsers report the sender; we decide from it whether the message may be
 * acted on (REFERENCE: "a compromised or hostile page can forge what a content script sends; check
 * sender per message type").
 */

/** The subset of `runtime.MessageSender` we rely on. */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

export type SenderKind = 'extension-page' | 'content-script' | 'foreign';

/**
 * Classifies a sender. `extensionId` is our runtime id; `extensionBaseUrl` is `runtime.getURL('/')`.
 * - extension-page: our id and a URL inside our origin (sidebar iframe, popup, options, drafts tab);
 * - content-script: our id, a web page URL, inside a tab's top frame;
 * - foreign: anything else (another extension, a sub-frame of the page, no tab).
 */
export function classifySender(
  sender: SenderLike,
  extensionId: string,
  extensionBaseUrl: string,
): SenderKind {
  if (sender.id !== extensionId) return 'foreign';
  const url = sender.url ?? '';
  if (url.startsWith(extensionBaseUrl)) return 'extension-page';
  if (sender.tab?.id !== undefined && sender.frameId === 0 && /^https?:/.test(url)) return 'content-script';
  return 'foreign';
}
