/**
 * Text normalisation shared by the catalog schema (collision check), plan matching and the
 * country finder. Kept in its own module so the schema and the matchers agree on one rule.
 */

/**
 * Normalises a plan name or alias the way a portal's labels vary: case-insensitive, whitespace
 * collapsed and trimmed, `-` and `_` read as spaces ("EURO-1" = "euro 1" = " Euro  1 ").
 * Unicode is folded with NFKC first so non-breaking spaces and full-width digits compare equal.
 * Accents are kept: they can tell two names apart.
 */
export function normalisePlanName(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_]+/g, ' ')
    .trim();
}

/**
 * Like {@link normalisePlanName} and also accent-insensitive ("États-Unis" = "etats unis"), for
 * free-text search where an agent types without accents. Apostrophes and dots are dropped
 * ("Côte d'Ivoire", "U.S.A.").
 */
export function foldSearchText(s: string): string {
  return normalisePlanName(s.normalize('NFD').replace(/\p{M}/gu, ''))
    .replace(/['’.]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
