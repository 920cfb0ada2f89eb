/**
 * The zod schemas of the shipped value vocabularies (vocabulary/*.json). Kept apart from value-words.ts,
 * which the content script loads without zod; a unit test parses every shipped file with these.
 */
import { z } from 'zod';

/** See value-words.ts {@link import('./value-words').ValueState}. */
export const ValueStateSchema = z.enum(['pending', 'cancelled', 'expired', 'active']);

/** state → language (ISO 639-1) → word starts, folded (lower case, no accents, single spaces). */
export const PlanStateVocabularySchema = z.object({
  $comment: z.string().optional(),
  states: z.record(
    ValueStateSchema,
    z.record(z.string().regex(/^[a-z]{2}$/), z.array(z.string().regex(/^[a-z][a-z ]{0,60}$/)).min(1)),
  ),
});

/** English region → language → name. */
export const RegionVocabularySchema = z.object({
  $comment: z.string().optional(),
  regions: z.record(
    z.string().min(1).max(100),
    z.record(z.string().regex(/^[a-z]{2}$/), z.string().trim().min(1).max(100)),
  ),
});
