/**
 * The three-way merge behind autosave (DESIGN §1: several surfaces share one draft). A field both sides
 * changed is a conflict the agent settles — unless one side only typed further than the other: then the
 * longer text holds every character of both. Seen on a loaded machine (issue 12): the portal's sidebar
 * saved "iPhone 15 P" while the drafts tab typed on to "iPhone 15 Pr"; the reopened tab showed a false
 * "changed in another window".
 */
import { describe, expect, it } from 'vitest';
import { mergeDrafts } from '../../../lib/drafts/merge-drafts';
import type { Draft } from '../../../lib/escalation/draft';
import { blankDraft } from './blank-draft';

const base = blankDraft;
const withDevice = (device: string | undefined, revision = 0): Draft => ({
  ...base,
  revision,
  fields: device === undefined ? {} : { device },
});

describe('mergeDrafts', () => {
  it.each([
    ['theirs saved a moment of my typing', undefined, 'iPhone 15 Pr', 'iPhone 15 P', 'iPhone 15 Pr'],
    ['I hold a moment of their typing', undefined, 'iPhone 1', 'iPhone 15 Pro', 'iPhone 15 Pro'],
    ['both typed on from a stored start', 'iPh', 'iPhone 15', 'iPhone', 'iPhone 15'],
  ])('%s → the longer text, no conflict', (_case, b, mine, theirs, expected) => {
    const merged = mergeDrafts(withDevice(b), withDevice(mine), withDevice(theirs, 1));
    expect(merged).toMatchObject({ ok: true, draft: { fields: { device: expected }, revision: 1 } });
  });

  it.each([
    ['different words', undefined, 'iPhone 15', 'Pixel 8'],
    ['theirs deleted what mine kept', 'iPhone 15 Pro', 'iPhone 15 Pro Max', 'iPhone'],
    ['mine rewrote the start', 'iPhone', 'Phone 15', 'iPhone 15'],
  ])('%s → a conflict the agent settles', (_case, b, mine, theirs) => {
    expect(mergeDrafts(withDevice(b), withDevice(mine), withDevice(theirs, 1))).toEqual({
      ok: false,
      clashes: ['fields.device'],
    });
  });

  it('a change on one side only is taken as before', () => {
    const merged = mergeDrafts(withDevice('a'), { ...withDevice('a'), summary: 'No data' }, withDevice('ab', 1));
    expect(merged).toMatchObject({ ok: true, draft: { summary: 'No data', fields: { device: 'ab' } } });
  });
});
