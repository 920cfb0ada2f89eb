// The secret-key vocabulary is data (lib/evidence/secret-keys.ts): these checks keep it usable —
// every entry written the way keys are compared, no entry that another already covers, and every
// "not a secret header" exception an exception to something.
import { describe, expect, it } from 'vitest';
import { isSecretKey } from '../../../lib/evidence/redact';
import { SECRET_KEY_VOCABULARY } from '../../../lib/evidence/secret-keys';

const { substrings, words, queryExact, notSecretHeaders, nameKeys, valueKeys } = SECRET_KEY_VOCABULARY;

describe('SECRET_KEY_VOCABULARY', () => {
  it.each(Object.entries(SECRET_KEY_VOCABULARY))(
    '%s: normalised (a-z, 0-9) and without duplicates',
    (_list, entries) => {
      for (const entry of entries) expect(entry).toMatch(/^[a-z0-9]+$/);
      expect(new Set(entries).size).toBe(entries.length);
    },
  );

  it('no whole word or query key is already caught by a substring (it would never matter)', () => {
    for (const entry of [...words, ...queryExact]) {
      expect(
        substrings.filter((s) => entry.includes(s)),
        entry,
      ).toEqual([]);
    }
  });

  it('every exception header would be secret without the exception', () => {
    for (const header of notSecretHeaders) expect(isSecretKey(header), header).toBe(true);
  });

  it('every entry is caught where it applies', () => {
    for (const entry of [...substrings, ...words]) expect(isSecretKey(entry), entry).toBe(true);
    for (const entry of queryExact) {
      expect(isSecretKey(entry, 'query'), entry).toBe(true);
      expect(isSecretKey(entry, 'field'), entry).toBe(false);
    }
  });

  it('the name/value pattern keys are not secret themselves', () => {
    for (const key of [...nameKeys, ...valueKeys]) expect(isSecretKey(key), key).toBe(false);
  });
});
