/**
 * The background's side of the message registry: classifies every sender once (lib/messaging/sender.ts —
 * the one sender check, for runtime messages and ports alike) and hands runtime messages to the registry's
 * router, which parses, checks the sender and always answers (DESIGN §3; issue 12 part 4).
 */
import { browser, type Browser } from 'wxt/browser';
import { createMessageRouter, type HandlerGroup, type Handlers } from '../../lib/messaging/channel';
import type { Reply } from '../../lib/messaging/protocol';
import { classifySender, senderAllowed, type SenderInfo } from '../../lib/messaging/sender';
import { PORTS } from '../../lib/messaging/registry';
import type { MessageType } from '../../lib/messaging/registry';
import { isPortalUrl } from './portals';

/** What every background handler gets besides the request. */
export interface HandlerContext {
  sender: SenderInfo;
  /** The browser's own description of the sender (its tab's window, …). */
  raw: Browser.runtime.MessageSender;
}

/** A feature's handlers (background/handlers/*.ts). */
export type FeatureHandlers<K extends MessageType> = HandlerGroup<HandlerContext, K>;
export type BackgroundHandlers = Handlers<HandlerContext>;

/**
 * Our sidebar page's URL as frames report it (the fixed extension id). Issue 14: with `use_dynamic_url`
 * (wxt.config.ts), `runtime.getURL('/sidebar.html')` answers the per-session dynamic URL instead, which
 * is what the content script frames but not what `sender.url` says.
 */
export const sidebarPageUrl = () => new URL('sidebar.html', browser.runtime.getURL('/')).href;

/** Classifies a message's or a port's sender. */
export function classify(sender: Browser.runtime.MessageSender | undefined): Promise<SenderInfo> {
  return classifySender(sender ?? {}, {
    extensionId: browser.runtime.id,
    extensionBaseUrl: browser.runtime.getURL('/'),
    sidebarUrl: sidebarPageUrl(),
    isPortalUrl,
  });
}

/** Whether a port may stay open; the classified sender either way. */
export async function admitPort(port: Browser.runtime.Port): Promise<{ admitted: boolean; sender: SenderInfo }> {
  const sender = await classify(port.sender);
  const spec = Object.hasOwn(PORTS, port.name) ? PORTS[port.name as keyof typeof PORTS] : undefined;
  return { admitted: !!spec && senderAllowed(spec.from, sender.kind), sender };
}

/** The `runtime.onMessage` listener: every message gets a {@link Reply}. */
export function createRouter(handlers: BackgroundHandlers) {
  const route = createMessageRouter(handlers);
  return async (raw: unknown, sender: Browser.runtime.MessageSender): Promise<Reply<unknown>> => {
    let info: SenderInfo;
    try {
      info = await classify(sender);
    } catch (error) {
      return { ok: false, error: { code: 'failed', message: error instanceof Error ? error.message : String(error) } };
    }
    return route(raw, { sender: info, raw: sender });
  };
}
