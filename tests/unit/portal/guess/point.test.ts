/**
 * Issue 19: pointing turns the clicked element into the most robust rule — the label next to it
 * first, a class-free selector last — and keeps it only if reading the page gives the value back.
 */
import { describe, expect, it } from 'vitest';
import { guessProfile, readWith } from '../../../../lib/portal/guess/guess';
import { labelsNextTo, teachFromElement } from '../../../../lib/portal/guess/point';
import type { PortalProfile } from '../../../../lib/portal/profile-schema';
import { ALWAYS_SHOWN } from '../../../../lib/portal/visibility';
import { loadFixture, page } from '../load-fixture';

const opts = {
  url: 'http://127.0.0.1/guess/x/',
  now: new Date('2026-03-10T12:00:00Z'),
  isShown: ALWAYS_SHOWN,
};
const empty: PortalProfile = {
  id: 'taught-x',
  name: 'X',
  version: 1,
  urlPatterns: ['http://127.0.0.1/guess/*'],
};

describe('teachFromElement', () => {
  it('uses the dt next to a dd', () => {
    const doc = page('<dl><dt>Kundennr.</dt><dd id="v">K-1</dd></dl>');
    const next = teachFromElement(doc, empty, 'subscriber.id', doc.getElementById('v')!, ALWAYS_SHOWN);
    expect(next?.subscriber?.fields.id).toEqual({ label: 'Kundennr.' });
    expect(readWith(doc, next!, opts).subscriber).toEqual({ id: 'K-1' });
  });

  it('uses a label the vocabulary does not know, from the element before the value', () => {
    const doc = page('<div><span>Référence dossier</span><span id="v">D-77</span></div>');
    const next = teachFromElement(doc, empty, 'subscriber.id', doc.getElementById('v')!, ALWAYS_SHOWN);
    expect(next?.subscriber?.fields.id).toEqual({ label: 'Référence dossier' });
  });

  it('falls back to a class-free selector when no label reads the value back', () => {
    const doc = page('<header><b class="x1">Ann Smith</b></header><main><p>Welcome</p></main>');
    const el = doc.querySelector('b')!;
    const next = teachFromElement(doc, empty, 'subscriber.name', el, ALWAYS_SHOWN);
    expect(next?.subscriber?.fields.name?.css).toBe('body > header > b');
    expect(readWith(doc, next!, opts).subscriber).toEqual({ name: 'Ann Smith' });
  });

  it('teaches a line value relative to the line, read on every line', async () => {
    const dom = loadFixture('guess/it-cards/index.html', 'http://127.0.0.1/guess/it-cards/');
    const doc = dom.window.document;
    const guess = guessProfile(doc, opts);
    // Forget the status rule, then point at the first card's status.
    const fields = { ...guess.profile.esims!.fields };
    delete fields.status;
    const without = { ...guess.profile, esims: { ...guess.profile.esims!, fields } };
    const status = [...doc.querySelectorAll('span')].find((s) => s.textContent === 'Attiva')!;
    const next = teachFromElement(doc, without, 'esims.status', status, ALWAYS_SHOWN);
    expect(next).not.toBeNull();
    // "Stato" is also a column of the plans table: the label alone would read the plan's state.
    expect(readWith(doc, next!, opts).esims.map((e) => e.status)).toEqual([
      'Attiva',
      'In attesa',
      'Disattivata',
    ]);
  });

  it('teaches the unlabelled line names of the Nimbus console (a card title) from one click', async () => {
    const dom = loadFixture('portal-b/index.html', 'http://127.0.0.1/portal-b/');
    const doc = dom.window.document;
    await expect.poll(() => doc.querySelectorAll('article').length).toBeGreaterThan(1);
    const guess = guessProfile(doc, opts);
    // No label names them: the first guess has no line names.
    expect(guess.context.esims.map((e) => e.lineName)).toEqual([undefined, undefined]);
    const title = doc.querySelector('article h3')!;
    const next = teachFromElement(doc, guess.profile, 'esims.lineName', title, ALWAYS_SHOWN);
    expect(next?.esims?.fields.lineName?.css).not.toMatch(/\./);
    expect(readWith(doc, next!, opts).esims.map((e) => e.lineName)).toEqual(['Germany', 'USA']);
  });

  it('keeps no rule for an element that shows no value, nor for a line value outside any line', () => {
    const doc = page('<p>Status</p><div id="e"> </div><p id="s">Actif</p>');
    expect(
      teachFromElement(doc, empty, 'subscriber.name', doc.getElementById('e')!, ALWAYS_SHOWN),
    ).toBeNull();
    expect(teachFromElement(doc, empty, 'esims.status', doc.getElementById('s')!, ALWAYS_SHOWN)).toBeNull();
  });
});

describe('labelsNextTo', () => {
  it('finds row and column headers, a <label> and "Label: value"', () => {
    const doc = page(
      '<table><tr><th>ICCID</th><th>Zustand</th></tr><tr><td>89</td><td id="a">Aktiv</td></tr></table>' +
        '<label for="i">Line</label><input id="i" value="x"><p id="c">Abonné : Ann</p>',
    );
    expect(labelsNextTo(doc.getElementById('a')!)).toContain('Zustand');
    expect(labelsNextTo(doc.getElementById('i')!)).toContain('Line');
    expect(labelsNextTo(doc.getElementById('c')!)[0]).toBe('Abonné');
  });
});
