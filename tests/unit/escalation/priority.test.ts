import { describe, expect, it } from 'vitest';
import { effectivePriority, suggestPriority } from '../../../lib/escalation/priority';
import { makeDraft, vendor } from './helpers';

// The seed tables (every example sentence of seeds 000, 002, 003, 004 → its level) live in
// seed-rubric.test.ts; this file checks how the rubric is walked.
describe('suggestPriority', () => {
  it('names the rule it used', () => {
    expect(
      suggestPriority(vendor('esim-go'), { problemKind: 'connectivity', scope: 'everyone', severity: 'loss' }),
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
