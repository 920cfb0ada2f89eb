// @vitest-environment jsdom
/**
 * lib/evidence/mask-areas (issue 14, item 5) on jsdom fixtures with stubbed layout: jsdom has no
 * layout, so each text node and element gets a fake rect (its index in a grid), and the test checks
 * WHICH nodes are covered. The real pixels are checked end to end (tests/e2e/hostile-mask.spec.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findMaskAreas, identifierSpans, type Box } from '../../../lib/evidence/mask-areas';
import { prop } from '../../../lib/portal/safe-dom';
import { imageBlocks, MaskPlanSchema, uninspected } from '../../../lib/evidence/mask-plan';

/** Each element's box: 100 px high rows, one per element, in document order; text ranges: their node's row. */
const rows = new Map<Node, number>();
const rowOf = (node: Node): number => {
  let row = rows.get(node);
  if (row === undefined) {
    row = rows.size;
    rows.set(node, row);
  }
  return row;
};
const rect = (row: number, x = 0, width = 200) =>
  ({ left: x, top: row * 10, width, height: 10, right: x + width, bottom: row * 10 + 10, x, y: row * 10 }) as DOMRect;

/** Fake layout in a window (the top page's, or a frame's: each realm has its own prototypes). */
function stubLayout(win: Window & typeof globalThis, top?: number) {
  win.Element.prototype.getBoundingClientRect = function (this: Element) {
    return rect(rowOf(this), 0, 300);
  };
  // A range's rects: one per text node it touches, 10 px per character from its start offset.
  (win.Range.prototype as unknown as { getClientRects(): DOMRect[] }).getClientRects = function (this: Range) {
    return [rect(top ?? rowOf(this.startContainer), this.startOffset * 10, (this.endOffset - this.startOffset) * 10)];
  };
}

