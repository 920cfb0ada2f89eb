/**
 * Issue 16: one escalation for an incident over several ICCIDs. Seed 000: "Loss of connectivity
 * affecting multiple users or destinations" is High — the count of ICCIDs feeds the scope.
 */
import { describe, expect, it } from 'vitest';
import { freshDb } from '../db/helpers';
import { getDraft } from '../../../lib/db/drafts-repo';
import { readIccidSelection } from '../../../lib/drafts/multi-iccid';
import { startEscalation } from '../../../lib/drafts/start-escalation';
import { effectivePriority } from '../../../lib/escalation/priority';
import { renderTicket } from '../../../lib/escalation/render';
import { luhnCheckDigit } from '../../../lib/telecom/iccid';
import { ticketTranslator, vendor } from '../escalation/helpers';

const iccid = (n: number) => {
  const body = `894450000000000${String(n).padStart(4, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
};
const [A, B, C] = [iccid(11), iccid(22), iccid(33)];
const group = (s: string) => s.replace(/(\d{4})(?=\d)/g, '$1 ');
const BAD = `${A.slice(0, -1)}${(Number(A.slice(-1)) + 1) % 10}`;

describe('readIccidSelection', () => {
  it('reads every ICCID of a selection, grouped or not, once each', () => {
    const text = `Line 1\t${group(A)}\nLine 2\t${B}\nLine 3\t${group(C)}\n${A}`;
    expect(readIccidSelection(text)).toEqual({ iccids: [A, B, C], leftOut: [] });
  });

  it('names the ICCID-like runs that fail validation', () => {
    const sel = readIccidSelection(`${A}\n${BAD}\n${B}`);
    expect(sel.iccids).toEqual([A, B]);
    expect(sel.leftOut).toEqual([{ text: BAD, code: 'checksum' }]);
  });
});

describe('startEscalation on a selection with several ICCIDs', () => {
  const now = new Date('2025-03-28T10:00:00Z');

  it('creates one draft covering them all, scope "several users", and the ticket lists them', async () => {
    const db = freshDb();
    const result = await startEscalation(db, {
      text: `${group(A)}\n${group(B)}\n${BAD}\n${group(C)}`,
      now,
      timeZone: 'Europe/Paris',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.leftOut).toEqual([{ text: BAD, code: 'checksum' }]);
    const stored = await getDraft(db, result.draft.id);
    expect(stored.ok && stored.draft).toMatchObject({ iccid: A, iccids: [A, B, C], scope: 'several-users' });
    // With the seed 000 severity "loss", the suggestion is High.
    const draft = { ...result.draft, problemKind: 'connectivity', severity: 'loss' };
    expect(effectivePriority(vendor('esim-go'), draft).levelId).toBe('high');
    const text = renderTicket(vendor('esim-go'), draft, {
      locale: 'en',
      translate: ticketTranslator('en'),
      now,
      timeZone: 'Europe/Paris',
    }).text;
    expect(text).toContain(`ICCIDs concerned (3):\n- ${A}\n- ${B}\n- ${C}`);
  });

  it('the duplicate check considers each ICCID: an open draft for one of them is reopened', async () => {
    const db = freshDb();
    const single = await startEscalation(db, { text: B, now, timeZone: 'UTC' });
    const multi = await startEscalation(db, { text: `${A}\n${B}\n${C}`, now, timeZone: 'UTC' });
    expect(single.ok && multi.ok && [multi.reused, multi.draft.id]).toEqual([
      true,
      single.ok && single.draft.id,
    ]);
  });

  it('a selection of digits that holds no valid ICCID still says why', async () => {
    const db = freshDb();
    const result = await startEscalation(db, { text: `${BAD}\nabc`, now, timeZone: 'UTC' });
    expect(result.ok).toBe(false);
  });
});
