/**
 * Issue 19: the first guess on four portals with no profile, written before the guesser
 * (tests/fixtures/guess/). Each: the draft reads the subscriber, every eSIM line's ICCID, IMSI
 * profile and status, and finds the Add plan form; the draft is a valid portal profile; renaming
 * and shuffling class names changes nothing. Statuses are asserted as the text the page shows
 * (their meaning is lib/catalog's business).
 */
import { describe, expect, it } from 'vitest';
import type { JSDOM } from 'jsdom';
import { guessProfile, planChoices } from '../../../../lib/portal/guess/guess';
import { findForm, readFormSelection } from '../../../../lib/portal/forms';
import { parsePortalProfile } from '../../../../lib/portal/profile-schema';
import { ALWAYS_SHOWN } from '../../../../lib/portal/visibility';
import { loadFixture, page } from '../load-fixture';
import { extractContext } from '../../../../lib/portal/extract';
import { builtInPortalProfiles } from '../../../../lib/portal/profiles';

interface Truth {
  readonly subscriber: { id: string; name: string; planType: string; unlimitedBundles: number };
  readonly lines: ReadonlyArray<{
    lineName: string;
    iccid: string;
    imsiProfile: number;
    status: string;
    plans: string[];
  }>;
  readonly addPlanOptions: readonly string[];
  readonly addLine: boolean;
}

// The truth each fixture's header comment states.
const PORTALS: Record<string, Truth> = {
  'fr-spa': {
    subscriber: { id: 'C-20417', name: 'Camille Martin', planType: 'Illimité Tout', unlimitedBundles: 1 },
    lines: [
      {
        lineName: 'Principale',
        iccid: '8933012345678901207',
        imsiProfile: 7,
        status: 'Actif',
        plans: ['Euro 1', 'Japon'],
      },
      {
        lineName: 'Voyage Asie',
        iccid: '8933012345678901215',
        imsiProfile: 10,
        status: 'En attente',
        plans: [],
      },
      {
        lineName: 'Ancienne',
        iccid: '8933012345678901223',
        imsiProfile: 2,
        status: 'Résilié',
        plans: ['Global'],
      },
    ],
    addPlanOptions: ['Choisir…', 'Euro 1', 'Asia 1', 'Afrique 1'],
    addLine: true,
  },
  'de-table': {
    subscriber: { id: 'K-88120', name: 'Klaus Becker', planType: 'Unlimited All', unlimitedBundles: 2 },
    lines: [
      {
        lineName: 'Hauptleitung',
        iccid: '8949007654321000108',
        imsiProfile: 7,
        status: 'Aktiv',
        plans: ['Euro 2'],
      },
      {
        lineName: 'Reise USA',
        iccid: '8949007654321000116',
        imsiProfile: 2,
        status: 'Aktiv',
        plans: ['USA'],
      },
      {
        lineName: 'Tablet',
        iccid: '8949007654321000124',
        imsiProfile: 10,
        status: 'Gesperrt',
        plans: ['Japan'],
      },
    ],
    addPlanOptions: ['Euro 1', 'Asia 1', 'USA'],
    addLine: true,
  },
  'es-dl': {
    subscriber: { id: 'ES-5521', name: 'Lucía García', planType: 'Unlimited All', unlimitedBundles: 0 },
    lines: [
      {
        lineName: 'Personal',
        iccid: '8934001122334455667',
        imsiProfile: 7,
        status: 'Activa',
        plans: ['Euro 1'],
      },
      {
        lineName: 'Trabajo',
        iccid: '8934001122334455675',
        imsiProfile: 10,
        status: 'Suspendida',
        plans: ['Asia 1'],
      },
    ],
    addPlanOptions: ['Euro 1', 'Asia 1'],
    addLine: false,
  },
  'it-cards': {
    subscriber: { id: 'IT-3090', name: 'Marco Rossi', planType: 'Unlimited All', unlimitedBundles: 1 },
    lines: [
      { lineName: 'Casa', iccid: '8939009988776655449', imsiProfile: 7, status: 'Attiva', plans: ['Euro 1'] },
      { lineName: 'Viaggio', iccid: '8939009988776655456', imsiProfile: 10, status: 'In attesa', plans: [] },
      {
        lineName: 'Auto',
        iccid: '8939009988776655464',
        imsiProfile: 2,
        status: 'Disattivata',
        plans: ['USA'],
      },
    ],
    addPlanOptions: ['Euro 1', 'Asia 1', 'USA'],
    addLine: false,
  },
};

