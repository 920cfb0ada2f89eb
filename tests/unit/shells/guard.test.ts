// @vitest-environment jsdom
/**
 * The guard's wiring (entrypoints/portal/guard.ts) on the demo portal's own pages, with its scripts
 * running, and the injected shell (entrypoints/portal-guard.ts) with WXT's fake browser. What the
 * guard decides is tested in tests/unit/portal/guard-model.test.ts; here: that a blocked submit shows
 * the dialog and never reaches the portal, an allowed one does, and each remedy acts on the page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EXAMPLE_CATALOG } from '../../../lib/catalog/example-catalog';
import type { Catalog } from '../../../lib/catalog/schema';
import { extractContext } from '../../../lib/portal/extract';
import type { GuardEvent } from '../../../lib/portal/page-context';
import type { PortalProfile } from '../../../lib/portal/profile-schema';
import { builtInPortalProfiles } from '../../../lib/portal/profiles';
import { startGuard, type Guard } from '../../../entrypoints/portal/guard';
import { publishHostApi } from '../../../entrypoints/portal/host-api';
import { loadFixture } from '../portal/load-fixture';
import { captureShadowRoots, englishUi, ourRoot } from './shell-helpers';

const SPAIN = '89445000122510010013';
const FRANCE = '89445000122510020012';
const JAPAN = '89445000122510020020';
const demo = builtInPortalProfiles.find((p) => p.id === 'demo-portal') as PortalProfile;
const catalog: Catalog = { ...EXAMPLE_CATALOG, exampleData: false };

type Submission = { form: string; accepted: boolean; plan?: string; iccid?: string; reason?: string };

beforeEach(() => {
  fakeBrowser.reset();
  englishUi();
});
afterEach(() => vi.restoreAllMocks());

/** A demo portal page with the guard started on it, as the injected script would. */
function portal(route: string, gate: 'jsdom' | 'real' = 'jsdom') {
  const dom = loadFixture('portal/index.html', `http://127.0.0.1:8123/portal/subscribers/${route}`);
  const win = dom.window;
  const doc = win.document;
  const roots = captureShadowRoots(win as unknown as { Element: typeof Element });
  const events: GuardEvent[] = [];
  const guard: Guard = startGuard(doc, {
    current: () => ({
      ...extractContext(doc, demo, { url: doc.location.href, now: new Date() }),
      guardEvents: [],
    }),
    profile: () => demo,
    record: (e) => events.push(e),
    catalog: () => catalog,
    lang: 'en',
    // jsdom has no trusted clicks and no layout: the real gate (trusted, visible, unoccluded) is
    // tested in Chromium (tests/e2e/hostile-ui.spec.ts) and refused-untrusted below.
    ...(gate === 'jsdom' ? { isAgentClick: () => true } : {}),
  });
  const submissions = () => (win as unknown as { __portalSubmissions: Submission[] }).__portalSubmissions;
  const dialog = () => ourRoot(doc, roots, 'guard-dialog');
  const verdict = (kind: string) =>
    ourRoot(doc, roots, `${kind}-verdict`)?.querySelector('p')?.textContent ?? '';
  const button = (name: string) => {
    const found = Array.from(dialog()?.querySelectorAll('button') ?? []).find((b) => b.textContent === name);
    if (found === undefined) throw new Error(`no button "${name}" in the dialog`);
    return found;
  };
  const choose = (selector: string, value: string) => {
    const select = doc.querySelector<HTMLSelectElement>(selector)!;
    select.value = value;
    select.dispatchEvent(new win.Event('change', { bubbles: true }));
  };
  const submit = (formId: string) =>
    doc.querySelector<HTMLButtonElement>(`#${formId} button[type="submit"]`)!.click();
  return { win, doc, guard, events, submissions, dialog, verdict, button, choose, submit };
}

