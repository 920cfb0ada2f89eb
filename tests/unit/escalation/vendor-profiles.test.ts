import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { problemKindsOf, scopesOf, severitiesOf, suggestPriority } from '../../../lib/escalation/priority';
import { PrefillSourceSchema } from '../../../lib/escalation/vendor-profile';
import {
  builtInVendors,
  DEFAULT_VENDOR_ID,
  defaultVendor,
  getVendor,
  parseVendorProfileJson,
} from '../../../lib/escalation/vendors';
import { vendor } from './helpers';

const dir = new URL('../../../lib/escalation/vendor-profiles/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

// Seed 000, "How urgent is my ticket?" (verbatim).
const SEED_000 = `- Low: Minimal to no business impact. For when you have a query but don’t need an instant answer.
For example: General business admin, questions about coverage or general API queries.
- Normal: Minimal to moderate business impact. For individual end user issues to be addressed within a reasonable timeframe.
For example: eSIM install or activation issues, minor connectivity issues affecting a small number of users or issues with topping up your eSIM Go balance.
- High: Significant business impact. For when your query relates to something that causes problems with the day to day running of your business.
For example: Loss of connectivity affecting multiple users or destinations or a full system outage.
- Urgent: Total business outage. For when something serious has happened that means your business cannot operate.
For example: Total outage across the eSIM Go platform or a connectivity outage impacting all destinations or users.`;

// Seed 002, the CoS table (verbatim).
const SEED_002 = `Call drops which are not caused by a operator
Cloud system is unreachable
Business operations severely impacted with no workaround
All other tickets`;

// Seed 003, both lists (verbatim, French).
const SEED_003 = `Incidents (interruptions majeures de service ou de données)
Les plateformes ou les outils Trackunit ne sont pas accessibles
Pannes
Machine hors service
Machine inaccessible
Récupération du matériel volé
Perte de données
Flux de données sortants de l’API interrompu
Activation des équipements
Transfert de la propriété des équipements
Annulation des équipements
Changement de métadonnées
Problème impliquant un seul équipement
Paramètres/configuration du compte
Demande de fonctionnalité
Bugs/problèmes mineurs
Les données entrants de l’API ne s’affichent pas
Autre`;

// Seed 004, the two contact sentences (verbatim, French).
const SEED_004 = `Pour les cas d'urgence ou les demandes urgentes, contactez-nous par téléphone.
Pour les demandes non urgentes ou les problèmes techniques, soumettez un ticket d'assistance en ligne.
Pour les questions non urgentes, soumettez un ticket d'assistance en ligne ou depuis votre site Samsara dashboard.`;

describe('built-in vendor profiles', () => {
  it.each(files)('%s validates against VendorProfileSchema', (file) => {
    const result = parseVendorProfileJson(readFileSync(new URL(file, dir), 'utf8'));
    if (!result.ok) expect(result.error.issues).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('registers every JSON file, under its file name', () => {
    expect(builtInVendors.map((v) => `${v.id}.json`).sort()).toEqual([...files].sort());
    for (const id of ['esim-go', 'wildix', 'wildix-us', 'trackunit', 'samsara', 'generic']) {
      expect(getVendor(id)?.id).toBe(id);
    }
    expect(getVendor('nope')).toBeUndefined();
  });

  it('makes eSIM Go the one default vendor', () => {
    expect(DEFAULT_VENDOR_ID).toBe('esim-go');
    expect(defaultVendor().id).toBe('esim-go');
    expect(builtInVendors.filter((v) => v.default === true).map((v) => v.id)).toEqual(['esim-go']);
  });

  it('lets an edited profile win over the built-in one with the same id', () => {
    const edited = { ...vendor('generic'), name: 'Our carrier' };
    expect(getVendor('generic', [edited])?.name).toBe('Our carrier');
    expect(defaultVendor([{ ...edited, default: true }]).name).toBe('Our carrier');
  });

  it.each(builtInVendors.map((v) => [v.id, v] as const))(
    '%s: the rubric gives a level for every problem kind × scope (and severity) the profile offers',
    (_id, v) => {
      const severities = severitiesOf(v).length ? severitiesOf(v).map((o) => o.id) : [null];
      for (const problemKind of problemKindsOf(v).map((o) => o.id)) {
        for (const scope of scopesOf(v).map((o) => o.id)) {
          for (const severity of severities) {
            expect(
              suggestPriority(v, { problemKind, scope, severity }).levelId,
              `${problemKind}/${scope}/${severity}`,
            ).not.toBeNull();
          }
        }
      }
    },
  );

  it('eSIM Go: the four levels, their definitions and examples are the words of seed 000', () => {
    const v = vendor('esim-go');
    expect(v.priority.levels.map((l) => l.label.en)).toEqual(['Low', 'Normal', 'High', 'Urgent']);
    for (const level of v.priority.levels) {
      expect(SEED_000).toContain(`${level.label.en}: ${level.definition.en}`);
      expect(level.examples.length).toBeGreaterThan(0);
      for (const ex of level.examples) expect(SEED_000).toContain(ex.en);
      expect(level.definition.fr).not.toBe(level.definition.en);
    }
    expect(Object.values(v.sla.responseTargets)).toEqual(Array(4).fill({ kind: 'elapsed-hours', hours: 24 }));
  });

  it('eSIM Go: asks for the seed 000 details, and only the agent can give the device type', () => {
    const v = vendor('esim-go');
    const byId = new Map(v.fields.map((f) => [f.id, f]));
    expect(byId.get('iccid')).toMatchObject({ kind: 'iccid', required: true });
    expect(byId.get('location')).toMatchObject({ required: true });
    expect(byId.get('troubleshooting')).toMatchObject({
      kind: 'textarea',
      required: true,
      prefill: 'checklist.done',
    });
    expect(byId.get('device')).toMatchObject({ required: true });
    expect(byId.get('device')?.prefill).toBeUndefined();
    expect(byId.get('screenshots')?.kind).toBe('evidence-screenshot');
    expect(byId.get('api-call')?.kind).toBe('evidence-api');
    // No prefill source could ever guess a device.
    expect(PrefillSourceSchema.options.some((s) => /device|agent\.(browser|ua|platform)/i.test(s))).toBe(
      false,
    );
  });

  it('rubric sentences quote the seeds (seed 000, 002 in English; 003, 004 in French)', () => {
    const quoted: Array<[string, string, 'en' | 'fr']> = [
      ['esim-go', SEED_000, 'en'],
      ['wildix', SEED_002, 'en'],
      ['wildix-us', SEED_002, 'en'],
      ['trackunit', SEED_003, 'fr'],
      ['samsara', SEED_004, 'fr'],
    ];
    for (const [id, seed, lang] of quoted) {
      for (const rule of vendor(id).priority.rubric)
        expect(seed, `${id}/${rule.id}`).toContain(rule.sentence[lang]);
    }
  });

  it('Trackunit: the levels list every problem of seed 003 in French, with an English translation', () => {
    const examples = vendor('trackunit').priority.levels.flatMap((l) => l.examples);
    expect(examples.map((e) => e.fr).join('\n')).toBe(SEED_003);
    for (const e of examples) expect(e.en).not.toBe(e.fr);
  });

  it('Wildix: Europe and Americas variants differ only in identity and support-hours time zone', () => {
    const eu = vendor('wildix');
    const us = vendor('wildix-us');
    expect(eu.sla.supportHours).toEqual({
      timeZone: 'Europe/Rome',
      start: '09:00',
      end: '18:00',
      workingDays: [1, 2, 3, 4, 5],
    });
    expect(us.sla.supportHours?.timeZone).toBe('America/New_York');
    const strip = (v: typeof eu) => ({
      ...v,
      id: '',
      name: '',
      sla: { ...v.sla, note: undefined, supportHours: { ...v.sla.supportHours, timeZone: '' } },
    });
    expect(strip(us)).toEqual(strip(eu));
    expect(eu.fields.find((f) => f.id === 'login')?.kind).toBe('secret');
    expect(eu.channels.email).toBeUndefined(); // seed 002: no new tickets by e-mail
    expect(eu.rules.map((r) => r.id)).toContain('closed-never-reopened');
  });

  it('Samsara: subject format, statuses with the 72 h auto-solve, 6-digit numbers, phone for urgent', () => {
    const v = vendor('samsara');
    expect(v.subjectTemplate).toBe('{organisation} - {subject}');
    expect(v.statuses.map((s) => s.id)).toEqual(['open', 'pending', 'on-hold', 'solved']);
    expect(v.statuses.find((s) => s.id === 'pending')?.autoSolveAfterHours).toBe(72);
    expect(new RegExp(v.ticketNumber?.pattern ?? '^$').test('123456')).toBe(true);
    expect(new RegExp(v.ticketNumber?.pattern ?? '^$').test('12345')).toBe(false);
    expect(v.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining(['one-ticket-per-problem', 'urgent-by-phone']),
    );
    expect(v.priority.levels.find((l) => l.id === 'urgent')?.note?.en).toMatch(/phone/);
    expect(v.sla.supportHours?.workingDays).toEqual([1, 2, 3, 4, 5, 6, 7]); // seed 004: 24/7
  });

  it('Generic: subject, description, optional ICCID, four levels, no SLA target', () => {
    const v = vendor('generic');
    expect(v.fields.map((f) => [f.id, f.required])).toEqual([
      ['subject', true],
      ['description', true],
      ['iccid', false],
    ]);
    expect(v.priority.levels.map((l) => l.id)).toEqual(['low', 'normal', 'high', 'urgent']);
    expect(v.sla.responseTargets).toEqual({});
  });
});

/** A deep copy of `root` with the value at `path` replaced (undefined drops the key once stringified). */
function withValue(root: unknown, path: ReadonlyArray<string | number>, value: unknown): unknown {
  const copy: unknown = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  path.slice(0, -1).forEach((key) => (node = node[key] as Record<string | number, unknown>));
  node[path[path.length - 1] as string | number] = value;
  return copy;
}

describe('parseVendorProfileJson', () => {
  const base = (): unknown => JSON.parse(readFileSync(new URL('generic.json', dir), 'utf8'));
  const issuesOf = (value: unknown) => {
    const r = parseVendorProfileJson(JSON.stringify(value));
    return r.ok ? [] : r.error.issues;
  };

  it('refuses text that is not JSON, with code "json"', () => {
    const r = parseVendorProfileJson('{ "id": ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('json');
  });

  it('refuses a huge text before parsing it', () => {
    const r = parseVendorProfileJson(`"${'x'.repeat(600_000)}"`);
    expect(!r.ok && r.error.code).toBe('too-large');
  });

  const secretField = {
    id: 'pw',
    label: { en: 'P', fr: 'P' },
    help: { en: 'P', fr: 'P' },
    kind: 'secret',
    required: false,
  };
  const hours = (start: string, end: string, timeZone = 'UTC') => ({
    timeZone,
    start,
    end,
    workingDays: [1],
  });

  it.each<[string, Array<string | number>, unknown, string]>([
    ['a missing French label', ['fields', 0, 'label', 'fr'], undefined, 'fields[0].label.fr'],
    ['a select without options', ['fields', 1, 'kind'], 'select', 'fields[1].options'],
    [
      'a secret that is prefilled',
      ['fields', 3],
      { ...secretField, prefill: 'agent.now' },
      'fields[3].prefill',
    ],
    ['an unknown prefill source', ['fields', 0, 'prefill'], 'agent.userAgent', 'fields[0].prefill'],
    [
      'a rubric rule pointing at no level',
      ['priority', 'rubric', 0, 'levelId'],
      'p1',
      'priority.rubric[0].levelId',
    ],
    [
      'a business-minutes target without support hours',
      ['sla', 'responseTargets'],
      { urgent: { kind: 'business-minutes', minutes: 30 } },
      'sla.responseTargets.urgent',
    ],
    [
      'an invalid time zone',
      ['sla', 'supportHours'],
      hours('09:00', '18:00', 'Europe/Atlantis'),
      'sla.supportHours.timeZone',
    ],
    [
      'support hours that end before they start',
      ['sla', 'supportHours'],
      hours('18:00', '09:00'),
      'sla.supportHours.end',
    ],
    ['an unknown subject placeholder', ['subjectTemplate'], '{company} - {subject}', 'subjectTemplate'],
    ['a duplicated field id', ['fields', 1, 'id'], 'subject', 'fields'],
    [
      'an http (not https) web form',
      ['channels', 'webFormUrl'],
      'http://example.com/new',
      'channels.webFormUrl',
    ],
    ['an unknown key (typo)', ['feilds'], [], '(root)'],
  ])('reports %s with its path', (_what, path, value, expected) => {
    expect(issuesOf(withValue(base(), path, value)).map((i) => i.path)).toContain(expected);
  });

  it('refuses a subject template that would print a secret', () => {
    const p = withValue(withValue(base(), ['fields', 3], secretField), ['subjectTemplate'], '{subject} {pw}');
    expect(
      issuesOf(p)
        .map((i) => i.message)
        .join(),
    ).toMatch(/secret/);
  });
});