/** Plans with their state and dates as each page shows them (dates read as ISO; "—" is no date). */
const PLANS: Record<string, unknown[][]> = {
  'fr-spa': [
    [
      { name: 'Euro 1', state: 'Actif', activatedAt: '2026-03-02', expiresAt: '2026-04-01' },
      { name: 'Japon', state: 'En attente' },
    ],
    [],
    [{ name: 'Global', state: 'Expiré', activatedAt: '2026-01-01', expiresAt: '2026-01-31' }],
  ],
  'de-table': [
    [
      {
        name: 'Euro 2',
        region: 'Europa',
        state: 'Aktiv',
        activatedAt: '2026-02-05',
        expiresAt: '2026-03-06',
      },
    ],
    [{ name: 'USA', region: 'Nordamerika', state: 'Ausstehend' }],
    [
      {
        name: 'Japan',
        region: 'Asien',
        state: 'Abgelaufen',
        activatedAt: '2026-01-01',
        expiresAt: '2026-01-31',
      },
    ],
  ],
  'es-dl': [
    [{ name: 'Euro 1', state: 'Activo', activatedAt: '2026-02-10', expiresAt: '2026-03-11' }],
    [{ name: 'Asia 1', state: 'Pendiente' }],
  ],
  'it-cards': [
    [{ name: 'Euro 1', state: 'Attivo', expiresAt: '2026-03-20' }],
    [],
    [{ name: 'USA', state: 'Scaduto', expiresAt: '2026-01-15' }],
  ],
};

const urlOf = (name: string) => `http://127.0.0.1/guess/${name}/index.html`;

/** Opens a fixture and waits until its content is there (the French one renders after a tick). */
async function open(name: string): Promise<JSDOM> {
  const dom = loadFixture(`guess/${name}/index.html`, urlOf(name));
  await expect.poll(() => dom.window.document.querySelectorAll('select').length).toBeGreaterThan(0);
  return dom;
}

function guess(doc: Document, name: string) {
  return guessProfile(doc, {
    url: urlOf(name),
    now: new Date('2026-03-10T12:00:00Z'),
    isShown: ALWAYS_SHOWN,
  });
}

