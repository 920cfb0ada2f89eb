import { describe, expect, it } from 'vitest';
import { checklistLabels, ChecklistSchema, DEFAULT_ESIM_CHECKLIST } from '../../../lib/escalation/checklist';
import { prefillFields } from '../../../lib/escalation/prefill';
import { VendorProfileSchema, type VendorProfile } from '../../../lib/escalation/vendor-profile';
import { PageContextSchema, type PageContext } from '../../../lib/portal/page-context';
import { luhnCheckDigit } from '../../../lib/telecom/iccid';
import { VALID_ICCID, vendor } from './helpers';

const OTHER_ICCID = `8933100000000000002${luhnCheckDigit('8933100000000000002')}`;
const now = new Date('2025-03-28T16:50:00Z');

function context(overrides: Partial<PageContext> = {}): PageContext {
  return PageContextSchema.parse({
    url: 'https://ap.example.test/subscribers/42',
    title: 'Subscriber 42',
    portalId: 'demo-ap',
    subscriber: { id: 'SUB-42', name: 'Jane Roe', planType: 'Unlimited All', location: 'Lisbon, Portugal' },
    esims: [
      {
        lineName: 'Portugal',
        iccid: VALID_ICCID,
        imsiProfile: 7,
        status: 'Installed',
        plans: [
          {
            name: 'Euro 1',
            region: 'Europe',
            state: 'Active',
            activatedAt: '2025-03-20',
            expiresAt: '2025-04-19',
          },
        ],
      },
    ],
    iccids: [VALID_ICCID],
    readAt: '2025-03-28T16:49:00Z',
    ...overrides,
  });
}

describe('prefillFields', () => {
  const doneLabels = checklistLabels(DEFAULT_ESIM_CHECKLIST, ['restarted', 'data-roaming'], 'en');

  it('eSIM Go: ICCID, location, troubleshooting and plans from what is known; never the device type', () => {
    const out = prefillFields(vendor('esim-go'), {
      context: context(),
      checklistDone: doneLabels,
      now,
      timeZone: 'Europe/Lisbon',
    });
    expect(out).toEqual({
      iccid: VALID_ICCID,
      location: 'Lisbon, Portugal',
      troubleshooting: '- Data roaming turned on for the eSIM\n- Device restarted',
      // Issue 16: dates as "activation → expiry", no English words in a ticket of another language.
      plans: '- Euro 1 — Europe — Active — 2025-03-20 → 2025-04-19',
    });
    expect(out).not.toHaveProperty('device');
  });

  it('leaves out what it does not know', () => {
    expect(prefillFields(vendor('esim-go'), { now, timeZone: 'UTC' })).toEqual({});
    expect(prefillFields(vendor('esim-go'), { now, timeZone: 'UTC', checklistDone: [] })).toEqual({});
  });

  it('does not pick one of several eSIMs by itself, but follows the draft ICCID', () => {
    const two = context({
      esims: [
        { iccid: VALID_ICCID, imsiProfile: 7, plans: [{ name: 'Euro 1' }] },
        { iccid: OTHER_ICCID, imsiProfile: 10, plans: [{ name: 'Asia 3', region: 'Asia' }] },
      ],
      iccids: [VALID_ICCID, OTHER_ICCID],
    });
    const unsure = prefillFields(vendor('esim-go'), { context: two, now, timeZone: 'UTC' });
    expect(unsure).not.toHaveProperty('iccid');
    expect(unsure).not.toHaveProperty('plans');
    const chosen = prefillFields(vendor('esim-go'), {
      context: two,
      iccid: OTHER_ICCID,
      now,
      timeZone: 'UTC',
    });
    expect(chosen).toMatchObject({ iccid: OTHER_ICCID, plans: '- Asia 3 — Asia' });
  });

  it('uses the only ICCID of a page that has no eSIM table (generic scanner)', () => {
    const page = context({ portalId: null, subscriber: null, esims: [], iccids: [OTHER_ICCID] });
    expect(prefillFields(vendor('generic'), { context: page, now, timeZone: 'UTC' })).toEqual({
      iccid: OTHER_ICCID,
    });
  });

  it('Samsara: the time now in the agent zone, with its offset, and the place', () => {
    const out = prefillFields(vendor('samsara'), { context: context(), now, timeZone: 'Europe/Paris' });
    expect(out['occurred-at']).toBe('2025-03-28T17:50:00+01:00');
    expect(out.place).toBe('Lisbon, Portugal');
  });

  it('falls back to UTC for an unknown agent time zone', () => {
    const out = prefillFields(vendor('samsara'), { now, timeZone: 'Mars/Olympus' });
    expect(out['occurred-at']).toBe('2025-03-28T16:50:00Z');
  });

  it('fills every context source a profile may name', () => {
    const v = VendorProfileSchema.parse({
      ...vendor('generic'),
      id: 'all-sources',
      fields: [
        ...vendor('generic').fields,
        ...(
          [
            ['name', 'context.subscriber.name'],
            ['sub-id', 'context.subscriber.id'],
            ['url', 'context.portalUrl'],
            ['profile', 'context.esim.imsiProfile'],
          ] as const
        ).map(([id, prefill]) => ({
          id,
          prefill,
          kind: 'text',
          required: false,
          label: { en: id, fr: id },
          help: { en: id, fr: id },
        })),
      ],
    });
    expect(prefillFields(v, { context: context(), now, timeZone: 'UTC' })).toMatchObject({
      name: 'Jane Roe',
      'sub-id': 'SUB-42',
      url: 'https://ap.example.test/subscribers/42',
      profile: '7',
    });
    expect(
      prefillFields(v, { context: context(), portalUrl: 'https://ap.example.test/x', now, timeZone: 'UTC' })
        .url,
    ).toBe('https://ap.example.test/x');
  });

  it('never fills a secret field, even from a profile built without the schema', () => {
    const wildix = vendor('wildix');
    const unsafe: VendorProfile = {
      ...wildix,
      fields: wildix.fields.map((f) =>
        f.kind === 'secret' ? { ...f, prefill: 'context.subscriber.name' } : f,
      ),
    };
    expect(prefillFields(unsafe, { context: context(), now, timeZone: 'UTC' })).not.toHaveProperty('login');
  });
});

describe('checklist', () => {
  it('ships the first-line eSIM steps in both languages', () => {
    expect(DEFAULT_ESIM_CHECKLIST.steps.map((s) => s.id)).toEqual([
      'esim-status',
      'device-compatible',
      'device-unlocked',
      'line-enabled',
      'data-roaming',
      'internet',
      'install',
      'region-match',
      'restarted',
      'network-manual',
    ]);
    for (const step of DEFAULT_ESIM_CHECKLIST.steps) expect(step.label.fr).not.toBe(step.label.en);
    expect(DEFAULT_ESIM_CHECKLIST.steps.find((s) => s.id === 'install')?.label.en).toMatch(
      /SM-DP\+.*activation code/,
    );
  });

  it('lists ticked labels in checklist order and skips unknown ids', () => {
    expect(checklistLabels(DEFAULT_ESIM_CHECKLIST, ['network-manual', 'gone', 'esim-status'], 'fr')).toEqual([
      "Statut de l'eSIM vérifié (Installed ou Released)",
      'Réseau sélectionné manuellement',
    ]);
  });

  it('refuses a checklist with a repeated step id', () => {
    const step = DEFAULT_ESIM_CHECKLIST.steps[0];
    const r = ChecklistSchema.safeParse({ ...DEFAULT_ESIM_CHECKLIST, steps: [step, step] });
    expect(r.success).toBe(false);
  });
});
