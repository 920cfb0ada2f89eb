#!/usr/bin/env node
// Adds or updates UI strings in public/_locales/{en,fr}/messages.json in one read-modify-write.
// Usage: node tests/tools/i18n-add.mjs strings.json   where strings.json is
//   { "key": { "en": "Text with $1", "fr": "Texte avec $1", "description"?: "..." }, ... }
// `$1`…`$9` become Chrome i18n placeholders. Keys: lowerCamelCase, [A-Za-z0-9_] only.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));

for (const locale of ['en', 'fr']) {
  const file = path.join(root, 'public/_locales', locale, 'messages.json');
  const messages = JSON.parse(readFileSync(file, 'utf8'));
  for (const [key, value] of Object.entries(input)) {
    if (!/^[A-Za-z0-9_]+$/.test(key)) throw new Error(`bad key ${key}`);
    const text = value[locale];
    if (typeof text !== 'string' || !text) throw new Error(`${key}: missing ${locale}`);
    const entry = { message: text.replace(/\$(\d)/g, '$$P$1$$') };
    const numbers = [...new Set([...text.matchAll(/\$(\d)/g)].map((m) => m[1]))];
    if (numbers.length) entry.placeholders = Object.fromEntries(numbers.map((n) => [`p${n}`, { content: `$${n}` }]));
    if (value.description) entry.description = value.description;
    messages[key] = entry;
  }
  const sorted = Object.fromEntries(Object.entries(messages).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(file, JSON.stringify(sorted, null, 2) + '\n');
}
console.log(`i18n: ${Object.keys(input).length} key(s) written to en and fr`);
