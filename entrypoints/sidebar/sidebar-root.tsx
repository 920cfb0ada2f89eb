/**
 * Shell of the sidebar page: connects to the background's sidebar channel, parses every push with
 * zod, and hands the context to the presentational components.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { SIDEBAR_PORT, SidebarPushSchema } from '../../lib/messaging/messages';
import type { PageContext } from '../../lib/portal/page-context';
import { Sidebar, type SidebarStatus } from '../../components/sidebar/sidebar';

export function SidebarRoot() {
  const [status, setStatus] = useState<SidebarStatus>('connecting');
  const [context, setContext] = useState<PageContext | null>(null);
  const [openDraftId, setOpenDraftId] = useState<string | null>(null);

  useEffect(() => {
    const port = browser.runtime.connect({ name: SIDEBAR_PORT });
    port.onMessage.addListener((raw: unknown) => {
      const parsed = SidebarPushSchema.safeParse(raw);
      if (!parsed.success) return; // only the background talks on this port; ignore anything else
      const message = parsed.data;
      if (message.type === 'context') {
        setContext(message.context);
        setStatus(message.context ? 'ready' : 'waiting');
      } else if (message.type === 'not-a-portal') setStatus('not-a-portal');
      else if (message.type === 'open-draft') setOpenDraftId(message.draftId);
    });
    return () => port.disconnect();
  }, []);

  const close = () => void browser.runtime.sendMessage({ type: 'close-sidebar' });

  return <Sidebar status={status} context={context} openDraftId={openDraftId} onClose={close} />;
}
