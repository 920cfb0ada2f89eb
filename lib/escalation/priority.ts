/**
 * Priority suggestion from the vendor's own rubric (DESIGN §2: the suggestion is explainable — it names
 * the rule it used and quotes the vendor's sentence), and the priority a draft actually carries.
 */
import type { Draft, ProblemKind, Scope } from './draft';
import type { LocalizedText, PriorityLevel, RubricRule, VendorProfile } from './vendor-profile';

/** Why no level could be suggested. */
export type NoSuggestionReason = 'problem-kind-missing' | 'scope-missing' | 'no-matching-rule';

/** A suggested level with the rule that decided it, or why there is none. */
export type PrioritySuggestion =
  | { readonly levelId: string; readonly ruleId: string; readonly sentence: LocalizedText }
  | { readonly levelId: null; readonly reason: NoSuggestionReason; readonly message: string };

/** What the rubric is asked about: the draft's problem kind and scope (either may be unknown yet). */
export interface PriorityInput {
  readonly problemKind: ProblemKind | null | undefined;
  readonly scope: Scope | null | undefined;
}

type RuleMatch = 'yes' | 'no' | 'needs-scope';

function matches(rule: RubricRule, kind: ProblemKind, scope: Scope | null | undefined): RuleMatch {
  if (rule.when.problemKinds && !rule.when.problemKinds.includes(kind)) return 'no';
  if (rule.when.scopes) {
    if (scope === null || scope === undefined) return 'needs-scope';
    if (!rule.when.scopes.includes(scope)) return 'no';
  }
  return 'yes';
}

/**
 * Suggests a level: the rubric's rules are tried in order and the first that matches wins. When the
 * scope is unknown and a rule that depends on it comes before the first match, the answer depends on
 * the scope, so none is given (`scope-missing`) rather than a guess.
 */
export function suggestPriority(vendor: VendorProfile, input: PriorityInput): PrioritySuggestion {
  const kind = input.problemKind;
  if (kind === null || kind === undefined) {
    return { levelId: null, reason: 'problem-kind-missing', message: 'Say what kind of problem this is.' };
  }
  for (const rule of vendor.priority.rubric) {
    const m = matches(rule, kind, input.scope);
    if (m === 'needs-scope') {
      return { levelId: null, reason: 'scope-missing', message: 'Say who is affected to get a suggestion.' };
    }
    if (m === 'yes') return { levelId: rule.levelId, ruleId: rule.id, sentence: rule.sentence };
  }
  return {
    levelId: null,
    reason: 'no-matching-rule',
    message: `${vendor.name}'s rubric has no rule for this case: choose the priority.`,
  };
}

/** The priority a draft carries and where it comes from. */
export interface EffectivePriority {
  /** A level id of the vendor's scale, or null when there is neither override nor suggestion. */
  readonly levelId: string | null;
  readonly source: 'override' | 'suggestion' | 'none';
  readonly level: PriorityLevel | null;
  readonly suggestion: PrioritySuggestion;
  /** An override naming no level of this vendor (e.g. left over from another vendor): ignored. */
  readonly ignoredOverride?: string;
}

/** The level with this id in the vendor's scale, if any. */
export function findLevel(vendor: VendorProfile, levelId: string | null | undefined): PriorityLevel | null {
  if (levelId === null || levelId === undefined) return null;
  return vendor.priority.levels.find((l) => l.id === levelId) ?? null;
}

/** The agent's override when it names a level of this vendor, else the rubric's suggestion. */
export function effectivePriority(
  vendor: VendorProfile,
  draft: Pick<Draft, 'problemKind' | 'scope' | 'priorityOverride'>,
): EffectivePriority {
  const suggestion = suggestPriority(vendor, { problemKind: draft.problemKind, scope: draft.scope });
  const override = draft.priorityOverride;
  const overrideLevel = findLevel(vendor, override);
  if (overrideLevel)
    return { levelId: overrideLevel.id, source: 'override', level: overrideLevel, suggestion };
  const ignored = override !== null && override !== undefined ? { ignoredOverride: override } : {};
  if (suggestion.levelId !== null) {
    return {
      levelId: suggestion.levelId,
      source: 'suggestion',
      level: findLevel(vendor, suggestion.levelId),
      suggestion,
      ...ignored,
    };
  }
  return { levelId: null, source: 'none', level: null, suggestion, ...ignored };
}
