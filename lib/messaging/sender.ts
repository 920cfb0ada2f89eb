/**
 * Who sent a message or opened a port — the one sender check of the extension, used by the runtime
 * message router and by every port (REFERENCE: "a compromised or hostile page can forge what a content
 * script sends; check sender per message type"). The registry lists, per message type, which kinds may
 * send it.
 */

/** The subset of `runtime.MessageSender` we rely on. */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/**
 * - `extension-page`: one of our pages (popup, options, drafts tab; also a sidebar frame that is not in
 *   an enabled portal tab);
 * - `sidebar`: our sidebar page framed in the top of an enabled portal tab (it is an extension page too:
 *   everything allowed to `extension-page` is allowed to it);
 * - `portal-content`: our content script (or a script we inject next to it) in the top frame of an
 *   enabled portal tab.
 */
export const SENDER_KINDS = ['extension-page', 'sidebar', 'portal-content'] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];

/** A classified sender: its kind (or `foreign`: another extension, a sub-frame, a portal no longer enabled). */
export interface SenderInfo {
  kind: SenderKind | 'foreign';
  /** The tab the sender lives in (content scripts and framed pages); undefined for popup/options. */
  tabId: number | undefined;
  tabUrl: string | undefined;
  /** The sender's own URL. */
  url: string;
}

export interface SenderEnv {
  /** `runtime.id`. */
  extensionId: string;
  /** `runtime.getURL('/')`. */
  extensionBaseUrl: string;
  /** `runtime.getURL('/sidebar.html')`. */
  sidebarUrl: string;
  /** Whether a tab URL is an enabled portal (asked only for content scripts and the sidebar). */
  isPortalUrl(url: string | undefined): Promise<boolean>;
}

/** Classifies a sender; never throws for a bad sender (a failing `isPortalUrl` rejects). */
export async function classifySender(sender: SenderLike, env: SenderEnv): Promise<SenderInfo> {
  const url = sender.url ?? '';
  const tabId = sender.tab?.id;
  const tabUrl = sender.tab?.url;
  const info = (kind: SenderInfo['kind']): SenderInfo => ({ kind, tabId, tabUrl, url });
  if (sender.id !== env.extensionId) return info('foreign');
  if (url.startsWith(env.extensionBaseUrl)) {
    const framedSidebar = url.startsWith(env.sidebarUrl) && tabId !== undefined;
    return info(framedSidebar && (await env.isPortalUrl(tabUrl)) ? 'sidebar' : 'extension-page');
  }
  // A content script runs in the top frame of a web page: sub-frames of the page never count.
  if (tabId === undefined || sender.frameId !== 0 || !/^https?:/.test(url)) return info('foreign');
  return info((await env.isPortalUrl(tabUrl ?? url)) ? 'portal-content' : 'foreign');
}

/** Whether `kind` may send what `allowed` lists (the sidebar is an extension page too). */
export function senderAllowed(allowed: readonly SenderKind[], kind: SenderInfo['kind']): boolean {
  if (kind === 'foreign') return false;
  return allowed.includes(kind) || (kind === 'sidebar' && allowed.includes('extension-page'));
}