describe.each(Object.entries(PORTALS))('first guess on %s (no profile)', (name, truth) => {
  it('reads the subscriber', async () => {
    const { window } = await open(name);
    expect(guess(window.document, name).context.subscriber).toEqual(truth.subscriber);
  });

  it('reads every eSIM line with its ICCID, IMSI profile, status and plans', async () => {
    const { window } = await open(name);
    const { context } = guess(window.document, name);
    expect(
      context.esims.map((e) => ({
        lineName: e.lineName,
        iccid: e.iccid,
        imsiProfile: e.imsiProfile,
        status: e.status,
        plans: e.plans.map((p) => p.name),
      })),
    ).toEqual(truth.lines);
  });

  it('reads the plans on each eSIM with their state and dates', async () => {
    const { window } = await open(name);
    expect(guess(window.document, name).context.esims.map((e) => e.plans)).toEqual(PLANS[name]);
  });

  it('finds the Add plan form with its eSIM and plan choosers', async () => {
    const { window } = await open(name);
    const doc = window.document;
    const { profile } = guess(doc, name);
    expect(profile.forms?.addPlan).toBeDefined();
    const found = findForm(doc, profile.forms!.addPlan!);
    expect(found).not.toBeNull();
    const options = [...(found!.planControl as HTMLSelectElement).options].map((o) => o.text);
    expect(options).toEqual(truth.addPlanOptions);
    // The eSIM chooser holds the lines' ICCIDs: choosing the second line reads its ICCID.
    const esim = found!.esimControl as HTMLSelectElement;
    esim.selectedIndex = 1;
    expect(readFormSelection(found!).esimIccid).toBe(truth.lines[1]!.iccid);
    expect(profile.forms?.addLine !== undefined).toBe(truth.addLine);
  });

  it('drafts a valid portal profile that prefers labels and names no class', async () => {
    const { window } = await open(name);
    const { profile } = guess(window.document, name);
    const parsed = parsePortalProfile(profile);
    expect(parsed.ok ? 'ok' : parsed.error.message).toBe('ok');
    expect(JSON.stringify(profile)).not.toMatch(/"css":"[^"]*\.[A-Za-z_]/);
    const fields = Object.values(profile.esims!.fields);
    expect(fields.every((f) => f.label !== undefined)).toBe(true);
  });

  it('is not moved by renamed and shuffled class names (mutation)', async () => {
    const { window } = await open(name);
    const doc = window.document;
    const before = guess(doc, name);
    // Every class renamed to a new generated name, and the names of different elements swapped.
    const all = [...doc.body.querySelectorAll('[class]')];
    const names = all.map((el) => el.getAttribute('class') ?? '');
    all.forEach((el, i) =>
      el.setAttribute('class', `zz${(i * 7919) % 997}-${names[(i + 3) % names.length]!.length}`),
    );
    const after = guess(doc, name);
    expect(after.profile).toEqual(before.profile);
    expect(after.context.esims).toEqual(before.context.esims);
    expect(after.context.subscriber).toEqual(before.context.subscriber);
  });
});

describe('the existing demo portal, with no profile', () => {
  it('reads what the shipped hand-written profile reads (plans in detail rows included)', async () => {
    const url = 'http://127.0.0.1/portal/subscribers/S-1001/add-plan';
    const dom = loadFixture('portal/index.html', url);
    const doc = dom.window.document;
    await expect.poll(() => doc.querySelectorAll('#add-plan-form select').length).toBe(2);
    const opts = { url, now: new Date('2026-11-30T12:00:00Z'), isShown: ALWAYS_SHOWN };
    const shipped = extractContext(
      doc,
      builtInPortalProfiles.find((p) => p.id === 'demo-portal')!,
      opts,
    );
    const guessed = guessProfile(doc, opts).context;
    expect(guessed.subscriber).toEqual(shipped.subscriber);
    expect(guessed.esims).toEqual(shipped.esims);
  });
});

describe('planChoices', () => {
  it('lists the plans the Add plan form offers, without its placeholder', async () => {
    const { window } = await open('fr-spa');
    const doc = window.document;
    expect(planChoices(doc, guess(doc, 'fr-spa').profile)).toEqual(['Euro 1', 'Asia 1', 'Afrique 1']);
  });
});

describe('guessProfile on pages it cannot read', () => {
  it('drafts no rules where no label is known', () => {
    const doc = page(
      '<h1>Hello</h1><p>Nothing here: 42</p><table><tr><th>A</th></tr><tr><td>1</td></tr></table>',
    );
    const { profile, context } = guessProfile(doc, {
      url: 'https://x.example/a/b',
      now: new Date(),
      isShown: ALWAYS_SHOWN,
    });
    expect(profile.subscriber).toBeUndefined();
    expect(profile.esims).toBeUndefined();
    expect(profile.forms).toBeUndefined();
    expect(context.esims).toEqual([]);
    expect(profile.urlPatterns).toEqual(['https://x.example/a/*']);
    expect(profile.id).toBe('taught-x-example');
  });

  it('does not take a prose mention of "ICCID" for a line', () => {
    const doc = page('<p>ICCID</p><p>Ask the customer for it.</p><dl><dt>Customer</dt><dd>Ann</dd></dl>');
    const { profile, context } = guessProfile(doc, {
      url: 'https://x.example/',
      now: new Date(),
      isShown: ALWAYS_SHOWN,
    });
    expect(profile.esims).toBeUndefined();
    expect(context.subscriber).toEqual({ name: 'Ann' });
  });
});
