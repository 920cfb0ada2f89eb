/**
 * Issue 16: every example sentence of the four vendors' seeds gives the level the seed gives. Each row
 * names the seed sentence (verbatim), the vendor's own problem kind / scope / severity that expresses
 * it, and the level; the suggestion must quote a rubric sentence that contains the seed's words.
 */
import { describe, expect, it } from 'vitest';
import { DraftShapeSchema } from '../../../lib/escalation/draft';
import {
  problemKindsOf,
  scopeForIccidCount,
  scopesOf,
  severitiesOf,
  suggestPriority,
  type PriorityInput,
} from '../../../lib/escalation/priority';
import { makeDraft, vendor } from './helpers';

type Row = readonly [sentence: string, input: PriorityInput, level: string];

// Seed 000, "How urgent is my ticket?": the examples of each level (English original).
const SEED_000: Row[] = [
  ['General business admin', { problemKind: 'question', scope: null }, 'low'],
  ['questions about coverage', { problemKind: 'question', scope: 'several-destinations' }, 'low'],
  ['general API queries', { problemKind: 'question', scope: 'everyone' }, 'low'],
  ['eSIM install or activation issues', { problemKind: 'install', scope: 'one-user' }, 'normal'],
  [
    'minor connectivity issues affecting a small number of users',
    { problemKind: 'connectivity', scope: 'several-users', severity: 'minor' },
    'normal',
  ],
  [
    'minor connectivity issues affecting a small number of users',
    { problemKind: 'connectivity', scope: 'one-user', severity: 'minor' },
    'normal',
  ],
  ['issues with topping up your eSIM Go balance', { problemKind: 'topup', scope: null }, 'normal'],
  [
    'For individual end user issues to be addressed within a reasonable timeframe.',
    { problemKind: 'connectivity', scope: 'one-user', severity: 'loss' },
    'normal',
  ],
  [
    'Loss of connectivity affecting multiple users or destinations',
    { problemKind: 'connectivity', scope: 'several-users', severity: 'loss' },
    'high',
  ],
  [
    'Loss of connectivity affecting multiple users or destinations',
    { problemKind: 'connectivity', scope: 'several-destinations', severity: 'loss' },
    'high',
  ],
  ['a full system outage', { problemKind: 'outage', scope: 'several-users' }, 'high'],
  ['Total outage across the eSIM Go platform', { problemKind: 'outage', scope: 'everyone' }, 'urgent'],
  [
    'a connectivity outage impacting all destinations or users',
    { problemKind: 'connectivity', scope: 'everyone', severity: 'loss' },
    'urgent',
  ],
];

// Seed 002, the CoS table (English original).
const SEED_002: Row[] = [
  ['Call drops which are not caused by a operator', { problemKind: 'call-drops', scope: 'one-user' }, 'critical'],
  ['Cloud system is unreachable', { problemKind: 'cloud-unreachable', scope: null }, 'critical'],
  [
    'Business operations severely impacted with no workaround',
    { problemKind: 'other', scope: 'everyone', severity: 'no-workaround' },
    'critical',
  ],
  ['All other tickets', { problemKind: 'other', scope: 'one-user', severity: 'workaround' }, 'standard'],
];

// Seed 003, both lists (French original): Trackunit classifies by what happened, whoever it touches.
const CRITICAL_003: Array<[string, string]> = [
  ['Incidents (interruptions majeures de service ou de données)', 'incident'],
  ['Les plateformes ou les outils Trackunit ne sont pas accessibles', 'platform-unreachable'],
  ['Pannes', 'outage'],
  ['Machine hors service', 'machine-out-of-service'],
  ['Machine inaccessible', 'machine-unreachable'],
  ['Récupération du matériel volé', 'stolen-equipment'],
  ['Perte de données', 'data-loss'],
  ['Flux de données sortants de l’API interrompu', 'api-outgoing-interrupted'],
];
const NON_CRITICAL_003: Array<[string, string]> = [
  ['Activation des équipements', 'activation'],
  ['Transfert de la propriété des équipements', 'ownership-transfer'],
  ['Annulation des équipements', 'cancellation'],
  ['Changement de métadonnées', 'metadata-change'],
  ['Problème impliquant un seul équipement', 'single-equipment'],
  ['Paramètres/configuration du compte', 'account-settings'],
  ['Demande de fonctionnalité', 'feature-request'],
  ['Bugs/problèmes mineurs', 'minor-bug'],
  ['Les données entrants de l’API ne s’affichent pas', 'api-incoming-missing'],
  ['Autre', 'other'],
];
const SEED_003: Row[] = [
  ...CRITICAL_003.map(([s, k]): Row => [s, { problemKind: k, scope: 'one-user' }, 'critical']),
  ...NON_CRITICAL_003.map(([s, k]): Row => [s, { problemKind: k, scope: 'everyone' }, 'non-critical']),
];

// Seed 004, the ways to reach Samsara (French original).
const SEED_004: Row[] = [
  ["Pour les cas d'urgence ou les demandes urgentes", { problemKind: 'emergency', scope: null }, 'urgent'],
  [
    'Pour les demandes non urgentes ou les problèmes techniques',
    { problemKind: 'technical-problem', scope: 'everyone' },
    'non-urgent',
  ],
  [
    'Pour les demandes non urgentes ou les problèmes techniques',
    { problemKind: 'non-urgent-request', scope: null },
    'non-urgent',
  ],
  ['Pour les questions non urgentes', { problemKind: 'question', scope: null }, 'non-urgent'],
];

