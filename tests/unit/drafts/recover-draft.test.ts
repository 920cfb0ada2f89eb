/**
 * Crash recovery (issue 12) as a table: every ordering of "journal write", "save" and "journal clear"
 * that a crash can cut short, and what reopening the draft must show. The rule under test: the newest
 * text wins, a conflict appears only when another surface really saved, and stored text is never
 * offered to be overwritten with an older one.
 */
import { describe, expect, it } from 'vitest';
import { recoverDraft } from '../../../lib/drafts/recover-draft';
import type { JournalEntry, JournalSnapshot, SavedMark } from '../../../lib/db/journal-repo';
import type { Draft } from '../../../lib/escalation/draft';
import { blankDraft } from './blank-draft';

const r0 = blankDraft;
/** A stored revision with this text (summary / device field). */
const rev = (revision: number, summary: string, device?: string): Draft => ({
  ...r0,
  revision,
  summary,
  fields: device === undefined ? {} : { device },
});
const edit = (
  sessionId: string,
  seq: number,
  base: Draft,
  summary: string,
  device?: string,
): JournalEntry => ({
  sessionId,
  seq,
  at: 1000 + seq,
  base,
  mine: { ...base, summary, fields: device === undefined ? base.fields : { ...base.fields, device } },
});
const mark = (sessionId: string, seq: number, revision: number): SavedMark => ({
  sessionId,
  seq,
  revision,
  at: 0,
});
const journal = (entries: JournalEntry[], saved: SavedMark[] = []): JournalSnapshot => ({ entries, saved });

type Expected =
  | { kind: 'stored' }
  | { kind: 'recovered'; summary: string; device?: string }
  | { kind: 'conflict'; summary: string };

// Session "s" typed "N", "No", "No d" (seq 1..3); "t" is another surface.
const cases: Array<[string, Draft, JournalSnapshot, Expected]> = [
  ['nothing journalled (write lost)', rev(0, ''), journal([]), { kind: 'stored' }],
  [
    'write kept, save lost',
    rev(0, ''),
    journal([edit('s', 3, rev(0, ''), 'No d')]),
    { kind: 'recovered', summary: 'No d' },
  ],
  ['write, save, clear all kept', rev(1, 'No d'), journal([], [mark('s', 3, 1)]), { kind: 'stored' }],
  [
    'write, save kept, clear lost (issue 12: the false conflict)',
    rev(1, 'No d'),
    journal([edit('s', 3, rev(0, ''), 'No d')], [mark('s', 3, 1)]),
    { kind: 'stored' },
  ],
  [
    'an older copy (localStorage, lazily committed) after a newer save: never preferred',
    rev(1, 'No d'),
    journal([edit('s', 1, rev(0, ''), 'N')], [mark('s', 3, 1)]),
    { kind: 'stored' },
  ],
  [
    'typed during the save: the write of seq 3 kept with the old base, save of seq 2 kept',
    rev(1, 'No'),
    journal([edit('s', 3, rev(0, ''), 'No d')], [mark('s', 2, 1)]),
    { kind: 'recovered', summary: 'No d' },
  ],
  [
    'typed during the save, journal rebased on the saved revision',
    rev(1, 'No'),
    journal([edit('s', 3, rev(1, 'No'), 'No d')], [mark('s', 2, 1)]),
    { kind: 'recovered', summary: 'No d' },
  ],
  [
    'the journal equals what is stored',
    rev(1, 'No d'),
    journal([edit('s', 3, rev(0, ''), 'No d')]),
    { kind: 'stored' },
  ],
  [
    'another surface saved a different field meanwhile: merged, no conflict',
    rev(1, '', 'Pixel 8'),
    journal([edit('s', 3, rev(0, ''), 'No d')], [mark('t', 1, 1)]),
    { kind: 'recovered', summary: 'No d', device: 'Pixel 8' },
  ],
  [
    'another surface saved the same field meanwhile: a real conflict',
    rev(1, 'Roaming off'),
    journal([edit('s', 3, rev(0, ''), 'No d')], [mark('t', 1, 1)]),
    { kind: 'conflict', summary: 'No d' },
  ],
  [
    'my save, then another surface saved a different field, then my typing',
    rev(2, 'No', 'Pixel 8'),
    journal([edit('s', 3, rev(1, 'No'), 'No d')], [mark('t', 1, 2)]),
    { kind: 'recovered', summary: 'No d', device: 'Pixel 8' },
  ],
  [
    'an entry written by an older release (no session): based on the stored revision',
    rev(0, ''),
    journal([{ ...edit('s', 0, rev(0, ''), 'No d'), sessionId: '' }]),
    { kind: 'recovered', summary: 'No d' },
  ],
  [
    'two surfaces crashed with edits of different fields: both kept',
    rev(0, ''),
    journal([edit('s', 3, rev(0, ''), 'No d'), edit('t', 4, rev(0, ''), '', 'Pixel 8')]),
    { kind: 'recovered', summary: 'No d', device: 'Pixel 8' },
  ],
];

describe('recoverDraft', () => {
  it.each(cases)('%s', (_name, stored, snapshot, expected) => {
    const got = recoverDraft(stored, snapshot);
    expect(got.kind).toBe(expected.kind);
    if (got.kind === 'recovered' && expected.kind === 'recovered') {
      expect([got.draft.summary, got.draft.fields['device']]).toEqual([expected.summary, expected.device]);
      // Written on top of the stored revision: the next save is not a conflict with ourselves.
      expect(got.draft.revision).toBe(stored.revision);
    }
    if (got.kind === 'conflict' && expected.kind === 'conflict')
      expect(got.mine.summary).toBe(expected.summary);
    // Whatever is dropped is reported, so the session clears it; nothing is both used and dropped.
    if (got.kind !== 'stored') expect(got.used.filter((e) => got.stale.includes(e))).toEqual([]);
  });

  it('never offers to overwrite stored text with an older text of the same session', () => {
    // Every prefix of s's typing, journalled, against every later save of s: always the stored text.
    for (let saved = 1; saved <= 5; saved++) {
      for (let journalled = 1; journalled <= saved; journalled++) {
        const text = 'No da'.slice(0, journalled);
        const got = recoverDraft(
          rev(1, 'No da'.slice(0, saved)),
          journal([edit('s', journalled, rev(0, ''), text)], [mark('s', saved, 1)]),
        );
        expect(got.kind, `journalled ${journalled}, saved ${saved}`).toBe('stored');
      }
    }
  });
});
