// @vitest-environment jsdom
/**
 * The guard's model (lib/portal/guard-model): what it says and what a submit does, as a table over
 * hand-written page contexts, then on the demo portal's own pages (seed 001: plans only go on eSIMs
 * with the matching IMSI profile; a complimentary eSIM needs Unlimited All or one unlimited bundle per
 * complimentary eSIM).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CATALOG } from '../../../lib/catalog/example-catalog';
import type { Catalog } from '../../../lib/catalog/schema';
import { extractContext } from '../../../lib/portal/extract';
import { findForm, readFormSelection } from '../../../lib/portal/forms';
import {
  GUARD_MESSAGE_KEYS,
  guardAddLine,
  guardAddPlan,
  type FormGuard,
  type Say,
} from '../../../lib/portal/guard-model';
import type { PageContext, PageEsim } from '../../../lib/portal/page-context';
import { PortalProfileSchema, type FormRule, type PortalProfile } from '../../../lib/portal/profile-schema';
import { builtInPortalProfiles } from '../../../lib/portal/profiles';
import { FIXTURES, loadFixture, page } from './load-fixture';

const SPAIN = '89445000122510010013';
const FRANCE = '89445000122510020012';
const JAPAN = '89445000122510020020';
const esim = (lineName: string, iccid: string, imsiProfile?: number): PageEsim => ({
  lineName,
  iccid,
  ...(imsiProfile === undefined ? {} : { imsiProfile }),
  plans: [],
});

function context(esims: PageEsim[], subscriber: PageContext['subscriber'] = { name: 'Test' }): PageContext {
  return {
    url: 'http://127.0.0.1/portal/x',
    title: '',
    portalId: 'demo-portal',
    subscriber,
    esims,
    iccids: [],
    guardEvents: [],
    readAt: '',
  };
}

// A real catalog for the reseller, not the example (the example adds "(example catalog)").
const catalog: Catalog = { ...EXAMPLE_CATALOG, exampleData: false };

/** The decision reduced to what a reader checks: the line's keys and the submit's kind and dialog. */
function summary(g: FormGuard) {
  const keys = (says: readonly Say[]) => says.map((s) => s.key);
  const s = g.submit;
  return {
    status: g.line.status,
    line: keys(g.line.text),
    submit: s.kind,
    ...(s.kind === 'pass' ? {} : { event: s.event.kind }),
    ...(s.kind === 'block'
      ? {
          dialog: keys(s.dialog.body),
          remedies: s.dialog.remedies.map((r) => r.action),
          override: s.override.kind,
        }
      : {}),
  };
}

