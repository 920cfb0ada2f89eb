/**
 * Issue 18: an escalation's life after hand-over, per shipped vendor (seeds 000, 002, 004), table-driven.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  applyAction,
  escalationState,
  followUpOf,
  outsideHoursAdviceApplies,
  parseTicketRef,
  startEscalation,
  type Escalation,
  type EscalationAction,
} from '../../../lib/escalation/escalation';
import { builtInVendors } from '../../../lib/escalation/vendors';
import { makeDraft, vendor } from './helpers';

const HANDED_OVER = '2025-03-28T10:00:00.000Z';
const handedOver = (vendorId: string, overrides = {}) =>
  makeDraft({ vendorId, status: 'handed-over', handedOverAt: HANDED_OVER, ...overrides });

function start(vendorId: string, overrides = {}): Escalation {
  const r = startEscalation(vendor(vendorId), handedOver(vendorId, overrides));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function act(vendorId: string, esc: Escalation, action: EscalationAction, at: string): Escalation {
  const r = applyAction(vendor(vendorId), esc, action, new Date(at));
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('every shipped vendor has a usable follow-up block', () => {
  it.each(builtInVendors.map((v) => [v.id, v] as const))(
    '%s: statuses, initial status among them',
    (_id, v) => {
      const f = followUpOf(v);
      expect(f.statuses.length).toBeGreaterThan(0);
      expect(f.statuses.map((s) => s.id)).toContain(f.initialStatus);
      expect(f.statuses.find((s) => s.id === f.initialStatus)?.role).toBe('vendor');
      for (const s of f.statuses) expect(s.label.en && s.label.fr).toBeTruthy();
    },
  );

  it('a vendor without statuses gets the generic set', () => {
    expect(followUpOf(vendor('trackunit')).statuses.map((s) => [s.id, s.role])).toEqual([
      ['waiting-vendor', 'vendor'],
      ['waiting-us', 'us'],
      ['on-hold', 'on-hold'],
      ['solved', 'solved'],
      ['closed', 'closed'],
    ]);
  });

  it('Samsara keeps its own status labels (seed 004)', () => {
    expect(followUpOf(vendor('samsara')).statuses.map((s) => s.label.en)).toEqual([
      'Open',
      'Pending',
      'On hold',
      'Solved',
    ]);
  });
});

describe('vendor ticket reference', () => {
  it.each([
    ['samsara', '123456', true],
    ['samsara', ' 654321 ', true],
    ['samsara', '12345', false], // seed 004: a unique 6-digit number
    ['samsara', '1234567', false],
    ['samsara', 'ABC123', false],
    ['esim-go', 'ZD-4411', true],
    ['wildix', '#88123', true],
    ['generic', 'anything', true],
    ['wildix', '   ', false],
  ])('%s %j → %s', (vendorId, input, ok) => {
    expect(parseTicketRef(vendor(vendorId), input).ok).toBe(ok);
  });

  it('names the format when refused', () => {
    const r = parseTicketRef(vendor('samsara'), '12');
    expect(!r.ok && r.error).toMatchObject({ code: 'ticket-ref-format', example: '123456' });
  });
});

describe('first response due: fixed at hand-over, overdue exactly at the due instant', () => {
  it.each([
    // vendor, level, due (seed 000: 24 h; seed 002: Standard same working day, Critical 30 business minutes)
    ['esim-go', 'normal', '2025-03-29T10:00:00.000Z'],
    ['wildix', 'standard', '2025-03-28T17:00:00.000Z'], // Friday 11:00 in Rome → 18:00 Rome
    ['wildix', 'critical', '2025-03-28T10:30:00.000Z'],
    ['samsara', 'non-urgent', null], // seed 004 publishes no response time
    ['trackunit', 'critical', null],
  ])('%s %s → %s', (vendorId, level, due) => {
    const esc = start(vendorId, { priorityOverride: level });
    expect(esc.firstResponseDueAt).toBe(due);
    // Looked at 30 h later, the due time is still the one fixed at hand-over.
    const late = escalationState(vendor(vendorId), esc, new Date('2025-03-29T16:00:00.000Z'));
    expect(late.firstResponseDueAt?.toISOString() ?? null).toBe(due);
    if (due === null) return;
    const dueMs = Date.parse(due);
    expect(escalationState(vendor(vendorId), esc, new Date(dueMs - 1)).firstResponseOverdue).toBe(false);
    expect(escalationState(vendor(vendorId), esc, new Date(dueMs)).firstResponseOverdue).toBe(true);
    expect(late.firstResponseOverdue).toBe(true);
  });

  it('an open draft is not an escalation', () => {
    expect(startEscalation(vendor('esim-go'), makeDraft()).ok).toBe(false);
  });

  it('the vendor answering stops the first-response clock', () => {
    const esc = act(
      'esim-go',
      start('esim-go', { priorityOverride: 'high' }),
      { type: 'vendor-message', text: 'We are on it' },
      '2025-03-28T20:00:00Z',
    );
    const s = escalationState(vendor('esim-go'), esc, new Date('2025-03-30T10:00:00Z'));
    expect(s.firstResponseDueAt).toBeNull();
    expect(s.firstResponseOverdue).toBe(false);
  });
});

describe('Samsara Pending: solved automatically 72 h after their last message (seed 004)', () => {
  // Europe/Paris springs forward on 30 March 2025: 72 elapsed hours read 73 on a Paris wall clock.
  const lastMessage = DateTime.fromISO('2025-03-28T14:00', { zone: 'Europe/Paris' });
  const pending = () => {
    let esc = start('samsara');
    esc = act('samsara', esc, { type: 'set-ticket-ref', ref: '123456' }, '2025-03-28T12:00:00Z');
    esc = act(
      'samsara',
      esc,
      { type: 'vendor-message', text: 'Can you send the VIN?', at: lastMessage.toJSDate() },
      lastMessage.toISO()!,
    );
    return act(
      'samsara',
      esc,
      { type: 'set-status', statusId: 'pending' },
      lastMessage.plus({ minutes: 5 }).toISO()!,
    );
  };

  it.each([
    ['71 h 59 min after', { hours: 71, minutes: 59 }, false],
    ['72 h after, across the DST change', { hours: 72 }, true],
    ['80 h after', { hours: 80 }, true],
  ])('%s → auto-solved %s', (_name, plus, solved) => {
    const s = escalationState(vendor('samsara'), pending(), lastMessage.plus(plus).toJSDate());
    expect(s.autoSolved).toBe(solved);
    expect(s.role).toBe(solved ? 'solved' : 'us');
    expect(s.owes).toBe(solved ? 'nobody' : 'us');
  });

  it('the auto-solve instant is 72 real hours, 73 on the Paris wall clock', () => {
    const s = escalationState(vendor('samsara'), pending(), lastMessage.toJSDate());
    expect(s.autoSolveAt?.toISOString()).toBe('2025-03-31T13:00:00.000Z');
    expect(DateTime.fromJSDate(s.autoSolveAt!, { zone: 'Europe/Paris' }).toFormat('HH:mm')).toBe('15:00');
    expect(s.dueAt?.toISOString()).toBe('2025-03-31T13:00:00.000Z');
  });

  it('replying after the auto-solve reopens it (Open, the vendor owes again)', () => {
    const after = lastMessage.plus({ hours: 75 });
    const esc = act(
      'samsara',
      pending(),
      { type: 'our-reply', text: 'VIN is 1HGBH41JXMN109186' },
      after.toISO()!,
    );
    const s = escalationState(vendor('samsara'), esc, after.toJSDate());
    expect([esc.statusId, s.autoSolved, s.owes]).toEqual(['open', false, 'vendor']);
  });

  it('a new vendor message restarts the 72 hours', () => {
    const later = lastMessage.plus({ hours: 70 });
    const esc = act(
      'samsara',
      pending(),
      { type: 'vendor-message', text: 'Still waiting', at: later.toJSDate() },
      later.toISO()!,
    );
    expect(
      escalationState(vendor('samsara'), esc, lastMessage.plus({ hours: 100 }).toJSDate()).autoSolved,
    ).toBe(false);
  });
});

describe('status rules from the profile', () => {
  it('eSIM Go: Solved only after the fix was confirmed (seed 000)', () => {
    const esc = start('esim-go');
    const refused = applyAction(
      vendor('esim-go'),
      esc,
      { type: 'set-status', statusId: 'solved' },
      new Date(),
    );
    expect(!refused.ok && refused.error.code).toBe('confirm-fix-first');
    const confirmed = act('esim-go', esc, { type: 'confirm-fix' }, '2025-03-29T09:00:00Z');
    const solved = act(
      'esim-go',
      confirmed,
      { type: 'set-status', statusId: 'solved' },
      '2025-03-29T09:01:00Z',
    );
    expect([solved.statusId, solved.finishedAt]).toEqual(['solved', '2025-03-29T09:01:00.000Z']);
  });

  it.each([
    ['wildix', false],
    ['wildix-us', false],
    ['trackunit', true],
  ])('%s: leaving Closed allowed → %s (seed 002: never reopened)', (vendorId, allowed) => {
    const closed = act(
      vendorId,
      start(vendorId),
      { type: 'set-status', statusId: 'closed' },
      '2025-03-29T09:00:00Z',
    );
    const r = applyAction(
      vendor(vendorId),
      closed,
      { type: 'set-status', statusId: 'waiting-vendor' },
      new Date('2025-03-29T10:00:00Z'),
    );
    expect(r.ok).toBe(allowed);
    if (!r.ok) expect(r.error.code).toBe('closed-never-reopened');
  });

  it('Wildix shows its closed-ticket rule next to Closed', () => {
    const closed = followUpOf(vendor('wildix')).statuses.find((s) => s.id === 'closed');
    expect(closed?.rules.map((r) => r.id)).toEqual(['closed-never-reopened']);
  });

  it('an unknown status and an empty note are refused; the history is dated', () => {
    const esc = start('generic');
    expect(applyAction(vendor('generic'), esc, { type: 'set-status', statusId: 'nope' }, new Date()).ok).toBe(
      false,
    );
    expect(applyAction(vendor('generic'), esc, { type: 'note', text: '  ' }, new Date()).ok).toBe(false);
    const noted = act('generic', esc, { type: 'note', text: 'Called them' }, '2025-03-28T11:00:00Z');
    expect(noted.history.map((e) => [e.at, e.kind])).toEqual([
      [HANDED_OVER, 'handed-over'],
      ['2025-03-28T11:00:00.000Z', 'note'],
    ]);
  });

  it('a status that is not the vendor’s counts as their first response; finished → nobody owes', () => {
    const esc = act(
      'generic',
      start('generic'),
      { type: 'set-status', statusId: 'waiting-us' },
      '2025-03-28T11:00:00Z',
    );
    expect(esc.firstResponseAt).toBe('2025-03-28T11:00:00.000Z');
    const done = act('generic', esc, { type: 'set-status', statusId: 'closed' }, '2025-03-28T12:00:00Z');
    const s = escalationState(vendor('generic'), done, new Date('2025-04-28T12:00:00Z'));
    expect([s.finished, s.owes, s.dueAt]).toEqual([true, 'nobody', null]);
  });
});

describe('"outside support hours" advice next to the due time (seed 002)', () => {
  const withDue = (vendorId: string, handedOverAt: string, level: string) =>
    start(vendorId, { handedOverAt, priorityOverride: level });
  it.each([
    // Wildix Europe, 09:00–18:00 Rome (UTC+1 in March). Critical at 10:00 Rome: due 10:30, same day.
    ['wildix', '2025-03-26T09:00:00.000Z', 'critical', false],
    // Critical at 17:50 Rome: 10 minutes today, 20 tomorrow → due 09:20 the next working day.
    ['wildix', '2025-03-26T16:50:00.000Z', 'critical', true],
    // Filed on Saturday: outside support hours.
    ['wildix', '2025-03-29T10:00:00.000Z', 'critical', true],
    // Standard within hours: due by 18:00 the same day.
    ['wildix', '2025-03-26T09:00:00.000Z', 'standard', false],
    // eSIM Go publishes no support hours: never.
    ['esim-go', '2025-03-29T23:00:00.000Z', 'urgent', false],
  ])('%s handed over %s (%s) → %s', (vendorId, at, level, applies) => {
    const esc = withDue(vendorId, at, level);
    expect(outsideHoursAdviceApplies(vendor(vendorId), esc)).toBe(applies);
  });
});
