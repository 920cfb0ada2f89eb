/** Commands to a portal tab's content script (its zod-free guard: lib/messaging/protocol.ts). */
import { browser } from 'wxt/browser';
import type { ContentCommand } from '../../lib/messaging/protocol';

/** Sends a command to the tab; a tab without our script (not a portal, still loading) is fine. */
export async function tellTab(tabId: number, command: ContentCommand): Promise<void> {
  await browser.tabs.sendMessage(tabId, command).catch(() => undefined);
}

export const setSidebar = (tabId: number, open: boolean | 'toggle') =>
  tellTab(tabId, open === 'toggle' ? { type: 'toggle-sidebar' } : { type: 'set-sidebar', open });
