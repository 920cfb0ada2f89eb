/**
 * The architecture's rules, checked on the source (DESIGN §3; issue 3: "lib/ has no import of wxt,
 * browser, react or DOM globals — a test or lint rule enforces it"; the lint rule exists too; issue 13:
 * rules never import the store, the store never imports a use case, components touch the browser only
 * in components/platform/, the content script loads only zod-free modules).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
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

const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');

/** Every import/export-from/dynamic import of a module, with whether it is erased at build (type-only). */
function imports(code: string): Array<{ spec: string; typeOnly: boolean }> {
  const found: Array<{ spec: string; typeOnly: boolean }> = [];
  const staticRe = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of code.matchAll(staticRe)) {
    const clause = (m[3] ?? '').trim();
    // `import { type A, type B } from …` is erased too (no verbatimModuleSyntax: the bundler drops it).
    const named = /^\{([\s\S]*)\}$/.exec(clause);
    const allTypes =
      named !== null &&
      named[1]!.split(',').map((x) => x.trim()).filter(Boolean).every((x) => x.startsWith('type '));
    found.push({ spec: m[4]!, typeOnly: m[2] !== undefined || allTypes });
  }
  for (const m of code.matchAll(/(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g)) found.push({ spec: m[1]!, typeOnly: false });
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1]!, typeOnly: false });
  return found;
}

/** The file a relative import names (`./x` → x.ts, x.tsx, x/index.ts…), or null (JSON, CSS, packages). */
function resolveRelative(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (/\.(ts|tsx)$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The content script's entry points (DESIGN §3: it loads no React, zod or Dexie). */
const CONTENT_SCRIPT_ENTRIES = [
  ...files(path.join(root, 'entrypoints/portal')),
  path.join(root, 'entrypoints/portal-guard.ts'),
  path.join(root, 'entrypoints/capture-bridge.ts'),
  path.join(root, 'entrypoints/api-capture.ts'),
];

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

  it('rules never import the store or the use cases (lib/telecom, portal, catalog, escalation, evidence)', () => {
    const offenders: string[] = [];
    for (const floor of ['telecom', 'portal', 'catalog', 'escalation', 'evidence']) {
      for (const file of files(path.join(root, 'lib', floor))) {
        for (const { spec } of imports(stripComments(readFileSync(file, 'utf8')))) {
          const target = spec.startsWith('.') ? rel(path.resolve(path.dirname(file), spec)) : spec;
          if (/(^|\/)lib\/(db|drafts)(\/|$)/.test(target)) offenders.push(`${rel(file)} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the store (lib/db) never imports the use cases above it (lib/drafts)', () => {
    const offenders: string[] = [];
    for (const file of files(path.join(root, 'lib/db'))) {
      for (const { spec } of imports(stripComments(readFileSync(file, 'utf8')))) {
        const target = spec.startsWith('.') ? rel(path.resolve(path.dirname(file), spec)) : spec;
        if (/(^|\/)lib\/drafts(\/|$)/.test(target)) offenders.push(`${rel(file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('components touch browser APIs only in components/platform/', () => {
    const offenders: string[] = [];
    const platform = path.join(root, 'components/platform');
    for (const file of files(path.join(root, 'components'))) {
      if (file.startsWith(platform + path.sep)) continue;
      const code = stripComments(readFileSync(file, 'utf8'));
      if (imports(code).some(({ spec }) => spec === 'wxt/browser' || spec === 'webextension-polyfill'))
        offenders.push(`${rel(file)}: imports wxt/browser`);
      if (/(^|[^.\w$])(browser|chrome)\s*\./m.test(code)) offenders.push(`${rel(file)}: uses browser.*`);
    }
    expect(offenders).toEqual([]);
  });

  it('the content script reaches, through its relative imports, no module that imports zod, Dexie or React', () => {
    const offenders: string[] = [];
    const seen = new Map<string, string[]>(); // file → the import chain that reached it
    const queue: string[] = [];
    for (const entry of CONTENT_SCRIPT_ENTRIES) {
      seen.set(entry, [rel(entry)]);
      queue.push(entry);
    }
    while (queue.length > 0) {
      const file = queue.shift()!;
      const chain = seen.get(file)!;
      for (const { spec, typeOnly } of imports(stripComments(readFileSync(file, 'utf8')))) {
        if (typeOnly) continue; // erased at build: loads nothing
        if (/^(zod|dexie|react|react-dom)(\/|$)/.test(spec)) {
          offenders.push(`${chain.join(' → ')} imports '${spec}'`);
          continue;
        }
        const next = resolveRelative(file, spec);
        if (next && !seen.has(next)) {
          seen.set(next, [...chain, rel(next)]);
          queue.push(next);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(CONTENT_SCRIPT_ENTRIES.length); // the walk did follow imports
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
