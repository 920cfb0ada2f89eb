import { describe, expect, it } from 'vitest';
import type { ProblemKind, Scope } from '../../../lib/escalation/draft';
import { effectivePriority, suggestPriority } from '../../../lib/escalation/priority';
import { makeDraft, vendor } from './helpers';

type Row = [ProblemKind, Scope | null, string, string];

// Every example of seed 000's rubric, as (kind, scope) → level, with the sentence the suggestion quotes.
const ESIM_GO: Row[] = [
  ['question', 'one-user', 'low', 'General business admin, questions about coverage or general API queries'],
  ['question', null, 'low', 'General business admin, questions about coverage or general API queries'],
  ['install', 'one-user', 'normal', 'eSIM install or activation issues'],
  ['install', null, 'normal', 'eSIM install or activation issues'],
  ['connectivity', 'one-user', 'normal', 'minor connectivity issues affecting a small number of users'],
  ['topup', 'one-user', 'normal', 'issues with topping up your eSIM Go balance'],
  ['topup', 'everyone', 'normal', 'issues with topping up your eSIM Go balance'],
  ['connectivity', 'several-users', 'high', 'Loss of connectivity affecting multiple users or destinations'],
  [
    'connectivity',
    'several-destinations',
    'high',
    'Loss of connectivity affecting multiple users or destinations',
  ],
  ['outage', 'several-users', 'high', 'a full system outage'],
  ['outage', 'one-user', 'high', 'a full system outage'],
  ['outage', 'everyone', 'urgent', 'Total outage across the eSIM Go platform'],
  ['connectivity', 'everyone', 'urgent', 'a connectivity outage impacting all destinations or users'],
];

// Seed 002's CoS table: the three Critical rows, then "All other tickets".
const WILDIX: Row[] = [
  ['connectivity', 'one-user', 'critical', 'Call drops which are not caused by a operator'],
  ['connectivity', 'several-users', 'critical', 'Call drops which are not caused by a operator'],
  ['outage', 'everyone', 'critical', 'Cloud system is unreachable'],
  ['outage', null, 'critical', 'Cloud system is unreachable'],
  ['install', 'everyone', 'critical', 'Business operations severely impacted with no workaround'],
  ['install', 'one-user', 'standard', 'All other tickets'],
  ['question', 'everyone', 'standard', 'All other tickets'],
  ['topup', 'several-users', 'standard', 'All other tickets'],
];

// Seed 003 (French original quoted; the English translation travels with it).
const TRACKUNIT: Row[] = [
  ['outage', 'everyone', 'critical', 'Les plateformes ou les outils Trackunit ne sont pas accessibles'],
  ['outage', 'several-destinations', 'critical', 'Pannes'],
  [
    'connectivity',
    'several-users',
    'critical',
    'Incidents (interruptions majeures de service ou de données)',
  ],
  ['connectivity', 'one-user', 'non-critical', 'Problème impliquant un seul équipement'],
  ['install', 'everyone', 'non-critical', 'Activation des équipements'],
  ['question', null, 'non-critical', 'Autre'],
];

// Seed 004: urgent cases go by phone, the rest by online ticket.
const SAMSARA: Row[] = [
  [
    'outage',
    'one-user',
    'urgent',
    "Pour les cas d'urgence ou les demandes urgentes, contactez-nous par téléphone.",
  ],
  [
    'connectivity',
    'everyone',
    'urgent',
    "Pour les cas d'urgence ou les demandes urgentes, contactez-nous par téléphone.",
  ],
  [
    'connectivity',
    'several-users',
    'non-urgent',
    "Pour les demandes non urgentes ou les problèmes techniques, soumettez un ticket d'assistance en ligne.",
  ],
];

