import path from 'node:path';
import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';
import type { Plugin } from 'vite';
// Loopback (any port) is where the demo portal runs: enabled by default, can be turned off in Options.
import { LOOPBACK_PATTERNS } from './lib/settings/settings';

/**
 * Issue 20: drops zod's `new Function` probe from the bundle. The extensions' CSP forbids eval and every
 * entry sets zod's `jitless` first (lib/zod-jitless.ts), so the probe is dead code — which `web-ext lint`
 * reports as DANGEROUS_EVAL. The build fails if zod's code changes shape, rather than ship the probe.
 */
function zodWithoutEvalProbe(): Plugin {
  const probe =
    /try\s*\{\s*const F = Function;\s*new F\(""\);\s*return true;\s*\}\s*catch \(_\)\s*\{\s*return false;\s*\}/;
  return {
    name: 'zod-without-eval-probe',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/.test(id)) return null;
      if (!probe.test(code))
        throw new Error(`zod's eval probe not found in ${id}: update zodWithoutEvalProbe`);
      return { code: code.replace(probe, 'return false;'), map: null };
    },
  };
}

/**
 * Issue 20: React DOM in a chunk of its own (`chunks/react-dom-*.js`). Its `dangerouslySetInnerHTML`
 * path is the one `innerHTML` assignment `web-ext lint` flags; our code never uses that prop (tests/unit/
 * conventions/layers.test.ts), so `npm run lint:firefox` skips exactly this third-party file.
 *
 * Issue 15 item 4 ("pages that open at once"): each large library in a chunk of its own too, so a page
 * loads only the ones its own imports reach — Dexie only in the pages that open the database (drafts
 * tab, options), luxon only where the SLA/date code is imported — instead of one shared chunk that
 * every page fetched and evaluated whole (~190–216 KB gzip per page before).
 */
const VENDOR_CHUNKS: ReadonlyArray<[RegExp, string]> = [
  [/[\\/]node_modules[\\/]react-dom[\\/]/, 'react-dom'],
  [/[\\/]node_modules[\\/](react|scheduler)[\\/]/, 'react'],
  // Dexie with the modules that call it: the rest of lib/db (schemas, journal entries) stays shared.
  [
    /[\\/]node_modules[\\/]dexie[\\/]|[\\/]lib[\\/](db[\\/](database|drafts-repo|extension-db)|drafts[\\/]drafts-api)\.ts$/,
    'dexie',
  ],
  [/[\\/]node_modules[\\/]luxon[\\/]/, 'luxon'],
  // (zod stays with the app code: in a chunk of its own its namespace object is kept whole.)
  [/[\\/]node_modules[\\/]webextension-polyfill[\\/]/, 'polyfill'],
];

function vendorChunks(): Plugin {
  return {
    name: 'vendor-chunks',
    // Only the pages' build splits chunks; WXT bundles each script (content, background) into one file.
    outputOptions(options) {
      const unsplit =
        (options as { codeSplitting?: unknown }).codeSplitting === false || options.inlineDynamicImports;
      if (unsplit) return null;
      return {
        ...options,
        // Each group holds only the modules it matches (not their dependencies: zod, luxon and the
        // shared lib code would otherwise be pulled into the Dexie chunk and loaded by every page);
        // strict execution order keeps module evaluation order across the finer chunks.
        strictExecutionOrder: true,
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: VENDOR_CHUNKS.map(([test, name]) => ({ name, test })),
        },
      } as typeof options;
    },
  };
}

/**
 * Issue 15 item 4: zod's JSON-schema code only where it is used. zod 4 attaches a JSON-schema
 * processor to every schema it constructs (`inst._zod.processJSONSchema = …`) and a `toJSONSchema`
 * method to each, which keeps `json-schema-processors.js` and `to-json-schema.js` (~64 KB raw) in every
 * page. The extension converts schemas to JSON Schema only at development time
 * (lib/settings/managed-schema.ts writes public/managed-schema.json, checked by a unit test, never in
 * a page): the page build drops those assignments and imports. The build fails if zod's code changes
 * shape rather than ship a half-stripped zod.
 */
