/**
 * Issue 16: value vocabularies as data. Plan states in seven languages, "Illimité Tout" as Unlimited All
 * where the catalog says so, and line names in the agent's language.
 */
import { describe, expect, it } from 'vitest';
import { checkAddLine } from '../../../lib/catalog/eligibility';
import { EXAMPLE_CATALOG } from '../../../lib/catalog/example-catalog';
import { lineNameFor } from '../../../lib/catalog/compatibility';
import { classifyPlanState } from '../../../lib/catalog/plan-life';
import { CatalogSchema } from '../../../lib/catalog/schema';
import { valueStateOf } from '../../../lib/catalog/value-words';

describe('plan and line states in seven languages', () => {
  it.each([
    // English, French, German, Spanish, Italian, Portuguese, Dutch
    ...['Active', 'Actif', 'Aktiv', 'Activo', 'Attivo', 'Ativo', 'Actief', 'Activée', 'En cours'].map(
      (l) => [l, 'active'] as const,
    ),
    ...[
      'Pending',
      'En attente',
      'Ausstehend',
      'Pendiente',
      'In attesa',
      'Pendente',
      'In afwachting',
      'Not activated',
      'Inactif',
      'Inaktiv',
      'Nicht aktiv',
      'Inattivo',
      'Inativo',
      'Inactief',
      'En cours d’activation',
    ].map((l) => [l, 'pending'] as const),
    ...[
      'Cancelled',
      'Résilié',
      'Gekündigt',
      'Cancelado',
      'Annullato',
      'Cancelado',
      'Opgezegd',
      'Terminated',
    ].map((l) => [l, 'cancelled'] as const),
    ...['Expired', 'Expiré', 'Abgelaufen', 'Caducado', 'Scaduto', 'Expirado', 'Verlopen', 'Épuisé'].map(
      (l) => [l, 'expired'] as const,
    ),
  ])('%j → %s', (label, state) => {
    expect(valueStateOf(label)).toBe(state);
  });

  it('knows nothing of an unrelated word, and never reads "désactivé" as active', () => {
    for (const label of ['Something else', '', '   ', 'Désactivé', 'Reactivation fee']) {
      expect(valueStateOf(label), label).toBeUndefined();
    }
  });

  it('a cancelled plan is over: the plan life reads it as expired', () => {
    expect(classifyPlanState('Résilié')).toBe('expired');
    expect(classifyPlanState('Gekündigt')).toBe('expired');
    expect(classifyPlanState('Aktiv')).toBe('active');
  });
});

describe('"Illimité Tout" is Unlimited All where the catalog says so (seed 001)', () => {
  const subscriber = { planType: 'Illimité Tout', unlimitedBundles: 0, esims: [] };

  it('the Add line rule does not refuse the complimentary eSIM', () => {
    expect(checkAddLine({ subscriber, catalog: EXAMPLE_CATALOG })).toMatchObject({
      status: 'eligible',
      code: 'unlimited-all',
    });
  });

  it('only where the catalog says so', () => {
    const withoutAlias = CatalogSchema.parse({
      ...EXAMPLE_CATALOG,
      plans: EXAMPLE_CATALOG.plans.map((p) => (p.id === 'unlimited-all' ? { ...p, aliases: [] } : p)),
    });
    expect(checkAddLine({ subscriber, catalog: withoutAlias }).status).toBe('not-eligible');
  });

  it('lines already cancelled in another language do not count', () => {
    const lines = ['Gekündigt', 'Cancelado', 'Actif'].map((status, i) => ({
      iccid: `8900${i}`,
      status,
      plans: [],
    }));
    expect(
      checkAddLine({ subscriber: { planType: 'Basic 40', unlimitedBundles: 2, esims: lines } }),
    ).toMatchObject({ status: 'eligible', esimsShared: 2 });
  });
});

describe('line names in the agent’s language', () => {
  const asia = EXAMPLE_CATALOG.plans.find((p) => p.id === 'asia-1')!;

  it('a multi-country plan is named after its region, translated', () => {
    expect(lineNameFor(asia, [], 'en')).toBe('Asia');
    expect(lineNameFor(asia, [], 'fr')).toBe('Asie');
  });

  it("the catalog's own translation wins", () => {
    expect(lineNameFor({ ...asia, regionNames: { fr: 'Asie du Sud-Est' } }, [], 'fr')).toBe(
      'Asie du Sud-Est',
    );
  });
});

describe('the shipped vocabularies', () => {
  it('parse with their schemas, in all seven languages', async () => {
    const { PlanStateVocabularySchema, RegionVocabularySchema } =
      await import('../../../lib/catalog/vocabulary-schema');
    const states = PlanStateVocabularySchema.parse(
      (await import('../../../lib/catalog/vocabulary/plan-states.json')).default,
    );
    for (const byLang of Object.values(states.states)) {
      expect(Object.keys(byLang).sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'nl', 'pt']);
    }
    RegionVocabularySchema.parse((await import('../../../lib/catalog/vocabulary/regions.json')).default);
  });
});
