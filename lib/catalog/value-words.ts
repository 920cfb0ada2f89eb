/**
 * Value vocabularies as data (issue 16): the words portals use for a plan's or a line's state, in
 * English, French, German, Spanish, Italian, Portuguese and Dutch (`vocabulary/plan-states.json`),
 * so a portal in any of them reads as the rules expect. Adding a language is a JSON edit.
 */
import planStatesJson from './vocabulary/plan-states.json';
import regionsJson from './vocabulary/regions.json';

/** What a state label says, as the rules know it. */
export type ValueState = 'pending' | 'cancelled' | 'expired' | 'active';

// The content script reads plan states and must not load zod (layers.test.ts): the shipped files are
// validated by their zod schemas in vocabulary-schema.ts, in a unit test, so a broken edit fails CI.
const VOCABULARY = planStatesJson as { states: Record<ValueState, Record<string, string[]>> };

/** The tie-break order of the file's comment: pending first ("Not activated" holds "activated"). */
const ORDER: readonly ValueState[] = ['pending', 'cancelled', 'expired', 'active'];

/** Lower case, accents and punctuation dropped, words single-spaced: "Résilié !" → "resilie". */
export function foldValueWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const MATCHERS: ReadonlyArray<readonly [ValueState, RegExp]> = ORDER.map((state) => {
  const words = Object.values(VOCABULARY.states[state] ?? {}).flat();
  // Each entry starts a word of the label ("inactive" is not "activ…").
  return [state, new RegExp(`(?:^| )(?:${words.join('|')})`)] as const;
});

/**
 * The state a portal label names ("Actif", "Ausstehend", "Résilié", "Scaduto"…), or undefined when
 * the vocabulary does not know it. The public entry point for anything reading state labels (the
 * plan life, the Add line count, a guessed portal profile).
 */
export function valueStateOf(label: string | undefined): ValueState | undefined {
  if (label === undefined) return undefined;
  const folded = foldValueWords(label);
  if (folded === '') return undefined;
  for (const [state, re] of MATCHERS) if (re.test(folded)) return state;
  return undefined;
}

/** The region vocabulary: English region → language → name (validated like the states, see above). */
const REGIONS = (regionsJson as { regions: Record<string, Record<string, string>> }).regions;

/**
 * A plan's region in the agent's language: the plan's own translation (catalog `regionNames`), else
 * the shipped vocabulary's, else the region as the catalog writes it.
 */
export function regionNameIn(
  plan: { readonly region: string; readonly regionNames?: Readonly<Record<string, string>> | undefined },
  lang: string,
): string {
  return (
    plan.regionNames?.[lang] ??
    (Object.hasOwn(REGIONS, plan.region) ? REGIONS[plan.region]?.[lang] : undefined) ??
    plan.region
  );
}
