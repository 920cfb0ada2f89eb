/**
 * Priority suggestion from the vendor's own rubric (DESIGN §2: the suggestion is explainable — it names
 * the rule it used and quotes the vendor's sentence), and the priority a draft actually carries.
 */
import type { Draft } from './draft';
import {
  LEGACY_RUBRIC_AXES,
  type AxisOption,
  type LocalizedText,
  type PriorityLevel,
  type RubricRule,
  type VendorProfile,
} from './vendor-profile';

/** Why no level could be suggested. */
export type NoSuggestionReason =
  'problem-kind-missing' | 'scope-missing' | 'severity-missing' | 'no-matching-rule';

/** A suggested level with the rule that decided it, or why there is none. */
export type PrioritySuggestion =
  | { readonly levelId: string; readonly ruleId: string; readonly sentence: LocalizedText }
  | { readonly levelId: null; readonly reason: NoSuggestionReason; readonly message: string };

/**
 * What the rubric is asked about: the draft's problem kind, scope and severity (any may be unknown yet).
 * Values are the vendor profile's own ids, or ids of the fixed lists older drafts stored.
 */
export interface PriorityInput {
  readonly problemKind: string | null | undefined;
  readonly scope: string | null | undefined;
  readonly severity?: string | null | undefined;
  /**
   * The draft predates the severity axis (issue 16; e.g. a row handed over before the v3 upgrade): rules
   * that depend on a severity cannot have applied to it, so they are passed over rather than waited for.
   */
  readonly severityUnasked?: boolean;
}

/** The vendor's problem kinds (issue 16: each vendor in its own words). */
export function problemKindsOf(vendor: VendorProfile): readonly AxisOption[] {
  return vendor.priority.problemKinds ?? LEGACY_RUBRIC_AXES.problemKinds;
}
/** The vendor's scopes (who is affected). */
export function scopesOf(vendor: VendorProfile): readonly AxisOption[] {
  return vendor.priority.scopes ?? LEGACY_RUBRIC_AXES.scopes;
}
/** The vendor's severities; empty when its rubric does not need one. */
export function severitiesOf(vendor: VendorProfile): readonly AxisOption[] {
  return vendor.priority.severities ?? [];
}

/**
 * The choice of `options` a stored value stands for: the choice with that id, else the one that
 * `replaces` it (a draft written with the old fixed kinds), else null — the agent chooses again.
 */
export function resolveAxis(
  options: readonly AxisOption[],
  stored: string | null | undefined,
): string | null {
  if (stored === null || stored === undefined) return null;
  if (options.some((o) => o.id === stored)) return stored;
  return options.find((o) => o.replaces?.includes(stored))?.id ?? null;
}

/**
 * The scope to suggest for an escalation covering `count` ICCIDs (issue 16: the count feeds the scope):
 * the first scope whose `iccidCount` range holds it, or null.
 */
export function scopeForIccidCount(vendor: VendorProfile, count: number): string | null {
  if (count < 1) return null;
  const hit = scopesOf(vendor).find(
    (o) =>
      o.iccidCount !== undefined &&
      count >= o.iccidCount.min &&
      (o.iccidCount.max === undefined || count <= o.iccidCount.max),
  );
  return hit?.id ?? null;
}

/**
 * Whether the severity changes the suggestion for this kind and scope (seed 000: minor issues vs loss of
 * connectivity), so the form asks for it only then.
 */
export function severityMatters(vendor: VendorProfile, input: PriorityInput): boolean {
  const options = severitiesOf(vendor);
  if (options.length === 0 || resolveAxis(problemKindsOf(vendor), input.problemKind) === null) return false;
  const levels = new Set(options.map((o) => suggestPriority(vendor, { ...input, severity: o.id }).levelId));
  return levels.size > 1;
}

type RuleMatch = 'yes' | 'no' | 'needs-scope' | 'needs-severity';

function matches(
  rule: RubricRule,
  kind: string,
  scope: string | null,
  severity: string | null,
  severityUnasked = false,
): RuleMatch {
  if (rule.when.severities && severity === null && severityUnasked) return 'no';
  if (rule.when.problemKinds && !rule.when.problemKinds.includes(kind)) return 'no';
  if (rule.when.scopes && scope !== null && !rule.when.scopes.includes(scope)) return 'no';
  if (rule.when.severities && severity !== null && !rule.when.severities.includes(severity)) return 'no';
  if (rule.when.scopes && scope === null) return 'needs-scope';
  if (rule.when.severities && severity === null) return 'needs-severity';
  return 'yes';
}

/**
 * Suggests a level: the rubric's rules are tried in order and the first that matches wins. When a rule
 * that comes before the first match depends on a scope or severity not given yet, the answer depends on
 * it, so none is given (`scope-missing`, `severity-missing`) rather than a guess.
 */
export function suggestPriority(vendor: VendorProfile, input: PriorityInput): PrioritySuggestion {
  const kind = resolveAxis(problemKindsOf(vendor), input.problemKind);
  if (kind === null) {
    return { levelId: null, reason: 'problem-kind-missing', message: 'Say what kind of problem this is.' };
  }
  const scope = resolveAxis(scopesOf(vendor), input.scope);
  const severity = resolveAxis(severitiesOf(vendor), input.severity);
  for (const rule of vendor.priority.rubric) {
    const m = matches(rule, kind, scope, severity, input.severityUnasked === true);
    if (m === 'needs-scope') {
      return { levelId: null, reason: 'scope-missing', message: 'Say who is affected to get a suggestion.' };
    }
    if (m === 'needs-severity') {
      return {
        levelId: null,
        reason: 'severity-missing',
        message: 'Say how severe it is to get a suggestion.',
      };
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
  draft: Pick<Draft, 'problemKind' | 'scope' | 'priorityOverride'> & {
    readonly severity?: string | null;
    readonly severityUnasked?: boolean;
  },
): EffectivePriority {
  const suggestion = suggestPriority(vendor, {
    problemKind: draft.problemKind,
    scope: draft.scope,
    severity: draft.severity,
    ...(draft.severityUnasked ? { severityUnasked: true } : {}),
  });
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
