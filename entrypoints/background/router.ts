/**
 * The background's message router: every message is parsed with its zod schema and its sender is
 * checked before anything happens (DESIGN §3). A refused message changes nothing and gets a reason.
 */
import { browser, type Browser } from 'wxt/browser';
import {
  ContentToBackgroundSchema,
  PageToBackgroundSchema,
  type ContentToBackground,
  type PageToBackground,
  type Reply,
} from '../../lib/messaging/messages';
import { classifySender } from '../../lib/messaging/sender';

export interface RouterHandlers {
  fromContent(message: ContentToBackground, tab: { id: number; url: string }): Promise<unknown>;
  fromPage(message: PageToBackground, sender: Browser.runtime.MessageSender): Promise<unknown>;
}

export function createRouter(handlers: RouterHandlers) {
  const base = browser.runtime.getURL('/');
  return async (raw: unknown, sender: Browser.runtime.MessageSender): Promise<Reply> => {
    const kind = classifySender(sender, browser.runtime.id, base);
    try {
      if (kind === 'content-script') {
        const parsed = ContentToBackgroundSchema.safeParse(raw);
        if (!parsed.success)
          return {
            ok: false,
            error: `Refused a malformed message: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
          };
        const tab = sender.tab!;
        return {
          ok: true,
          value: await handlers.fromContent(parsed.data, { id: tab.id!, url: tab.url ?? sender.url ?? '' }),
        };
      }
      if (kind === 'extension-page') {
        const parsed = PageToBackgroundSchema.safeParse(raw);
        if (!parsed.success)
          return {
            ok: false,
            error: `Refused a malformed message: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
          };
        return { ok: true, value: await handlers.fromPage(parsed.data, sender) };
      }
      return { ok: false, error: 'Refused a message from an unknown sender.' };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
