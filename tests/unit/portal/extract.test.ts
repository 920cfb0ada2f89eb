// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractContext } from '../../../lib/portal/extract';
import { PageContextSchema } from '../../../lib/portal/page-context';
import type { PortalProfile } from '../../../lib/portal/profile-schema';
import { PortalProfileSchema } from '../../../lib/portal/profile-schema';
import { builtInPortalProfiles } from '../../../lib/portal/profiles';
import { hasFixture, loadFixture, page } from './load-fixture';

const NOW = new Date('2025-06-01T12:00:00Z');
const opts = { url: 'http://127.0.0.1:8080/portal/x', now: NOW };

// Valid ICCIDs (Luhn-checked) from the demo portal's data.js.
const FRANCE = '89445000122510020012';
const JAPAN = '89445000122510020020';
const USA19 = '8901260012251003019';

function profile(p: Omit<PortalProfile, 'id' | 'name' | 'version' | 'urlPatterns'>): PortalProfile {
  // Every profile a test uses must itself be valid: parse it.
  return PortalProfileSchema.parse({
    id: 't',
    name: 'T',
    version: 1,
    urlPatterns: ['http://127.0.0.1/portal/*'],
    ...p,
  });
}

const demo = builtInPortalProfiles.find((p) => p.id === 'demo-portal') as PortalProfile;

