#!/usr/bin/env node
// Runs the end-to-end suite against the built extension (.output/chrome-mv3), with the system Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../support/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
if (!existsSync(path.join(root, '.output/chrome-mv3/manifest.json'))) {
  console.error('e2e: no build in .output/chrome-mv3 — run `npm run build` first.');
  process.exit(1);
}
try {
  findChromium();
} catch (error) {
  console.error(`e2e: ${error.message}`);
  process.exit(1);
}
const result = spawnSync(
  'npx',
  ['playwright', 'test', '--config', 'tests/e2e/playwright.config.ts', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
