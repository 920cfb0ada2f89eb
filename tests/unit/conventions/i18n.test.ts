/**
 * Every user-visible string goes through i18n, in English and French (issue 2). These checks keep
 * that honest: both locales have the same keys and placeholders, and every key the code asks for
 * with a literal exists.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (locale: string): Messages =>
  JSON.parse(readFileSync(path.join(root, 'public/_locales', locale, 'messages.json'), 'utf8'));
const en = load('en');
const fr = load('fr');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe('locales', () => {
  it('English and French have the same keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('every message is non-empty and uses the placeholders it declares', () => {
    for (const [locale, messages] of [['en', en] as const, ['fr', fr] as const]) {
      for (const [key, entry] of Object.entries(messages)) {
        expect(entry.message.trim(), `${locale}:${key}`).not.toBe('');
        const used = [...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();
        const declared = Object.keys(entry.placeholders ?? {}).map((k) => k.toLowerCase()).sort();
        expect(used, `${locale}:${key}`).toEqual(declared);
      }
    }
  });

  it('French placeholders match English ones', () => {
    for (const key of Object.keys(en)) {
      expect(Object.keys(fr[key]?.placeholders ?? {}).sort(), key).toEqual(Object.keys(en[key]!.placeholders ?? {}).sort());
    }
  });

  it('every literal key the code looks up exists', () => {
    const files = [...sourceFiles(path.join(root, 'components')), ...sourceFiles(path.join(root, 'entrypoints'))];
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:t|getMessage|msg)\(\s*'([A-Za-z0-9_]+)'/g)) {
        if (!(m[1]! in en)) missing.push(`${path.relative(root, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
