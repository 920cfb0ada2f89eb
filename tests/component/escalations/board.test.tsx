// @vitest-environment jsdom
/**
 * Issue 18: the escalation board with five escalations and a draft, and the escalation panel's vendor
 * ticket number (seed 004: Samsara's 6 digits), as an agent sees them.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { EscalationBoard } from '../../../components/escalations/board';
import { EscalationPanel } from '../../../components/ticket/escalation-panel';
import { BUILT_IN_VENDORS_ONLY, createDraft, openDb, type HelpdeskDb } from '../../../lib/db';
import { createEscalationsApi } from '../../../lib/drafts/escalations-api';
import { getVendor } from '../../../lib/escalation/vendors';
import type { Draft } from '../../../lib/escalation/draft';
import { renderWithI18n } from '../render';

afterEach(cleanup);

const NOW = new Date('2025-03-29T12:00:00.000Z');
const clock = () => NOW;

async function handedOver(db: HelpdeskDb, init: Partial<Draft> & { vendorId: string }): Promise<Draft> {
  const r = await createDraft(db, { status: 'handed-over', ...init });
  if (!r.ok) throw new Error('seed');
  return r.draft;
}

async function seedFive(db: HelpdeskDb) {
  const api = createEscalationsApi(db);
  // 1. eSIM Go, handed over 28 Mar 10:00, due 29 Mar 10:00 (seed 000: 24 h): overdue.
  const esim = await handedOver(db, {
    vendorId: 'esim-go',
    summary: 'No data in Japan',
    priorityOverride: 'normal',
    handedOverAt: '2025-03-28T10:00:00.000Z',
  });
  // 2. Wildix Standard handed over Saturday 29 Mar 12:00 Rome → due 18:00 Rome on Monday (seed 002).
  const wildix = await handedOver(db, {
    vendorId: 'wildix',
    summary: 'Trunk down',
    priorityOverride: 'standard',
    handedOverAt: '2025-03-29T11:00:00.000Z',
  });
  // 3. Samsara Pending since their message at 09:00: solved automatically 1 Apr 09:00 unless we reply.
  const samsara = await handedOver(db, {
    vendorId: 'samsara',
    summary: 'Tracker offline',
    handedOverAt: '2025-03-28T08:00:00.000Z',
  });
  // 4. Trackunit: no published response time.
  const trackunit = await handedOver(db, {
    vendorId: 'trackunit',
    summary: 'Gateway silent',
    handedOverAt: '2025-03-28T09:00:00.000Z',
  });
  // 5. Generic vendor, closed.
  const closed = await handedOver(db, {
    vendorId: 'generic',
    summary: 'Old case',
    handedOverAt: '2025-03-20T09:00:00.000Z',
  });
  // And a draft not handed over.
  const open = await createDraft(db, { vendorId: 'esim-go', summary: 'Install stuck' });
  if (!open.ok) throw new Error('seed');
  for (const d of [esim, wildix, samsara, trackunit, closed]) await api.ensure(d);
  await api.act(esim.id, { type: 'set-ticket-ref', ref: 'ZD-4411' }, NOW);
  await api.act(samsara.id, { type: 'set-ticket-ref', ref: '123456' }, NOW);
  await api.act(
    samsara.id,
    { type: 'vendor-message', text: 'VIN?', at: new Date('2025-03-29T09:00:00.000Z') },
    NOW,
  );
  await api.act(samsara.id, { type: 'set-status', statusId: 'pending' }, NOW);
  await api.act(closed.id, { type: 'set-status', statusId: 'closed' }, NOW);
  return { api, esim, wildix, samsara, trackunit };
}

describe('escalation board', () => {
  it('groups five escalations and a draft by who owes, due first, with countdowns and a timeline', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const { api } = await seedFive(db);
    renderWithI18n(<EscalationBoard api={api} onOpen={() => undefined} clock={clock} />);
    const vendorOwes = await screen.findByRole('region', { name: /Vendor owes us/ });
    await waitFor(() => expect(within(vendorOwes).getAllByRole('listitem')).toHaveLength(3));
    const rows = within(vendorOwes).getAllByRole('listitem');
    expect(rows.map((r) => within(r).getByRole('button').textContent)).toEqual([
      'No data in Japan',
      'Trunk down',
      'Gateway silent',
    ]);
    expect(rows[0]?.textContent).toContain('#ZD-4411');
    expect(rows[0]?.textContent).toContain('overdue by 2 h 0 min');
    expect(rows[1]?.textContent).toContain('in 2 d 4 h 0 min');
    expect(rows[2]?.textContent).toContain('no due time');
    const weOwe = screen.getByRole('region', { name: /We owe the vendor/ });
    expect(within(weOwe).getByRole('listitem').textContent).toMatch(
      /Tracker offline.*#123456.*Pending.*in 2 d 21 h 0 min/,
    );
    const drafts = screen.getByRole('region', { name: /Drafts not handed over/ });
    expect(within(drafts).getByRole('listitem').textContent).toContain('Install stuck');
    expect(screen.getByText('Solved or closed: 1')).toBeTruthy();
    expect(screen.getByTestId('board-overdue').textContent).toContain('Overdue: 1');
    const svg = screen.getByRole('img', { name: 'Open escalations against their due time' });
    expect(svg.querySelectorAll('rect')).toHaveLength(3);
    expect(svg.querySelectorAll('rect[data-overdue="true"]')).toHaveLength(1);
    db.close();
  });
});

describe('escalation panel', () => {
  it('refuses a Samsara ticket number that is not 6 digits, names the format, and keeps a good one', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const api = createEscalationsApi(db);
    const draft = await handedOver(db, {
      vendorId: 'samsara',
      summary: 'Tracker offline',
      handedOverAt: NOW.toISOString(),
    });
    const user = userEvent.setup();
    renderWithI18n(
      <EscalationPanel
        api={api}
        vendor={getVendor('samsara')!}
        draft={draft}
        now={NOW}
        timeZone="UTC"
        copy={async () => undefined}
      />,
    );
    const ref = await screen.findByLabelText('Vendor ticket number');
    await user.type(ref, '12345');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'This does not look like a Samsara ticket number (for example 123456).',
    );
    await user.type(ref, '6');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(
      (screen.getByLabelText('Vendor status') as HTMLSelectElement).selectedOptions[0]?.textContent,
    ).toBe('Open');
    // Samsara's rule about quoting the number is shown with the follow-up, which quotes it.
    expect(screen.getByLabelText('Follow-up preview').textContent).toContain('Follow-up: ticket #123456');
    db.close();
  });
});
