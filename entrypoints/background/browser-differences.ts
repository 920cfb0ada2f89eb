/**
 * Issue 20: where Chrome (MV3) and Firefox (MV2, what WXT builds for it) differ at run time, in one
 * place. The manifest's differences are in wxt.config.ts (each marked `browser === 'firefox'`); the
 * README's "Chrome and Firefox" section lists them all. WXT sets `import.meta.env.FIREFOX` /
 * `MANIFEST_VERSION` per build, so the other browser's branch is dropped from each bundle.
 *
 * - Menus: the toolbar button's menu context is `action` in MV3 and `browser_action` in Firefox MV2;
 *   `contextMenus.create` with `action` throws in Firefox, and the menu never appeared.
 * - Toolbar button: `browser.action` (MV3) or `browser.browserAction` (MV2).
 * - Framed sidebar: a framed extension page gets only content-script APIs in Firefox (no
 *   `storage.session`, `tabs`, `runtime.openOptionsPage`): not handled here by a branch but by one path
 *   in both browsers — the sidebar asks the background (handlers/session-memory.ts).
 * - Capture: `tabs.captureVisibleTab` needs `<all_urls>` or an activeTab grant in both (Firefox 126+
 *   accepts activeTab, bug 1784920); a host permission alone is not enough. The grant comes from the
 *   toolbar button, its menu, or the keyboard command on that tab, in both browsers (capture.ts).
 * - `storage.managed`: Chrome reads the administrator's policy (Windows registry / Linux JSON policy
 *   checked against `managed_schema`); Firefox ignores `managed_schema` and reads `policies.json`,
 *   `3rdparty.Extensions.<add-on id>` (README "Deploying settings"). Where no policy exists `get()`
 *   rejects in Firefox: lib/settings/managed.ts reads that as "nothing managed".
 * - Commands: only our own `toggle-sidebar`, which both support (no `_execute_action` /
 *   `_execute_browser_action`); the shortcut is changed at chrome://extensions/shortcuts or, in Firefox,
 *   about:addons → ⚙ → Manage Extension Shortcuts.
 */
import { browser } from 'wxt/browser';

/** Manifest version of the running build (2: Firefox). */
export type ManifestVersion = 2 | 3;

/** The context of the toolbar button's own menu for a manifest version. */
export function toolbarMenuContext(manifestVersion: ManifestVersion): 'action' | 'browser_action' {
  return manifestVersion === 2 ? 'browser_action' : 'action';
}

/** This build's toolbar menu context. */
export const TOOLBAR_MENU_CONTEXT = toolbarMenuContext(import.meta.env.MANIFEST_VERSION);

/** The toolbar button's API: `action` (MV3) or `browserAction` (Firefox MV2). */
export function toolbarButton(): typeof browser.action | undefined {
  const b = browser as unknown as {
    action?: typeof browser.action;
    browserAction?: typeof browser.action;
  };
  return b.action ?? b.browserAction;
}
