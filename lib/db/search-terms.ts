/**
 * Words for the drafts' multiEntry `terms` index, and the same normalisation for search queries, so that
 * what the agent types meets what was stored: lower case, accents removed (the seeds are in English and
 * French: "Hélène" is found by "helene"), split on anything that is not a letter or a digit.
 *
 * Changing what {@link draftTerms} produces changes stored data: it needs a new schema version whose
 * upgrade recomputes `terms` for every row (see `migrations.ts`), or old drafts stop being found.
 */
import type { Draft } from '../escalation/draft';
import type { SecretTest } from './secret-policy';

/** Shorter words are not indexed (one letter matches everything and bloats the index). */
export const MIN_TERM_LENGTH = 2;
/** Longer words are cut to this length, in the index and in queries alike. */
export const MAX_TERM_LENGTH = 32;
/** Cap per draft: a pasted API response must not add thousands of index entries. */
export const MAX_TERMS_PER_DRAFT = 300;

/** Lower-cases and strips diacritics, so "Hélène" and "HELENE" compare equal. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The indexable words of `text`, in order, possibly repeated. */
export function tokenise(text: string): string[] {
  const out: string[] = [];
  for (const word of normaliseText(text).split(/[^\p{L}\p{N}]+/u)) {
    if (word.length >= MIN_TERM_LENGTH) out.push(word.slice(0, MAX_TERM_LENGTH));
  }
  return out;
}

/**
 * The words a draft is found by: last four digits of its ICCID (what agents read out), subscriber id and
 * name, vendor id, summary, then field values (sorted by field id so the result is stable). Unique, capped
 * at {@link MAX_TERMS_PER_DRAFT}, the most useful sources first. A field `isSecret` calls secret gives no
 * word (DESIGN §2: a secret is never written to IndexedDB — an index entry is a write), whether or not the
 * caller stripped it first.
 */
export function draftTerms(draft: Draft, isSecret: SecretTest): string[] {
  const terms = new Set<string>();
  const add = (text: string | null): void => {
    if (text === null) return;
    for (const word of tokenise(text)) {
      if (terms.size >= MAX_TERMS_PER_DRAFT) return;
      terms.add(word);
    }
  };
  if (draft.iccid !== null) add(draft.iccid.slice(-4));
  add(draft.subscriberId);
  add(draft.subscriberName);
  add(draft.vendorId);
  add(draft.summary);
  for (const key of Object.keys(draft.fields).sort()) {
    if (!isSecret(key, draft.vendorId)) add(draft.fields[key] ?? null);
  }
  return [...terms];
}