describe('label rules', () => {
  it('reads table columns by their header, per row', () => {
    const doc = page(`
      <h2>eSIMs</h2>
      <table><thead><tr><th>Line name</th><th>ICCID</th><th>IMSI profile</th><th>Status</th></tr></thead>
      <tbody>
        <tr><td>France</td><td>8944 5000 1225 1002 0012</td><td>Profile 7</td><td>Active</td></tr>
        <tr><td colspan="4">No plans on this eSIM.</td></tr>
        <tr><td>Japan</td><td>8944-5000-1225-1002-0020</td><td>IMSI 10</td><td>Pending install</td></tr>
      </tbody></table>`);
    const ctx = extractContext(
      doc,
      profile({
        esims: {
          rows: { heading: 'eSIMs' },
          fields: {
            lineName: { label: 'Line name' },
            iccid: { label: 'iccid:' },
            imsiProfile: { label: 'IMSI  Profile' },
            status: { label: 'Status' },
          },
        },
      }),
      opts,
    );
    expect(ctx.esims).toEqual([
      { lineName: 'France', iccid: FRANCE, imsiProfile: 7, status: 'Active', plans: [] },
      { lineName: 'Japan', iccid: JAPAN, imsiProfile: 10, status: 'Pending install', plans: [] },
    ]);
  });

  it('counts colspans when matching a column', () => {
    const doc = page(`
      <table><thead><tr><th colspan="2">Line</th><th>ICCID</th></tr></thead>
      <tbody><tr><td>★</td><td>USA</td><td>${USA19}</td></tr></tbody></table>`);
    const ctx = extractContext(
      doc,
      profile({ esims: { rows: { label: 'ICCID' }, fields: { iccid: { label: 'ICCID' } } } }),
      opts,
    );
    expect(ctx.esims.map((e) => e.iccid)).toEqual([USA19]);
  });

  it('reads a <dt> label → its <dd>, a row header → its cell, and a <label> → its control', () => {
    const doc = page(`
      <section><h2>Customer</h2>
        <dl><div><dt>Customer no.</dt><dd>C-77120</dd></div><div><dt>Name</dt><dd> Noah   Schmidt </dd></div></dl>
        <table><tr><th scope="row">Tariff</th><td>Unlimited All</td></tr></table>
        <form><label for="b">Unlimited bundles</label><select id="b"><option>0</option><option selected>2</option></select>
          <label>Location <input value="Tokyo, Japan"></label></form>
      </section>`);
    const ctx = extractContext(
      doc,
      profile({
        subscriber: {
          scope: { heading: 'Customer' },
          fields: {
            id: { label: 'Customer no.' },
            name: { label: ['Subscriber', 'Name'] },
            planType: { label: 'Tariff' },
            unlimitedBundles: { label: 'Unlimited bundles' },
            location: { label: 'Location' },
          },
        },
      }),
      opts,
    );
    expect(ctx.subscriber).toEqual({
      id: 'C-77120',
      name: 'Noah Schmidt',
      planType: 'Unlimited All',
      unlimitedBundles: 2,
      location: 'Tokyo, Japan',
    });
  });

  it('reads an element whose own text is the label → the next element, and "Label: value" text', () => {
    const doc = page(`
      <div class="who"><span>Plan:</span><strong>Unlimited All</strong></div>
      <div><div><span>Subscriber ID</span></div><div>S-1002</div></div>
      <p>Name: <b>Lucas Martin</b></p>
      <p>Location: Lyon, France</p>`);
    const ctx = extractContext(
      doc,
      profile({
        subscriber: {
          fields: {
            planType: { label: 'Plan' },
            id: { label: 'Subscriber ID' },
            name: { label: 'Name' },
            location: { label: 'Location' },
          },
        },
      }),
      opts,
    );
    expect(ctx.subscriber).toEqual({
      planType: 'Unlimited All',
      id: 'S-1002',
      name: 'Lucas Martin',
      location: 'Lyon, France',
    });
  });

  it('prefers a column header over loose text, and scopes by heading', () => {
    const doc = page(`
      <p>Status: ignore me</p>
      <h2>Other</h2><table><thead><tr><th>ICCID</th><th>Status</th></tr></thead><tbody><tr><td>${JAPAN}</td><td>Wrong table</td></tr></tbody></table>
      <h2>eSIMs (1)</h2><table><thead><tr><th>ICCID</th><th>Status</th></tr></thead><tbody><tr><td>${FRANCE}</td><td>Active</td></tr></tbody></table>`);
    const ctx = extractContext(
      doc,
      profile({
        esims: {
          rows: { heading: 'eSIMs' },
          fields: { iccid: { label: 'ICCID' }, status: { label: 'Status' } },
        },
      }),
      opts,
    );
    expect(ctx.esims).toEqual([{ iccid: FRANCE, status: 'Active', plans: [] }]);
  });

  it('reads eSIM cards with nested plans (rows inside each card)', () => {
    const doc = page(`
      <h2>SIMs</h2>
      <article class="sim"><h3 class="title">Germany</h3>
        <dl><dt>Profile</dt><dd>7</dd><dt>ICCID</dt><dd><code>89331500422400090019</code></dd></dl>
        <ul><li class="plan"><dl><dt>Data plan</dt><dd>Euro 2</dd><dt>Start</dt><dd><time>14 Nov 2024</time></dd><dt>End</dt><dd>—</dd></dl></li></ul>
      </article>
      <article class="sim"><h3 class="title">USA</h3>
        <dl><dt>Profile</dt><dd>2</dd><dt>ICCID</dt><dd>89331500422400090027</dd></dl><ul></ul>
      </article>`);
    const ctx = extractContext(
      doc,
      profile({
        esims: {
          rows: { heading: 'SIMs', css: 'article.sim' },
          fields: {
            lineName: { css: '.title' },
            iccid: { label: 'ICCID' },
            imsiProfile: { label: 'Profile' },
          },
          plans: {
            rows: { css: 'li.plan' },
            fields: {
              name: { label: 'Data plan' },
              activatedAt: { label: 'Start' },
              expiresAt: { label: 'End' },
            },
          },
        },
      }),
      opts,
    );
    expect(ctx.esims).toEqual([
      {
        lineName: 'Germany',
        iccid: '89331500422400090019',
        imsiProfile: 7,
        plans: [{ name: 'Euro 2', activatedAt: '2024-11-14' }],
      },
      { lineName: 'USA', iccid: '89331500422400090027', imsiProfile: 2, plans: [] },
    ]);
  });
});

