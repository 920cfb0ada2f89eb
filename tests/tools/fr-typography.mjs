#!/usr/bin/env node
// French typography for public/_locales/fr/messages.json (issue 16 §5; checked by
// tests/unit/conventions/i18n-surfaces.test.ts): a no-break space before ":" and inside « », a narrow
// no-break space before ; ! ? — in place of a plain space only. Keeps key order (no re-sort, so a merge
// stays small). Usage: node tests/tools/fr-typography.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const file = path.join(root, 'public/_locales/fr/messages.json');
const messages = JSON.parse(readFileSync(file, 'utf8'));
let changed = 0;
for (const entry of Object.values(messages)) {
  const fixed = entry.message
    .replaceAll(' :', '\u00a0:')
    .replaceAll(' ;', '\u202f;')
    .replaceAll(' !', '\u202f!')
    .replaceAll(' ?', '\u202f?')
    .replaceAll('« ', '«\u00a0')
    .replaceAll(' »', '\u00a0»');
  if (fixed !== entry.message) {
    entry.message = fixed;
    changed++;
  }
}
writeFileSync(file, JSON.stringify(messages, null, 2) + '\n');
console.log(`fr typography: ${changed} message(s) fixed`);