const TABLES: Array<[string, string[], 'en' | 'fr', Row[]]> = [
  ['seed 000', ['esim-go'], 'en', SEED_000],
  ['seed 002', ['wildix', 'wildix-us'], 'en', SEED_002],
  ['seed 003', ['trackunit'], 'fr', SEED_003],
  ['seed 004', ['samsara'], 'fr', SEED_004],
];

describe.each(TABLES)('%s: every example sentence gives the seed’s level', (_seed, vendorIds, lang, rows) => {
  it.each(rows.map((r) => [r[0], r[2], r[1]] as const))('“%s” → %s', (sentence, level, input) => {
    for (const id of vendorIds) {
      const s = suggestPriority(vendor(id), input);
      expect(s.levelId, `${id}: ${JSON.stringify(input)}`).toBe(level);
      if (s.levelId === null) return;
      // The suggestion quotes the vendor's words that decided it.
      expect(s.sentence[lang]).toContain(sentence);
      expect(s.sentence[lang === 'en' ? 'fr' : 'en'].length).toBeGreaterThan(0);
    }
  });
});

describe('each vendor in its own words (issue 16)', () => {
  it('Trackunit offers every problem of seed 003 as a kind, with the seed’s wording', () => {
    const labels = problemKindsOf(vendor('trackunit')).map((k) => k.label.fr);
    expect(labels).toEqual([...CRITICAL_003, ...NON_CRITICAL_003].map(([s]) => s));
  });

  it('Wildix offers no top-up kind, and one user’s ordinary problem is Standard, not Critical', () => {
    const kinds = problemKindsOf(vendor('wildix')).map((k) => k.id);
    expect(kinds).not.toContain('topup');
    expect(
      suggestPriority(vendor('wildix'), { problemKind: 'other', scope: 'one-user', severity: 'workaround' })
        .levelId,
    ).toBe('standard');
  });

  it('eSIM Go tells minor issues from a loss of connectivity for several users', () => {
    const v = vendor('esim-go');
    expect(severitiesOf(v).map((s) => s.id)).toEqual(['minor', 'loss']);
    const minor = suggestPriority(v, { problemKind: 'connectivity', scope: 'several-users', severity: 'minor' });
    const loss = suggestPriority(v, { problemKind: 'connectivity', scope: 'several-users', severity: 'loss' });
    expect([minor.levelId, loss.levelId]).toEqual(['normal', 'high']);
  });

  it('asks how severe rather than guessing when the rubric depends on it', () => {
    expect(
      suggestPriority(vendor('esim-go'), { problemKind: 'connectivity', scope: 'several-users' }),
    ).toMatchObject({ levelId: null, reason: 'severity-missing' });
  });

  it.each(['esim-go', 'wildix', 'wildix-us', 'trackunit', 'samsara', 'generic'])(
    '%s: every kind × scope × severity the profile offers gets a level',
    (id) => {
      const v = vendor(id);
      const severities = severitiesOf(v).length ? severitiesOf(v).map((s) => s.id) : [null];
      for (const k of problemKindsOf(v))
        for (const sc of scopesOf(v))
          for (const sev of severities)
            expect(
              suggestPriority(v, { problemKind: k.id, scope: sc.id, severity: sev }).levelId,
              `${k.id}/${sc.id}/${sev}`,
            ).not.toBeNull();
    },
  );

  it('the number of ICCIDs an escalation covers suggests the scope', () => {
    expect(scopeForIccidCount(vendor('esim-go'), 1)).toBe('one-user');
    expect(scopeForIccidCount(vendor('esim-go'), 3)).toBe('several-users');
    expect(scopeForIccidCount(vendor('trackunit'), 3)).toBe('several-users');
    expect(scopeForIccidCount(vendor('esim-go'), 0)).toBeNull();
  });
});

describe('drafts written with the old fixed kinds keep working (no database upgrade)', () => {
  it('a stored row without a severity still parses', () => {
    const { severity: _none, ...old } = makeDraft({ problemKind: 'connectivity', scope: 'several-users' });
    expect(DraftShapeSchema.safeParse(old).success).toBe(true);
  });

  it.each([
    // [vendor, old kind, old scope, level or null]
    ['esim-go', 'install', 'one-user', 'normal'],
    ['esim-go', 'outage', 'everyone', 'urgent'],
    ['wildix', 'outage', null, 'critical'],
    ['trackunit', 'install', 'everyone', 'non-critical'],
    ['trackunit', 'question', null, 'non-critical'],
    ['samsara', 'outage', 'one-user', 'urgent'],
    ['samsara', 'connectivity', 'several-users', 'non-urgent'],
  ] as const)('%s: old %s / %s → %s', (id, problemKind, scope, level) => {
    expect(suggestPriority(vendor(id), { problemKind, scope }).levelId).toBe(level);
  });

  it('an old kind the vendor splits is not guessed: the agent chooses again', () => {
    // Wildix "connectivity" could be a call drop (Critical) or anything else (Standard).
    expect(suggestPriority(vendor('wildix'), { problemKind: 'connectivity', scope: 'one-user' })).toMatchObject({
      levelId: null,
      reason: 'problem-kind-missing',
    });
  });
});
