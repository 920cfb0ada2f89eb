import { describe, expect, it } from 'vitest';
import { formOfTitle, LABEL_WORDS, rolesOfLabel, wordKey } from '../../../../lib/portal/guess/vocabulary';

describe('label vocabulary (issue 19: seven languages as data)', () => {
  it('covers every role in en, fr, de, es, it, pt and nl', () => {
    for (const [role, words] of Object.entries(LABEL_WORDS))
      for (const lang of ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl'] as const)
        expect(words[lang].length, `${role}/${lang}`).toBeGreaterThan(0);
  });

  it.each([
    ['Profil IMSI', 'imsiProfile'],
    ['IMSI-Profil:', 'imsiProfile'],
    ['État', 'status'],
    ['ETAT', 'status'],
    ['N° client :', 'subscriberId'],
    ['Kunden-Nr.', 'subscriberId'],
    ['Nº de cliente', 'subscriberId'],
    ['Fiche abonné', undefined],
    ['Forfait', 'plan'],
    ['Tariefplan', 'plan'],
    ['Data de expiração', 'expiresAt'],
    ['Geactiveerd op', 'activatedAt'],
    ['Stato', 'status'],
  ])('"%s" is a %s label', (text, role) => {
    expect(rolesOfLabel(text)[0]).toBe(role);
  });

  it('knows the Add plan and Add line forms by title', () => {
    expect(formOfTitle('Ajouter un forfait')).toBe('addPlan');
    expect(formOfTitle('Tarif hinzufügen')).toBe('addPlan');
    expect(formOfTitle('Adicionar linha')).toBe('addLine');
    expect(formOfTitle('Save')).toBeUndefined();
  });

  it('compares words without accents, case, punctuation or a colon', () => {
    expect(wordKey('  Numéro-Client : ')).toBe(wordKey('numero client'));
  });
});
