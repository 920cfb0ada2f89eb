/**
 * Issue 18 defect: the first-response due time was computed from the current time, so a handed-over
 * eSIM Go ticket reopened 30 hours later still showed a due time in the future. Seed 000: "a personalised
 * response within 24 hours" of the ticket — counted from the hand-over, not from whenever it is looked at.
 */
import { describe, expect, it } from 'vitest';
import { clockStart } from '../../../lib/escalation/sla';
import { renderTicket } from '../../../lib/escalation/render';
import { makeDraft, ticketTranslator, vendor } from './helpers';

const HANDED_OVER = '2025-03-28T10:00:00.000Z';
const THIRTY_HOURS_LATER = new Date('2025-03-29T16:00:00.000Z');

describe('first response due is fixed at hand-over', () => {
  it('the rendered ticket of a handed-over draft, read 30 h later, shows hand-over + 24 h', () => {
    const draft = makeDraft({
      status: 'handed-over',
      handedOverAt: HANDED_OVER,
      priorityOverride: 'normal',
    });
    const r = renderTicket(vendor('esim-go'), draft, {
      locale: 'en',
      translate: ticketTranslator('en'),
      now: THIRTY_HOURS_LATER,
      timeZone: 'UTC',
    });
    expect(r.text).toContain('First response expected by: 2025-03-29 10:00 (UTC, UTC+00:00)');
  });

  it.each([
    ['open draft: now', makeDraft(), THIRTY_HOURS_LATER.toISOString()],
    [
      'handed over: the hand-over',
      makeDraft({ status: 'handed-over', handedOverAt: HANDED_OVER }),
      HANDED_OVER,
    ],
    [
      'hand-over date unreadable: now',
      makeDraft({ status: 'handed-over', handedOverAt: 'x' }),
      THIRTY_HOURS_LATER.toISOString(),
    ],
  ])('clockStart — %s', (_name, draft, expected) => {
    expect(clockStart(draft, THIRTY_HOURS_LATER).toISOString()).toBe(expected);
  });
});
