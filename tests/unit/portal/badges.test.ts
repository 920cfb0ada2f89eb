// @vitest-environment jsdom
/**
 * Issue 15 item 1: ICCID badges only for what is on (or near) the screen, all in one layer, nothing
 * inserted into the portal's table. The IntersectionObserver is stubbed: the test says which rows
 * are near the viewport.
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
import { scanIccids } from '../../../lib/portal/scanner';
import { MAX_BADGES, startBadges } from '../../../entrypoints/portal/badges';

function iccid(i: number): string {
  const body = '8944500013' + String(i).padStart(9, '0');
  return body + luhnCheckDigit(body);
}

/** A stub IntersectionObserver: records targets; `show` reports some of them intersecting. */
class StubObserver {
  static last: StubObserver | null = null;
  readonly targets = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    StubObserver.last = this;
  }
  observe(target: Element) {
    this.targets.add(target);
  }
  unobserve(target: Element) {
    this.targets.delete(target);
  }
  disconnect() {
    this.targets.clear();
  }
  show(targets: Element[], isIntersecting = true) {
    const entries = targets.map((target) => ({ target, isIntersecting }) as IntersectionObserverEntry);
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}

/** Runs the pending animation frames (the badges place themselves once per frame). */
let frames: FrameRequestCallback[] = [];
function runFrames() {
  const now = frames;
  frames = [];
  for (const f of now) f(0);
}

beforeEach(() => {
  vi.stubGlobal('IntersectionObserver', StubObserver);
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
  // jsdom has no layout: every range has a small box.
  Range.prototype.getClientRects = function () {
    const rect = { left: 10, right: 150, top: 20, bottom: 36, width: 140, height: 16 } as DOMRect;
    return Object.assign([rect], { item: () => rect }) as unknown as DOMRectList;
  };
  getMessage.mockClear();
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
  for (const host of Array.from(document.querySelectorAll('[data-helpdesk-assistant]'))) host.remove();
});

/** A 2,000-row table of ICCIDs, as the inventory page shows them. */
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
  return cells;
}

/** The badge layer's buttons (its shadow root is closed: read through a spy on attachShadow). */
function badgeLayer(): { host: Element | null; buttons: () => HTMLButtonElement[] } {
  const host = document.querySelector('[data-helpdesk-assistant="iccid-badges"]');
  const root = host ? roots.get(host) : undefined;
  return { host, buttons: () => Array.from(root?.querySelectorAll('button') ?? []) };
}
const roots = new WeakMap<Element, ShadowRoot>();
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init: ShadowRootInit) {
  const root = attach.call(this, init);
  roots.set(this, root);
  return root;
};

describe('ICCID badges', () => {
  it('are created only for the rows near the screen, in one layer outside the table', () => {
    const cells = table(2000);
    const escalate = vi.fn();
    const badges = startBadges(document, { escalate });
    badges.update(scanIccids(document).occurrences);
    const io = StubObserver.last!;
    // Every row holding an ICCID is watched, but nothing is built before it is near the screen.
    expect(io.targets.size).toBe(2000);
    runFrames();
    expect(badgeLayer().buttons()).toHaveLength(0);

    // The first 30 rows are near the viewport: 30 badges, for those ICCIDs.
    io.show(cells.slice(0, 30));
    runFrames();
    const { host, buttons } = badgeLayer();
    expect(buttons().map((b) => b.getAttribute('aria-label'))).toEqual(
      cells.slice(0, 30).map((_, i) => `Escalate ICCID ${iccid(i).replace(/(\d{4})(?=\d)/g, '$1 ')}`),
    );
    // One layer, on the root element: the table's cells hold only their own text.
    expect(host?.parentNode).toBe(document.documentElement);
    expect(document.querySelectorAll('table [data-helpdesk-assistant]')).toHaveLength(0);
    expect(cells.every((td) => td.childNodes.length === 1)).toBe(true);
    // The labels were read from i18n once, not once per badge.
    expect(getMessage.mock.calls.length).toBeLessThanOrEqual(2);

    // Scrolled on: the first rows leave, rows 1000–1009 come near. Badges follow.
    io.show(cells.slice(0, 30), false);
    io.show(cells.slice(1000, 1010));
    runFrames();
    expect(buttons().map((b) => b.getAttribute('aria-label'))).toEqual(
      cells
        .slice(1000, 1010)
        .map((_, i) => `Escalate ICCID ${iccid(1000 + i).replace(/(\d{4})(?=\d)/g, '$1 ')}`),
    );
    badges.stop();
    expect(badgeLayer().host).toBeNull();
  });

  it('never shows more than MAX_BADGES at once', () => {
    const cells = table(500);
    const badges = startBadges(document, { escalate: () => undefined });
    badges.update(scanIccids(document).occurrences);
    StubObserver.last!.show(cells);
    runFrames();
    // Issue 15: at most MAX_BADGES, and that bound fits the page's node budget (≤ 60 nodes added).
    expect(MAX_BADGES).toBeLessThanOrEqual(40);
    expect(badgeLayer().buttons()).toHaveLength(MAX_BADGES);
    badges.stop();
  });

  it('are one node each (the face comes from the layer style), the ones on screen first (issue 15)', () => {
    const cells = table(300);
    // Row i's box is 30 px high at i × 30 − 3000: rows 100–125 are on the 768 px screen of jsdom.
    Range.prototype.getClientRects = function () {
      const i = cells.indexOf(this.startContainer.parentElement as HTMLTableCellElement);
      const top = i * 30 - 3000;
      const rect = { left: 10, right: 150, top, bottom: top + 16, width: 140, height: 16 } as DOMRect;
      return Object.assign([rect], { item: () => rect }) as unknown as DOMRectList;
    };
    const badges = startBadges(document, { escalate: () => undefined });
    badges.update(scanIccids(document).occurrences);
    // The observer's margin says rows 0–199 are near: more than MAX_BADGES of them.
    StubObserver.last!.show(cells.slice(0, 200));
    runFrames();
    const buttons = badgeLayer().buttons();
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
    for (let i = 100; i <= 125; i++)
      expect(labelled.has(`Escalate ICCID ${iccid(i).replace(/(\d{4})(?=\d)/g, '$1 ')}`)).toBe(true);
    badges.stop();
  });

  it('badges every ICCID of an element that holds several', () => {
    const p = document.createElement('p');
    p.textContent = `Old ${iccid(1)}, new ${iccid(2)} and ${iccid(3)}.`;
    document.body.append(p);
    const badges = startBadges(document, { escalate: () => undefined });
    badges.update(scanIccids(document).occurrences);
    StubObserver.last!.show([p]);
    runFrames();
    expect(
      badgeLayer()
        .buttons()
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual([1, 2, 3].map((i) => `Escalate ICCID ${iccid(i).replace(/(\d{4})(?=\d)/g, '$1 ')}`));
    badges.stop();
  });

  it('does not escalate on a script click, only a real one', () => {
    const cells = table(1);
    const escalate = vi.fn();
    const badges = startBadges(document, { escalate });
    badges.update(scanIccids(document).occurrences);
    StubObserver.last!.show(cells);
    runFrames();
    const [button] = badgeLayer().buttons();
    button!.click(); // untrusted: a page script
    expect(escalate).not.toHaveBeenCalled();
    badges.stop();
  });
});
