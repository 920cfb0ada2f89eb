/**
 * Issue 16 §5: no English reaches a French screen without going through the locale files. The i18n
 * convention (i18n.test.ts) checks the keys the UI asks for; i18n-ticket.test.ts checks the ticket
 * writers. This one covers the other ways English used to leak:
 * - errors thrown and notifications raised by the background (`entrypoints/background`) and the
 *   browser glue (`components/platform`), whose text the panels showed as it came;
 * - lib/ messages that reach the screen: lib returns a typed code (and an English message for logs);
 *   every such code must have a locale key, and the surface must show that key, not the message;
 * - the vendor's name and month names, which are data and must carry every language they serve.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../lib/messaging/protocol';
import { CAPTURE_ERROR_CODES } from '../../../lib/evidence/capture-errors';
import { builtInVendors } from '../../../lib/escalation/vendors';

const root = path.resolve(__dirname, '../../..');
type Messages = Record<string, { message: string }>;
const load = (locale: string): Messages =>
  JSON.parse(readFileSync(path.join(root, 'public/_locales', locale, 'messages.json'), 'utf8'));
const en = load('en');
const fr = load('fr');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(name) && !/\.test\./.test(name) ? [rel] : [];
  });
}

/** Comments removed (a phrase in a comment is not shown to anyone). */
const code = (source: string) =>
  source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

// Two words of letters in a row: a phrase a person reads (codes, keys and ids have none).
const PHRASE = /\b[A-Za-z]{2,}[ ,]+[a-z]{2,}\b/;

/**
 * Literal text that reaches a person when thrown or notified: `new Error('…')`, and the `title` /
 * `message` of an object (a notification's fields).
 */
function shownLiterals(source: string): string[] {
  const text = code(source);
  const q = String.raw`'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|\x60([^\x60\n]*)\x60`;
  const patterns = [
    new RegExp(String.raw`new Error\(\s*(?:${q})`, 'g'),
    new RegExp(String.raw`\b(?:title|message):\s*(?:${q})`, 'g'),
  ];
  return patterns
    .flatMap((p) => [...text.matchAll(p)].map((m) => m[1] ?? m[2] ?? m[3] ?? ''))
    .filter((s) => PHRASE.test(s));
}

/**
 * English that never reaches a screen, with why. Anything else thrown or notified with a phrase in
 * these folders fails the test.
 */
const LOG_ONLY: Record<string, string[]> = {
  // Fails only inside the capture, whose caller turns any failure into the translated "capture failed".
  'entrypoints/background/paint-masks.ts': ['No 2D context to mask the screenshot.'],
  // Thrown when a message claims a portal tab and has none; the page asking is ours and shows nothing.
  'entrypoints/background/handlers/portal.ts': ['No tab.'],
};

const SURFACE_DIRS = ['entrypoints/background', 'components/platform'];

describe('background errors and notifications are translated (issue 16 §5)', () => {
  it.each(SURFACE_DIRS.flatMap(sourceFiles))('%s throws and notifies no English phrase', (file) => {
    const allowed = LOG_ONLY[file] ?? [];
    expect(shownLiterals(read(file)).filter((s) => !allowed.includes(s))).toEqual([]);
  });

  it('the check would catch one (the pattern is not vacuous)', () => {
    expect(
      shownLiterals(
        "throw new Error('List at least one API host.'); notify({ title: 'Not an ICCID', message: x }); new Error(CODE)",
      ),
    ).toEqual(['List at least one API host.', 'Not an ICCID']);
  });

  it.each(sourceFiles('components/platform'))('%s does not pass on the English of a reply', (file) => {
    // `throw new Error(reply.error.message)` put the background's English on the panel.
    expect(code(read(file))).not.toMatch(/new Error\([^)]*\.message\s*\)/);
  });

  it('every capture error code has its text in English and French', () => {
    for (const c of CAPTURE_ERROR_CODES) {
      expect(en[`evCaptureError_${c}`]?.message, `en:${c}`).toBeTruthy();
      expect(fr[`evCaptureError_${c}`]?.message, `fr:${c}`).toBeTruthy();
    }
  });
});

