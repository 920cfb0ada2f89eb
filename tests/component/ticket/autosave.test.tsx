// @vitest-environment jsdom
/**
 * Autosave that never loses a keystroke (issue 6): debounced writes, a flush when the page is hidden,
 * no silent loss when two surfaces edit one draft (merge when possible, ask otherwise), and the crash
 * journal that brings back text typed just before a tab closed.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { createDraftsApi } from '../../../lib/drafts/drafts-api';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftSession, type DraftJournal, type JournalEntry } from '../../../lib/drafts/draft-session';
import { TicketEditor } from '../../../components/ticket/ticket-editor';
import { createDraft, getDraft, BUILT_IN_VENDORS_ONLY, openDb, saveDraft, type HelpdeskDb } from '../../../lib/db';
import type { Draft } from '../../../lib/escalation/draft';
import { renderWithI18n } from '../render';

afterEach(() => {
  cleanup();
  localStorage.clear();
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
});

async function newDraft(db: HelpdeskDb, init: Partial<Draft> = {}) {
  const created = await createDraft(db, { vendorId: 'esim-go', ...init });
  if (!created.ok) throw new Error('createDraft failed');
  return created.draft;
}

async function stored(db: HelpdeskDb, id: string): Promise<Draft> {
  const got = await getDraft(db, id);
  if (!got.ok) throw new Error('getDraft failed');
  return got.draft;
}

function editor(db: HelpdeskDb, id: string, delayMs: number) {
  return renderWithI18n(<TicketEditor drafts={createDraftsApi(db)} draftId={id} context={null} onClose={() => undefined} autosave={{ delayMs }} />);
}

function memoryJournal(): DraftJournal & { entries: Map<string, JournalEntry> } {
  const entries = new Map<string, JournalEntry>();
  return {
    entries,
    read: (id) => entries.get(id) ?? null,
    write: (id, e) => void entries.set(id, structuredClone(e)),
    clear: (id) => void entries.delete(id),
  };
}

describe('autosave', () => {
  it('writes once after a pause in typing, not on every keystroke', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const draft = await newDraft(db);
    editor(db, draft.id, 150);
    const summary = await screen.findByLabelText('Summary');
    for (const value of ['N', 'No', 'No d', 'No da', 'No data']) fireEvent.change(summary, { target: { value } });
    // Nothing written yet: the debounce is still running.
    expect((await stored(db, draft.id)).revision).toBe(0);
    await waitFor(async () => expect((await stored(db, draft.id)).summary).toBe('No data'));
    expect((await stored(db, draft.id)).revision).toBe(1);
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toBe('Saved'));
  });

  it('writes at once when the page is hidden (popup closed, tab switched)', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const draft = await newDraft(db);
    editor(db, draft.id, 60_000);
    fireEvent.change(await screen.findByLabelText('Summary'), { target: { value: 'Lost signal in Rom' } });
    expect(screen.getByTestId('save-status').textContent).toBe('Not saved yet…');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(async () => expect((await stored(db, draft.id)).summary).toBe('Lost signal in Rom'));
  });

  it('writes at once on pagehide', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const draft = await newDraft(db);
    editor(db, draft.id, 60_000);
    fireEvent.change(await screen.findByLabelText('Device type'), { target: { value: 'Pixel 8' } });
    window.dispatchEvent(new Event('pagehide'));
    await waitFor(async () => expect((await stored(db, draft.id)).fields['device']).toBe('Pixel 8'));
  });

  it('shows a conflict when another surface changed the same field, and "keep mine" wins knowingly', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const draft = await newDraft(db, { summary: 'start' });
    const { container } = editor(db, draft.id, 60_000);
    fireEvent.change(await screen.findByLabelText('Summary'), { target: { value: 'mine' } });
    // Another window saves the same draft first (revision 0 → 1).
    const other = await saveDraft(db, { ...draft, summary: 'theirs' }, 0);
    expect(other.ok).toBe(true);
    window.dispatchEvent(new Event('pagehide'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('changed in another window');
    // Nothing was overwritten silently.
    expect((await stored(db, draft.id)).summary).toBe('theirs');
    expect((screen.getByLabelText('Summary') as HTMLInputElement).value).toBe('mine');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Keep mine' }));
    await waitFor(async () => expect((await stored(db, draft.id)).summary).toBe('mine'));
    expect((await stored(db, draft.id)).revision).toBe(2);
  });

  it('"take theirs" drops my unsaved edit and shows the other version', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const draft = await newDraft(db, { summary: 'start' });
    editor(db, draft.id, 60_000);
    fireEvent.change(await screen.findByLabelText('Summary'), { target: { value: 'mine' } });
    await saveDraft(db, { ...draft, summary: 'theirs' }, 0);
    window.dispatchEvent(new Event('pagehide'));
    await userEvent.click(await screen.findByRole('button', { name: 'Take theirs' }));
    expect((screen.getByLabelText('Summary') as HTMLInputElement).value).toBe('theirs');
    expect((await stored(db, draft.id)).revision).toBe(1);
  });

  it('merges edits of different fields made in two windows', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const draft = await newDraft(db);
    editor(db, draft.id, 60_000);
    fireEvent.change(await screen.findByLabelText('Device type'), { target: { value: 'iPhone 15' } });
    await saveDraft(db, { ...draft, summary: 'from the popup' }, 0);
    window.dispatchEvent(new Event('pagehide'));
    await waitFor(async () => {
      const now = await stored(db, draft.id);
      expect([now.summary, now.fields['device']]).toEqual(['from the popup', 'iPhone 15']);
    });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('follows a change saved elsewhere while nothing is typed here', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const draft = await newDraft(db);
    editor(db, draft.id, 60_000);
    await screen.findByLabelText('Summary');
    await saveDraft(db, { ...draft, summary: 'typed in the sidebar' }, 0);
    await waitFor(() => expect((screen.getByLabelText('Summary') as HTMLInputElement).value).toBe('typed in the sidebar'));
  });

  it('recovers text from the journal when the page went away before the write', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const draft = await newDraft(db);
    const journal = memoryJournal();
    const first = new DraftSession(createDraftsApi(db), draft.id, { delayMs: 60_000, journal, live: false });
    await first.start();
    first.update({ summary: 'half a wor' });
    // The tab is killed here: no flush, no close. Only the synchronous journal has the text.
    expect((await stored(db, draft.id)).summary).toBe('');
    const second = new DraftSession(createDraftsApi(db), draft.id, { journal, live: false });
    await second.start();
    expect(second.current.draft?.summary).toBe('half a wor');
    expect(second.current.notice).toBe('recovered');
    await waitFor(async () => expect((await stored(db, draft.id)).summary).toBe('half a wor'));
    expect(journal.entries.size).toBe(0);
  });

  it('keeps the text and reports a storage failure instead of dropping it', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const draft = await newDraft(db);
    const session = new DraftSession(createDraftsApi(db), draft.id, { delayMs: 60_000, journal: memoryJournal(), live: false });
    await session.start();
    db.close();
    session.update({ summary: 'still here' });
    await session.flush();
    expect(session.current.status).toBe('error');
    expect(session.current.errorCode).toBe('blocked');
    expect(session.current.draft?.summary).toBe('still here');
  });
});
