/**
 * The browser side of the Options page: settings and portals in `storage.local`, host permissions,
 * reading an open tab for "Test", the plan catalog, and the drafts database for backup/restore.
 */
import { browser } from 'wxt/browser';
import { EXAMPLE_CATALOG, type Catalog } from '../../lib/catalog';
import { exportBackup, importBackup } from '../../lib/db';
import { openExtensionDb } from '../../lib/db/extension-db';
import { extractContext } from '../../lib/portal/extract';
import type { PortalProfile } from '../../lib/portal/profile-schema';
import { loadEffectiveConfig } from '../../lib/settings/effective';
import { CHECKLIST_KEY, CUSTOM_VENDORS_KEY, keyOfUnreadable } from '../../lib/settings/keys';
import {
  catalogItem,
  discardUnreadable,
  listUnreadable,
  readList,
  readValue,
  userPortalsItem,
  writeList,
  writeValue,
} from '../../lib/settings/registry';
import { writeSettings } from '../../lib/settings/settings';
import { browserConfigAreas } from '../../components/platform/storage-areas';
import type { OptionsApi, ProfileTestResult } from '../../components/options/options-api';
import type { CustomDataApi } from '../../components/options/custom-data-api';
import { readChecklist, readCustomVendors, writeChecklist, writeCustomVendors } from '../../lib/settings/custom-data';
import { readManaged } from '../../lib/settings/managed';
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
  // What Options shows is the effective configuration: the administrator's values where the policy sets them.
  const effective = async () => (await loadEffectiveConfig(browserConfigAreas(), ['settings'])).config;
  return {
    loadSettings: async () => (await effective()).settings,
    managedSettings: async () => (await effective()).managed.settings,
    async saveSettings(patch) {
      await writeSettings(area, patch);
      if ('loopbackEnabled' in patch) await portalsChanged();
      return (await effective()).settings;
    },
    // The registry keeps a portal that no longer reads aside (userPortals:unreadable) and reports it.
    listUserPortals: async () => (await readList(area, userPortalsItem)).value,
    async saveUserPortals(portals) {
      const written = await writeList(area, userPortalsItem, portals);
      if (!written.ok) throw new Error(written.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
      await portalsChanged();
    },
    requestOrigins: (patterns) => browser.permissions.request({ origins: patterns }),
    testProfile,
    async loadCatalog(): Promise<Catalog> {
      return (await readValue(area, catalogItem)).value ?? EXAMPLE_CATALOG;
    },
    async saveCatalog(catalog) {
      const written = await writeValue(area, catalogItem, catalog);
      if (!written.ok) throw new Error(written.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    },
    async exportBackup() {
      const result = await exportBackup(db);
      return result.ok
        ? { ok: true, json: result.json, drafts: result.drafts }
        : { ok: false, message: result.error.message };
    },
    importBackup: (text, mode) => importBackup(db, text, { mode }),
    async storedDrafts() {
      const [total, open] = await Promise.all([db.drafts.count(), db.drafts.filter((row) => row.status === 'open').count()]);
      return { total, open };
    },
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
  const { local: area, managed } = browserConfigAreas();
  return {
    loadCustomVendors: () => readCustomVendors(area),
    saveCustomVendors: (vendors) => writeCustomVendors(area, vendors),
    loadChecklist: () => readChecklist(area),
    saveChecklist: (checklist) => writeChecklist(area, checklist),
    loadManaged: () => readManaged(managed),
    loadUnreadable: () => listUnreadable(area),
    discardUnreadable: (key) => discardUnreadable(area, key),
    watch(listener) {
      const onChanged = (changes: Record<string, unknown>, areaName: string) => {
        if (
          areaName === 'managed' ||
          (areaName === 'local' &&
            (CUSTOM_VENDORS_KEY in changes ||
              CHECKLIST_KEY in changes ||
              Object.keys(changes).some((k) => keyOfUnreadable(k) !== null)))
        )
          listener();
      };
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    },
  };
}
