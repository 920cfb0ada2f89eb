// @vitest-environment jsdom
/**
 * Issue 19: the sidebar says which state the page is in, and the teach panel shows the draft, points
 * and saves through its api.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Sidebar } from '../../../components/sidebar/sidebar';
import { TeachPanel, type TeachApi } from '../../../components/sidebar/teach-panel';
import { EXAMPLE_CATALOG } from '../../../lib/catalog';
import type { TeachState } from '../../../lib/messaging/registry';
import { renderWithI18n } from '../render';
import { NO_PROFILE, FULL } from './contexts';

afterEach(cleanup);

const draft: TeachState = {
  profile: { id: 'taught-x', name: 'X', version: 1, urlPatterns: ['https://x.example/*'] },
  items: [
    { key: 'subscriber.name', label: 'Nom', values: ['Camille Martin'] },
    { key: 'subscriber.id', values: [] },
    { key: 'esims.iccid', label: 'ICCID', values: ['8933012345678901207', '8933012345678901215'] },
    { key: 'forms.addPlan', label: 'Ajouter un forfait', values: ['Ajouter un forfait'] },
  ],
  planChoices: ['Euro 1', 'Afrique 1'],
};

function api(overrides: Partial<TeachApi> = {}): TeachApi {
  return {
    guess: vi.fn(async () => draft),
    point: vi.fn(async () => ({
      ...draft,
      items: [{ key: 'subscriber.id', label: 'N° client', values: ['C-20417'] }],
      outcome: 'taught' as const,
    })),
    save: vi.fn(async () => 'saved' as const),
    ...overrides,
  };
}

const base = {
  onClose: vi.fn(),
  catalog: { catalog: EXAMPLE_CATALOG, source: 'example' as const },
  status: 'ready' as const,
};

describe('portal state line', () => {
  it.each([
    [FULL, false, 'known'],
    [NO_PROFILE, true, 'guessed'],
    [NO_PROFILE, false, 'iccids'],
  ] as const)('says the page is %#: %s', (context, guessed, state) => {
    const { container } = renderWithI18n(<Sidebar {...base} context={context} guessed={guessed} />);
    expect(container.querySelector('[data-portal-state]')?.getAttribute('data-portal-state')).toBe(state);
  });

  it('offers "Teach this portal" only where the page has no profile', () => {
    renderWithI18n(<Sidebar {...base} context={FULL} teach={<TeachPanel api={api()} />} />);
    expect(screen.queryByRole('button', { name: 'Teach this portal' })).toBeNull();
    cleanup();
    renderWithI18n(<Sidebar {...base} context={NO_PROFILE} teach={<TeachPanel api={api()} />} />);
    expect(screen.getByRole('button', { name: 'Teach this portal' })).toBeTruthy();
  });
});

describe('TeachPanel', () => {
  it('shows what the draft reads, points to correct a value, and saves', async () => {
    const user = userEvent.setup();
    const teach = api();
    const onDraft = vi.fn();
    renderWithI18n(<TeachPanel api={teach} onDraft={onDraft} />);
    await user.click(screen.getByRole('button', { name: 'Teach this portal' }));
    const list = await screen.findByRole('list', { name: 'What the draft reads on this page' });
    expect(onDraft).toHaveBeenCalledWith(true);
    expect(within(list).getByText('Camille Martin')).toBeTruthy();
    expect(within(list).getByText('not found')).toBeTruthy();
    expect(within(list).getByText('8933012345678901207 · 8933012345678901215')).toBeTruthy();
    // Forms are found, not pointed at.
    expect(screen.queryByRole('button', { name: 'Point at Add plan form on the page' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Point at Subscriber ID on the page' }));
    expect(teach.point).toHaveBeenCalledWith('subscriber.id', expect.stringContaining('Subscriber ID'));
    expect(
      await screen.findByText('Read again: Subscriber ID now comes from what you pointed at.'),
    ).toBeTruthy();
    expect(screen.getByText('C-20417')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Save portal' }));
    expect(teach.save).toHaveBeenCalledWith(draft.profile);
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      expect.stringContaining('Portal saved for https://x.example/*'),
    );
  });

  it('says so when pointing finds no rule, when it is cancelled, and when access is refused', async () => {
    const user = userEvent.setup();
    let next: TeachState | null = { ...draft, outcome: 'unreadable' };
    const teach = api({ point: vi.fn(async () => next), save: vi.fn(async () => 'denied' as const) });
    renderWithI18n(<TeachPanel api={teach} />);
    await user.click(screen.getByRole('button', { name: 'Teach this portal' }));
    await user.click(await screen.findByRole('button', { name: 'Point at Subscriber name on the page' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'No rule reads that element back. Point at the value itself.',
    );
    next = null;
    await user.click(screen.getByRole('button', { name: 'Point at Subscriber name on the page' }));
    expect((await screen.findByRole('status')).textContent).toBe('Pointing cancelled.');
    await user.click(screen.getByRole('button', { name: 'Save portal' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      "Access to this portal's address was refused: nothing was saved.",
    );
  });
});

describe('plans the catalog does not know', () => {
  it("offers the Add plan form's unknown plans to the catalog with their IMSI profile", async () => {
    const user = userEvent.setup();
    const addPlan = vi.fn(async () => 'added' as const);
    renderWithI18n(<TeachPanel api={api({ addPlan })} catalog={EXAMPLE_CATALOG} />);
    await user.click(screen.getByRole('button', { name: 'Teach this portal' }));
    const list = await screen.findByRole('list', { name: 'Plans of the Add plan form not in the catalog' });
    // "Euro 1" is in the example catalog; "Afrique 1" is not.
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('span')?.textContent),
    ).toEqual(['Afrique 1']);
    const add = screen.getByRole('button', { name: 'Add Afrique 1 to the catalog' });
    expect(add).toHaveProperty('disabled', true);
    await user.type(screen.getByRole('spinbutton', { name: 'IMSI profile for Afrique 1' }), '10');
    await user.type(
      screen.getByRole('textbox', { name: 'Destination country code for Afrique 1 (e.g. FR)' }),
      'ma',
    );
    await user.click(add);
    expect(addPlan).toHaveBeenCalledWith({ name: 'Afrique 1', imsiProfile: 10, country: 'MA' });
    expect((await screen.findByRole('status')).textContent).toBe(
      '“Afrique 1” added to the catalog (IMSI profile 10).',
    );
  });
});
