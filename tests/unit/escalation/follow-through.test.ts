/**
 * Issue 18: follow-ups, "new ticket referencing this one", reminder scheduling and the board, per shipped
 * vendor where the vendor makes a difference (seeds 000, 002, 004).
 */
import { describe, expect, it } from 'vitest';
import { buildBoard, countdown, timeline } from '../../../lib/escalation/board';
import {
  applyAction,
  startEscalation,
  type Escalation,
  type EscalationAction,
} from '../../../lib/escalation/escalation';
import { followUpMailto, newTicketReferencing, renderFollowUp } from '../../../lib/escalation/follow-up';
import {
  draftIdOfAlarm,
  alarmName,
  overdueCount,
  planReminders,
  remindersOf,
} from '../../../lib/escalation/reminders';
import { getVendor } from '../../../lib/escalation/vendors';
import type { Draft } from '../../../lib/escalation/draft';
import { makeDraft, vendor } from './helpers';

const HANDED_OVER = '2025-03-28T10:00:00.000Z';
const draftFor = (vendorId: string, overrides: Partial<Draft> = {}) =>
  makeDraft({
    id: `d-${vendorId}`,
    vendorId,
    status: 'handed-over',
    handedOverAt: HANDED_OVER,
    summary: 'No data',
    ...overrides,
  });