describe('Add plan: verdict → what to say and what a submit does', () => {
  const lucas = context([esim('France', FRANCE, 7), esim('Japan', JAPAN, 10)]);
  const cases: Array<[string, Parameters<typeof guardAddPlan>[0], ReturnType<typeof summary>]> = [
    [
      'no catalog: cannot tell, never blocks',
      {
        selection: { esimIccid: FRANCE, planName: 'Asia 1' },
        hasEsimControl: true,
        context: lucas,
        catalog: null,
        lang: 'en',
      },
      { status: 'unknown', line: ['gdNoCatalog'], submit: 'pass' },
    ],
    [
      'no plan chosen yet: the portal’s own validation answers',
      { selection: { esimIccid: FRANCE }, hasEsimControl: true, context: lucas, catalog, lang: 'en' },
      { status: 'none', line: ['gdPlanChoose'], submit: 'pass' },
    ],
    [
      'matching profile passes',
      {
        selection: { esimIccid: FRANCE, planName: 'Euro 1' },
        hasEsimControl: true,
        context: lucas,
        catalog,
        lang: 'en',
      },
      { status: 'ok', line: ['gdPlanOk'], submit: 'pass' },
    ],
    [
      'a plan the catalog does not know is a warning, recorded, never a block',
      {
        selection: { esimIccid: FRANCE, planName: 'Mars Rover' },
        hasEsimControl: true,
        context: lucas,
        catalog,
        lang: 'en',
      },
      { status: 'unknown', line: ['gdPlanNotInCatalog'], submit: 'warn', event: 'warned' },
    ],
    [
      'an eSIM whose profile the page does not show is a warning',
      {
        selection: { esimIccid: FRANCE, planName: 'Asia 1' },
        hasEsimControl: true,
        context: context([esim('France', FRANCE)]),
        catalog,
        lang: 'en',
      },
      { status: 'unknown', line: ['gdPlanEsimProfileUnknown'], submit: 'warn', event: 'warned' },
    ],
    [
      'a mismatch is blocked; the other eSIM with the right profile first, then Add line',
      {
        selection: { esimIccid: FRANCE, planName: 'Asia 1' },
        hasEsimControl: true,
        context: lucas,
        catalog,
        lang: 'en',
      },
      {
        status: 'blocked',
        line: ['gdPlanBlocked'],
        submit: 'block',
        event: 'blocked',
        dialog: ['gdDialogPlanBody', 'gdDialogRemedies'],
        remedies: [
          { kind: 'select-esim', iccid: JAPAN },
          { kind: 'add-line', lineName: 'Asia' },
        ],
        override: 'override',
      },
    ],
    [
      'without an eSIM control (the eSIM’s own page) only Add line is offered',
      {
        selection: { planName: 'Asia 1' },
        hasEsimControl: false,
        context: context([esim('Spain', SPAIN, 7)]),
        catalog,
        lang: 'en',
      },
      {
        status: 'blocked',
        line: ['gdPlanBlocked'],
        submit: 'block',
        event: 'blocked',
        dialog: ['gdDialogPlanBody', 'gdDialogRemedies'],
        remedies: [{ kind: 'add-line', lineName: 'Asia' }],
        override: 'override',
      },
    ],
    [
      'the new line is named in French for a French agent (seed 001: after the destination)',
      {
        selection: { planName: 'Japan' },
        hasEsimControl: false,
        context: context([esim('Spain', SPAIN, 7)]),
        catalog,
        lang: 'fr',
      },
      {
        status: 'blocked',
        line: ['gdPlanBlocked'],
        submit: 'block',
        event: 'blocked',
        dialog: ['gdDialogPlanBody', 'gdDialogRemedies'],
        remedies: [{ kind: 'add-line', lineName: 'Japon' }],
        override: 'override',
      },
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(summary(guardAddPlan(input))).toEqual(expected);
  });

  it('fills the sentences with the plan, the profiles and the eSIM as the agent knows them', () => {
    const g = guardAddPlan({
      selection: { esimIccid: FRANCE, planName: 'Asia 1' },
      hasEsimControl: true,
      context: lucas,
      catalog,
      lang: 'en',
    });
    expect(g.line.text).toEqual([{ key: 'gdPlanBlocked', subs: ['Asia 1', '10', '7'] }]);
    if (g.submit.kind !== 'block') throw new Error('expected a block');
    const { dialog, event } = g.submit;
    expect(dialog.title).toEqual({ key: 'gdDialogPlanTitle' });
    expect(dialog.body[0]).toEqual({
      key: 'gdDialogPlanBody',
      subs: ['Asia 1', '10', 'France (8944 5000 1225 1002 0012)', '7'],
    });
    expect(dialog.remedies.map((r) => [r.label, r.detail])).toEqual([
      [
        { key: 'gdRemedyOtherEsim', subs: ['Japan', '8944 5000 1225 1002 0020'] },
        { key: 'gdRemedyOtherEsimDetail', subs: ['10'] },
      ],
      [{ key: 'gdRemedyAddLine' }, { key: 'gdRemedyAddLineDetail', subs: ['Asia', '10'] }],
    ]);
    expect(dialog.confirm).toEqual({ key: 'gdConfirmPlan' });
    expect(event).toMatchObject({ kind: 'blocked', form: 'add-plan', planName: 'Asia 1', iccid: FRANCE });
    // What is recorded when a remedy takes effect.
    expect(dialog.remedies.map((r) => r.applied)).toEqual([
      {
        kind: 'remedy-applied',
        form: 'add-plan',
        planName: 'Asia 1',
        iccid: JAPAN,
        reason: `Switched the form to eSIM ${JAPAN}.`,
      },
      {
        kind: 'remedy-applied',
        form: 'add-plan',
        planName: 'Asia 1',
        reason: 'Add line instead, line name "Asia".',
      },
    ]);
  });

  it('says when the catalog is the example one, and warns with "submitted without a check" first', () => {
    const g = guardAddPlan({
      selection: { esimIccid: FRANCE, planName: 'Mars Rover' },
      hasEsimControl: true,
      context: lucas,
      catalog: EXAMPLE_CATALOG,
      lang: 'en',
    });
    expect(g.line.text.map((s) => s.key)).toEqual(['gdPlanNotInCatalog', 'gdExampleCatalog']);
    if (g.submit.kind !== 'warn') throw new Error('expected a warning');
    expect(g.submit.line?.text.map((s) => s.key)).toEqual([
      'gdSubmittedUnchecked',
      'gdPlanNotInCatalog',
      'gdExampleCatalog',
    ]);
  });

  it('caps what it records at the limits the background accepts', () => {
    const long = 'P'.repeat(400);
    const g = guardAddPlan({
      selection: { esimIccid: FRANCE, planName: long },
      hasEsimControl: true,
      context: lucas,
      catalog,
      lang: 'en',
    });
    if (g.submit.kind !== 'warn') throw new Error('expected a warning');
    expect(g.submit.event.planName).toHaveLength(200);
    expect(g.submit.event.reason.length).toBeLessThanOrEqual(500);
  });
});

