// @vitest-environment jsdom
/**
 * The drafts list (issue 6): search by ICCID (grouped or last digits), subscriber and text, filters,
 * completeness per row; and the duplicate check before a new escalation.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createDraftsApi } from '../../../lib/drafts/drafts-api';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftsList } from '../../../components/drafts/drafts-list';
import { draftIdFromHash } from '../../../components/drafts/drafts-page';
import { NewEscalation } from '../../../components/drafts/new-escalation';
import { createDraft, listDrafts, BUILT_IN_VENDORS_ONLY, openDb, type HelpdeskDb } from '../../../lib/db';
import { renderWithI18n } from '../render';

afterEach(cleanup);

async function seed(db: HelpdeskDb) {
  const a = await createDraft(db, {
    vendorId: 'esim-go',
    iccid: '89445000122510020012',
    subscriberName: 'Lucas Martin',
    subscriberId: 'S-1002',
    summary: 'No data in Lyon',
    fields: { device: 'iPhone 15' },
  });
  const b = await createDraft(db, { vendorId: 'wildix', summary: 'PBX trunk down', status: 'handed-over' });
  const c = await createDraft(db, { vendorId: 'esim-go', iccid: '89445000122510010013', subscriberName: 'Amira Haddad', summary: 'Activation stuck' });
  if (!a.ok || !b.ok || !c.ok) throw new Error('seed failed');
  return { a: a.draft, b: b.draft, c: c.draft };
}

const rows = () => within(screen.getByRole('list', { name: 'Drafts found' })).getAllByRole('button');

describe('DraftsList', () => {
  it('finds drafts by ICCID, last digits, subscriber and text, and shows completeness', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    await seed(db);
    const opened: string[] = [];
    const { container } = renderWithI18n(<DraftsList drafts={createDraftsApi(db)} onOpen={(id) => opened.push(id)} />);
    // Default filter: open drafts.
    await waitFor(() => expect(rows()).toHaveLength(2));
    const search = screen.getByLabelText('Search drafts');

    fireEvent.change(search, { target: { value: '8944 5000 1225 1002 0012' } });
    await waitFor(() => expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('No data in Lyon')]));
    expect(rows()[0]!.textContent).toContain('2/5 required items');

    fireEvent.change(search, { target: { value: '0013' } });
    await waitFor(() => expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('Activation stuck')]));

    fireEvent.change(search, { target: { value: 'lucas' } });
    await waitFor(() => expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('Lucas Martin')]));

    fireEvent.change(search, { target: { value: 'trunk' } });
    await waitFor(() => expect(screen.getByTestId('drafts-count').textContent).toBe('0 draft(s) found'));
    await userEvent.selectOptions(screen.getByLabelText('Status'), '');
    await waitFor(() => expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('PBX trunk down')]));

    await userEvent.click(rows()[0]!);
    expect(opened).toHaveLength(1);
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations).toEqual([]);
  });

  it('filters by vendor', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    await seed(db);
    renderWithI18n(<DraftsList drafts={createDraftsApi(db)} onOpen={() => undefined} />);
    await userEvent.selectOptions(screen.getByLabelText('Status'), '');
    await userEvent.selectOptions(screen.getByLabelText('Vendor'), 'wildix');
    await waitFor(() => expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('PBX trunk down')]));
  });
});

describe('NewEscalation', () => {
  it('offers the open draft for that ICCID before creating a new one', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const { a } = await seed(db);
    const opened: string[] = [];
    const { container } = renderWithI18n(<NewEscalation drafts={createDraftsApi(db)} onOpen={(id) => opened.push(id)} />);
    await userEvent.type(screen.getByLabelText('ICCID of the eSIM'), '8944-5000-1225-1002-0012');
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    const offer = await screen.findByRole('alert');
    expect(offer.textContent).toContain('An open draft already exists');
    expect(opened).toEqual([]);
    await userEvent.click(within(offer).getByRole('button', { name: /No data in Lyon/ }));
    expect(opened).toEqual([a.id]);
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations).toEqual([]);
  });

  it('refuses an ICCID with a wrong check digit, naming why, and creates nothing', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    renderWithI18n(<NewEscalation drafts={createDraftsApi(db)} onOpen={() => undefined} />);
    await userEvent.type(screen.getByLabelText('ICCID of the eSIM'), '8944500012251001009');
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect((await screen.findByRole('alert')).textContent).not.toBe('');
    const all = await listDrafts(db);
    expect(all.ok && all.drafts).toEqual([]);
  });

  it('creates a draft for a new ICCID', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const opened: string[] = [];
    renderWithI18n(<NewEscalation drafts={createDraftsApi(db)} onOpen={(id) => opened.push(id)} />);
    await userEvent.type(screen.getByLabelText('ICCID of the eSIM'), '89445000122510020020');
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(opened).toHaveLength(1));
    const all = await listDrafts(db);
    expect(all.ok && all.drafts.map((d) => [d.iccid, d.fields['iccid']])).toEqual([['89445000122510020020', '89445000122510020020']]);
  });
});

describe('draftIdFromHash', () => {
  it.each([
    ['#draft=abc-123', 'abc-123'],
    ['#draft=', null],
    ['', null],
    ['#draft=<script>', null],
  ])('%s → %s', (hash, id) => expect(draftIdFromHash(hash)).toBe(id));
});
