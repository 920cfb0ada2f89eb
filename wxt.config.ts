import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';
// Loopback (any port) is where the demo portal runs: enabled by default, can be turned off in Options.
import { LOOPBACK_PATTERNS } from './lib/settings/settings';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader sees where each name comes from.
  imports: false,
  vite: () => ({ plugins: [tailwindcss()] }),
  // WXT's dev runner must never try to open a browser: there is no display on CI or the dev machines.
  webExt: { disabled: true },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'unlimitedStorage',
      'contextMenus',
      'notifications',
      'activeTab',
      'scripting',
      'alarms',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // Least privilege: no <all_urls>. Loopback for the demo portal; every other portal is an optional
    // host permission requested from a user gesture in Options.
    host_permissions: [...LOOPBACK_PATTERNS],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Firefox builds MV2, where optional hosts are optional permissions.
    ...(browser === 'firefox' ? { optional_permissions: ['https://*/*', 'http://*/*'] } : {}),
    action: { default_title: '__MSG_extName__' },
    // IT admins deploy portals, catalog, vendor profiles and checklist by policy (lib/settings/managed.ts).
    storage: { managed_schema: 'managed-schema.json' },
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_commandToggleSidebar__',
      },
    },
    // The sidebar page is framed by the content script on the portal. Issue 14: in Chrome only through
    // the per-session dynamic URL (`runtime.getURL` gives it to our content script), so a page cannot
    // frame sidebar.html by the extension's fixed id. Firefox MV2 has no `use_dynamic_url`, and its
    // moz-extension:// host is already a per-install random UUID. Either way the sidebar acts only
    // after the background confirms our content script framed it (claim-sidebar-frame).
    web_accessible_resources: [
      {
        resources: ['sidebar.html'],
        matches: ['http://*/*', 'https://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'helpdesk-assistant@example.org',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
