/**
 * The browser side of the Options page: settings and portals in `storage.local`, host permissions,
 * reading an open tab for "Test", the plan catalog, and the drafts database for backup/restore.
 */
import { browser } from 'wxt/browser';
import { CatalogSchema, EXAMPLE_CATALOG, type Catalog } from '../../lib/catalog';
import { exportBackup, importBackup } from '../../lib/db';
import { openExtensionDb } from '../../lib/db/extension-db';
import { extractContext } from '../../lib/portal/extract';
import { PortalProfileSchema, type PortalProfile } from '../../lib/portal/profile-schema';
import { CATALOG_KEY, readSettings, USER_PORTALS_KEY, writeSettings } from '../../lib/settings/settings';
import type { OptionsApi, ProfileTestResult } from '../../components/options/options-api';
import type { CustomDataApi } from '../../components/options/custom-data-api';
import {
  CHECKLIST_KEY,
  CUSTOM_VENDORS_KEY,
  readChecklist,
  readCustomVendors,
  writeChecklist,
  writeCustomVendors,
} from '../../lib/settings/custom-data';
import { readManaged, type ManagedAreaLike } from '../../lib/settings/managed';
import { sendToBackground } from '../../components/platform/messaging';

const MAX_PAGE_CHARS = 5_000_000;

const portalsChanged = () => sendToBackground('portals-changed', {});

/** Reads an open tab that matches the profile, as a snapshot parsed here (inert: no page script runs). */
async function testProfile(profile: PortalProfile): Promise<ProfileTestResult> {
  try {
    const tabs = await browser.tabs.query({ url: profile.urlPatterns });
    const tab = tabs.find((t) => t.id !== undefined && t.url);
    if (!tab?.id || !tab.url) return { ok: false, code: 'no-tab' };
    const [injection] = await browser.scripting.executeScript({
      target: { tabId: tab.id },
      func: (max: number) => {
        const root = Object.getOwnPropertyDescriptor(Document.prototype, 'documentElement')!.get!.call(
          document,
        ) as Element;
        return root.outerHTML.slice(0, max);
      },
      args: [MAX_PAGE_CHARS],
    });
    const html = typeof injection?.result === 'string' ? injection.result : '';
    const doc = new DOMParser().parseFromString(html, 'text/html');
    return {
      ok: true,
      url: tab.url,
      context: extractContext(doc, profile, { url: tab.url, now: new Date() }),
    };
  } catch (error) {
    return { ok: false, code: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

/** The Options page's {@link OptionsApi} over the real browser. */
export function createOptionsApi(): OptionsApi {
  const area = browser.storage.local;
  const db = openExtensionDb(browser.storage);
  return {
    loadSettings: () => readSettings(area),
    async saveSettings(patch) {
      const next = await writeSettings(area, patch);
      if ('loopbackEnabled' in patch) await portalsChanged();
      return next;
    },
    async listUserPortals() {
      const raw = (await area.get(USER_PORTALS_KEY))[USER_PORTALS_KEY];
      return (Array.isArray(raw) ? raw : []).flatMap((p) => {
        const parsed = PortalProfileSchema.safeParse(p);
        return parsed.success ? [parsed.data] : [];
      });
    },
    async saveUserPortals(portals) {
      await area.set({ [USER_PORTALS_KEY]: portals });
      await portalsChanged();
    },
    requestOrigins: (patterns) => browser.permissions.request({ origins: patterns }),
    testProfile,
    async loadCatalog(): Promise<Catalog> {
      const parsed = CatalogSchema.safeParse((await area.get(CATALOG_KEY))[CATALOG_KEY]);
      return parsed.success ? parsed.data : EXAMPLE_CATALOG;
    },
    async saveCatalog(catalog) {
      await area.set({ [CATALOG_KEY]: catalog });
    },
    async exportBackup() {
      const result = await exportBackup(db);
      return result.ok
        ? { ok: true, json: result.json, drafts: result.drafts }
        : { ok: false, message: result.error.message };
    },
    importBackup: (text, mode) => importBackup(db, text, { mode }),
    download(filename, text, mime) {
      const url = URL.createObjectURL(new Blob([text], { type: mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };
}

/**
 * The Options page's {@link CustomDataApi}: vendor profiles and checklist in `storage.local`, the
 * administrator's policy in `storage.managed` (absent or rejecting = nothing managed).
 */
export function createCustomDataApi(): CustomDataApi {
  const area = browser.storage.local;
  const managed = browser.storage.managed as ManagedAreaLike | undefined;
  return {
    loadCustomVendors: () => readCustomVendors(area),
    saveCustomVendors: (vendors) => writeCustomVendors(area, vendors),
    loadChecklist: () => readChecklist(area),
    saveChecklist: (checklist) => writeChecklist(area, checklist),
    loadManaged: () => readManaged(managed),
    watch(listener) {
      const onChanged = (changes: Record<string, unknown>, areaName: string) => {
        if (
          areaName === 'managed' ||
          (areaName === 'local' && (CUSTOM_VENDORS_KEY in changes || CHECKLIST_KEY in changes))
        )
          listener();
      };
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    },
  };
}
