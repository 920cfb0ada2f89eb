import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../lib/portal/fingerprint';

describe('fingerprint', () => {
  it('is stable for the same text and tells one-character changes apart', () => {
    const a = JSON.stringify({ iccids: ['89445000122510020012'], title: 'S-1001' });
    expect(fingerprint(a)).toBe(fingerprint(a.slice()));
    expect(fingerprint(a)).not.toBe(fingerprint(a.replace('0012', '0020')));
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.nat(), (text, at) => {
        const i = at % text.length;
        const changed = text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1);
        expect(fingerprint(changed)).not.toBe(fingerprint(text));
      }),
    );
  });
});
