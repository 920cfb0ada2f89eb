// @vitest-environment jsdom
/**
 * Options → Vendor profiles and Troubleshooting checklist (DESIGN §3: behaviour is data), and the
 * "Set by your administrator" section: accessible in English and French, a bad import is refused
 * whole with the path of each problem, a good one is listed at once; managed data is read-only.
 */
import { describe, it, expect, afterEach, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { ChecklistSection } from '../../../components/options/checklist-section';
import type { CustomDataApi } from '../../../components/options/custom-data-api';
import { ManagedSection } from '../../../components/options/managed-section';
import { VendorsSection } from '../../../components/options/vendors-section';
import { DEFAULT_ESIM_CHECKLIST, type Checklist } from '../../../lib/escalation/checklist';
import { builtInVendors, getVendor } from '../../../lib/escalation/vendors';
import { readChecklist, readCustomVendors, writeChecklist, writeCustomVendors } from '../../../lib/settings/custom-data';
import { NOTHING_MANAGED, parseManaged, type ManagedRead } from '../../../lib/settings/managed';
import type { StorageAreaLike } from '../../../lib/settings/storage-area';
import { renderWithI18n } from '../render';

afterEach(cleanup);

function memoryArea(): StorageAreaLike {
  const data: Record<string, unknown> = {};
  return {
    get: async (keys) => {
      const list = keys === null ? Object.keys(data) : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    set: async (items) => void Object.assign(data, structuredClone(items)),
    remove: async (keys) => {
      for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
    },
  };
}

/** A CustomDataApi over the real lib read/write functions and an in-memory area. */
function fakeApi(managed: ManagedRead = NOTHING_MANAGED) {
  const area = memoryArea();
  const api: CustomDataApi = {
    loadCustomVendors: () => readCustomVendors(area),
    saveCustomVendors: vi.fn((vendors) => writeCustomVendors(area, vendors)),
    loadChecklist: () => readChecklist(area),
    saveChecklist: vi.fn((checklist) => writeChecklist(area, checklist)),
    loadManaged: async () => managed,
    watch: () => () => undefined,
  };
  return api;
}

const acme = { ...getVendor('generic')!, id: 'acme', name: 'Acme Telecom' };
const shortChecklist: Checklist = {
  id: 'short',
  name: { en: 'Short list', fr: 'Liste courte' },
  steps: [
    { id: 'sim-reseated', label: { en: 'SIM reseated', fr: 'SIM réinsérée' } },
    { id: 'apn-checked', label: { en: 'APN checked', fr: 'APN vérifié' } },
  ],
};
const file = (name: string, text: string) => new File([text], name, { type: 'application/json' });

function renderAll(api: CustomDataApi, locale: 'en' | 'fr' = 'en', download = vi.fn()) {
  const result = renderWithI18n(
    <main>
      <ManagedSection api={api} />
      <VendorsSection api={api} download={download} />
      <ChecklistSection api={api} download={download} />
    </main>,
    { locale },
  );
  return { ...result, download };
}

async function noAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('Options → vendor profiles and checklist', () => {
  it.each([
    ['en', 'Vendor profiles', 'Troubleshooting checklist', 'Built in', 'eSIM first-line troubleshooting'],
    ['fr', 'Profils fournisseurs', 'Liste de dépannage', 'Intégré', 'Dépannage eSIM de premier niveau'],
  ] as const)('lists built-in profiles and the default steps with no axe violations (%s)', async (locale, vendorsTitle, checklistTitle, builtIn, checklistName) => {
    const { container } = renderAll(fakeApi(), locale);
    const vendors = await screen.findByRole('region', { name: vendorsTitle });
    for (const v of builtInVendors) expect(within(vendors).getByRole('cell', { name: v.name })).toBeTruthy();
    expect(within(vendors).getAllByRole('cell', { name: builtIn })).toHaveLength(builtInVendors.length);
    const checklist = await screen.findByRole('region', { name: checklistTitle });
    expect(within(checklist).getByText(new RegExp(checklistName))).toBeTruthy();
    expect(within(checklist).getAllByRole('listitem')).toHaveLength(DEFAULT_ESIM_CHECKLIST.steps.length);
    // Nothing is managed: the administrator section is not shown.
    expect(screen.queryByRole('region', { name: locale === 'en' ? 'Set by your administrator' : 'Défini par votre administrateur' })).toBeNull();
    await noAxeViolations(container);
  });

  it('imports a vendor profile, lists it as the agent\'s own, exports and removes it', async () => {
    const api = fakeApi();
    const { download } = renderAll(api);
    await userEvent.upload(await screen.findByLabelText('Import a vendor profile (JSON)'), file('acme.json', JSON.stringify(acme)));
    await screen.findByText('Vendor profile "Acme Telecom" added.');
    const row = screen.getByRole('cell', { name: 'Acme Telecom' }).closest('tr')!;
    expect(within(row).getByRole('cell', { name: 'Added by you' })).toBeTruthy();

    await userEvent.click(within(row).getByRole('button', { name: 'Export Acme Telecom' }));
    expect(download).toHaveBeenCalledWith('vendor-acme.json', expect.any(String), 'application/json');
    expect(JSON.parse(download.mock.calls[0]![1] as string)).toMatchObject({ id: 'acme', name: 'Acme Telecom' });

    await userEvent.click(within(row).getByRole('button', { name: 'Remove Acme Telecom' }));
    await waitFor(() => expect(screen.queryByRole('cell', { name: 'Acme Telecom' })).toBeNull());
    expect((await api.loadCustomVendors()).vendors).toEqual([]);
  });

  it('a profile with a built-in id replaces the built-in one', async () => {
    renderAll(fakeApi());
    const mine = { ...getVendor('samsara')!, name: 'Samsara (our contract)' };
    await userEvent.upload(await screen.findByLabelText('Import a vendor profile (JSON)'), file('s.json', JSON.stringify(mine)));
    await screen.findByText('Vendor profile "Samsara (our contract)" replaced.');
    expect(screen.queryByRole('cell', { name: 'Samsara' })).toBeNull();
    expect(screen.getByRole('cell', { name: 'Added by you (replaces the built-in profile)' })).toBeTruthy();
  });

  it.each(['en', 'fr'] as const)('refuses a bad vendor profile, naming the path (%s)', async (locale) => {
    const api = fakeApi();
    renderAll(api, locale);
    const bad = { ...acme, fields: [{ ...acme.fields[0], kind: 'checkbox' }] };
    const label = locale === 'en' ? 'Import a vendor profile (JSON)' : 'Importer un profil fournisseur (JSON)';
    await userEvent.upload(await screen.findByLabelText(label), file('bad.json', JSON.stringify(bad)));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('fields[0].kind');
    expect(alert.textContent).toContain(locale === 'en' ? 'This vendor profile was not imported' : "Ce profil fournisseur n'a pas été importé");
    expect(api.saveCustomVendors).not.toHaveBeenCalled();
  });

  it('refuses a file that is not JSON', async () => {
    renderAll(fakeApi());
    await userEvent.upload(await screen.findByLabelText('Import a vendor profile (JSON)'), file('x.json', '{"id": '));
    expect((await screen.findByRole('alert')).textContent).toContain('(whole file): Not JSON');
  });

  it('imports a checklist, shows its steps, exports it and resets to the default', async () => {
    const api = fakeApi();
    const { download } = renderAll(api);
    const region = await screen.findByRole('region', { name: 'Troubleshooting checklist' });
    const reset = within(region).getByRole('button', { name: 'Reset to the default' });
    expect((reset as HTMLButtonElement).disabled).toBe(true);
    await userEvent.upload(within(region).getByLabelText('Import a checklist (JSON)'), file('c.json', JSON.stringify(shortChecklist)));
    await within(region).findByText('Checklist "Short list" imported (2 steps).');
    expect(within(region).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['SIM reseated', 'APN checked']);

    await userEvent.click(within(region).getByRole('button', { name: 'Export JSON' }));
    expect(download).toHaveBeenCalledWith('checklist-short.json', expect.any(String), 'application/json');

    await userEvent.click(reset);
    await within(region).findByText('The default checklist is back.');
    expect(within(region).getAllByRole('listitem')).toHaveLength(DEFAULT_ESIM_CHECKLIST.steps.length);
    expect(api.saveChecklist).toHaveBeenLastCalledWith(null);
  });

  it.each(['en', 'fr'] as const)('refuses a bad checklist, naming the path (%s)', async (locale) => {
    const api = fakeApi();
    renderAll(api, locale);
    const bad = { ...shortChecklist, steps: [{ id: 'a', label: { en: 'Only English' } }] };
    const label = locale === 'en' ? 'Import a checklist (JSON)' : 'Importer une liste (JSON)';
    await userEvent.upload(await screen.findByLabelText(label), file('c.json', JSON.stringify(bad)));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('steps[0].label.fr');
    expect(api.saveChecklist).not.toHaveBeenCalled();
  });

  it('shows what the administrator sets, read-only, and the invalid parts of the policy', async () => {
    const managed = parseManaged({
      vendors: [acme],
      checklist: shortChecklist,
      loopbackEnabled: false,
      defaultVendorId: 'acme',
      catalog: { name: 'Broken' },
    });
    const { container } = renderAll(fakeApi(managed));
    const admin = await screen.findByRole('region', { name: 'Set by your administrator' });
    expect(within(admin).getByText('Vendor profiles: Acme Telecom')).toBeTruthy();
    expect(within(admin).getByText('Troubleshooting checklist: Short list')).toBeTruthy();
    expect(within(admin).getByText('Default vendor: Acme Telecom')).toBeTruthy();
    expect(within(admin).getByText('Loopback portal: off')).toBeTruthy();
    expect(within(admin).getByText(/catalog\.version/)).toBeTruthy();

    const vendors = screen.getByRole('region', { name: 'Vendor profiles' });
    const row = within(vendors).getByRole('cell', { name: 'Acme Telecom' }).closest('tr')!;
    expect(within(row).getByRole('cell', { name: 'Set by your administrator' })).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Remove Acme Telecom' })).toBeNull();

    const checklist = screen.getByRole('region', { name: 'Troubleshooting checklist' });
    expect(within(checklist).getByText(/Set by your administrator: it cannot be changed here/)).toBeTruthy();
    expect(within(checklist).queryByLabelText('Import a checklist (JSON)')).toBeNull();
    expect(within(checklist).getAllByRole('listitem')).toHaveLength(2);
    await noAxeViolations(container);
  });

  it('refuses to import a profile whose id the administrator sets', async () => {
    const api = fakeApi(parseManaged({ vendors: [acme] }));
    renderAll(api);
    await userEvent.upload(await screen.findByLabelText('Import a vendor profile (JSON)'), file('a.json', JSON.stringify({ ...acme, name: 'Mine' })));
    expect((await screen.findByRole('alert')).textContent).toContain('Your administrator sets the profile "acme"');
    expect(api.saveCustomVendors).not.toHaveBeenCalled();
  });
});
