// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../../lib/telecom/iccid';
import { scanIccids, type IccidOccurrence } from '../../../lib/portal/scanner';
import { page } from './load-fixture';

const FRANCE = '89445000122510020012';
const JAPAN = '89445000122510020020';
const USA19 = '8901260012251003019';

/** A valid 20-digit ICCID for serial `i` (check digit computed, as the demo inventory does). */
function iccid(i: number): string {
  const body = '8944500013' + String(i).padStart(9, '0');
  return body + luhnCheckDigit(body);
}
const group = (digits: string): string => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

/** The text an occurrence covers, read back through a DOM Range as the badge code would. */
function covered(doc: Document, o: IccidOccurrence): string {
  const range = doc.createRange();
  range.setStart(o.startNode, o.startOffset);
  range.setEnd(o.endNode, o.endOffset);
  return range.toString();
}

describe('scanIccids', () => {
  it('finds valid ICCIDs, grouped or not, unique in page order, with their ranges', () => {
    const doc = page(`
      <p>Primary ${group(JAPAN)} — backup ${FRANCE}.</p>
      <table><tr><td>${USA19}</td><td>${JAPAN}</td></tr></table>`);
    const scan = scanIccids(doc);
    expect(scan.iccids).toEqual([JAPAN, FRANCE, USA19]);
    expect(scan.truncated).toBe(false);
    expect(scan.occurrences.map((o) => o.iccid)).toEqual([JAPAN, FRANCE, USA19, JAPAN]);
    expect(scan.occurrences.map((o) => covered(doc, o))).toEqual([group(JAPAN), FRANCE, USA19, JAPAN]);
  });

  it('ignores ICCIDs with a wrong check digit, a wrong length, or cut out of a longer number', () => {
    const doc = page(`<ul>
      <li>Old SIM 8944 5000 0000 0000 0018 returned</li>
      <li>Carrier case reference 894450009900000012334</li>
      <li>Typo 8944500012251001009</li>
      <li>IMEI 356938035643809</li></ul>`);
    expect(scanIccids(doc).iccids).toEqual([]);
  });

  it('joins an ICCID split over inline elements but keeps table cells and blocks apart', () => {
    const [a, b] = [group(FRANCE).slice(0, 9), group(FRANCE).slice(10)];
    const doc = page(`
      <p id="split"><span>${a}</span> <b>${b}</b></p>
      <table><tr><td>8944 5000 1225</td><td>1002 0012</td></tr></table>
      <div>8944 5000 1225<br>1002 0020</div>
      <div>8944 5000 1225<div>1002 0020</div></div>`);
    const scan = scanIccids(doc);
    expect(scan.iccids).toEqual([FRANCE]);
    const o = scan.occurrences[0] as IccidOccurrence;
    expect(o.startNode).not.toBe(o.endNode);
    expect(covered(doc, o)).toBe(group(FRANCE));
  });

  it('still finds an ICCID when a neighbouring inline text ends in a digit', () => {
    const doc = page(`<td><span>Line 1</span> <span>${group(JAPAN)}</span></td>`);
    expect(scanIccids(doc).iccids).toEqual([JAPAN]);
  });

  it("skips scripts, styles, textareas, selects, editable regions and the extension's own hosts", () => {
    const doc = page(`
      <script>var x = "${FRANCE}";</script><style>/* ${FRANCE} */</style>
      <textarea>${FRANCE}</textarea><select><option>${FRANCE}</option></select>
      <div contenteditable="true"><p>${FRANCE}</p></div>
      <div data-helpdesk-assistant><span>${FRANCE}</span></div>
      <div contenteditable="false"><p>${JAPAN}</p></div>`);
    // Our hosts are known by reference (issue 14: a page can copy the attribute onto its own nodes).
    const ours = doc.querySelector('[data-helpdesk-assistant]');
    expect(scanIccids(doc, { isOwnHost: (el) => el === ours }).iccids).toEqual([JAPAN]);
  });

  it('scans an element subtree only', () => {
    const doc = page(`<p>${FRANCE}</p><section id="s"><p>${JAPAN}</p></section>`);
    expect(scanIccids(doc.getElementById('s') as Element).iccids).toEqual([JAPAN]);
  });

  it('reads page text as data: markup-looking text is never parsed', () => {
    const doc = page('');
    const p = doc.createElement('p');
    p.textContent = `<img src=x onerror="window.__pwned=1"> ${FRANCE}`;
    doc.body.append(p);
    expect(scanIccids(doc).iccids).toEqual([FRANCE]);
    expect(doc.querySelector('img')).toBeNull();
    expect((window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('is bounded: a flood of ICCIDs stops at the limit and says so', () => {
    const doc = page('');
    const list = doc.createElement('ul');
    for (let i = 0; i < 6000; i++) {
      const li = doc.createElement('li');
      li.textContent = group(iccid(i));
      list.append(li);
    }
    doc.body.append(list);
    const t0 = performance.now();
    const scan = scanIccids(doc);
    const ms = performance.now() - t0;
    expect(scan.iccids).toHaveLength(5000);
    expect(scan.truncated).toBe(true);
    expect(scan.iccids[4999]).toBe(iccid(4999));
    // Measured, not asserted (DESIGN §4: timing is for `npm run bench`).
    console.info(`[measure] scanIccids, 6,000 ICCIDs (stops at 5,000), jsdom: ${ms.toFixed(1)} ms`);

    const small = scanIccids(doc, { maxIccids: 3 });
    expect(small.iccids).toHaveLength(3);
    expect(small.truncated).toBe(true);
    const chars = scanIccids(doc, { maxChars: 1000 });
    expect(chars.truncated).toBe(true);
    expect(chars.iccids.length).toBeLessThan(50);
  });

  it('reports the same ICCID once however often it occurs, and bounds occurrences too', () => {
    const doc = page(Array.from({ length: 30 }, () => `<p>${FRANCE}</p>`).join(''));
    const scan = scanIccids(doc, { maxOccurrences: 10 });
    expect(scan.iccids).toEqual([FRANCE]);
    expect(scan.occurrences).toHaveLength(10);
    expect(scan.truncated).toBe(true);
  });

  it("works when the document's methods are shadowed by named elements (DOM clobbering)", () => {
    const doc = page(
      `<form name="x"><input name="localName"><input name="parentNode"></form><p>${FRANCE}</p><form><p>${JAPAN}</p></form>`,
    );
    const decoy = doc.createElement('img');
    for (const name of ['querySelectorAll', 'querySelector', 'getElementById', 'body']) {
      Object.defineProperty(doc, name, { configurable: true, get: () => decoy });
    }
    for (const form of Array.from(doc.getElementsByTagName('form'))) {
      for (const name of ['localName', 'parentNode', 'textContent', 'hasAttribute']) {
        Object.defineProperty(form, name, { configurable: true, get: () => decoy });
      }
    }
    expect(scanIccids(doc).iccids).toEqual([FRANCE, JAPAN]);
  });
});
