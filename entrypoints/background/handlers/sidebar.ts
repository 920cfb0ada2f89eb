/** Messages about the portal sidebar: close / dock it (from its frame), open it (from the popup), its tab's context. */
import { browser } from 'wxt/browser';
import type { TabContexts } from '../../../lib/settings/tab-contexts';
import { isPortalUrl } from '../portals';
import type { FeatureHandlers } from '../router';
import type { SidebarPorts } from '../sidebar-ports';
import { setSidebar, tellTab } from '../tabs';
import { senderTab } from './portal';

export function sidebarHandlers(deps: {
  contexts: TabContexts;
  sidebars: SidebarPorts;
}): FeatureHandlers<'close-sidebar' | 'dock-sidebar' | 'open-sidebar' | 'get-tab-context'> {
  return {
    async 'close-sidebar'(_request, ctx) {
      await setSidebar(senderTab(ctx), false);
      return null;
    },
    async 'dock-sidebar'({ side }, ctx) {
      await tellTab(senderTab(ctx), { type: 'dock-sidebar', side });
      return null;
    },
    'get-tab-context': ({ tabId }) => deps.contexts.get(tabId),
    async 'open-sidebar'({ tabId, draftId }) {
      const tab = await browser.tabs.get(tabId);
      if (!(await isPortalUrl(tab.url))) return { opened: false };
      if (draftId) deps.sidebars.openDraft(tabId, draftId);
      await setSidebar(tabId, true);
      return { opened: true };
    },
  };
}
