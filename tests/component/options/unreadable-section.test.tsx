// @vitest-environment jsdom
/**
 * Options → "Saved settings that could not be read": a stored value the registry set aside is listed
 * (which data, which version, where it was wrong — not the value), in English and French, and the
 * agent can discard it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CustomDataApi } from '../../../components/options/custom-data-api';
import { UnreadableSection } from '../../../components/options/unreadable-section';
import { NOTHING_MANAGED } from '../../../lib/settings/managed';
import { discardUnreadable, listUnreadable, migrateStoredItems } from '../../../lib/settings/registry';
import { fakeArea } from '../../unit/settings/fake-area';
import { renderWithI18n } from '../render';

afterEach(cleanup);

async function apiWithDamagedSettings() {
  const area = fakeArea({
    settings: { loopbackEnabled: true, defaultVendorId: 'Jane Doe', retentionDays: 0 },
  });
  await migrateStoredItems(area, () => undefined);
  const api: CustomDataApi = {
    loadCustomVendors: async () => ({ vendors: [], problems: [] }),
    saveCustomVendors: async () => ({ ok: true }),
    loadChecklist: async () => ({ checklist: null, problems: [] }),
    saveChecklist: async () => ({ ok: true }),
    loadManaged: async () => NOTHING_MANAGED,
    loadUnreadable: () => listUnreadable(area),
    discardUnreadable: (key) => discardUnreadable(area, key),
    watch: () => () => undefined,
  };
  return { api, area };
}

describe('UnreadableSection', () => {
  it('lists a value set aside, with its path and not its content, and discards it', async () => {
    const { api, area } = await apiWithDamagedSettings();
    renderWithI18n(<UnreadableSection api={api} />, { locale: 'en' });
    const heading = await screen.findByRole('heading', { name: 'Saved settings that could not be read' });
    expect(heading).toBeTruthy();
    expect(screen.getByText(/settings\.retentionDays/)).toBeTruthy();
    expect(document.body.textContent).not.toContain('Jane Doe');
    await userEvent.click(screen.getByRole('button', { name: /Discard what was set aside: Preferences/ }));
    await waitFor(() =>
      expect(screen.queryByRole('heading', { name: 'Saved settings that could not be read' })).toBeNull(),
    );
    expect('settings:unreadable' in area.data).toBe(false);
  });

  it('speaks French', async () => {
    const { api } = await apiWithDamagedSettings();
    renderWithI18n(<UnreadableSection api={api} />, { locale: 'fr' });
    expect(await screen.findByRole('heading', { name: 'Réglages enregistrés illisibles' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Supprimer ce qui a été mis de côté/ })).toBeTruthy();
  });
});
