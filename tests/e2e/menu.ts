/**
 * "Escalate this ICCID" without a real right-click: headless Chromium cannot open the context menu, so
 * the click is delivered to the background's `contextMenus.onClicked` listeners with the selection and
 * the tab the agent would have right-clicked in (see context-menu.spec.ts).
 */
import type { Worker } from '@playwright/test';

export async function escalateByMenu(sw: Worker, selectionText: string, tabUrl: string): Promise<void> {
  await sw.evaluate(
    async ({ selectionText, tabUrl }) => {
      const [tab] = await chrome.tabs.query({ url: tabUrl });
      const event = chrome.contextMenus.onClicked as unknown as { dispatch: (...args: unknown[]) => void };
      event.dispatch({ menuItemId: 'escalate-iccid', selectionText, editable: false, pageUrl: tabUrl }, tab);
    },
    { selectionText, tabUrl },
  );
}