describe('CSS rules and values', () => {
  it('reads by CSS, including an attribute', () => {
    const doc = page(`
      <div id="sub" data-sub="S-1"><span class="n">Ana</span></div>
      <div class="esim" data-iccid="${FRANCE}"><span class="p">7</span></div>`);
    const ctx = extractContext(
      doc,
      profile({
        subscriber: { scope: { css: '#sub' }, fields: { name: { css: '.n' } } },
        esims: {
          rows: { css: '.esim' },
          fields: { iccid: { css: '.p', attr: 'data-x' }, imsiProfile: { css: '.p' } },
        },
      }),
      opts,
    );
    expect(ctx.subscriber).toEqual({ name: 'Ana' });
    // data-x is absent: no ICCID at all (not an invalid one).
    expect(ctx.esims).toEqual([{ imsiProfile: 7, plans: [] }]);

    const withAttr = extractContext(
      doc,
      profile({
        esims: { rows: { css: '.esim' }, fields: { iccid: { css: ':scope', attr: 'data-iccid' } } },
      }),
      opts,
    );
    // `:scope` is relative to the row; the attribute ICCID also joins the page's ICCID list.
    expect(withAttr.esims[0]?.iccid).toBe(FRANCE);
    expect(withAttr.iccids).toEqual([FRANCE]);
  });

  it('reports an ICCID with a wrong check digit as invalid, never as iccid', () => {
    const doc = page(`<table><thead><tr><th>ICCID</th></tr></thead><tbody>
      <tr><td>8944 5000 0000 0000 0018</td></tr><tr><td>ICCID ${JAPAN} (eSIM)</td></tr></tbody></table>`);
    const ctx = extractContext(
      doc,
      profile({ esims: { rows: { label: 'ICCID' }, fields: { iccid: { label: 'ICCID' } } } }),
      opts,
    );
    expect(ctx.esims).toEqual([
      { invalidIccid: '8944 5000 0000 0000 0018', plans: [] },
      { iccid: JAPAN, plans: [] },
    ]);
    expect(ctx.iccids).toEqual([JAPAN]);
  });

  it('an invalid CSS selector in a profile finds nothing instead of throwing', () => {
    const doc = page(`<p>x</p>`);
    const ctx = extractContext(
      doc,
      profile({ esims: { rows: { css: 'tr[' }, fields: { iccid: { css: '::bogus(' } } } }),
      opts,
    );
    expect(ctx.esims).toEqual([]);
  });

  it('caps strings and counts to the PageContext limits', () => {
    const long = 'x'.repeat(5000);
    const rows = Array.from({ length: 260 }, (_, i) => `<tr><td>${long}${i}</td></tr>`).join('');
    const doc = page(`<table><thead><tr><th>Line name</th></tr></thead><tbody>${rows}</tbody></table>`);
    const ctx = extractContext(
      doc,
      profile({ esims: { rows: { label: 'Line name' }, fields: { lineName: { label: 'Line name' } } } }),
      opts,
    );
    expect(ctx.esims).toHaveLength(200);
    expect(ctx.esims[0]?.lineName).toHaveLength(200);
    expect(PageContextSchema.safeParse(ctx).success).toBe(true);
  });
});

describe('without a profile', () => {
  it('only scans ICCIDs', () => {
    const doc = page(`<p>SIM ${FRANCE} and ${FRANCE} again, bad 8944 5000 0000 0000 0018</p>`);
    const ctx = extractContext(doc, null, opts);
    expect(ctx).toEqual({
      url: opts.url,
      title: 'Test',
      portalId: null,
      subscriber: null,
      esims: [],
      iccids: [FRANCE],
      guardEvents: [],
      readAt: '2025-06-01T12:00:00.000Z',
    });
    expect(PageContextSchema.parse(ctx)).toEqual(ctx);
  });
});

