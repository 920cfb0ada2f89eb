/**
 * Issue 16: every fragment of a ticket comes from the locale files, and French follows French
 * typography. Extends the i18n convention (i18n.test.ts) to the lib/ files that write ticket text:
 * a user-visible English literal there (a phrase of two or more words in a string) fails the build.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TICKET_TEXT_KEYS } from '../../../lib/escalation/ticket-text';

const root = path.resolve(__dirname, '../../..');
type Messages = Record<string, { message: string }>;
const load = (locale: string): Messages =>
  JSON.parse(readFileSync(path.join(root, 'public/_locales', locale, 'messages.json'), 'utf8'));
const en = load('en');
const fr = load('fr');

/** The lib/ files whose strings end up in a ticket. */
const TICKET_WRITERS = ['lib/escalation/render.ts', 'lib/escalation/prefill.ts', 'lib/escalation/ticket-text.ts'];

/** String literals of a TypeScript source, comments removed (good enough for these files). */
function literals(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  // Template literals only within one line: a backtick inside a regular expression must not pair up.
  return [...code.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`([^`\n]*)`/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
}

// Two words of letters in a row: a phrase a person reads (ids, keys, formats and paths have none).
const PHRASE = /\b[A-Za-z]{2,}[ ,]+[a-z]{2,}\b/;

describe('ticket text comes from the locale files (issue 16)', () => {
  it('every ticket fragment key exists in English and French', () => {
    for (const key of TICKET_TEXT_KEYS) {
      expect(en[key]?.message, `en:${key}`).toBeTruthy();
      expect(fr[key]?.message, `fr:${key}`).toBeTruthy();
    }
  });

  it.each(TICKET_WRITERS)('%s holds no user-visible English phrase', (file) => {
    const found = literals(readFileSync(path.join(root, file), 'utf8')).filter(
      // Import paths and pieces of regular expressions (brackets, backslashes) are not text.
      (s) => PHRASE.test(s) && !s.startsWith('.') && !/[\\[\]]/.test(s),
    );
    expect(found).toEqual([]);
  });

  it('the check would catch one (the pattern is not vacuous)', () => {
    expect(literals("const s = 'First response expected by'; // not this one").filter((s) => PHRASE.test(s))).toEqual([
      'First response expected by',
    ]);
  });
});

describe('French typography of the ticket and of the messages issue 16 reviewed', () => {
  const reviewed = Object.keys(fr).filter(
    (k) =>
      /^(ticketText|vendorKind|rubric|incident|outsideHours|valueWords)/.test(k) ||
      ['tkSuggested', 'tkResponseDue', 'tkWebForm', 'tkNoSuggestion_noMatchingRule', 'sbChecklistProgress'].includes(k) ||
      k.startsWith('gdLine') ||
      k.startsWith('sbAddLine_'),
  );

  it.each(reviewed)('%s: no-break space before : ; ! ? and inside « »; no "de" before a vowel', (key) => {
    const text = fr[key]!.message;
    expect(text).not.toMatch(/ [:;!?»]|« /);
    expect(text).not.toMatch(/\bde [aeiouéèêh]/i);
    expect(text).not.toMatch(/attendue avant|sur \$P2\$ faits|forfaits? illimités?\(?/);
  });
});
