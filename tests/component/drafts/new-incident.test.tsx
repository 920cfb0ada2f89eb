// @vitest-environment jsdom
/**
 * Issue 16 on the drafts page: several ICCIDs pasted at once start one escalation covering them all,
 * scope from their number; an invalid one is named and left out; an open draft for any one is offered.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { NewEscalation } from '../../../components/drafts/new-escalation';
import { createDraft, getDraft, BUILT_IN_VENDORS_ONLY, openDb } from '../../../lib/db';
import { createDraftsApi } from '../../../lib/drafts/drafts-api';
import { renderWithI18n } from '../render';

afterEach(cleanup);

const A = '89445000122510020012';
const B = '89445000122510010013';
const BAD = '89445000122510010014';

describe('NewEscalation with several ICCIDs (issue 16)', () => {
  it('creates one draft covering them, several users, and names the one left out', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const opened: string[] = [];
    renderWithI18n(<NewEscalation drafts={createDraftsApi(db)} onOpen={(id) => opened.push(id)} />);
    await userEvent.type(screen.getByLabelText('ICCID of the eSIM'), `${A}, ${BAD}; ${B}`);
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(opened).toHaveLength(1));
    const got = await getDraft(db, opened[0]!);
    expect(got.ok && got.draft).toMatchObject({ iccid: A, iccids: [A, B], scope: 'several-users' });
    expect(screen.getByText(new RegExp(BAD))).toBeTruthy();
  });

  it('offers the open draft of any one of them instead of a second ticket', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const open = await createDraft(db, { vendorId: 'esim-go', iccid: B, summary: 'Already open for B' });
    expect(open.ok).toBe(true);
    const opened: string[] = [];
    renderWithI18n(<NewEscalation drafts={createDraftsApi(db)} onOpen={(id) => opened.push(id)} />);
    await userEvent.type(screen.getByLabelText('ICCID of the eSIM'), `${A}, ${B}`);
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    await screen.findByText(/Already open for B/);
    expect(opened).toEqual([]);
  });
});