describe.runIf(hasFixture('portal/index.html'))('demo portal (scripts run in jsdom)', () => {
  it("reads S-1002's subscriber, two eSIMs (profiles 7 and 10) and their plans", () => {
    const dom = loadFixture('portal/index.html', 'http://127.0.0.1:8123/portal/subscribers/S-1002');
    const ctx = extractContext(dom.window.document, demo, { url: dom.window.location.href, now: NOW });
    expect(PageContextSchema.safeParse(ctx).success).toBe(true);
    expect(ctx.portalId).toBe('demo-portal');
    expect(ctx.subscriber).toEqual({
      id: 'S-1002',
      name: 'Lucas Martin',
      planType: 'Unlimited All',
      unlimitedBundles: 0,
    });
    expect(
      ctx.esims.map(({ lineName, iccid, imsiProfile, status }) => ({ lineName, iccid, imsiProfile, status })),
    ).toEqual([
      { lineName: 'France', iccid: FRANCE, imsiProfile: 7, status: 'Active' },
      { lineName: 'Japan', iccid: JAPAN, imsiProfile: 10, status: 'Pending install' },
    ]);
    const [france, japan] = ctx.esims;
    expect(france?.plans.map((p) => [p.name, p.region, p.state])).toEqual([
      ['France', 'France', 'Expired'],
      ['Euro 2', 'Europe', 'Active'],
    ]);
    // Dates are the portal's ISO days; an expiry is 30 days after activation (seed 001).
    const euro2 = france?.plans[1];
    expect(euro2?.activatedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const days = (Date.parse(euro2?.expiresAt ?? '') - Date.parse(euro2?.activatedAt ?? '')) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    expect(japan?.plans).toEqual([{ name: 'Japan', region: 'Japan', state: 'Pending activation' }]);
    // The notes' invalid ICCIDs (wrong check digit) never reach the page's ICCID list.
    expect(ctx.iccids).toEqual([FRANCE, JAPAN]);
  });

  it('reads S-1001 (one eSIM) and S-1005 (no eSIM)', () => {
    const one = loadFixture('portal/index.html', 'http://127.0.0.1:8123/portal/subscribers/S-1001').window
      .document;
    const ctx1 = extractContext(one, demo, opts);
    expect(ctx1.esims.map((e) => [e.lineName, e.iccid, e.imsiProfile])).toEqual([
      ['Spain', '89445000122510010013', 7],
    ]);
    expect(ctx1.iccids).toEqual(['89445000122510010013']); // not the 21-digit trap in the notes
    const none = loadFixture('portal/index.html', 'http://127.0.0.1:8123/portal/subscribers/S-1005').window
      .document;
    const ctx5 = extractContext(none, demo, opts);
    expect(ctx5.subscriber?.name).toBe('Jonas Berg');
    expect(ctx5.esims).toEqual([]);
  });

  it('reads S-1004 unlimited bundles (2) and the 19-digit ICCID of S-1003', () => {
    const d4 = loadFixture('portal/index.html', 'http://127.0.0.1:8123/portal/subscribers/S-1004').window
      .document;
    expect(extractContext(d4, demo, opts).subscriber?.unlimitedBundles).toBe(2);
    const d3 = loadFixture('portal/index.html', 'http://127.0.0.1:8123/portal/subscribers/S-1003').window
      .document;
    expect(extractContext(d3, demo, opts).esims[0]?.iccid).toBe(USA19);
  });

  it('finds no subscriber on the subscribers list', () => {
    const doc = loadFixture('portal/index.html', 'http://127.0.0.1:8123/portal/subscribers').window.document;
    const ctx = extractContext(doc, demo, opts);
    expect(ctx.subscriber).toBeNull();
    expect(ctx.esims).toEqual([]);
  });
});

describe.runIf(hasFixture('hostile/xss.html'))('hostile XSS page', () => {
  it('keeps every payload as plain text and runs nothing', () => {
    const dom = loadFixture('hostile/xss.html', 'http://127.0.0.1:8123/hostile/xss.html?panel=add-plan');
    const win = dom.window as unknown as { __pwned?: unknown };
    const ctx = extractContext(dom.window.document, demo, opts);
    expect(win.__pwned).toBeUndefined();
    expect(ctx.subscriber?.name).toBe('Eve <img src=x onerror="window.__pwned=1">');
    const esim = ctx.esims[0];
    expect(esim?.lineName).toBe('"><script>window.__pwned=1</script>');
    expect(esim?.iccid).toBe('89445000122510666012');
    expect(esim?.plans[1]?.name).toBe('<svg onload="window.__pwned=1">');
    expect(esim?.plans[1]?.region).toBe("{{constructor.constructor('window.__pwned=1')()}}");
    // Nothing was added to the page by reading it.
    expect(dom.window.document.querySelectorAll('script:not([src])').length).toBeGreaterThan(0);
    expect(dom.window.document.querySelector('img[src="x"], svg, iframe')).toBeNull();
    expect(win.__pwned).toBeUndefined();
    expect(PageContextSchema.safeParse(ctx).success).toBe(true);
  });
});

/**
 * jsdom does not implement the override of built-ins by named elements that browsers apply to
 * `document` and `<form>`; simulate it by shadowing the same names with own properties that hold
 * an element, as the browser would.
 */
function clobber(target: object, names: readonly string[], value: unknown): void {
  for (const name of names) Object.defineProperty(target, name, { configurable: true, get: () => value });
}

// Names a page can shadow in a browser. Left out: `createTreeWalker` on the document and
// `getAttribute`/`contains`/`nodeType`/`localName` on forms, because jsdom's own selector engine
// calls those on the JS object (a browser's native code never does), so shadowing them here would
// break jsdom itself rather than test our code.
const DOCUMENT_NAMES = [
  'querySelector',
  'querySelectorAll',
  'getElementById',
  'createEvent',
  'title',
  'body',
  'forms',
  'defaultView',
  'documentElement',
];
const FORM_NAMES = [
  'querySelector',
  'querySelectorAll',
  'textContent',
  'closest',
  'matches',
  'parentElement',
  'parentNode',
  'nextElementSibling',
  'firstChild',
  'nextSibling',
  'compareDocumentPosition',
  'ownerDocument',
  'id',
  'action',
  'elements',
  'submit',
  'value',
  'dispatchEvent',
];

describe.runIf(hasFixture('hostile/clobber.html'))('DOM clobbering page', () => {
  it('extracts correctly when document and form built-ins are shadowed by named elements', () => {
    const dom = loadFixture('hostile/clobber.html', 'http://127.0.0.1:8123/hostile/clobber.html');
    const doc = dom.window.document;
    const decoy = doc.createElement('img');
    // Every <form> (the Add plan form and the hidden named ones) gets its built-ins shadowed too.
    for (const form of Array.from(doc.getElementsByTagName('form'))) clobber(form, FORM_NAMES, decoy);
    clobber(doc, DOCUMENT_NAMES, decoy);
    const ctx = extractContext(doc, demo, opts);
    expect(ctx.title).toBe('Dora Klein — Subscriber — AP');
    expect(ctx.subscriber).toEqual({
      id: 'S-6661',
      name: 'Dora Klein',
      planType: 'Unlimited All',
      unlimitedBundles: 0,
    });
    expect(ctx.esims).toEqual([
      {
        lineName: 'France',
        iccid: '89445000122510666020',
        imsiProfile: 7,
        status: 'Active',
        plans: [expect.objectContaining({ name: 'Euro 1', region: 'Europe', state: 'Active' })],
      },
    ]);
    expect(ctx.iccids).toEqual(['89445000122510666020']);
  });
});

describe.runIf(hasFixture('portal-b/index.html'))(
  'second portal (Nimbus): a profile is data, not code',
  () => {
    // Written only from the labels the page shows (definition lists, cards, a wrapping <label>).
    const nimbus = PortalProfileSchema.parse(
      JSON.parse(
        readFileSync(path.resolve(__dirname, '../../fixtures/portal-b/nimbus-profile.json'), 'utf8'),
      ),
    );

    it('reads the customer, both SIMs with their profiles, and their plans', () => {
      const doc = loadFixture('portal-b/index.html', 'http://127.0.0.1:8123/portal-b/').window.document;
      const ctx = extractContext(doc, nimbus, opts);
      expect(ctx.subscriber).toEqual({
        id: 'C-77120',
        name: 'Noah Schmidt',
        planType: 'Unlimited All',
        unlimitedBundles: 1,
      });
      expect(
        ctx.esims.map(({ lineName, iccid, imsiProfile, status }) => ({
          lineName,
          iccid,
          imsiProfile,
          status,
        })),
      ).toEqual([
        { lineName: 'Germany', iccid: '89331500422400090019', imsiProfile: 7, status: 'Active' },
        { lineName: 'USA', iccid: '89331500422400090027', imsiProfile: 2, status: 'Awaiting install' },
      ]);
      const usa = ctx.esims[1];
      expect(usa?.plans.map((p) => [p.name, p.region, p.state])).toEqual([
        ['USA', 'United States', 'Expired'],
        ['North America 1', 'North America', 'Not yet active'],
      ]);
      // "14 Nov 2026"-style dates become ISO days; "—" stays absent.
      expect(usa?.plans[0]?.activatedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(usa?.plans[1]?.activatedAt).toBeUndefined();
      // The remark's 19-digit number has a wrong check digit: not an ICCID.
      expect(ctx.iccids).toEqual(['89331500422400090019', '89331500422400090027']);
    });
  },
);
