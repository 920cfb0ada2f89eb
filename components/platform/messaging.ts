/**
 * The typed `send` of the extension pages (popup, options, sidebar, drafts tab) to the background:
 * `send('open-sidebar', { tabId })` resolves with `Reply<{ opened: boolean }>`, the reply parsed with the
 * registry's reply schema (lib/messaging/registry.ts). Never rejects: no answer is a typed error.
 */
import { browser } from 'wxt/browser';
import { createMessageClient } from '../../lib/messaging/channel';

export const sendToBackground = createMessageClient((message) => browser.runtime.sendMessage(message));
