// @vitest-environment jsdom
/**
 * Issue 14 (read what the agent sees): the extraction ignores a stale view the agent cannot see, and
 * marks the context ambiguous when two subscribers are shown. jsdom has no layout, so the rule here
 * is the one without layout (attributes + computed display/visibility); the browser rules (off-screen,
 * zero-size) are covered end to end in tests/e2e/hostile-see.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { extractContext } from '../../../lib/portal/extract';
import type { PortalProfile } from '../../../lib/portal/profile-schema';
import { builtInPortalProfiles } from '../../../lib/portal/profiles';
import { scanIccids } from '../../../lib/portal/scanner';
import { newVisibility } from '../../../lib/portal/visibility';
import { loadFixture, page } from './load-fixture';

const demo = builtInPortalProfiles.find((p) => p.id === 'demo-portal') as PortalProfile;
const DORA_ICCID = '89445000122510666020';

function stale(hide: string) {
  const dom = loadFixture('hostile/see-hidden-stale.html', `http://127.0.0.1:8123/hostile/see-hidden-stale.html?hide=${hide}`);
  return extractContext(dom.window.document, demo, { url: 'http://127.0.0.1/x', now: new Date(0) });
}

describe('a stale view of another subscriber', () => {
  it.each(['display', 'hidden', 'aria', 'visibility', 'inert'])('hidden by %s is not read', (hide) => {
    const context = stale(hide);
    expect(context.subscriber).toMatchObject({ id: 'S-6661', name: 'Dora Klein' });
    expect(context.esims.map((e) => [e.iccid, e.imsiProfile])).toEqual([[DORA_ICCID, 7]]);
    expect(context.ambiguous).toBeUndefined();
  });

  it('shown next to the current one makes the context ambiguous', () => {
    const context = stale('none');
    expect(context.ambiguous).toBe(true);
  });

  it('removed leaves one subscriber, not ambiguous', () => {
    const context = stale('remove');
    expect(context.subscriber).toMatchObject({ id: 'S-6661' });
    expect(context.ambiguous).toBeUndefined();
  });
});

describe('newVisibility without layout', () => {
  it('reads attributes and computed display/visibility of the element and its ancestors', () => {
    const doc = page(`
      <style>.gone { display: none } .ghost { visibility: hidden }</style>
      <div id="a"><p id="shown">x</p></div>
      <div class="gone"><p id="in-gone">x</p></div>
      <div class="ghost"><p id="in-ghost">x</p></div>
      <div hidden><p id="in-hidden">x</p></div>
      <div aria-hidden="true"><p id="in-aria">x</p></div>
      <div aria-hidden="false"><p id="aria-false">x</p></div>
      <div inert><p id="in-inert">x</p></div>`);
    const isShown = newVisibility(doc);
    const id = (s: string) => doc.getElementById(s) as Element;
    expect(isShown(id('shown'))).toBe(true);
    expect(isShown(id('aria-false'))).toBe(true);
    for (const hidden of ['in-gone', 'in-ghost', 'in-hidden', 'in-aria', 'in-inert'])
      expect([hidden, isShown(id(hidden))]).toEqual([hidden, false]);
  });
});

describe('the scanner and our host marker', () => {
  const FRANCE = '89445000122510020012';
  it("reads a page element that carries our host attribute: only a host we hold is ours", () => {
    const doc = page(`<main data-helpdesk-assistant="overlay"><p>${FRANCE}</p></main>`);
    expect(scanIccids(doc).iccids).toEqual([FRANCE]);
    const main = doc.querySelector('main') as Element;
    expect(scanIccids(doc, { isOwnHost: (el) => el === main }).iccids).toEqual([]);
  });

  it('skips subtrees hidden by attribute', () => {
    const doc = page(`<div hidden><p>${FRANCE}</p></div><div aria-hidden="true"><p>${FRANCE}</p></div><div inert>${FRANCE}</div>`);
    expect(scanIccids(doc).iccids).toEqual([]);
  });
});

describe('a snapshot document with no window (DOMParser)', () => {
  it('is read by attributes only, even where the engine has checkVisibility', () => {
    const doc = page(`<div hidden><p id="in-hidden">x</p></div><p id="shown">x</p>`);
    const snapshot = new DOMParser().parseFromString(doc.documentElement.outerHTML, 'text/html');
    expect(snapshot.defaultView).toBeNull();
    const isShown = newVisibility(snapshot, true);
    expect(isShown(snapshot.getElementById('shown') as Element)).toBe(true);
    expect(isShown(snapshot.getElementById('in-hidden') as Element)).toBe(false);
  });
});