beforeEach(() => {
  rows.clear();
  vi.spyOn(window, 'innerWidth', 'get').mockReturnValue(1000);
  vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(1000);
  stubLayout(window);
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

/** Rows of the nodes covered by a plan's identifier boxes. */
const coveredRows = (boxes: Box[]) => [...new Set(boxes.map((b) => Math.round(b.y / 10)))].sort((a, b) => a - b);

describe('identifierSpans', () => {
  it('finds ICCIDs (Luhn-checked), international phone numbers and 15-digit IMSIs', () => {
    const text = 'ICCID 8944 5000 1225 1002 0012, bad 8944 5000 1225 1002 0013, +33 6 12 34 56 78, IMSI 208150123456789';
    const found = identifierSpans(text).map(([s, e]) => text.slice(s, e));
    expect(found).toEqual(['8944 5000 1225 1002 0012', '+33 6 12 34 56 78', '208150123456789']);
  });
});

describe('findMaskAreas', () => {
  it('covers a number split across inline elements, each piece by its own rects', () => {
    document.body.innerHTML = '<p id="p"><span id="a">8944 5000</span><span id="b">1225 1002 0012</span></p>';
    const a = document.getElementById('a')!.firstChild!;
    const b = document.getElementById('b')!.firstChild!;
    const plan = findMaskAreas(document);
    expect(plan.found).toBe(1);
    expect(coveredRows(plan.identifiers)).toEqual([rowOf(a), rowOf(b)].sort((x, y) => x - y));
    // The whole of each piece: 9 and 14 characters.
    expect(plan.identifiers.map((box) => box.width).sort((x, y) => x - y)).toEqual([90, 140]);
  });

  it('keeps table cells apart: an ICCID next to a cell holding a digit is still found', () => {
    document.body.innerHTML = '<table><tr><td id="i">89445000122510010013</td><td>7</td></tr></table>';
    const plan = findMaskAreas(document);
    expect(plan.found).toBe(1);
    expect(coveredRows(plan.identifiers)).toEqual([rowOf(document.getElementById('i')!.firstChild!)]);
  });

  it('glues block elements too (a page can lay divs out inline), for Luhn-checked ICCIDs', () => {
    document.body.innerHTML = '<div><div id="a">8944 5000 1225</div><div id="b">1002 0012</div></div>';
    const plan = findMaskAreas(document);
    expect(plan.found).toBe(1);
    expect(plan.identifiers).toHaveLength(2);
  });

  it('covers the box of a control whose value, placeholder or shown option holds an identifier', () => {
    document.body.innerHTML =
      '<input id="v" value="8944 5000 1225 1002 0012"><input id="ph" placeholder="e.g. +33 6 12 34 56 78">' +
      '<input id="pw" type="password" value="8944 5000 1225 1002 0012"><textarea id="t">IMSI 208150123456789</textarea>' +
      '<select id="s"><option>Spain</option><option selected>France — 8944 5000 1225 1002 0012</option></select>' +
      '<select id="hiddenOption"><option selected>Spain</option><option>France — 8944 5000 1225 1002 0012</option></select>' +
      '<input id="plain" value="no number here">';
    const plan = findMaskAreas(document);
    const ids = ['v', 'ph', 't', 's'].map((id) => rowOf(document.getElementById(id)!));
    expect(coveredRows(plan.identifiers)).toEqual(ids);
    expect(plan.found).toBe(4);
  });

  it('reads open shadow roots recursively, and closed ones through the caller', () => {
    document.body.innerHTML = '<div id="outer"></div><div id="closed"></div>';
    const outer = document.getElementById('outer')!.attachShadow({ mode: 'open' });
    const inner = document.createElement('div');
    outer.append(inner);
    inner.attachShadow({ mode: 'open' }).append(document.createTextNode('8944 5000 1225 1002 0012'));
    const closedRoot = document.getElementById('closed')!.attachShadow({ mode: 'closed' });
    closedRoot.append(document.createTextNode('ICCID 8944 5000 1225 1001 0013'));
    expect(findMaskAreas(document).found).toBe(1);
    const withClosed = findMaskAreas(document, {
      shadowRootOf: (el) => (el.id === 'closed' ? closedRoot : el.shadowRoot),
    });
    expect(withClosed.found).toBe(2);
  });

  it('covers an element whose ::before / ::after content holds an identifier', () => {
    document.body.innerHTML = '<span id="g"></span><span id="h" data-iccid="89445000122510020012"></span><span id="n">x</span>';
    // jsdom computes no pseudo-element styles: the page's CSS is stood in for here, on the window the
    // library reaches (through the prototype's getter: in vitest's jsdom that is not the global proxy).
    const view = prop<Window>(document, 'defaultView')!;
    const real = view.getComputedStyle.bind(view);
    vi.spyOn(view, 'getComputedStyle').mockImplementation((el, pseudo) => {
      const id = (el as Element).id;
      if (pseudo === '::after' && id === 'g') return { content: '"8944 5000 1225 1002 0012"' } as CSSStyleDeclaration;
      if (pseudo === '::before' && id === 'h') return { content: 'attr(data-iccid)' } as CSSStyleDeclaration;
      if (pseudo) return { content: 'none' } as CSSStyleDeclaration;
      return real(el);
    });
    const plan = findMaskAreas(document);
    expect(coveredRows(plan.identifiers)).toEqual(['g', 'h'].map((id) => rowOf(document.getElementById(id)!)));
  });

  it('reads a same-origin frame with its rects moved, lists what it cannot read as opaque, our UI apart', () => {
    document.body.innerHTML =
      '<canvas></canvas><img alt=""><video></video><embed><iframe id="f"></iframe><div data-ours="1">8944 5000 1225 1002 0012</div>';
    const frame = document.getElementById('f') as HTMLIFrameElement;
    // Inside the frame, its text sits at the top of the frame's own viewport.
    stubLayout(frame.contentWindow as Window & typeof globalThis, 0);
    frame.contentDocument!.body.textContent = '8944 5000 1225 1002 0012';
    // A cross-origin frame: no document to read (lib/ reads `contentDocument` through the prototype).
    const cross = document.createElement('iframe');
    document.body.append(cross);
    Object.setPrototypeOf(
      cross,
      Object.create(HTMLIFrameElement.prototype, { contentDocument: { get: () => null } }),
    );
    const plan = findMaskAreas(document, { isOwn: (el) => el.hasAttribute('data-ours') });
    expect(plan.opaque.map((o) => o.kind).sort()).toEqual(['canvas', 'embed', 'frame', 'image', 'media']);
    expect(plan.own).toHaveLength(1);
    // The frame's text: found once (our own div is not read), offset by the frame's box.
    expect(plan.found).toBe(1);
    const frameTop = rowOf(frame) * 10;
    expect(plan.identifiers.every((b) => b.y >= frameTop)).toBe(true);
    expect(uninspected(MaskPlanSchema.parse(plan))).toEqual([
      { kind: 'canvas', count: 1 },
      { kind: 'frame', count: 1 },
      { kind: 'image', count: 1 },
      { kind: 'media', count: 1 },
      { kind: 'embed', count: 1 },
    ]);
  });

  it('keeps to its bounds on a huge page and says so', () => {
    for (let i = 0; i < 50; i++) {
      const p = document.createElement('p');
      p.textContent = '8944 5000 1225 1002 0012';
      document.body.append(p);
    }
    const plan = findMaskAreas(document, { maxBoxes: 10 });
    expect(plan.identifiers.length).toBeLessThanOrEqual(10);
    expect(plan.truncated).toBe(true);
  });

  it('works when the page clobbers document.createRange and document.documentElement', () => {
    document.body.innerHTML =
      '<form name="createRange"></form><img name="documentElement" alt=""><p>8944 5000 1225 1002 0012</p>';
    expect(findMaskAreas(document).found).toBe(1);
  });
});

describe('imageBlocks', () => {
  it('scales to the image, adds a margin around identifiers, rounds outwards and clips', () => {
    const plan = MaskPlanSchema.parse({
      identifiers: [{ x: 10.5, y: 20, width: 100, height: 10 }],
      opaque: [{ kind: 'canvas', box: { x: 390, y: 290, width: 50, height: 50 } }],
      own: [{ x: 0, y: 0, width: 5, height: 5 }],
      found: 1,
      viewport: { width: 400, height: 300 },
      truncated: false,
    });
    expect(imageBlocks([plan], 800, 600)).toEqual([
      { x: 17, y: 36, width: 208, height: 28 },
      { x: 780, y: 580, width: 20, height: 20, kind: 'canvas' },
      { x: 0, y: 0, width: 10, height: 10, kind: 'own' },
    ]);
  });
});
