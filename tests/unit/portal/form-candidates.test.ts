// @vitest-environment jsdom
/**
 * Issue 15: the content script looks for a guarded form after every settled change of every portal
 * page. One selector query over a 100,000-row table was a 55–104 ms task of ours (bench trace), so
 * the form-like elements are found by a walk in slices, and the form among them.
 */
import { describe, expect, it } from 'vitest';
import { findForm, startFormCandidateScan } from '../../../lib/portal/forms';
import type { FormRule, PortalProfile } from '../../../lib/portal/profile-schema';
import { builtInPortalProfiles } from '../../../lib/portal/profiles';
import { page } from './load-fixture';

const demo = builtInPortalProfiles.find((p) => p.id === 'demo-portal') as PortalProfile;
const addPlan = demo.forms?.addPlan as FormRule;

const rows = (n: number) =>
  `<table><tbody>${Array.from({ length: n }, (_, i) => `<tr><td>Line ${i}</td><td class="x">8944 5000 ${i}</td></tr>`).join('')}</tbody></table>`;
const dialog = `
  <div role="dialog" aria-label="Add plan">
    <label for="e">eSIM</label><select id="e"><option value="89445000122510020012">France</option></select>
    <label>Plan <select><option value="asia-1">Asia 1</option></select></label>
    <button type="submit">Add plan</button>
  </div>`;

/** Runs a candidate walk to the end, yielding after every check: how many slices it took, and what it found. */
function walk(doc: Document) {
  const scan = startFormCandidateScan(doc);
  let slices = 1;
  while (!scan.step(() => true)) slices++;
  return { slices, found: scan.result() };
}

describe('form-like elements found in slices', () => {
  it('a list page without forms: none, after a walk that yielded along the way', () => {
    const { slices, found } = walk(page(rows(2000)));
    expect(found).toEqual([]);
    expect(slices).toBeGreaterThan(10); // 8,000 elements, a check every 256
  });

  it('forms, dialogs and role="form"/"dialog" below a long table; findForm among them finds what the full query finds', () => {
    const doc = page(rows(1500) + '<form id="search"><input name="q"></form><dialog id="d"></dialog>' + dialog);
    const { found } = walk(doc);
    expect(found.map((e) => e.id || e.getAttribute('role'))).toEqual(['search', 'd', 'dialog']);
    const viaCandidates = findForm(doc, addPlan, found);
    expect(viaCandidates?.form.getAttribute('role')).toBe('dialog');
    expect(viaCandidates?.form).toBe(findForm(doc, addPlan)?.form);
    expect(viaCandidates?.planControl.tagName).toBe('SELECT');
  });

  it('a page that names its cells "form" by role is bounded: at most 50 candidates', () => {
    const doc = page(`<div>${'<span role="form"></span>'.repeat(80)}</div>`);
    expect(walk(doc).found).toHaveLength(50);
  });
});