describe('the guard on the demo portal', () => {
  it('a blocked submit shows the dialog and never reaches the portal; Escape cancels', () => {
    const p = portal(`S-1002/add-plan?esim=${FRANCE}`);
    p.choose('#add-plan-form select[name="plan"]', 'asia-1');
    expect(p.verdict('add-plan')).toBe(
      'Plan check: "Asia 1" needs IMSI profile 10; this eSIM has profile 7.',
    );

    p.submit('add-plan-form');
    expect(p.submissions()).toEqual([]);
    const dialog = p.dialog();
    expect(dialog?.querySelector('[role="alertdialog"] h2')?.textContent).toBe('Plan does not fit this eSIM');
    expect(dialog?.textContent).toContain('The eSIM France (8944 5000 1225 1002 0012) has IMSI profile 7');
    expect(p.events.map((e) => `${e.kind}:${e.form}:${e.planName}`)).toEqual(['blocked:add-plan:Asia 1']);

    dialog
      ?.querySelector('[role="alertdialog"]')
      ?.dispatchEvent(new p.win.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(p.dialog()).toBeUndefined();
    expect(p.submissions()).toEqual([]);
    p.guard.stop();
  });

  it('an allowed submit reaches the portal, with no dialog and nothing recorded', () => {
    const p = portal(`S-1001/add-plan?esim=${SPAIN}`);
    p.choose('#add-plan-form select[name="plan"]', 'euro-1');
    expect(p.verdict('add-plan')).toContain('fits this eSIM');
    p.submit('add-plan-form');
    expect(p.submissions()).toEqual([{ form: 'add-plan', iccid: SPAIN, plan: 'Euro 1', accepted: true }]);
    expect(p.dialog()).toBeUndefined();
    expect(p.events).toEqual([]);
  });

  it('remedy "Add to eSIM Japan" switches the form, records it, and the next submit passes', () => {
    const p = portal(`S-1002/add-plan?esim=${FRANCE}`);
    p.choose('#add-plan-form select[name="plan"]', 'asia-1');
    p.submit('add-plan-form');
    p.button('Add to eSIM Japan (8944 5000 1225 1002 0020)').click();
    expect(p.dialog()).toBeUndefined();
    expect(p.doc.querySelector<HTMLSelectElement>('#add-plan-form select[name="esim"]')?.value).toBe(JAPAN);
    expect(p.events.at(-1)).toMatchObject({ kind: 'remedy-applied', form: 'add-plan', iccid: JAPAN });
    expect(p.verdict('add-plan')).toContain('fits this eSIM');
    p.submit('add-plan-form');
    expect(p.submissions()).toEqual([{ form: 'add-plan', iccid: JAPAN, plan: 'Asia 1', accepted: true }]);
  });

  it('remedy "Add line instead" opens the portal’s Add line form, named after the destination', () => {
    const p = portal(`S-1001/add-plan?esim=${SPAIN}`);
    p.choose('#add-plan-form select[name="plan"]', 'asia-1');
    p.submit('add-plan-form');
    p.button('Add line instead').click();
    expect(p.doc.location.pathname).toBe('/portal/subscribers/S-1001/add-line');
    expect(p.doc.querySelector<HTMLInputElement>('#add-line-form input[name="lineName"]')?.value).toBe(
      'Asia',
    );
    expect(p.events.slice(-2).map((e) => `${e.kind}:${e.form}:${e.reason}`)).toEqual([
      'remedy-applied:add-plan:Add line instead, line name "Asia".',
      'remedy-applied:add-line:Line name set to "Asia".',
    ]);
    expect(p.submissions()).toEqual([]);
  });

  it('"Submit anyway" takes a second, explicit step; then the portal gets the form and the override is recorded', () => {
    const p = portal(`S-1002/add-plan?esim=${FRANCE}`);
    p.choose('#add-plan-form select[name="plan"]', 'asia-1');
    p.submit('add-plan-form');
    p.button('Submit anyway…').click();
    expect(p.submissions()).toEqual([]);
    expect(p.dialog()?.textContent).toContain('This override is recorded');
    p.button('Confirm: submit anyway').click();
    expect(p.submissions()).toEqual([
      { form: 'add-plan', iccid: FRANCE, plan: 'Asia 1', accepted: false, reason: 'profile-mismatch' },
    ]);
    expect(p.events.map((e) => e.kind)).toEqual(['blocked', 'override']);
    // The bypass was for that one submit: the next is checked again.
    p.submit('add-plan-form');
    expect(p.dialog()).toBeDefined();
    expect(p.submissions()).toHaveLength(1);
  });

  it('issue 14: with the real gate, a script click (untrusted) on the override buttons does nothing', async () => {
    const p = portal(`S-1002/add-plan?esim=${FRANCE}`, 'real');
    p.choose('#add-plan-form select[name="plan"]', 'asia-1');
    p.submit('add-plan-form');
    p.button('Submit anyway…').click();
    await Promise.resolve();
    // Still the first step: no confirmation shown, nothing submitted, no override recorded.
    expect(p.dialog()?.textContent).not.toContain('This override is recorded');
    expect(() => p.button('Confirm: submit anyway')).toThrow();
    expect(p.submissions()).toEqual([]);
    expect(p.events.map((e) => e.kind)).toEqual(['blocked']);
  });

  it('Add line with "Complimentary eSIM" ticked is stopped for a subscriber who is not eligible', () => {
    const p = portal('S-1003/add-line');
    p.doc.querySelector<HTMLInputElement>('#add-line-form input[name="lineName"]')!.value = 'Japan';
    p.choose('#add-line-form select[name="plan"]', 'japan');
    const box = p.doc.querySelector<HTMLInputElement>('#add-line-complimentary')!;
    box.click(); // ticks it and fires change, as a person would
    expect(p.verdict('add-line')).toContain('not eligible');
    p.submit('add-line-form');
    expect(p.dialog()?.querySelector('h2')?.textContent).toBe('Not eligible for a complimentary eSIM');
    expect(p.submissions()).toEqual([]);
    p.button('Cancel').click();
    box.click(); // unticked: none of the guard's business
    expect(p.verdict('add-line')).toBe('');
    p.submit('add-line-form');
    expect(p.submissions()).toMatchObject([{ form: 'add-line', lineName: 'Japan', accepted: true }]);
  });
});

describe('the injected shell (portal-guard.ts)', () => {
  // The eSIMs table gives the page context the profiles the guard judges by.
  const PAGE = `
    <h2>eSIMs</h2>
    <table><thead><tr><th>Line name</th><th>ICCID</th><th>IMSI profile</th></tr></thead>
      <tbody><tr><td>France</td><td>${FRANCE}</td><td>7</td></tr><tr><td>Japan</td><td>${JAPAN}</td><td>10</td></tr></tbody></table>
    <form aria-label="Add plan" id="f">
      <label for="e">eSIM</label>
      <select id="e"><option value="${FRANCE}">France</option><option value="${JAPAN}">Japan</option></select>
      <label for="p">Plan</label>
      <select id="p"><option value="">Select a plan…</option><option value="asia-1">Asia 1</option><option value="euro-1">Euro 1</option></select>
      <button type="submit">Add plan</button>
    </form>`;

  it('reads the catalog from storage, guards the form, follows catalog changes and stops on teardown', async () => {
    document.body.replaceChildren(...new DOMParser().parseFromString(PAGE, 'text/html').body.childNodes);
    const roots = captureShadowRoots(window);
    const reached: string[] = [];
    const form = document.querySelector('form')!;
    form.addEventListener('submit', (e) => {
      e.preventDefault(); // the portal's own handler
      reached.push((document.querySelector('#p') as HTMLSelectElement).value);
    });
    const teardown: Array<() => void> = [];
    const events: GuardEvent[] = [];
    const settled = new Set<() => void>();
    publishHostApi({
      current: () => ({
        ...extractContext(document, demo, { url: 'http://127.0.0.1/portal/x', now: new Date() }),
        guardEvents: [],
      }),
      profile: () => demo,
      record: (e) => events.push(e),
      onSettled: (l) => (settled.add(l), () => settled.delete(l)),
      onTeardown: (l) => void teardown.push(l),
    });
    await fakeBrowser.storage.local.set({ catalog });

    const { default: script } = await import('../../../entrypoints/portal-guard');
    await script.main();
    const verdict = () => ourRoot(document, roots, 'add-plan-verdict')?.querySelector('p')?.textContent;
    expect(verdict()).toBe('Plan check: choose an eSIM and a plan.');

    const plan = document.querySelector<HTMLSelectElement>('#p')!;
    plan.value = 'asia-1';
    plan.dispatchEvent(new Event('change', { bubbles: true }));
    form.querySelector('button')!.click();
    expect(reached).toEqual([]);
    expect(ourRoot(document, roots, 'guard-dialog')?.textContent).toContain('Plan does not fit this eSIM');
    expect(events.map((e) => e.kind)).toEqual(['blocked']);

    // The catalog is removed in Options: the guard says so and no longer blocks.
    await fakeBrowser.storage.local.remove('catalog');
    expect(verdict()).toBe('Plan check: no plan catalog is available.');
    form.querySelector('button')!.click();
    expect(reached).toEqual(['asia-1']);

    // The content script's teardown stops the guard: its UI goes, the page's submits are its own again.
    for (const l of teardown) l();
    expect(document.querySelector('[data-helpdesk-assistant]')).toBeNull();
    await fakeBrowser.storage.local.set({ catalog });
    form.querySelector('button')!.click();
    expect(reached).toEqual(['asia-1', 'asia-1']);
    expect(settled.size).toBe(0);
  });
});
