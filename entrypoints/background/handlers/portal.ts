/** Messages from the portal content script: the page context, inline "Escalate", the guard. */
import { browser } from 'wxt/browser';
import type { TabContexts } from '../../../lib/settings/tab-contexts';
import { escalateIccid } from '../escalate';
import type { FeatureHandlers, HandlerContext } from '../router';
import type { SidebarPorts } from '../sidebar-ports';
import { setSidebar } from '../tabs';

/** The portal tab a content script runs in (the classifier only lets `portal-content` in with one). */
export function senderTab({ sender }: HandlerContext): number {
  if (sender.tabId === undefined) throw new Error('No tab.');
  return sender.tabId;
}

export function portalHandlers(deps: {
  contexts: TabContexts;
  sidebars: SidebarPorts;
}): FeatureHandlers<'page-context' | 'escalate-iccid' | 'load-guard' | 'sidebar-state'> {
  return {
    async 'page-context'({ context }, ctx) {
      const tabId = senderTab(ctx);
      await deps.contexts.set(tabId, context);
      deps.sidebars.push(tabId, { type: 'context', tabId, context });
      return null;
    },
    async 'escalate-iccid'({ iccid }, ctx) {
      const result = await escalateIccid(iccid, senderTab(ctx), { ...deps, setSidebar });
      return { draftId: result.ok ? result.draft.id : null };
    },
    async 'load-guard'(_request, ctx) {
      await browser.scripting.executeScript({
        target: { tabId: senderTab(ctx), frameIds: [0] },
        files: ['/portal-guard.js'],
      });
      return null;
    },
    'sidebar-state': () => null,
  };
}