describe('lib/ messages reach the screen as codes (issue 16 §5)', () => {
  it('every messaging failure code (lib/messaging/drafts-rpc.ts, protocol.ts) has its text', () => {
    for (const c of ERROR_CODES) {
      const key = `msgMessagingError_${c.replace(/-/g, '_')}`;
      expect(en[key]?.message, `en:${key}`).toBeTruthy();
      expect(fr[key]?.message, `fr:${key}`).toBeTruthy();
    }
  });

  it('every no-suggestion reason of lib/escalation/priority.ts has its text', () => {
    const reasons = [...code(read('lib/escalation/priority.ts')).matchAll(/reason: '([a-z-]+)'/g)].map(
      (m) => m[1]!,
    );
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) {
      // priority-panel.tsx: `tkNoSuggestion_<reason in camelCase>`, and its own key for a missing severity.
      const camel = r.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
      const key = r === 'severity-missing' ? 'rubricNoSuggestionSeverity' : `tkNoSuggestion_${camel}`;
      expect(en[key]?.message, `en:${key}`).toBeTruthy();
      expect(fr[key]?.message, `fr:${key}`).toBeTruthy();
    }
  });

  it('every catalog import error code of lib/catalog/io.ts has its text, and the CSV list shows no English detail', () => {
    const codes = [...code(read('lib/catalog/io.ts')).matchAll(/code: '([a-z-]+)'/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(0);
    for (const c of codes) {
      expect(en[`opCatErr_${c.replace(/-/g, '_')}`]?.message, c).toBeTruthy();
      expect(fr[`opCatErr_${c.replace(/-/g, '_')}`]?.message, c).toBeTruthy();
    }
    expect(code(read('components/options/catalog-section.tsx'))).not.toMatch(/\$\{e\.message\}/);
  });

  it('the surfaces translate capture and drafts failures instead of showing their message', () => {
    for (const file of ['components/evidence/evidence-panel.tsx', 'components/evidence/api-calls.tsx']) {
      expect(code(read(file)), file).not.toMatch(/e instanceof Error \? e\.message/);
    }
  });
});

describe('names and words that are data carry every language they serve (issue 16 §5)', () => {
  it('a built-in vendor whose name is words (not a brand) has an English and a French display name, shown by the UI', () => {
    const worded = builtInVendors.filter((v) => PHRASE.test(v.name));
    expect(worded.map((v) => v.id)).toContain('generic');
    for (const v of worded) {
      expect(v.displayName?.en, v.id).toBeTruthy();
      expect(v.displayName?.fr, v.id).toBeTruthy();
    }
    // Options' vendor table edits the profile itself and shows its `name` as written there.
    const offenders = sourceFiles('components')
      .filter((f) => !f.startsWith('components/options/'))
      .filter((f) => /\b(?:vendor\??|v)\.name\b/.test(code(read(f))));
    expect(offenders).toEqual([]);
  });
});

describe('French typography of every French message (issue 16 §5)', () => {
  // A no-break space (U+00A0, or the narrow U+202F before ; ! ?) before : ; ! ? » and after «, so the
  // sign never starts a line (Imprimerie nationale, Lexique des règles typographiques).
  const plain = Object.entries(fr).filter(([, m]) => / [:;!?»]|« /.test(m.message));

  it('no plain space before : ; ! ? » or after «', () => {
    expect(plain.map(([k, m]) => `${k}: ${m.message}`)).toEqual([]);
  });

  it('the check would catch one (the pattern is not vacuous)', () => {
    expect(/ [:;!?»]|« /.test('Fournisseur par défaut : $P1$')).toBe(true);
    expect(/ [:;!?»]|« /.test('Fournisseur par défaut\u00a0: $P1$')).toBe(false);
  });
});
