// @vitest-environment jsdom
/**
 * Issue 15 items 1 and 3: ICCID badges only for what is on (or near) the screen, all in one layer,
 * nothing inserted into the portal's table, and nothing kept per ICCID of the page: each placement
 * finds the ICCIDs near the screen from the screen (hit tests, then the rows around them). jsdom has
 * no layout: a small model gives every row a box 30 px high, moved by `scrollTo(y)`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const { getMessage } = vi.hoisted(() => ({
  getMessage: vi.fn((key: string, subs?: string[]) =>
    key === 'gdBadge' ? 'Escalate' : key === 'gdBadgeLabel' ? `Escalate ICCID ${subs?.[0] ?? ''}` : '',
  ),
}));
vi.mock('@wxt-dev/browser', () => ({
  browser: { i18n: { getMessage }, runtime: { sendMessage: () => Promise.resolve(), id: 'test' } },
}));

import { luhnCheckDigit } from '../../../lib/telecom/iccid';
import { MAX_BADGES, startBadges, type Badges } from '../../../entrypoints/portal/badges';

// Every instance is stopped after its test, passed or failed (a live one would place badges in the next).
const started: Badges[] = [];
const start = (doc: Document, deps: Parameters<typeof startBadges>[1]) => {
  // "After the next paint" is a frame of this file's clock.
  const badges = startBadges(doc, { afterPaint: (fn) => frames.push(fn), ...deps });
  started.push(badges);
  return badges;
};

function iccid(i: number): string {
  const body = '8944500013' + String(i).padStart(9, '0');
  return body + luhnCheckDigit(body);
}
const grouped = (i: number) => iccid(i).replace(/(\d{4})(?=\d)/g, '$1 ');

/** Runs the pending frames (the badges place themselves after a frame is painted). */
let frames: Array<() => void> = [];
function runFrames() {
  const now = frames;
  frames = [];
  for (const f of now) f();
}

const ROW = 30;
let scrollY = 0;
/** The box of an element in the model: a row (or anything in one) by its index, else the whole table. */
let boxOf: (el: Element) => { top: number; height: number } = () => ({ top: 0, height: 0 });
const rect = (top: number, height: number, left = 10, width = 140) =>
  ({ left, right: left + width, top, bottom: top + height, width, height, x: left, y: top }) as DOMRect;
function scrollTo(y: number) {
  scrollY = y;
  document.dispatchEvent(new Event('scroll'));
}

// The text under a point (jsdom has none). The content script looks DOM methods up once per
// prototype (safe-dom caches them), so the prototype gets one stub for the whole file and each test
// sets what it does.
let caretTest: ((x: number, y: number) => Range) | null = null;
Object.assign(Document.prototype, {
  caretRangeFromPoint: (x: number, y: number) => caretTest?.(x, y) ?? null,
});
const hitTest = vi.fn();
Object.assign(Document.prototype, { elementFromPoint: hitTest, elementsFromPoint: hitTest });

const ioConstructed = vi.fn();
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor() {
        ioConstructed();
      }
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  scrollY = 0;
  frames = [];
  caretTest = null;
  Element.prototype.getBoundingClientRect = function () {
    const { top, height } = boxOf(this);
    return rect(top, height);
  };
  Range.prototype.getClientRects = function () {
    const box = boxOf(this.startContainer.parentElement!);
    const r = rect(box.top + 7, 16);
    return Object.assign([r], { item: () => r }) as unknown as DOMRectList;
  };
  getMessage.mockClear();
  ioConstructed.mockClear();
});
afterEach(() => {
  for (const badges of started.splice(0)) badges.stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
  for (const host of Array.from(document.querySelectorAll('[data-helpdesk-assistant]'))) host.remove();
});

/** A table of ICCIDs, one per row, as the inventory page shows them, laid out by the model. */
function table(rows: number): HTMLTableCellElement[] {
  const tbody = document.createElement('tbody');
  const cells: HTMLTableCellElement[] = [];
  for (let i = 0; i < rows; i++) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.textContent = iccid(i);
    tr.append(td);
    tbody.append(tr);
    cells.push(td);
  }
  const t = document.createElement('table');
  t.append(tbody);
  document.body.append(t);
  const trs = Array.from(tbody.children);
  boxOf = (el) => {
    const row = el.closest('tr');
    if (row) return { top: trs.indexOf(row) * ROW - scrollY, height: ROW };
    if (el === tbody || el === t) return { top: -scrollY, height: rows * ROW };
    return { top: 0, height: 0 };
  };
  return cells;
}

