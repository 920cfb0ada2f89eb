// @vitest-environment jsdom
/**
 * Issue 15: the content script scans in slices (startIccidScan) and long runs of text piece by piece.
 * The sliced scan must find exactly what the one-shot scan finds: on every fixture page, and on random
 * pages whose ICCIDs straddle piece boundaries (property test). A 5 MB text node is read, not dropped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../../lib/telecom/iccid';
import {
  scanIccids,
  startIccidScan,
  type IccidOccurrence,
  type IccidScan,
  type ScanLimits,
} from '../../../lib/portal/scanner';
import { FIXTURES, loadFixture, page } from './load-fixture';

function iccid(i: number): string {
  const body = '8944500013' + String(i).padStart(9, '0');
  return body + luhnCheckDigit(body);
}
const group = (digits: string): string => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

/** Runs a sliced scan that yields as often as it can (every check), with small pieces. */
function sliced(root: Node, piece: number, limits: ScanLimits = {}): { scan: IccidScan; slices: number } {
  const scan = startIccidScan(root, limits, { piece });
  let slices = 1;
  while (!scan.step(() => true)) slices++;
  return { scan: scan.result(), slices };
}

/** An occurrence as comparable data (nodes compared by identity). */
const shape = (o: IccidOccurrence) => [o.iccid, o.startNode, o.startOffset, o.endNode, o.endOffset];

function expectSame(a: IccidScan, b: IccidScan): void {
  expect(b.iccids).toEqual(a.iccids);
  expect(b.truncated).toBe(a.truncated);
  expect(b.occurrences.length).toBe(a.occurrences.length);
  for (let i = 0; i < a.occurrences.length; i++) {
    const [x, y] = [shape(a.occurrences[i]!), shape(b.occurrences[i]!)];
    for (let k = 0; k < x.length; k++) expect(y[k] === x[k]).toBe(true);
  }
}

/** Every fixture page: with its scripts when jsdom can run them, else as static HTML. */
function fixtureFiles(): Array<[string, Document]> {
  const pages: Array<[string, Document]> = [];
  for (const dir of ['portal', 'portal-b', 'hostile']) {
    for (const file of readdirSync(FIXTURES + dir).filter((f) => f.endsWith('.html'))) {
      const url = `http://127.0.0.1:8123/${dir}/${file}`;
      let doc: Document;
      // The capture pages' scripts stop the page from timers (jsdom reports those): read them static.
      try {
        if (file.startsWith('capture-')) throw new Error('static');
        doc = loadFixture(`${dir}/${file}`, url).window.document;
      } catch {
        doc = new JSDOM(readFileText(`${dir}/${file}`), { url }).window.document;
      }
      pages.push([`${dir}/${file}`, doc]);
    }
  }
  return pages;
}

/** The fixtures' index page and every route of the demo portal (a SPA). */
function portalRoutes(): Array<[string, Document]> {
  const pages: Array<[string, Document]> = [];
  // The fixtures' index page.
  pages.push([
    'index.html',
    new JSDOM(readFileText('index.html'), { url: 'http://127.0.0.1:8123/' }).window.document,
  ]);
  // The demo portal is a SPA: every route (home, the list, each subscriber of its data, the Add plan
  // and Add line panels, the inventory).
  const subscribers = [...new Set(readFileText('portal/data.js').match(/S-\d{4}/g) ?? [])];
  expect(subscribers.length).toBeGreaterThanOrEqual(5);
  for (const route of [
    '',
    'subscribers',
    ...subscribers.map((id) => `subscribers/${id}`),
    'subscribers/S-1001/add-plan',
    'subscribers/S-1001/add-line',
    'esims',
  ]) {
    const url = `http://127.0.0.1:8123/portal/${route}`;
    pages.push([route, loadFixture('portal/index.html', url).window.document]);
  }
  return pages;
}

function readFileText(relative: string): string {
  return readFileSync(FIXTURES + relative, 'utf8');
}

