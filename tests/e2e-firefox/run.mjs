#!/usr/bin/env node
// Runs the Firefox smoke suite against the built add-on (.output/firefox-mv2), with Debian's Firefox ESR
// driven over WebDriver BiDi (puppeteer-core). Extra arguments go to `node --test` (e.g.
// `--test-name-pattern=popup`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFirefox } from '../support/firefox.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
if (!existsSync(path.join(root, '.output/firefox-mv2/manifest.json'))) {
  console.error('e2e (Firefox): no build in .output/firefox-mv2 — run `npm run build:firefox` first.');
  process.exit(1);
}
try {
  findFirefox();
} catch (error) {
  console.error(`e2e (Firefox): ${error.message}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', ...process.argv.slice(2), 'tests/e2e-firefox/smoke.test.mjs'],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
