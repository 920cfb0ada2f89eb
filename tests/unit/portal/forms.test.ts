// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { findForm, readFormSelection, setEsimSelection, setLineName } from '../../../lib/portal/forms';
import type { FormRule, PortalProfile } from '../../../lib/portal/profile-schema';
import { FormRuleSchema } from '../../../lib/portal/profile-schema';
import { builtInPortalProfiles } from '../../../lib/portal/profiles';
import { hasFixture, loadFixture, page } from './load-fixture';

const FRANCE = '89445000122510020012';
const JAPAN = '89445000122510020020';
const demo = builtInPortalProfiles.find((p) => p.id === 'demo-portal') as PortalProfile;
const addPlan = demo.forms?.addPlan as FormRule;
const addLine = demo.forms?.addLine as FormRule;

describe('forms on static markup', () => {
  const markup = `
    <form aria-label="Add plan">
      <label for="e">eSIM</label>
      <select id="e"><option value="${FRANCE}">France — 8944 5000 1225 1002 0012</option><option value="${JAPAN}">Japan — 8944 5000 1225 1002 0020</option></select>
      <label>Plan <select><option value="">Select a plan…</option><option value="asia-1">Asia 1</option></select></label>
      <button type="submit">Add plan</button>
    </form>`;

  it('finds the form by its label and its controls by their labels', () => {
    const doc = page(markup);
    const found = findForm(doc, addPlan);
    expect(found).not.toBeNull();
    expect(found?.form.tagName).toBe('FORM');
    expect(found?.esimControl?.id).toBe('e');
    expect(found?.planControl.tagName).toBe('SELECT');
    expect(found?.submit?.textContent).toBe('Add plan');
    expect(found?.lineNameControl).toBeUndefined();
  });

  it('reads the eSIM ICCID from the option value and the plan by its visible name; an empty choice has no plan', () => {
    const doc = page(markup);
    const found = findForm(doc, addPlan);
    if (found === null) throw new Error('form not found');
    expect(readFormSelection(found)).toEqual({ esimIccid: FRANCE });
    (found.planControl as HTMLSelectElement).value = 'asia-1';
    expect(readFormSelection(found)).toEqual({ esimIccid: FRANCE, planName: 'Asia 1' });
  });

  it('reads the ICCID from the option text when the value is an internal id', () => {
    const doc =
      page(`<form aria-label="Add plan"><label for="e">eSIM</label><select id="e"><option value="17">Japan (${JAPAN})</option></select>
      <label for="p">Plan</label><input id="p" value="Japan"></form>`);
    const found = findForm(doc, addPlan);
    if (found === null) throw new Error('form not found');
    expect(readFormSelection(found)).toEqual({ esimIccid: JAPAN, planName: 'Japan' });
  });

  it('selects another eSIM only when the control offers it, firing input and change', () => {
    const doc = page(markup);
    const found = findForm(doc, addPlan);
    if (found === null) throw new Error('form not found');
    const events: string[] = [];
    found.esimControl?.addEventListener('input', () => events.push('input'));
    doc.addEventListener('change', () => events.push('change(bubbled)'));
    expect(setEsimSelection(found, '8944 5000 1225 1002 0020')).toBe(true);
    expect((found.esimControl as HTMLSelectElement).value).toBe(JAPAN);
    expect(events).toEqual(['input', 'change(bubbled)']);
    expect(setEsimSelection(found, '89445000122510010013')).toBe(false); // not this subscriber's
    expect(setEsimSelection(found, '89445000122510020013')).toBe(false); // invalid check digit
    expect((found.esimControl as HTMLSelectElement).value).toBe(JAPAN);
  });

  it('returns null when the form or its plan control is missing', () => {
    expect(findForm(page('<form aria-label="Search"><input></form>'), addPlan)).toBeNull();
    expect(
      findForm(page('<form aria-label="Add plan"><label>Note <input></label></form>'), addPlan),
    ).toBeNull();
  });

  it('validates a form rule that uses CSS and a submit by label', () => {
    const rule = FormRuleSchema.parse({
      form: { css: '#f' },
      planField: { css: '[name=plan]' },
      esimField: { css: '[name=esim]' },
      submit: { label: 'Save' },
    });
    const doc =
      page(`<form id="f"><select name="esim"><option>${FRANCE}</option></select><select name="plan"><option value="eu">Euro 1</option></select>
      <button type="button">Cancel</button><button>Save</button></form>`);
    const found = findForm(doc, rule);
    expect(found?.submit?.textContent).toBe('Save');
    expect(found && readFormSelection(found)).toEqual({ esimIccid: FRANCE, planName: 'Euro 1' });
  });
});