describe('startIccidScan (sliced)', () => {
  // Two tests, so each stays well within the timeout on a loaded machine (jsdom runs the portal's scripts).
  it.each([
    ['every fixture file (portal, portal-b, hostile)', fixtureFiles, 10, 5],
    ['the fixtures index and every route of the demo portal', portalRoutes, 9, 5],
  ] as const)('finds exactly what the one-shot scan finds, on %s', (_, load, minPages, minWithIccids) => {
    const pages = load();
    expect(pages.length).toBeGreaterThan(minPages);
    let withIccids = 0;
    for (const [, doc] of pages) {
      const once = scanIccids(doc);
      if (once.iccids.length > 0) withIccids++;
      for (const piece of [7, 64, 4096]) expectSame(once, sliced(doc, piece).scan);
    }
    // The comparison is not vacuous: most fixture pages show ICCIDs.
    expect(withIccids).toBeGreaterThan(minWithIccids);
    for (const [, doc] of pages) doc.defaultView?.close();
  });

  it('finds what the one-shot scan finds on random pages, ICCIDs across piece boundaries (property)', () => {
    // Pieces of text: ICCIDs (grouped or not, valid or one digit off), digits, separators, words.
    const token = fc.oneof(
      fc.nat(999).map((i) => iccid(i)),
      fc.nat(999).map((i) => group(iccid(i))),
      fc.nat(999).map((i) => iccid(i).slice(0, 19) + ((Number(iccid(i)[19]) + 1) % 10)),
      fc.stringMatching(/^[0-9]{1,12}$/),
      fc.constantFrom(' ', '-', '.', '\u00a0', '  ', '\n', ', ', 'ICCID ', 'x'),
    );
    const text = fc.array(token, { maxLength: 30 }).map((parts) => parts.join(''));
    // A page: blocks of inline runs (text split over <span>/<b>), table cells and <br>.
    const inline = fc.array(fc.tuple(fc.constantFrom('', 'span', 'b'), text), { minLength: 1, maxLength: 4 });
    const block = fc.tuple(fc.constantFrom('p', 'div', 'td', 'li'), inline);
    const pageArb = fc.array(block, { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(pageArb, fc.integer({ min: 1, max: 80 }), (blocks, piece) => {
        const doc = page('');
        for (const [tag, parts] of blocks) {
          const holder = doc.createElement(tag === 'td' ? 'div' : tag);
          for (const [inner, t] of parts) {
            if (inner === '') holder.append(doc.createTextNode(t));
            else {
              const e = doc.createElement(inner);
              e.textContent = t;
              holder.append(e);
            }
          }
          doc.body.append(holder);
        }
        expectSame(scanIccids(doc), sliced(doc, piece).scan);
      }),
      { numRuns: 150 },
    );
  });

  it('reads a 5 MB text node whole: its ICCIDs are found, first to last (issue 15)', () => {
    const line = 'row status active, notes: nothing to report here today ......... ';
    const filler = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
    const ids = [iccid(1), iccid(2), iccid(3)];
    const text = `${ids[0]} ${filler.slice(0, 2_600_000)}\n${group(ids[1]!)}\n${filler.slice(2_600_000)} ${ids[2]}`;
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    const doc = page('');
    doc.body.append(doc.createTextNode(text));
    expect(scanIccids(doc).iccids).toEqual(ids);
    const { scan, slices } = sliced(doc, 32_768);
    expect(scan.iccids).toEqual(ids);
    // Read piece by piece (the content script yields between pieces), not in one go.
    expect(slices).toBeGreaterThan(100);
  });

  it('stops at the character limit inside a node, keeping what comes before it', () => {
    const doc = page('');
    doc.body.append(doc.createTextNode(`${iccid(1)} ${'a'.repeat(5000)} ${iccid(2)}`));
    const scan = scanIccids(doc, { maxChars: 3000 });
    expect(scan.iccids).toEqual([iccid(1)]);
    expect(scan.truncated).toBe(true);
  });
});

describe('issue 16: ICCIDs beside unrelated short numbers, sliced as one-shot', () => {
  it('finds "n° 3 <ICCID>" rows, and the sliced scan equals the one-shot scan (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 99_999 })), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.integer({ min: 1, max: 40 }),
        (rows, piece) => {
          const doc = new JSDOM('<!doctype html><body></body>').window.document;
          for (const [n, i] of rows) {
            const p = doc.createElement('p');
            p.textContent = `n° ${n} ${iccid(i)} ${n % 7}`;
            doc.body.append(p);
          }
          const once = scanIccids(doc.body);
          expect(once.iccids).toEqual([...new Set(rows.map(([, i]) => iccid(i)))]);
          expectSame(once, sliced(doc.body, piece).scan);
        },
      ),
      { numRuns: 50 },
    );
  });
});