function zodWithoutJsonSchema(): Plugin {
  const processorImport = 'import * as processors from "../core/json-schema-processors.js";';
  const methodImport =
    'import { createStandardJSONSchemaMethod, createToJSONSchemaMethod } from "../core/to-json-schema.js";';
  const assignment =
    /^\s*inst\._zod\.processJSONSchema = \(ctx, json, params\) => processors\.\w+\([^\n]*\);\n/gm;
  return {
    name: 'zod-without-json-schema',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]zod[\\/]v4[\\/]classic[\\/]schemas\.js$/.test(id)) return null;
      if (!code.includes(processorImport) || !code.includes(methodImport))
        throw new Error(`zod's JSON-schema imports not found in ${id}: update zodWithoutJsonSchema`);
      const out = code
        // `aggregateChecks` (the min/max/format getters) is all the classic schemas read from it otherwise.
        .replace(
          processorImport,
          'import { aggregateChecks } from "../core/json-schema-processors.js";\nconst processors = { aggregateChecks };',
        )
        .replace(
          methodImport,
          'const createToJSONSchemaMethod = () => () => { throw new Error("toJSONSchema is not in the extension build"); };\n' +
            'const createStandardJSONSchemaMethod = createToJSONSchemaMethod;',
        )
        .replace(assignment, '');
      if (/\bprocessors\.(?!aggregateChecks\b|js\b)\w/.test(out) || out.includes('processJSONSchema'))
        throw new Error(
          `zod's JSON-schema processors still referenced in ${id}: update zodWithoutJsonSchema`,
        );
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  hooks: {
    // Issue 20: the privacy statement ships inside the package (Options links to it), as plain text so
    // every browser shows it rather than downloading it.
    'build:publicAssets': (wxt, files) => {
      files.push({ absoluteSrc: path.resolve(wxt.config.root, 'PRIVACY.md'), relativeDest: 'privacy.txt' });
    },
  },
  // Explicit imports everywhere: a reader sees where each name comes from.
  imports: false,
  vite: () => ({
    plugins: [tailwindcss(), zodWithoutEvalProbe(), zodWithoutJsonSchema(), vendorChunks()],
    build: {
      modulePreload: {
        // Issue 15 item 4: popup.html's first field is focused by a tiny script of its own
        // (entrypoints/popup-fast.ts); the form's ~15 chunks, preloaded at once, made that script's fetch
        // wait behind them (measured: first focus ~120 → ~78 ms median without them). The popup's entry
        // still imports them all as soon as it has loaded: one round trip later, while the static field
        // already takes the agent's keys. Every other page keeps its preloads.
        resolveDependencies: (_file, deps, { hostId, hostType }) =>
          hostType === 'html' && /[\\/]popup[\\/]index\.html$/.test(hostId) ? [] : deps,
      },
    },
  }),
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
    ],
    // Least privilege: no <all_urls>. Loopback for the demo portal; every other portal is an optional
    // host permission requested from a user gesture in Options.
    host_permissions: [...LOOPBACK_PATTERNS],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Firefox builds MV2, where optional hosts are optional permissions.
    ...(browser === 'firefox' ? { optional_permissions: ['https://*/*', 'http://*/*'] } : {}),
    // The toolbar button's title (translated, __MSG_actionTitle__) is the popup's <title>: WXT takes
    // it from entrypoints/popup/index.html and would override one set here.
    // Issue 20: the CSS (Tailwind 4: cascade layers, @property, color-mix()) needs Chrome 111+.
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '111' }),
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
              // Issue 20: `data_collection_permissions` (AMO's data consent) is read from Firefox 140
              // (desktop; 142 on Android) — an older minimum makes `web-ext lint` warn. 140 is an ESR.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads `data_collection_permissions` from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
