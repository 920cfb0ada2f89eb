// @vitest-environment jsdom
/**
 * The popup's quick ticket (issue 6): exact labels, focus on the first empty field, Enter to move on,
 * every keystroke saved to a draft that the next popup resumes, the ICCID from the page or — when the
 * agent asks — from the clipboard, and the priority suggestion with its reason.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { createDraftsApi } from '../../../lib/drafts/drafts-api';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { QuickTicket } from '../../../components/popup/quick-ticket';
import { getDraft, listDrafts, BUILT_IN_VENDORS_ONLY, openDb, type HelpdeskDb } from '../../../lib/db';
import type { PageContext } from '../../../lib/portal/page-context';
import { renderWithI18n } from '../render';
import { context, ICCID } from './lucas-page';

afterEach(() => {
  cleanup();
  localStorage.clear();
});


function popup(db: HelpdeskDb, opts: { remembered?: string | null; context?: PageContext | null; clipboard?: string } = {}) {
  const memory = { id: opts.remembered ?? null as string | null };
  const continued: string[] = [];
  const view = renderWithI18n(
    <QuickTicket
      drafts={createDraftsApi(db)}
      rememberedDraftId={opts.remembered ?? null}
      tabContext={opts.context ?? null}
      defaultVendorId="esim-go"
      readClipboard={async () => opts.clipboard ?? ''}
      rememberDraft={(id) => {
        memory.id = id;
      }}
      onContinue={(id) => continued.push(id)}
      autosave={{ delayMs: 30 }}
    />,
  );
  return { ...view, memory, continued };
}

describe('QuickTicket', () => {
  it('has the four labelled fields and opens on the first empty one', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const { container } = popup(db);
    for (const label of ['ICCID', 'Vendor', 'Priority', 'Summary']) expect(screen.getByLabelText(label)).toBeTruthy();
    expect((screen.getByLabelText('Vendor') as HTMLSelectElement).value).toBe('esim-go');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('ICCID')));
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations).toEqual([]);
  });

  it('prefills the ICCID from the page and focuses the next empty field; Enter moves on', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    popup(db, { context });
    expect((screen.getByLabelText('ICCID') as HTMLInputElement).value).toBe('8944 5000 1225 1002 0012');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Problem kind')));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(document.activeElement).toBe(screen.getByLabelText('Who is affected'));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(document.activeElement).toBe(screen.getByLabelText('Priority'));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(document.activeElement).toBe(screen.getByLabelText('Summary'));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Continue in sidebar' }));
  });

  it('saves every keystroke to one draft that the next popup resumes', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const first = popup(db, { context });
    await userEvent.type(screen.getByLabelText('Summary'), 'No data after landing');
    await waitFor(() => expect(first.memory.id).not.toBeNull());
    const id = first.memory.id!;
    await waitFor(async () => {
      const got = await getDraft(db, id);
      expect(got.ok && got.draft.summary).toBe('No data after landing');
    });
    const got = await getDraft(db, id);
    // The page knew this ICCID: the subscriber comes with it.
    expect(got.ok && [got.draft.iccid, got.draft.subscriberName]).toEqual([ICCID, 'Lucas Martin']);
    const all = await listDrafts(db);
    expect(all.ok && all.drafts).toHaveLength(1);
    first.unmount();

    popup(db, { remembered: id });
    await waitFor(() => expect((screen.getByLabelText('Summary') as HTMLInputElement).value).toBe('No data after landing'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Problem kind')));
    await userEvent.type(screen.getByLabelText('Summary'), '!');
    await waitFor(async () => {
      const again = await getDraft(db, id);
      expect(again.ok && again.draft.summary).toBe('No data after landing!');
    });
    const still = await listDrafts(db);
    expect(still.ok && still.drafts).toHaveLength(1);
  });

  it('pastes an ICCID from the clipboard only when asked, and only a valid one', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    popup(db, { clipboard: ' 8944-5000-1225-1002-0020 ' });
    expect((screen.getByLabelText('ICCID') as HTMLInputElement).value).toBe('');
    await userEvent.click(screen.getByRole('button', { name: 'Paste ICCID from clipboard' }));
    await waitFor(() => expect((screen.getByLabelText('ICCID') as HTMLInputElement).value).toBe('8944 5000 1225 1002 0020'));
    cleanup();
    popup(openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY }), { clipboard: '8944500012251001009' });
    await userEvent.click(screen.getByRole('button', { name: 'Paste ICCID from clipboard' }));
    await screen.findByText(/The clipboard does not hold a valid ICCID/);
    expect((screen.getByLabelText('ICCID') as HTMLInputElement).value).toBe('');
  });

  it('suggests the priority with its reason and keeps an override', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const view = popup(db);
    await userEvent.selectOptions(screen.getByLabelText('Problem kind'), 'connectivity');
    await userEvent.selectOptions(screen.getByLabelText('Who is affected'), 'everyone');
    expect(screen.getByTestId('priority-suggestion').textContent).toMatch(/^Suggested: Urgent — eSIM Go's rubric: “/);
    await userEvent.selectOptions(screen.getByLabelText('Priority'), 'high');
    await waitFor(async () => {
      const got = view.memory.id ? await getDraft(db, view.memory.id) : null;
      expect(got?.ok && got.draft.priorityOverride).toBe('high');
    });
  });

  it('"Continue in sidebar" hands over the saved draft', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const view = popup(db, { context });
    await userEvent.click(screen.getByRole('button', { name: 'Continue in sidebar' }));
    await waitFor(() => expect(view.continued).toHaveLength(1));
    const got = await getDraft(db, view.continued[0]!);
    expect(got.ok && got.draft.iccid).toBe(ICCID);
  });
});

describe('QuickTicket before the page context is known', () => {
  const props = (db: HelpdeskDb, tabContext: PageContext | null | undefined, memory: { id: string | null }) => ({
    drafts: createDraftsApi(db),
    rememberedDraftId: null,
    tabContext,
    defaultVendorId: 'esim-go',
    readClipboard: async () => '',
    rememberDraft: (id: string | null) => {
      memory.id = id;
    },
    onContinue: () => undefined,
    autosave: { delayMs: 30 },
  });

  it('opens focused on the ICCID, then follows the first empty field when the page ICCID arrives', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const memory = { id: null as string | null };
    const view = renderWithI18n(<QuickTicket {...props(db, undefined, memory)} />);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('ICCID')));
    view.rerender(<QuickTicket {...props(db, context, memory)} />);
    expect((screen.getByLabelText('ICCID') as HTMLInputElement).value).toBe('8944 5000 1225 1002 0012');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Problem kind')));
  });

  it('keeps what the agent typed meanwhile, and creates the draft with the page data once it is known', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const memory = { id: null as string | null };
    const view = renderWithI18n(<QuickTicket {...props(db, undefined, memory)} />);
    await userEvent.type(screen.getByLabelText('Summary'), 'No data');
    const before = await listDrafts(db);
    expect(before.ok && before.drafts).toHaveLength(0);
    view.rerender(<QuickTicket {...props(db, context, memory)} />);
    expect(document.activeElement).toBe(screen.getByLabelText('Summary'));
    expect((screen.getByLabelText('Summary') as HTMLInputElement).value).toBe('No data');
    await waitFor(() => expect(memory.id).not.toBeNull());
    await waitFor(async () => {
      const got = await getDraft(db, memory.id!);
      expect(got.ok && [got.draft.summary, got.draft.iccid, got.draft.subscriberName]).toEqual([
        'No data',
        ICCID,
        'Lucas Martin',
      ]);
    });
    const after = await listDrafts(db);
    expect(after.ok && after.drafts).toHaveLength(1);
  });
});