describe('Add line: the complimentary-eSIM rule', () => {
  const cases: Array<
    [string, boolean | undefined, PageContext['subscriber'], number, ReturnType<typeof summary>]
  > = [
    [
      'box not ticked: none of the guard’s business',
      false,
      { planType: 'Basic 5GB', unlimitedBundles: 0 },
      1,
      { status: 'none', line: [], submit: 'pass' },
    ],
    [
      'no complimentary control in the profile: no check',
      undefined,
      { planType: 'Basic 5GB', unlimitedBundles: 0 },
      1,
      { status: 'none', line: [], submit: 'pass' },
    ],
    [
      'Unlimited All is eligible',
      true,
      { planType: 'Unlimited All', unlimitedBundles: 0 },
      1,
      { status: 'ok', line: ['gdLineUnlimitedAll'], submit: 'pass' },
    ],
    [
      'not eligible: blocked, with what would make it eligible',
      true,
      { planType: 'Basic 5GB', unlimitedBundles: 0 },
      1,
      {
        status: 'blocked',
        line: ['gdLineNotEnough', 'gdLineFix'],
        submit: 'block',
        event: 'blocked',
        dialog: ['gdLineNotEnough', 'gdLineFix'],
        remedies: [],
        override: 'override',
      },
    ],
    [
      'the page does not show the plan type: recorded, not blocked',
      true,
      {},
      1,
      { status: 'unknown', line: ['gdLineUnknown', 'gdLineFixCheck'], submit: 'warn', event: 'warned' },
    ],
  ];
  it.each(cases)('%s', (_name, complimentary, subscriber, esims, expected) => {
    const ctx = context(
      Array.from({ length: esims }, (_, i) => esim(`L${i}`, SPAIN, 7)),
      subscriber,
    );
    const selection =
      complimentary === undefined ? { planName: 'Japan' } : { planName: 'Japan', complimentary };
    expect(summary(guardAddLine({ selection, context: ctx, catalog }))).toEqual(expected);
  });
});

describe('on the demo portal’s pages', () => {
  const demo = builtInPortalProfiles.find((p) => p.id === 'demo-portal') as PortalProfile;
  const forms = demo.forms as { addPlan: FormRule; addLine: FormRule };

  function open(route: string) {
    const url = `http://127.0.0.1:8123/portal/subscribers/${route}`;
    const doc = loadFixture('portal/index.html', url).window.document;
    return {
      doc,
      ctx: { ...extractContext(doc, demo, { url, now: new Date('2025-06-01T12:00:00Z') }), guardEvents: [] },
    };
  }

  it('Add plan: Asia 1 on the France eSIM is blocked, Euro 1 passes', () => {
    const { doc, ctx } = open(`S-1002/add-plan?esim=${FRANCE}`);
    const found = findForm(doc, forms.addPlan);
    if (found === null) throw new Error('Add plan form not found');
    const judge = () =>
      guardAddPlan({
        selection: readFormSelection(found),
        hasEsimControl: true,
        context: ctx,
        catalog: EXAMPLE_CATALOG,
        lang: 'en',
      });
    expect(judge().line.text[0]?.key).toBe('gdPlanChoose');
    (found.planControl as HTMLSelectElement).value = 'asia-1';
    const blocked = judge();
    expect(summary(blocked)).toMatchObject({ status: 'blocked', submit: 'block' });
    if (blocked.submit.kind !== 'block') throw new Error('expected a block');
    expect(blocked.submit.dialog.remedies.map((r) => r.action)).toEqual([
      { kind: 'select-esim', iccid: JAPAN },
      { kind: 'add-line', lineName: 'Asia' },
    ]);
    (found.planControl as HTMLSelectElement).value = 'euro-1';
    expect(summary(judge())).toMatchObject({ status: 'ok', submit: 'pass' });
  });

  it('Add line: the profile finds the "Complimentary eSIM" box; ticked, Chen Wei is not eligible', () => {
    const { doc, ctx } = open('S-1003/add-line');
    const found = findForm(doc, forms.addLine);
    if (found === null) throw new Error('Add line form not found');
    expect(found.complimentaryControl?.id).toBe('add-line-complimentary');
    expect(readFormSelection(found).complimentary).toBe(false);
    expect(
      summary(guardAddLine({ selection: readFormSelection(found), context: ctx, catalog: EXAMPLE_CATALOG }))
        .submit,
    ).toBe('pass');
    (found.complimentaryControl as HTMLInputElement).checked = true;
    const g = guardAddLine({ selection: readFormSelection(found), context: ctx, catalog: EXAMPLE_CATALOG });
    expect(summary(g)).toMatchObject({ status: 'blocked', submit: 'block' });
    expect(g.line.text).toEqual([
      { key: 'gdLineNotEnough', subs: ['Basic 5GB', '0', '2'] },
      { key: 'gdLineFix', subs: ['2'] },
    ]);
  });
});

