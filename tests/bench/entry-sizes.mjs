#!/usr/bin/env node
/**
 * Per-entry code size of every extension page (issue 15, item 4): what one page's first load fetches.
 * For each `*.html` of the build, the scripts and module preloads it names, plus the static `import … from`
 * closure of those chunks (what the browser must fetch and evaluate before the page's first paint), and
 * separately the chunks that are only reachable by dynamic `import()` (loaded later, e.g. the ticket
 * editor). Sizes are gzip -9 of each file, summed; CSS is counted apart.
 *
 *   node tests/bench/entry-sizes.mjs [dir]   (default .output/chrome-mv3; prints JSON)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const STATIC_IMPORT =
  /(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.js)["']|\bexport\s*[*{][^;]*?from\s*["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"']+\.js)["'`]\s*\)/g;
// Vite's preload helper names the dependencies of a dynamic import in a list of paths.
const PRELOAD_LIST = /["'](?:\.\/|\/)?(chunks\/[^"']+\.js)["']/g;

function gz(file) {
  return zlib.gzipSync(readFileSync(file), { level: 9 }).length;
}

/** The static closure (and the dynamic-only chunks) of the given entry scripts of `dir`. */
function closure(dir, starts) {
  const seen = new Set();
  const dynamic = new Set();
  const stack = [...starts];
  while (stack.length > 0) {
    const rel = stack.pop();
    if (seen.has(rel)) continue;
    seen.add(rel);
    const file = path.join(dir, rel);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(STATIC_IMPORT)) {
      const spec = m[1] ?? m[2];
      stack.push(path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec)));
    }
    for (const m of text.matchAll(DYNAMIC_IMPORT))
      dynamic.add(path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1])));
  }
  return { seen, dynamic };
}

/** `{ [page]: { firstLoad: { files, gzipBytes, rawBytes }, lazy: {...}, cssGzipBytes } }`. */
export function entrySizes(dir) {
  const out = {};
  for (const html of readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()) {
    const text = readFileSync(path.join(dir, html), 'utf8');
    const scripts = [...text.matchAll(/<script[^>]*\bsrc="\/?([^"]+)"/g)].map((m) => m[1]);
    const preloads = [...text.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?([^"]+)"/g)].map(
      (m) => m[1],
    );
    const css = [...text.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/?([^"]+)"/g)].map((m) => m[1]);
    const first = closure(dir, [...scripts, ...preloads]);
    // Dynamic imports: the imported chunk and its own static closure, minus what the first load has.
    const lazyStarts = new Set(first.dynamic);
    for (const rel of first.seen) {
      const file = path.join(dir, rel);
      if (!existsSync(file)) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(PRELOAD_LIST)) lazyStarts.add(m[1]);
    }
    const lazy = closure(
      dir,
      [...lazyStarts].filter((f) => !first.seen.has(f)),
    );
    const lazyFiles = [...lazy.seen].filter((f) => !first.seen.has(f) && existsSync(path.join(dir, f)));
    const sum = (files) => ({
      files: files.sort(),
      gzipBytes: files.reduce((n, f) => n + gz(path.join(dir, f)), 0),
      rawBytes: files.reduce((n, f) => n + readFileSync(path.join(dir, f)).length, 0),
    });
    out[html] = {
      firstLoad: sum([...first.seen].filter((f) => existsSync(path.join(dir, f)))),
      lazy: sum(lazyFiles),
      cssGzipBytes: css.reduce((n, f) => n + (existsSync(path.join(dir, f)) ? gz(path.join(dir, f)) : 0), 0),
    };
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const arg = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const dir = path.resolve(arg ?? path.join(root, '.output/chrome-mv3'));
  const sizes = entrySizes(dir);
  for (const [page, s] of Object.entries(sizes))
    console.log(
      `${page.padEnd(14)} first load ${(s.firstLoad.gzipBytes / 1024).toFixed(1).padStart(6)} KiB gzip (${s.firstLoad.files.length} files), lazy ${(s.lazy.gzipBytes / 1024).toFixed(1).padStart(6)} KiB, css ${(s.cssGzipBytes / 1024).toFixed(1)} KiB`,
    );
  if (process.argv.includes('--json')) console.log(JSON.stringify(sizes, null, 2));
}
