// @vitest-environment jsdom
/**
 * The ticket form (issue 6): prefilled fields, completeness as the agent types, an ICCID failing its
 * check digit marked invalid, the rubric sentence behind the suggested priority, the override kept,
 * the vendor's subject in the copied ticket, and secrets that never reach the database.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createDraftsApi } from '../../../lib/drafts/drafts-api';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { TicketEditor } from '../../../components/ticket/ticket-editor';
import { createDraft, getDraft, BUILT_IN_VENDORS_ONLY, openDb, type HelpdeskDb } from '../../../lib/db';
import { startEscalation } from '../../../lib/drafts/start-escalation';
import type { PageContext } from '../../../lib/portal/page-context';
import { renderWithI18n } from '../render';

const ICCID = '89445000122510020012';
const BAD_CHECK_DIGIT = '8944500012251001009';

const context: PageContext = {
  url: 'http://127.0.0.1:4000/portal/subscribers/S-1002',
  title: 'AP — Lucas Martin',
  portalId: 'demo-portal',
  subscriber: { id: 'S-1002', name: 'Lucas Martin', planType: 'Unlimited All', location: 'Lyon, France' },
  esims: [
    {
      lineName: 'France',
      iccid: ICCID,
      imsiProfile: 7,
      status: 'Installed',
      plans: [{ name: 'Euro 1', region: 'Europe', state: 'Active' }],
    },
  ],
  iccids: [ICCID],
  guardEvents: [],
} as unknown as PageContext;

afterEach(() => {
  cleanup();
  localStorage.clear();
});

async function esimGoDraft(db: HelpdeskDb) {
  const started = await startEscalation(db, { text: ICCID, context, now: new Date(), timeZone: 'Europe/Paris' });
  if (!started.ok) throw new Error(started.error.message);
  return started.draft;
}

function setup(db: HelpdeskDb, draftId: string, copied: string[] = []) {
  return renderWithI18n(
    <TicketEditor
      drafts={createDraftsApi(db)}
      draftId={draftId}
      context={context}
      onClose={() => undefined}
      copy={async (text) => {
        copied.push(text);
      }}
      autosave={{ delayMs: 30 }}
    />,
  );
}

async function noAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

describe('TicketEditor', () => {
  it('shows the prefilled fields and counts what is present as the agent types', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const draft = await esimGoDraft(db);
    const { container } = setup(db, draft.id);

    const iccid = await screen.findByLabelText('ICCID');
    expect(iccid).toHaveProperty('value', ICCID);
    expect(screen.getByLabelText('Location within the country')).toHaveProperty('value', 'Lyon, France');
    // Seed 000 asks for the device type; only the customer knows it: never prefilled.
    expect(screen.getByLabelText('Device type')).toHaveProperty('value', '');

    const count = screen.getByTestId('completeness-count');
    const before = count.textContent;
    expect(before).toMatch(/^2 of 5 required items present/);
    await userEvent.type(screen.getByLabelText('Device type'), 'iPhone 15');
    expect(count.textContent).toMatch(/^3 of 5 required items present/);
    await noAxeViolations(container);
  });

  it('marks an ICCID that fails its check digit as invalid, with the reason', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const draft = await esimGoDraft(db);
    setup(db, draft.id);
    const iccid = await screen.findByLabelText('ICCID');
    fireEvent.change(iccid, { target: { value: BAD_CHECK_DIGIT } });
    expect(iccid.getAttribute('aria-invalid')).toBe('true');
    const list = screen.getByRole('list', { name: 'Completeness checklist' });
    const row = within(list).getByText(/^ICCID/).closest('li')!;
    expect(row.getAttribute('data-status')).toBe('invalid');
    expect(screen.getByTestId('completeness-count').textContent).toMatch(/1 invalid/);
  });

  it('explains the suggested priority with the rubric sentence and keeps an override', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const draft = await esimGoDraft(db);
    setup(db, draft.id);
    await userEvent.selectOptions(await screen.findByLabelText('Problem kind'), 'install');
    await userEvent.selectOptions(screen.getByLabelText('Who is affected'), 'one-user');
    expect(screen.getByTestId('priority-suggestion').textContent).toBe(
      'Suggested: Normal — eSIM Go\'s rubric: “eSIM install or activation issues”',
    );
    await userEvent.selectOptions(screen.getByLabelText('Priority to file'), 'high');
    await waitFor(async () => {
      const stored = await getDraft(db, draft.id);
      expect(stored.ok && stored.draft.priorityOverride).toBe('high');
    });
    expect((screen.getByLabelText('Priority to file') as HTMLSelectElement).value).toBe('high');
  });

  it('copies the ticket with the vendor subject first and warns about the gaps', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const draft = await esimGoDraft(db);
    const copied: string[] = [];
    setup(db, draft.id, copied);
    await userEvent.type(await screen.findByLabelText('Summary'), 'eSIM will not activate in Lyon');
    expect(screen.getByTestId('handover-warning').textContent).toContain('Problem description');
    expect(screen.getByTestId('handover-warning').textContent).toContain('Device type');
    await userEvent.click(screen.getByRole('button', { name: 'Copy as plain text' }));
    await screen.findByText('Ticket copied as plain text.');
    expect(copied[0]?.split('\n')[0]).toBe('eSIM will not activate in Lyon');
    expect(copied[0]).toContain(`ICCID: ${ICCID}`);
    await userEvent.click(screen.getByRole('button', { name: 'Copy as Markdown' }));
    await waitFor(() => expect(copied[1]?.startsWith('## eSIM will not activate in Lyon')).toBe(true));
  });

  it('keeps a secret out of the database, the journal and the copied ticket', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const created = await createDraft(db, { vendorId: 'wildix', summary: 'PBX unreachable' });
    if (!created.ok) throw new Error('no draft');
    const copied: string[] = [];
    const { container } = setup(db, created.draft.id, copied);
    const canary = 'CANARY-s3cr3t-7731';
    const secret = await screen.findByLabelText('Login credentials');
    expect(secret.getAttribute('type')).toBe('password');
    await userEvent.type(secret, canary);
    await userEvent.type(screen.getByLabelText('PBX name or product'), 'pbx-lyon');
    await waitFor(async () => {
      const stored = await getDraft(db, created.draft.id);
      expect(stored.ok && stored.draft.fields['pbx']).toBe('pbx-lyon');
    });
    await userEvent.click(screen.getByRole('button', { name: 'Copy as plain text' }));
    await waitFor(() => expect(copied.length).toBe(1));

    const everything = JSON.stringify([
      await db.drafts.toArray(),
      await db.attachments.toArray(),
      await db.settings.toArray(),
      { ...localStorage },
      copied,
    ]);
    expect(everything).not.toContain(canary);
    expect(everything).toContain('pbx-lyon');
    await noAxeViolations(container);
  });
});
