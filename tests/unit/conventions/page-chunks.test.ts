/**
 * Issue 15 item 4, "pages that open at once": each extension page loads only what its first paint
 * needs — Dexie only in the pages that open the database. The popup and the sidebar reach the drafts
 * store over a port to the background (lib/messaging/drafts-rpc.ts), so nothing they import statically
 * may import Dexie (the build puts Dexie in a chunk of its own, wxt.config.ts; a static import from
 * any module of a page's graph puts that chunk in the page's first load).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');
const stripComments = (s: string) => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

/** The static imports of a module that survive the build (type-only imports are erased). */
function staticImports(code: string): string[] {
  const found: string[] = [];
  const re = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of code.matchAll(re)) {
    const clause = (m[3] ?? '').trim();
    const named = /^\{([\s\S]*)\}$/.exec(clause);
    const allTypes =
      named !== null &&
      named[1]!
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
        .every((x) => x.startsWith('type '));
    if (m[2] === undefined && !allTypes) found.push(m[4]!);
  }
  for (const m of code.matchAll(/(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g)) found.push(m[1]!);
  return found;
}

function resolveRelative(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ]) {
    if (/\.(ts|tsx)$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile())
      return candidate;
  }
  return null;
}

/** The import chains from `entry` that reach the package `pkg` statically. */
function chainsTo(entry: string, pkg: RegExp): { reached: number; chains: string[] } {
  const seen = new Map<string, string[]>([[entry, [rel(entry)]]]);
  const queue = [entry];
  const chains: string[] = [];
  while (queue.length > 0) {
    const file = queue.shift()!;
    const chain = seen.get(file)!;
    for (const spec of staticImports(stripComments(readFileSync(file, 'utf8')))) {
      if (pkg.test(spec)) {
        chains.push(`${chain.join(' → ')} imports '${spec}'`);
        continue;
      }
      const next = resolveRelative(file, spec);
      if (next && !seen.has(next)) {
        seen.set(next, [...chain, rel(next)]);
        queue.push(next);
      }
    }
  }
  return { reached: seen.size, chains };
}

describe('extension pages load only what their first paint needs (issue 15 item 4)', () => {
  for (const page of ['popup', 'sidebar']) {
    it(`the ${page} (which never opens the database) reaches Dexie through no static import`, () => {
      const { reached, chains } = chainsTo(path.join(root, `entrypoints/${page}/main.tsx`), /^dexie(\/|$)/);
      expect(reached).toBeGreaterThan(10); // the walk did follow the page's imports
      expect(chains).toEqual([]);
    });
  }

  it('the drafts tab, which opens the database, does reach Dexie (the walk sees it)', () => {
    const { chains } = chainsTo(path.join(root, 'entrypoints/drafts/main.tsx'), /^dexie(\/|$)/);
    expect(chains.length).toBeGreaterThan(0);
  });
});
