// @vitest-environment jsdom
/**
 * Issue 15 item 4: the quick ticket takes over popup.html's static ICCID field (typed into before the
 * form loaded) — its text, caret and focus — and replaces it (components/popup/early-field.ts). The
 * race with keys typed during the hand-over is covered end to end in tests/e2e/popup-fast.spec.ts.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { earlyField, EARLY_IDS, markEarlyInput } from '../../../components/popup/early-field';
import { QuickTicket } from '../../../components/popup/quick-ticket';
import { BUILT_IN_VENDORS_ONLY, listDrafts, openDb, type HelpdeskDb } from '../../../lib/db';
import { createDraftsApi } from '../../../lib/drafts/drafts-api';
import type { PageContext } from '../../../lib/portal/page-context';
import { renderWithI18n } from '../render';
import { context, ICCID } from './lucas-page';

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
  localStorage.clear();
});

const DISPLAY = '8944 5000 1225 1002 0012';

/** popup.html's shell, as the boot script leaves it (the field focused). */
function staticShell(): HTMLInputElement {
  const shell = document.createElement('main');
  shell.id = EARLY_IDS.shell;
  const label = document.createElement('label');
  label.htmlFor = EARLY_IDS.input;
  label.textContent = 'ICCID';
  const input = document.createElement('input');
  input.id = EARLY_IDS.input;
  shell.append(label, input);
  document.body.append(shell);
  markEarlyInput(input);
  input.focus();
  return input;
}

/** The form rendered detached, as main.tsx does, taking the shell over. */
function popup(db: HelpdeskDb, opts: { remembered?: string | null; context?: PageContext | null } = {}) {
  const memory = { id: opts.remembered ?? (null as string | null) };
  const container = document.createElement('div');
  const early = earlyField(document, container);
  expect(early).not.toBeNull();
  renderWithI18n(
    <QuickTicket
      drafts={createDraftsApi(db)}
      rememberedDraftId={opts.remembered ?? null}
      tabContext={opts.context ?? null}
      defaultVendorId="esim-go"
      readClipboard={async () => ''}
      rememberDraft={(id) => {
        memory.id = id;
      }}
      onContinue={() => undefined}
      autosave={{ delayMs: 30 }}
      early={early}
    />,
    { container },
  );
  return memory;
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const shellGone = () => waitFor(() => expect(document.getElementById(EARLY_IDS.shell)).toBeNull());

describe('QuickTicket taking over the static ICCID field', () => {
  it('takes the typed text, the caret and the focus, and the shell is gone', async () => {
    const input = staticShell();
    input.value = '8944 5000 12';
    input.setSelectionRange(4, 4);
    popup(openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY }));
    await shellGone();
    expect(screen.getAllByLabelText('ICCID')).toHaveLength(1);
    expect(field('ICCID').value).toBe('8944 5000 12');
    expect(document.activeElement).toBe(field('ICCID'));
    expect([field('ICCID').selectionStart, field('ICCID').selectionEnd]).toEqual([4, 4]);
  });

  it('a pasted valid ICCID is the whole field: the focus moves on to the summary, the draft has the ICCID', async () => {
    const input = staticShell();
    input.value = DISPLAY;
    input.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const memory = popup(db);
    await shellGone();
    expect(field('ICCID').value).toBe(DISPLAY);
    expect(document.activeElement).toBe(field('Summary'));
    await waitFor(() => expect(memory.id).not.toBeNull());
    await waitFor(async () => {
      const all = await listDrafts(db);
      expect(all.ok && all.drafts.map((d) => d.iccid)).toEqual([ICCID]);
    });
  });

  it('nothing typed: the form opens on its first empty field, as without the shell', async () => {
    staticShell();
    popup(openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY }), { context });
    await shellGone();
    expect(field('ICCID').value).toBe(DISPLAY);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Problem kind')));
  });

  it('typed over a remembered draft that has an ICCID: a new draft; the remembered one is left as it was', async () => {
    const db = openDb('test-' + crypto.randomUUID(), { vendors: BUILT_IN_VENDORS_ONLY });
    const made = await createDraftsApi(db).createDraft({
      vendorId: 'esim-go',
      iccid: ICCID,
      summary: 'No data in Lyon',
      fields: { iccid: DISPLAY },
    });
    if (!made.ok) throw new Error('draft not created');
    const input = staticShell();
    input.value = '8944 5000 1225 1002 0020';
    const memory = popup(db, { remembered: made.draft.id });
    await shellGone();
    expect(field('ICCID').value).toBe('8944 5000 1225 1002 0020');
    expect(field('Summary').value).toBe('');
    await waitFor(() => expect(memory.id).not.toBe(made.draft.id));
    await waitFor(async () => {
      const all = await listDrafts(db);
      expect(all.ok && all.drafts.map((d) => [d.iccid, d.summary]).sort()).toEqual(
        [
          [ICCID, 'No data in Lyon'],
          ['89445000122510020020', ''],
        ].sort(),
      );
    });
  });
});
