/**
 * Issue 17: the popup's typed ICCID looked up in the open portal tabs. The popup never reads other tabs
 * itself: the background holds every tab's page context (lib/settings/tab-contexts) and answers with
 * the one page whose eSIMs include the ICCID (lib/portal/iccid-in-contexts).
 */
import { browser } from 'wxt/browser';
import { contextShowingIccid } from '../../../lib/portal/iccid-in-contexts';
import type { PageContext } from '../../../lib/portal/page-context';
import type { TabContexts } from '../../../lib/settings/tab-contexts';
import { isPortalUrl } from '../portals';
import type { FeatureHandlers } from '../router';

export function iccidLookupHandlers(deps: { contexts: TabContexts }): FeatureHandlers<'find-iccid-context'> {
  return {
    async 'find-iccid-context'({ iccid }) {
      const tabs = await browser.tabs.query({});
      // The portal tabs are asked at once (issue 15: each reads its page when asked), not one by one.
      const contexts = await Promise.all(
        tabs.map(async (tab): Promise<PageContext | null> => {
          // A tab that left the portal keeps no say, even if its last context is still remembered.
          if (tab.id === undefined || !(await isPortalUrl(tab.url))) return null;
          return deps.contexts.get(tab.id);
        }),
      );
      return contextShowingIccid(
        contexts.filter((c): c is PageContext => c !== null),
        iccid,
      );
    },
  };
}