describe('suggestPriority', () => {
  it.each(ESIM_GO)('eSIM Go: %s / %s → %s ("%s")', (problemKind, scope, level, sentence) => {
    const s = suggestPriority(vendor('esim-go'), { problemKind, scope });
    expect(s.levelId).toBe(level);
    expect(s.levelId !== null && s.sentence.en).toBe(sentence);
    expect(s.levelId !== null && s.sentence.fr.length).toBeGreaterThan(0);
  });

  it.each(WILDIX)('Wildix: %s / %s → %s ("%s")', (problemKind, scope, level, sentence) => {
    for (const id of ['wildix', 'wildix-us']) {
      const s = suggestPriority(vendor(id), { problemKind, scope });
      expect(s.levelId).toBe(level);
      expect(s.levelId !== null && s.sentence.en).toBe(sentence);
    }
  });

  it.each(TRACKUNIT)('Trackunit: %s / %s → %s (« %s »)', (problemKind, scope, level, sentence) => {
    const s = suggestPriority(vendor('trackunit'), { problemKind, scope });
    expect(s.levelId).toBe(level);
    expect(s.levelId !== null && s.sentence.fr).toBe(sentence);
  });

  it.each(SAMSARA)('Samsara: %s / %s → %s', (problemKind, scope, level, sentence) => {
    const s = suggestPriority(vendor('samsara'), { problemKind, scope });
    expect(s.levelId).toBe(level);
    expect(s.levelId !== null && s.sentence.fr).toBe(sentence);
  });

  it('names the rule it used', () => {
    expect(
      suggestPriority(vendor('esim-go'), { problemKind: 'connectivity', scope: 'everyone' }),
    ).toMatchObject({
      levelId: 'urgent',
      ruleId: 'connectivity-everyone',
    });
  });

  it('asks for the problem kind first', () => {
    expect(suggestPriority(vendor('esim-go'), { problemKind: null, scope: 'everyone' })).toMatchObject({
      levelId: null,
      reason: 'problem-kind-missing',
    });
  });

  it('does not guess when the answer depends on an unknown scope', () => {
    // Connectivity is Normal for one user but Urgent for everyone (seed 000).
    expect(suggestPriority(vendor('esim-go'), { problemKind: 'connectivity', scope: null })).toMatchObject({
      levelId: null,
      reason: 'scope-missing',
    });
    // Wildix install: Critical if everyone is stopped, else Standard.
    expect(
      suggestPriority(vendor('wildix'), { problemKind: 'install', scope: undefined }).levelId,
    ).toBeNull();
  });

  it('says so when no rule matches', () => {
    const v = { ...vendor('generic'), priority: { ...vendor('generic').priority, rubric: [] } };
    expect(suggestPriority(v, { problemKind: 'question', scope: 'one-user' })).toMatchObject({
      levelId: null,
      reason: 'no-matching-rule',
    });
  });
});

describe('effectivePriority', () => {
  const v = vendor('esim-go');

  it('takes the suggestion when there is no override', () => {
    const p = effectivePriority(v, makeDraft({ problemKind: 'install', scope: 'one-user' }));
    expect(p).toMatchObject({ levelId: 'normal', source: 'suggestion' });
    expect(p.level?.label.en).toBe('Normal');
  });

  it('lets the agent override win', () => {
    const p = effectivePriority(
      v,
      makeDraft({ problemKind: 'install', scope: 'one-user', priorityOverride: 'urgent' }),
    );
    expect(p).toMatchObject({ levelId: 'urgent', source: 'override' });
    expect(p.suggestion.levelId).toBe('normal');
  });

  it('ignores an override that is not a level of this vendor (e.g. after switching vendor)', () => {
    const p = effectivePriority(
      v,
      makeDraft({ problemKind: 'question', scope: null, priorityOverride: 'critical' }),
    );
    expect(p).toMatchObject({ levelId: 'low', source: 'suggestion', ignoredOverride: 'critical' });
  });

  it('has no level without override nor suggestion', () => {
    expect(effectivePriority(v, makeDraft())).toMatchObject({ levelId: null, source: 'none', level: null });
  });
});
