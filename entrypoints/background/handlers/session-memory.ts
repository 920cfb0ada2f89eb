/**
 * Issue 20: what the extension pages keep in the browser session's memory — the case checklist's ticks
 * and a draft's secret fields — held here, in the background's `storage.session`, and the pages a
 * framed page cannot open itself. One code path in both browsers: in Firefox the sidebar, an
 * extension page framed in the portal, gets only content-script APIs (no `storage.session`, no `tabs`,
 * no `runtime.openOptionsPage`; w3c/webextensions#787, Mozilla's intended behaviour).
 * Secrets stay in memory (DESIGN §2): `storage.session` is never written to disk, and nothing here
 * logs a value.
 */
import { browser } from 'wxt/browser';
import type { StorageAreaLike } from '../../../lib/settings/storage-area';
import type { FeatureHandlers } from '../router';

const SECRETS_PREFIX = 'ticket-secrets:';

/** Stored ticks, re-checked on the way out (storage is a boundary): junk entries are dropped. */
function stepIds(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v.length <= 64).slice(0, 200)
    : [];
}

function secretValues(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** What the background opens for a framed page. */
export interface PageOpener {
  openOptions(): Promise<void>;
  openTab(url: string): Promise<unknown>;
}

const browserOpener: PageOpener = {
  openOptions: () => browser.runtime.openOptionsPage(),
  openTab: (url) => browser.tabs.create({ url }),
};

/** `area` is the background's `storage.session` (injectable for tests). */
export function sessionMemoryHandlers(
  area: StorageAreaLike,
  opener: PageOpener = browserOpener,
): FeatureHandlers<
  | 'get-case-checklist'
  | 'set-case-checklist'
  | 'get-ticket-secrets'
  | 'set-ticket-secrets'
  | 'open-extension-page'
> {
  return {
    async 'get-case-checklist'({ key }) {
      return stepIds((await area.get(key))[key]);
    },
    async 'set-case-checklist'({ key, done }) {
      await area.set({ [key]: done });
      return null;
    },
    async 'get-ticket-secrets'({ draftId }) {
      const key = SECRETS_PREFIX + draftId;
      return secretValues((await area.get(key))[key]);
    },
    async 'set-ticket-secrets'({ draftId, values }) {
      const key = SECRETS_PREFIX + draftId;
      // No field left: nothing to keep for this draft.
      if (Object.keys(values).length === 0) await area.remove(key);
      else await area.set({ [key]: values });
      return null;
    },
    async 'open-extension-page'({ page }) {
      if (page === 'options') await opener.openOptions();
      else await opener.openTab(browser.runtime.getURL('/drafts.html'));
      return null;
    },
  };
}
