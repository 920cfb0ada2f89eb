// @vitest-environment jsdom
/**
 * Issue 14 (part SEE) in the guard's wiring: only trusted submits count, the decision is taken on a
 * fresh read of the page, and two subscribers on screen stop the submit with an explanation.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EXAMPLE_CATALOG } from '../../../lib/catalog/example-catalog';
import type { Catalog } from '../../../lib/catalog/schema';
import { extractContext } from '../../../lib/portal/extract';
import type { GuardEvent, PageContext } from '../../../lib/portal/page-context';
import type { PortalProfile } from '../../../lib/portal/profile-schema';
import { builtInPortalProfiles } from '../../../lib/portal/profiles';
import { startGuard } from '../../../entrypoints/portal/guard';
import { loadFixture } from '../portal/load-fixture';
import { captureShadowRoots, englishUi, ourRoot } from './shell-helpers';

const demo = builtInPortalProfiles.find((p) => p.id === 'demo-portal') as PortalProfile;
const catalog: Catalog = { ...EXAMPLE_CATALOG, exampleData: false };

beforeEach(() => {
  fakeBrowser.reset();
  englishUi();
});
afterEach(() => vi.restoreAllMocks());

function stalePage(hide: string, cached?: () => PageContext) {
  const dom = loadFixture('hostile/see-hidden-stale.html', `http://127.0.0.1:8123/hostile/see-hidden-stale.html?hide=${hide}`);
  const win = dom.window;
  const doc = win.document;
  const roots = captureShadowRoots(win as unknown as { Element: typeof Element });
  const events: GuardEvent[] = [];
  const read = () => ({ ...extractContext(doc, demo, { url: doc.location.href, now: new Date() }), guardEvents: [] });
  const first = read();
  startGuard(doc, {
    current: cached ?? (() => first),
    readNow: read,
    profile: () => demo,
    record: (e) => events.push(e),
    catalog: () => catalog,
    lang: 'en',
  });
  const submissions = () => (win as unknown as { __portalSubmissions: unknown[] }).__portalSubmissions;
  const choose = (value: string) => {
    const select = doc.querySelector<HTMLSelectElement>('#add-plan-form select[name="plan"]')!;
    select.value = value;
    select.dispatchEvent(new win.Event('change', { bubbles: true }));
  };
  const dialog = () => ourRoot(doc, roots, 'guard-dialog');
  const verdict = () => ourRoot(doc, roots, 'add-plan-verdict')?.querySelector('p')?.textContent ?? '';
  const form = () => doc.getElementById('add-plan-form') as HTMLFormElement;
  return { win, doc, events, submissions, choose, dialog, verdict, form };
}

describe('the guard on a page with two subscribers shown', () => {
  it('says it cannot tell whose eSIM this is, and stops even a fitting plan', () => {
    const p = stalePage('none');
    p.choose('euro-1');
    expect(p.verdict()).toContain('more than one subscriber');
    p.form().requestSubmit();
    expect(p.dialog()?.textContent).toContain('Which subscriber is this?');
    expect(p.submissions()).toHaveLength(0);
    expect(p.events.map((e) => e.kind)).toEqual(['blocked']);
  });
});

describe('only trusted submits count', () => {
  it('a synthetic submit produces no dialog and no event', () => {
    const p = stalePage('remove');
    p.choose('asia-1');
    for (let i = 0; i < 20; i++) p.form().dispatchEvent(new p.win.Event('submit', { bubbles: true, cancelable: true }));
    expect(p.dialog()).toBeUndefined();
    expect(p.events).toEqual([]);
    // A real submit (requestSubmit fires a trusted event) is still checked.
    p.form().requestSubmit();
    expect(p.events.map((e) => e.kind)).toEqual(['blocked']);
  });
});

describe('the decision is taken on the page at submit time', () => {
  it('a stale cached context does not let a mismatched plan through', () => {
    let staleContext: PageContext | null = null;
    const p = stalePage('remove', () => staleContext!);
    // What the reader sent last said profile 10; the page shows profile 7 now.
    staleContext = {
      ...extractContext(p.doc, demo, { url: 'http://127.0.0.1/x', now: new Date() }),
      guardEvents: [],
    };
    staleContext.esims = staleContext.esims.map((e) => ({ ...e, imsiProfile: 10 }));
    p.choose('asia-1');
    p.form().requestSubmit();
    expect(p.submissions()).toHaveLength(0);
    expect(p.dialog()?.textContent).toContain('Plan does not fit this eSIM');
  });
});
