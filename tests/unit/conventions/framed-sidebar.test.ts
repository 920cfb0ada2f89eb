/**
 * Issue 20: in Firefox an extension page framed in a web page (our sidebar in the portal) gets only the
 * APIs of a content script — `runtime` messaging, `i18n`, `storage.local`/`.managed`/`onChanged` — and
 * no `storage.session`, `tabs`, `windows` or `runtime.openOptionsPage` (w3c/webextensions#787; Firefox's
 * test_ext_contentscript_create_iframe.js asserts it). Everything the sidebar page loads, followed
 * import by import from its entry, must ask the background for those instead (session-memory handlers).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const stripComments = (s: string) => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ])
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  return null;
}

/** Every source file the entry reaches through relative imports (static and dynamic). */
function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = stripComments(readFileSync(file, 'utf8'));
    for (const m of code.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.[^'"]+)['"]/g)) {
      const next = resolve(file, m[1]!);
      if (next) queue.push(next);
    }
  }
  return [...seen];
}

const FRAMED_PAGE_LACKS =
  /\bbrowser\.(tabs|windows|sidePanel|sidebarAction|action|browserAction|contextMenus|scripting)\b|\bstorage\.session\b|\bopenOptionsPage\b/;

describe('the framed sidebar (issue 20)', () => {
  it('uses no API a framed extension page lacks in Firefox', () => {
    const files = reachable(path.join(root, 'entrypoints/sidebar/main.tsx'));
    // The walk really covers what the sidebar renders (a broken walk would pass vacuously).
    const names = files.map((f) => path.relative(root, f));
    for (const expected of [
      'entrypoints/sidebar/sidebar-root.tsx',
      'components/ticket/ticket-editor.tsx',
      'components/platform/use-session-secrets.ts',
      'components/platform/use-case-checklist.ts',
      'components/platform/evidence-platform.ts',
    ])
      expect(names).toContain(expected);
    const offenders = files
      .filter((file) => FRAMED_PAGE_LACKS.test(stripComments(readFileSync(file, 'utf8'))))
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual([]);
  });
});
