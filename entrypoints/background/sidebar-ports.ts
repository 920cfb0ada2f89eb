/**
 * The sidebar's live channel. Each sidebar frame connects a port; the background pushes the tab's
 * context on connect and on every change (the sidebar follows within one frame of the message).
 * Only our own sidebar page, inside a portal tab, may connect.
 */
import type { Browser } from 'wxt/browser';
import { SIDEBAR_PORT, type SidebarPush } from '../../lib/messaging/registry';
import type { TabContexts } from '../../lib/settings/tab-contexts';
import { admitPort, sidebarPageUrl } from './router';

type Port = Browser.runtime.Port;

export function createSidebarPorts(contexts: TabContexts) {
  const ports = new Map<number, Set<Port>>();
  const sidebarUrl = sidebarPageUrl();
  /** Drafts to open in a tab's sidebar once it connects ("Continue in sidebar", context menu). */
  const pendingDrafts = new Map<number, string>();

  function post(port: Port, message: SidebarPush) {
    try {
      port.postMessage(message);
    } catch {
      // The frame went away between the lookup and the post.
    }
  }

  async function onConnect(port: Port) {
    if (port.name !== SIDEBAR_PORT) return;
    // Only our sidebar page, framed in an enabled portal tab (registry PORTS; one sender check).
    const { admitted, sender } = await admitPort(port);
    const tabId = sender.tabId;
    if (!admitted || tabId === undefined) {
      // A page that is not an enabled portal framed our sidebar: it gets nothing but the reason.
      if (sender.kind === 'extension-page' && sender.url.startsWith(sidebarUrl) && tabId !== undefined)
        post(port, { type: 'not-a-portal' });
      port.disconnect();
      return;
    }
    const set = ports.get(tabId) ?? new Set<Port>();
    set.add(port);
    ports.set(tabId, set);
    port.onDisconnect.addListener(() => set.delete(port));
    post(port, { type: 'context', tabId, context: await contexts.get(tabId) });
    const pending = pendingDrafts.get(tabId);
    if (pending) {
      pendingDrafts.delete(tabId);
      post(port, { type: 'open-draft', draftId: pending });
    }
  }

  return {
    onConnect,
    push(tabId: number, message: SidebarPush) {
      for (const port of ports.get(tabId) ?? []) post(port, message);
    },
    /** Ask the tab's sidebar to open a draft; if none is connected yet, it gets it on connect. */
    openDraft(tabId: number, draftId: string) {
      const set = ports.get(tabId);
      if (set && set.size) for (const port of set) post(port, { type: 'open-draft', draftId });
      else pendingDrafts.set(tabId, draftId);
    },
  };
}
export type SidebarPorts = ReturnType<typeof createSidebarPorts>;