describe.runIf(hasFixture('portal/index.html'))('demo portal forms', () => {
  it('Add plan: reads the preselected eSIM and the chosen plan; the remedy moves it to the profile-10 eSIM', () => {
    const dom = loadFixture(
      'portal/index.html',
      `http://127.0.0.1:8123/portal/subscribers/S-1002/add-plan?esim=${FRANCE}`,
    );
    const doc = dom.window.document;
    const found = findForm(doc, addPlan);
    if (found === null) throw new Error('Add plan form not found');
    expect(found.form.id).toBe('add-plan-form');
    expect(readFormSelection(found)).toEqual({ esimIccid: FRANCE });
    (found.planControl as HTMLSelectElement).value = 'asia-1';
    expect(readFormSelection(found)).toEqual({ esimIccid: FRANCE, planName: 'Asia 1' });
    expect(setEsimSelection(found, JAPAN)).toBe(true);
    expect(readFormSelection(found)).toEqual({ esimIccid: JAPAN, planName: 'Asia 1' });
    // The portal itself accepts it now (seed 001: Asia → profile 10).
    (found.submit as HTMLButtonElement).click();
    const submissions = (
      dom.window as unknown as { __portalSubmissions: Array<{ accepted: boolean; iccid: string }> }
    ).__portalSubmissions;
    expect(submissions.at(-1)).toMatchObject({ accepted: true, iccid: JAPAN });
  });

  it('Add line: pre-names the line so the portal sees it', () => {
    const dom = loadFixture('portal/index.html', 'http://127.0.0.1:8123/portal/subscribers/S-1001/add-line');
    const doc = dom.window.document;
    const found = findForm(doc, addLine);
    if (found === null) throw new Error('Add line form not found');
    expect(found.esimControl).toBeUndefined();
    let seen = '';
    found.lineNameControl?.addEventListener('input', (e) => (seen = (e.target as HTMLInputElement).value));
    expect(setLineName(found, 'Japan')).toBe(true);
    expect(seen).toBe('Japan');
    (found.planControl as HTMLSelectElement).value = 'japan';
    (found.submit as HTMLButtonElement).click();
    const submissions = (dom.window as unknown as { __portalSubmissions: Array<Record<string, unknown>> })
      .__portalSubmissions;
    expect(submissions.at(-1)).toMatchObject({
      form: 'add-line',
      lineName: 'Japan',
      plan: 'Japan',
      accepted: true,
    });
  });

  it('the Add plan form is absent on a profile page without the panel', () => {
    const doc = loadFixture('portal/index.html', 'http://127.0.0.1:8123/portal/subscribers/S-1002').window
      .document;
    expect(findForm(doc, addPlan)).toBeNull();
  });
});

describe.runIf(hasFixture('hostile/clobber.html'))('clobbered Add plan form', () => {
  it('finds and drives the form although form.id/action/elements/submit are inputs', () => {
    const dom = loadFixture('hostile/clobber.html', 'http://127.0.0.1:8123/hostile/clobber.html');
    const doc = dom.window.document;
    const decoy = doc.createElement('img');
    for (const form of Array.from(doc.getElementsByTagName('form'))) {
      for (const name of [
        'querySelector',
        'querySelectorAll',
        'textContent',
        'closest',
        'matches',
        'dispatchEvent',
        'elements',
        'submit',
      ]) {
        Object.defineProperty(form, name, { configurable: true, get: () => decoy });
      }
    }
    Object.defineProperty(doc, 'getElementById', { configurable: true, get: () => decoy });
    Object.defineProperty(doc, 'createEvent', { configurable: true, get: () => decoy });
    const found = findForm(doc, addPlan);
    if (found === null) throw new Error('Add plan form not found');
    expect(found.esimControl?.getAttribute('name')).toBe('esim');
    expect(readFormSelection(found)).toEqual({ esimIccid: '89445000122510666020' });
    expect(setEsimSelection(found, '89445000122510666020')).toBe(true);
  });
});

describe.runIf(hasFixture('portal-b/index.html'))('second portal (Nimbus) form', () => {
  it('finds a wrapping <label> control and a label[for] control, and reads the choice', () => {
    const doc = loadFixture('portal-b/index.html', 'http://127.0.0.1:8123/portal-b/').window.document;
    const rule = FormRuleSchema.parse({
      form: { heading: 'Attach a data plan' },
      esimField: { label: 'SIM' },
      planField: { label: 'Data plan' },
      submit: { label: 'Save' },
    });
    const found = findForm(doc, rule);
    if (found === null) throw new Error('form not found');
    expect(found.esimControl?.getAttribute('name')).toBe('sim_id');
    expect(found.planControl.getAttribute('name')).toBe('bundle');
    expect(found.submit?.textContent).toBe('Save');
    (found.planControl as HTMLSelectElement).value = 'AS1';
    expect(readFormSelection(found)).toEqual({ esimIccid: '89331500422400090019', planName: 'Asia 1' });
    expect(setEsimSelection(found, '89331500422400090027')).toBe(true);
    expect(readFormSelection(found).esimIccid).toBe('89331500422400090027');
  });
});
