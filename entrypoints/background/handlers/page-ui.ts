/**
 * Issue 14, "UI the page cannot redress": the toolbar warning when a page hides our in-page parts, and
 * the handshake that lets only the sidebar frame our content script created act. Tokens live in
 * session storage (the worker may restart between the frame's creation and its first message).
 */
import { browser } from 'wxt/browser';
import { toolbarButton } from '../browser-differences';
import type { FeatureHandlers } from '../router';
import { senderTab } from './portal';

const tokenKey = (tabId: number) => `sidebar-frame-token:${tabId}`;

/** The tabs' hidden parts, to clear the warning once none is hidden any more. */
const hiddenParts = new Map<number, Set<string>>();


async function showWarning(tabId: number, on: boolean) {
  const button = toolbarButton();
  if (!button) return;
  // Off: null, not '' — Chrome and Firefox document that a tab's null text falls back to the global badge
  // (issue 18: the overdue count); the typings only know strings.
  await button.setBadgeText({ tabId, text: on ? '!' : (null as unknown as string) });
  if (on) await button.setBadgeBackgroundColor({ tabId, color: '#dc2626' });
  await button.setTitle({ tabId, title: on ? browser.i18n.getMessage('uiHiddenByPage') : '' });
}

export function pageUiHandlers(): FeatureHandlers<'page-hides-ui' | 'register-sidebar-frame' | 'claim-sidebar-frame'> {
  browser.tabs.onRemoved.addListener((tabId) => {
    hiddenParts.delete(tabId);
    void browser.storage.session.remove(tokenKey(tabId));
  });
  return {
    async 'page-hides-ui'({ part, hidden }, ctx) {
      const tabId = senderTab(ctx);
      const parts = hiddenParts.get(tabId) ?? new Set<string>();
      if (hidden) parts.add(part);
      else parts.delete(part);
      hiddenParts.set(tabId, parts);
      await showWarning(tabId, parts.size > 0);
      return null;
    },
    async 'register-sidebar-frame'({ token }, ctx) {
      await browser.storage.session.set({ [tokenKey(senderTab(ctx))]: token });
      return null;
    },
    async 'claim-sidebar-frame'({ token }, ctx) {
      const tabId = ctx.sender.tabId;
      // A sidebar in its own tab or window (not framed) is not the portal sidebar.
      if (tabId === undefined || ctx.raw.frameId === 0) return { claimed: false };
      const key = tokenKey(tabId);
      const stored = (await browser.storage.session.get(key))[key];
      if (typeof stored !== 'string' || stored !== token) return { claimed: false };
      // One use: a second frame presenting the same token (the page replaying it) gets nothing.
      await browser.storage.session.remove(key);
      return { claimed: true };
    },
  };
}
