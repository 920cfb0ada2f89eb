/**
 * Loads a fixture page from tests/fixtures/ into jsdom with its scripts run, the way the browser
 * shows it: `<script src="/…">` tags are inlined from the fixture folder (the fixture server maps
 * `/` to tests/fixtures/). Tests only; product code never builds DOM from HTML strings.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';

/** tests/fixtures/, absolute. */
export const FIXTURES =
  path.resolve(import.meta.dirname ?? path.join(process.cwd(), 'tests/unit/portal'), '../../fixtures') +
  path.sep;

/** True when a fixture file exists (fixtures are written by another helper). */
export function hasFixture(relative: string): boolean {
  return existsSync(FIXTURES + relative);
}

/**
 * Opens `relative` (e.g. `portal/index.html`) as if served at `url`, scripts run. `beforeParse`
 * can add globals (the demo portal's fixture mode reads `window.DEMO_PORTAL_FIXTURE`).
 */
export function loadFixture(relative: string, url: string): JSDOM {
  const html = readFileSync(FIXTURES + relative, 'utf8').replace(
    /<script src="\/([^"]+)"><\/script>/g,
    (_, src: string) =>
      `<script>${readFileSync(FIXTURES + src, 'utf8').replace(/<\/script/gi, '<\\/script')}</script>`,
  );
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (e) => {
    // A script error in a fixture is a broken fixture, not something to hide.
    throw e;
  });
  return new JSDOM(html, {
    url,
    runScripts: 'dangerously',
    pretendToBeVisual: true,
    virtualConsole,
    beforeParse(window) {
      // jsdom has no scrollTo (the portal calls it after navigation) nor performance.mark
      // (inventory.html marks when its table is rendered).
      (window as unknown as { scrollTo: () => void }).scrollTo = () => {};
      const perf = window.performance as { mark?: unknown };
      if (typeof perf.mark !== 'function') perf.mark = () => undefined;
    },
  });
}

/** A static page (no scripts) for snippet tests. */
export function page(body: string, url = 'http://127.0.0.1:8080/portal/x'): Document {
  return new JSDOM(`<!doctype html><html><head><title>Test</title></head><body>${body}</body></html>`, {
    url,
  }).window.document;
}