function start(vendorId: string, overrides: Partial<Draft> = {}): Escalation {
  const r = startEscalation(vendor(vendorId), draftFor(vendorId, overrides));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
function act(vendorId: string, esc: Escalation, action: EscalationAction, at: string): Escalation {
  const r = applyAction(vendor(vendorId), esc, action, new Date(at));
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}
const vendorOf = (id: string) => getVendor(id);

describe('follow-up message', () => {
  it.each([
    [
      'samsara',
      '123456',
      'en',
      'Follow-up: ticket #123456 — No data',
      'Following up on ticket #123456, opened on 2025-03-28.',
    ],
    [
      'wildix',
      '88123',
      'fr',
      'Relance : ticket #88123 — No data',
      'Je reviens vers vous au sujet du ticket #88123, ouvert le 2025-03-28.',
    ],
  ] as const)('%s quotes the vendor ticket %s (%s)', (vendorId, ref, locale, subject, line) => {
    const esc = act(vendorId, start(vendorId), { type: 'set-ticket-ref', ref }, '2025-03-28T11:00:00Z');
    const m = renderFollowUp(draftFor(vendorId), esc, 'Any news?', locale);
    expect(m.subject).toBe(subject);
    expect(m.body).toContain(line);
    expect(m.body).toContain('Any news?');
  });

  it.each([
    ['wildix', true], // seed 002: e-mail only for following up an existing ticket
    ['wildix-us', true],
    ['esim-go', false],
    ['samsara', false],
    ['trackunit', false],
    ['generic', false],
  ])('%s: mailto offered → %s', (vendorId, offered) => {
    const url = followUpMailto(vendor(vendorId), { subject: 'Follow-up: ticket #1', body: 'Hello' });
    expect(url !== null).toBe(offered);
    if (url) expect(url).toBe('mailto:?subject=Follow-up%3A%20ticket%20%231&body=Hello');
  });
});

describe('new ticket referencing this one', () => {
  it('Wildix (never reopens closed tickets, seed 002): the old ID in "previous ticket", the rest copied', () => {
    const old = draftFor('wildix', {
      fields: { message: 'Calls drop', pbx: 'PBX-7', 'previous-ticket': '' },
    });
    const esc = act(
      'wildix',
      start('wildix'),
      { type: 'set-ticket-ref', ref: '88123' },
      '2025-03-28T11:00:00Z',
    );
    const init = newTicketReferencing(vendor('wildix'), old, esc, 'en');
    expect(init?.fields).toEqual({ message: 'Calls drop', pbx: 'PBX-7', 'previous-ticket': '88123' });
    expect(init).toMatchObject({ vendorId: 'wildix', summary: 'No data' });
  });

  it.each(['esim-go', 'samsara', 'trackunit', 'generic'])(
    '%s reopens closed tickets: no new ticket offered',
    (vendorId) => {
      expect(newTicketReferencing(vendor(vendorId), draftFor(vendorId), start(vendorId), 'en')).toBeNull();
    },
  );
});

describe('reminders', () => {
  it('first response overdue at the due instant (eSIM Go 24 h); nothing once answered', () => {
    const esc = start('esim-go', { priorityOverride: 'normal' });
    expect(
      remindersOf(vendor('esim-go'), esc, new Date(HANDED_OVER)).map((r) => [r.kind, r.at.toISOString()]),
    ).toEqual([['first-response-overdue', '2025-03-29T10:00:00.000Z']]);
    const answered = act(
      'esim-go',
      esc,
      { type: 'vendor-message', text: 'Looking into it' },
      '2025-03-28T12:00:00Z',
    );
    expect(remindersOf(vendor('esim-go'), answered, new Date(HANDED_OVER))).toEqual([]);
  });

  it('Samsara Pending: a reminder 48 of the 72 hours after their last message (seed 004)', () => {
    let esc = start('samsara');
    esc = act(
      'samsara',
      esc,
      { type: 'vendor-message', text: 'Send the VIN', at: new Date('2025-03-28T12:00:00Z') },
      '2025-03-28T12:00:00Z',
    );
    esc = act('samsara', esc, { type: 'set-status', statusId: 'pending' }, '2025-03-28T12:10:00Z');
    expect(
      remindersOf(vendor('samsara'), esc, new Date('2025-03-28T12:10:00Z')).map((r) => [
        r.kind,
        r.at.toISOString(),
      ]),
    ).toEqual([['status-reminder', '2025-03-30T12:00:00.000Z']]);
    // Once solved automatically (72 h), nothing fires.
    expect(remindersOf(vendor('samsara'), esc, new Date('2025-03-31T12:00:00Z'))).toEqual([]);
  });

  it('the agent-picked time; none for a solved or closed escalation', () => {
    const esc = act(
      'generic',
      start('generic'),
      { type: 'remind-at', at: new Date('2025-03-29T08:00:00Z') },
      '2025-03-28T11:00:00Z',
    );
    expect(remindersOf(vendor('generic'), esc, new Date(HANDED_OVER)).map((r) => r.kind)).toEqual(['agent']);
    const closed = act('generic', esc, { type: 'set-status', statusId: 'closed' }, '2025-03-28T12:00:00Z');
    expect(remindersOf(vendor('generic'), closed, new Date(HANDED_OVER))).toEqual([]);
  });

  it('plan: past and not yet notified → notify now; future → alarm; already notified → nothing', () => {
    const esc = act(
      'esim-go',
      start('esim-go', { priorityOverride: 'normal' }),
      { type: 'remind-at', at: new Date('2025-03-30T08:00:00Z') },
      '2025-03-28T11:00:00Z',
    );
    const now = new Date('2025-03-29T10:00:00.000Z'); // exactly the due instant
    const plan = planReminders([esc], vendorOf, now);
    expect(plan.notifyNow.map((r) => r.kind)).toEqual(['first-response-overdue']);
    expect(plan.alarms.map((r) => r.kind)).toEqual(['agent']);
    const notified = { ...esc, notified: plan.notifyNow.map((r) => r.key) };
    expect(planReminders([notified], vendorOf, now).notifyNow).toEqual([]);
    expect(draftIdOfAlarm(alarmName(plan.alarms[0]!))).toBe(esc.draftId);
    expect(draftIdOfAlarm('purge')).toBeNull();
    expect(overdueCount([esc], vendorOf, new Date(now.getTime() - 1))).toBe(0);
    expect(overdueCount([esc], vendorOf, now)).toBe(1);
  });
});

describe('board', () => {
  it('groups vendor owes us / we owe the vendor / drafts, sorted by due; finished ones apart', () => {
    const now = new Date('2025-03-29T12:00:00Z');
    const esimLate = start('esim-go', { id: 'a', priorityOverride: 'normal' }); // due 29 Mar 10:00 → overdue
    const wildixSoon = {
      ...start('wildix', { id: 'b', priorityOverride: 'standard', handedOverAt: '2025-03-31T08:00:00.000Z' }),
    };
    let samsara = start('samsara', { id: 'c' });
    samsara = act(
      'samsara',
      samsara,
      { type: 'vendor-message', text: 'VIN?', at: new Date('2025-03-29T09:00:00Z') },
      '2025-03-29T09:00:00Z',
    );
    samsara = act('samsara', samsara, { type: 'set-status', statusId: 'pending' }, '2025-03-29T09:01:00Z');
    const closed = act(
      'generic',
      start('generic', { id: 'd' }),
      { type: 'set-status', statusId: 'closed' },
      '2025-03-29T09:00:00Z',
    );
    const drafts = [
      draftFor('wildix', { id: 'b', handedOverAt: '2025-03-31T08:00:00.000Z' }),
      draftFor('esim-go', { id: 'a' }),
      draftFor('samsara', { id: 'c' }),
      draftFor('generic', { id: 'd' }),
      makeDraft({ id: 'e' }),
    ];
    const board = buildBoard(
      drafts,
      new Map([esimLate, wildixSoon, samsara, closed].map((e) => [e.draftId, e])),
      vendorOf,
      now,
    );
    expect(board.groups.vendor.map((e) => e.draft.id)).toEqual(['a', 'b']);
    expect(board.groups.us.map((e) => [e.draft.id, e.dueAt?.toISOString()])).toEqual([
      ['c', '2025-04-01T09:00:00.000Z'],
    ]);
    expect(board.groups.drafts.map((e) => e.draft.id)).toEqual(['e']);
    expect(board.finished.map((e) => e.draft.id)).toEqual(['d']);
    expect(board.overdue).toBe(1);
    const t = timeline([...board.groups.vendor, ...board.groups.us], now);
    expect(t?.bars.map((b) => [b.draftId, b.overdue])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
    for (const b of t?.bars ?? []) expect(b.x >= 0 && b.x + b.width <= 1.0001).toBe(true);
  });

  it.each([
    ['2025-03-29T10:00:00Z', '2025-03-28T07:25:30Z', { past: false, days: 1, hours: 2, minutes: 34 }],
    ['2025-03-29T10:00:00Z', '2025-03-29T10:00:00Z', { past: true, days: 0, hours: 0, minutes: 0 }],
    ['2025-03-29T10:00:00Z', '2025-03-29T13:05:00Z', { past: true, days: 0, hours: 3, minutes: 5 }],
  ])('countdown to %s at %s', (due, now, expected) => {
    expect(countdown(new Date(due), new Date(now))).toEqual(expected);
  });
});