/** The badge layer's buttons (its shadow root is closed: read through a spy on attachShadow). */
function badgeLayer(): { host: Element | null; buttons: () => HTMLButtonElement[] } {
  const host = document.querySelector('[data-helpdesk-assistant="iccid-badges"]');
  const root = host ? roots.get(host) : undefined;
  return { host, buttons: () => Array.from(root?.querySelectorAll('button') ?? []) };
}
/** The names of the badges shown ("Escalate ICCID …"), in the layer's order. */
const shownLabels = () =>
  badgeLayer()
    .buttons()
    .map((b) => b.getAttribute('aria-label'));
const roots = new WeakMap<Element, ShadowRoot>();
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init: ShadowRootInit) {
  const root = attach.call(this, init);
  roots.set(this, root);
  return root;
};

describe('ICCID badges', () => {
  it('are created only for the rows near the screen, in one layer outside the table, and follow a scroll', () => {
    const cells = table(2000);
    const escalate = vi.fn();
    const badges = start(document, { escalate });
    // Nothing is looked at before the page has been read once.
    runFrames();
    expect(badgeLayer().host).toBeNull();

    badges.update();
    runFrames();
    // The screen (768 px: rows 0–25) and half a screen below it (to row 38): those rows' ICCIDs,
    // nearest first, at most MAX_BADGES.
    const { host, buttons } = badgeLayer();
    const labels = () => buttons().map((b) => b.getAttribute('aria-label'));
    expect(labels().slice(0, 26)).toEqual(cells.slice(0, 26).map((_, i) => `Escalate ICCID ${grouped(i)}`));
    expect(buttons().length).toBeLessThanOrEqual(MAX_BADGES);
    expect(labels()).not.toContain(`Escalate ICCID ${grouped(60)}`);
    // One layer, on the root element: the table's cells hold only their own text.
    expect(host?.parentNode).toBe(document.documentElement);
    expect(document.querySelectorAll('table [data-helpdesk-assistant]')).toHaveLength(0);
    expect(cells.every((td) => td.childNodes.length === 1)).toBe(true);
    // The labels were read from i18n once, not once per badge.
    expect(getMessage.mock.calls.length).toBeLessThanOrEqual(2);
    // Issue 15 item 3: nothing watches each ICCID (an IntersectionObserver held every row), and no
    // hit test is made (4–10 ms each on a 100,000-row table).
    expect(ioConstructed).not.toHaveBeenCalled();
    expect(hitTest).not.toHaveBeenCalled();

    // Scrolled to row 1000: once the scroll pauses, the badges are those of rows 1000–1025.
    scrollTo(1000 * ROW);
    runFrames();
    vi.advanceTimersByTime(500);
    runFrames();
    expect(labels().slice(0, 26)).toEqual(
      cells.slice(1000, 1026).map((_, i) => `Escalate ICCID ${grouped(1000 + i)}`),
    );
    expect(labels()).not.toContain(`Escalate ICCID ${grouped(0)}`);
    badges.stop();
    expect(badgeLayer().host).toBeNull();
  });

  it('never shows more than MAX_BADGES at once', () => {
    table(500);
    // Mid-table: 26 rows on the screen and 25 more within half a screen of it.
    scrollY = 200 * ROW;
    const badges = start(document, { escalate: () => undefined });
    badges.update();
    runFrames();
    // Issue 15: at most MAX_BADGES, and that bound fits the page's node budget (≤ 60 nodes added).
    expect(MAX_BADGES).toBeLessThanOrEqual(40);
    expect(badgeLayer().buttons()).toHaveLength(MAX_BADGES);
    badges.stop();
  });

  it('are one node each (the face comes from the layer style), the ones on screen first (issue 15)', () => {
    const cells = table(300);
    scrollY = 100 * ROW; // rows 100–125 are on the screen
    const badges = start(document, { escalate: () => undefined });
    badges.update();
    runFrames();
    const buttons = badgeLayer().buttons();
    // Rows 87–138 are near (half a screen either way): more than MAX_BADGES of them.
    expect(buttons).toHaveLength(MAX_BADGES);
    // One node per badge: no child (a text node or a ::after would each count as a node); its name is
    // the aria-label, also its tooltip; its face is the layer style's background image.
    expect(buttons.every((b) => b.childNodes.length === 0 && b.title === b.getAttribute('aria-label'))).toBe(
      true,
    );
    const style = buttons[0]!.parentNode!.querySelector('style')!.textContent!;
    expect(style).toMatch(/button\{[^}]*background:Canvas url\("data:image\/svg\+xml/);
    expect(style).not.toMatch(/::(after|before)/);
    // Every row on screen has its badge.
    const labelled = new Set(buttons.map((b) => b.getAttribute('aria-label')));
    for (let i = 100; i <= 125; i++) expect(labelled.has(`Escalate ICCID ${grouped(i)}`)).toBe(true);
    expect(cells).toHaveLength(300);
    badges.stop();
  });

  it('badges every ICCID of an element that holds several', () => {
    const p = document.createElement('p');
    p.textContent = `Old ${iccid(1)}, new ${iccid(2)} and ${iccid(3)}.`;
    document.body.append(p);
    boxOf = (el) => (el === p ? { top: 20, height: 20 } : { top: 0, height: 0 });
    const badges = start(document, { escalate: () => undefined });
    badges.update();
    runFrames();
    expect(shownLabels()).toEqual([1, 2, 3].map((i) => `Escalate ICCID ${grouped(i)}`));
    badges.stop();
  });

  it('no badge in what the agent cannot see or act in: aria-hidden, hidden, editable (issue 14)', () => {
    const cells = table(20);
    cells[1]!.closest('tr')!.setAttribute('aria-hidden', 'true');
    cells[2]!.setAttribute('contenteditable', 'true');
    document.querySelector('table')!.setAttribute('data-x', '1');
    const badges = start(document, { escalate: () => undefined });
    badges.update();
    runFrames();
    const labels = shownLabels();
    expect(labels).toContain(`Escalate ICCID ${grouped(0)}`);
    expect(labels).toContain(`Escalate ICCID ${grouped(3)}`);
    expect(labels).not.toContain(`Escalate ICCID ${grouped(1)}`);
    expect(labels).not.toContain(`Escalate ICCID ${grouped(2)}`);
    badges.stop();
  });

  it('in a text far taller than the screen (a 5 MB log), reads only around what is on screen', () => {
    // 40,000 lines of 24 characters, an ICCID every 1,000 lines; line n is at n × 20 px.
    const lines: string[] = [];
    for (let n = 0; n < 40_000; n++)
      lines.push(n % 1000 === 500 ? `id: ${iccid(n)}` : 'log line ' + String(n).padStart(15, '0'));
    const pre = document.createElement('pre');
    pre.textContent = lines.join('\n');
    document.body.append(pre);
    const text = pre.firstChild as Text;
    const LINE = 20;
    const offsetOfLine = (n: number) => n * 25; // each line is 24 characters and a newline
    boxOf = (el) => (el === pre ? { top: -scrollY, height: 40_000 * LINE } : { top: 0, height: 0 });
    caretTest = (_x: number, y: number) => {
      const range = document.createRange();
      range.setStart(text, offsetOfLine(Math.floor((y + scrollY) / LINE)));
      return range;
    };
    Range.prototype.getClientRects = function () {
      const line = Math.floor(this.startOffset / 25);
      const r = rect(line * LINE - scrollY, 16);
      return Object.assign([r], { item: () => r }) as unknown as DOMRectList;
    };
    scrollY = 20_400 * LINE; // line 20,500's ICCID is on screen
    const badges = start(document, { escalate: () => undefined });
    badges.update();
    runFrames();
    expect(shownLabels()).toEqual([`Escalate ICCID ${grouped(20_500)}`]);
    badges.stop();
  });

  it('does not escalate on a script click, only a real one', () => {
    table(1);
    const escalate = vi.fn();
    const badges = start(document, { escalate });
    badges.update();
    runFrames();
    const [button] = badgeLayer().buttons();
    expect(button).toBeDefined();
    button!.click(); // untrusted: a page script
    expect(escalate).not.toHaveBeenCalled();
    badges.stop();
  });
});
