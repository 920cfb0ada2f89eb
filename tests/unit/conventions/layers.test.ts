/**
 * The architecture's rules, checked on the source (DESIGN §3; issue 3: "lib/ has no import of wxt,
 * browser, react or DOM globals — a test or lint rule enforces it"; the lint rule exists too).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}
const stripComments = (s: string) => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('layers', () => {
  it('lib/ imports no browser, WXT or React code and uses no DOM globals', () => {
    const offenders: string[] = [];
    for (const file of files(path.join(root, 'lib'))) {
      const code = stripComments(readFileSync(file, 'utf8'));
      if (/from\s+['"](wxt|wxt\/[^'"]*|@wxt-dev\/[^'"]*|webextension-polyfill|react|react-dom(\/[^'"]*)?)['"]/.test(code))
        offenders.push(`${path.relative(root, file)}: framework import`);
      if (/(^|[^.\w$])(document|window|navigator|chrome|browser|localStorage)\s*\./m.test(code))
        offenders.push(`${path.relative(root, file)}: DOM/extension global`);
    }
    expect(offenders).toEqual([]);
  });

  it('the content script never loads the database, React or zod', () => {
    const offenders: string[] = [];
    for (const file of files(path.join(root, 'entrypoints/portal'))) {
      const code = stripComments(readFileSync(file, 'utf8'));
      if (/from\s+['"](dexie|react|react-dom|zod)['"]|lib\/db|components\/|indexedDB/.test(code))
        offenders.push(path.relative(root, file));
    }
    expect(offenders).toEqual([]);
  });

  it('no raw HTML sinks or eval in product code', () => {
    const offenders: string[] = [];
    for (const dir of ['lib', 'components', 'entrypoints']) {
      for (const file of files(path.join(root, dir))) {
        const code = stripComments(readFileSync(file, 'utf8'));
        if (/\.innerHTML\s*=|dangerouslySetInnerHTML|insertAdjacentHTML|outerHTML\s*=|\beval\(|new Function\(/.test(code))
          offenders.push(path.relative(root, file));
      }
    }
    expect(offenders).toEqual([]);
  });
});