describe('the complimentary checkbox is a profile rule, not a guess from the label', () => {
  const rule = (complimentaryField?: { label: string | string[] }): FormRule =>
    PortalProfileSchema.parse({
      id: 't',
      name: 'T',
      version: 1,
      urlPatterns: ['http://127.0.0.1/portal/*'],
      forms: {
        addLine: {
          form: { label: 'Add line' },
          planField: { label: 'Plan' },
          ...(complimentaryField ? { complimentaryField } : {}),
        },
      },
    }).forms!.addLine!;
  const markup = `<form aria-label="Add line"><label>Plan <input value="Japan"></label>
    <label><input type="checkbox" name="newsletter" checked> Complimentary newsletter</label>
    <label><input type="checkbox" name="free" checked> eSIM offerte au client</label>
    <button type="submit">Add line</button></form>`;

  it('finds the box the profile names, in any language, and not a look-alike', () => {
    const found = findForm(page(markup), rule({ label: ['Free eSIM', 'eSIM offerte au client'] }));
    expect(found?.complimentaryControl?.getAttribute('name')).toBe('free');
    expect(readFormSelection(found!).complimentary).toBe(true);
  });

  it('without the rule the form has no complimentary control, so the guard does not check', () => {
    const found = findForm(page(markup), rule());
    expect(found?.complimentaryControl).toBeUndefined();
    expect(readFormSelection(found!)).toEqual({ planName: 'Japan' });
  });

  it('every shipped profile with an Add line form names its complimentary box', () => {
    const nimbus = JSON.parse(
      readFileSync(path.join(FIXTURES, 'portal-b/nimbus-profile.json'), 'utf8'),
    ) as PortalProfile;
    for (const profile of [...builtInPortalProfiles, nimbus]) {
      const addLine = profile.forms?.addLine;
      if (addLine !== undefined) expect(addLine.complimentaryField, profile.id).toBeDefined();
    }
  });
});

describe('messages', () => {
  const root = path.join(FIXTURES, '../..');
  it.each(['en', 'fr'])('every key the model can emit exists in %s', (locale) => {
    const messages = JSON.parse(
      readFileSync(path.join(root, 'public/_locales', locale, 'messages.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(GUARD_MESSAGE_KEYS.filter((k) => !(k in messages))).toEqual([]);
  });
});

describe('two subscribers on screen (issue 14): the guard stops instead of checking the wrong person', () => {
  const ambiguous: PageContext = { ...context([esim('France', FRANCE, 7)]), ambiguous: true };
  it('Add plan: even a fitting plan is stopped, with the explanation', () => {
    const g = guardAddPlan({
      selection: { esimIccid: FRANCE, planName: 'Euro 1' },
      hasEsimControl: true,
      context: ambiguous,
      catalog,
      lang: 'en',
    });
    expect(summary(g)).toEqual({
      status: 'unknown',
      line: ['gdAmbiguousLine'],
      submit: 'block',
      event: 'blocked',
      dialog: ['gdDialogAmbiguousBody'],
      remedies: [],
      override: 'override',
    });
    // The same plan on the same page with one subscriber passes.
    const one = guardAddPlan({
      selection: { esimIccid: FRANCE, planName: 'Euro 1' },
      hasEsimControl: true,
      context: { ...ambiguous, ambiguous: false },
      catalog,
      lang: 'en',
    });
    expect(one.submit.kind).toBe('pass');
  });

  it('Add line: a ticked complimentary box is stopped; an unticked one is not the guard’s business', () => {
    const base = { context: { ...ambiguous, subscriber: { name: 'T', planType: 'Unlimited All' } }, catalog };
    expect(guardAddLine({ ...base, selection: { complimentary: true } }).submit.kind).toBe('block');
    expect(guardAddLine({ ...base, selection: { complimentary: false } }).submit.kind).toBe('pass');
  });
});
