// @vitest-environment jsdom
/**
 * Issue 12, caps: a paste over the per-field cap is refused by the store (`too-large`); the editor says
 * which field and which limit, in the agent's language, and keeps the text typed (nothing lost).
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TicketEditor } from '../../../components/ticket/ticket-editor';
import { BUILT_IN_VENDORS_ONLY, createDraft, getDraft, openDb } from '../../../lib/db';
import { createDraftsApi } from '../../../lib/drafts/drafts-api';
import { DRAFT_LIMITS } from '../../../lib/escalation/draft';
import { renderWithI18n } from '../render';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

async function editorOnNewDraft(locale: 'en' | 'fr') {
  const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
  const created = await createDraft(db, { vendorId: 'esim-go', summary: 'No data' });
  if (!created.ok) throw new Error('createDraft failed');
  renderWithI18n(
    <TicketEditor
      drafts={createDraftsApi(db)}
      draftId={created.draft.id}
      context={null}
      onClose={() => undefined}
      copy={async () => undefined}
      autosave={{ delayMs: 30 }}
    />,
    { locale },
  );
  return { db, id: created.draft.id };
}

describe('caps in the editor', () => {
  it('names the field and the limit, keeps the text, and stores nothing oversized', async () => {
    const { db, id } = await editorOnNewDraft('en');
    const field = (await screen.findByLabelText(/Problem description/)) as HTMLTextAreaElement;
    const pasted = 'x'.repeat(DRAFT_LIMITS.maxFieldChars + 1);
    fireEvent.change(field, { target: { value: pasted } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Not saved: the field “Problem description” holds at most 65,536 characters (it has 65,537).',
    );
    expect(field.value).toBe(pasted);
    const stored = await getDraft(db, id);
    expect(stored.ok && stored.draft.fields.problem).toBeUndefined();
  });

  it('says it in French', async () => {
    await editorOnNewDraft('fr');
    const field = await screen.findByLabelText(/Description du problème/);
    fireEvent.change(field, { target: { value: 'x'.repeat(DRAFT_LIMITS.maxFieldChars + 1) } });
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(
        /Non enregistré\u00a0: le champ «\u00a0Description du problème\u00a0» contient au plus 65\s536 caractères \(il en a 65\s537\)\./,
      ),
    );
  });
});
