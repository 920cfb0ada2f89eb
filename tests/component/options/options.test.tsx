// @vitest-environment jsdom
/**
 * The Options page sections (issues 2 and 6): accessible in English and French, and every bad import
 * is refused whole with an error that points at the faulty path or line.
 */
import { describe, it, expect, afterEach, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { OptionsApp } from '../../../components/options/options-app';
import type { OptionsApi } from '../../../components/options/options-api';
import { EXAMPLE_CATALOG, type Catalog } from '../../../lib/catalog';
import { builtInVendors } from '../../../lib/escalation';
import type { PortalProfile } from '../../../lib/portal/profile-schema';
import { builtInPortalProfiles } from '../../../lib/portal/profiles';
import { SettingsSchema, type Settings } from '../../../lib/settings/settings';
import { renderWithI18n } from '../render';

afterEach(cleanup);

function fakeApi(overrides: Partial<OptionsApi> = {}) {
  let settings: Settings = SettingsSchema.parse({});
  let portals: PortalProfile[] = [];
  let catalog: Catalog = EXAMPLE_CATALOG;
  const api: OptionsApi = {
    loadSettings: async () => settings,
    saveSettings: vi.fn(async (patch: Partial<Settings>) => (settings = { ...settings, ...patch })),
    listUserPortals: async () => portals,
    saveUserPortals: vi.fn(async (next: PortalProfile[]) => void (portals = next)),
    requestOrigins: vi.fn(async () => true),
    testProfile: vi.fn(async () => ({ ok: false as const, code: 'no-tab' as const })),
    loadCatalog: async () => catalog,
    saveCatalog: vi.fn(async (next: Catalog) => void (catalog = next)),
    exportBackup: async () => ({ ok: true as const, json: '{}', drafts: 0 }),
    importBackup: vi.fn(async () => ({ ok: false as const, errors: [{ path: 'drafts[0].iccid', message: 'Invalid ICCID' }] })),
    download: vi.fn(),
    ...overrides,
  };
  return api;
}

function renderOptions(api: OptionsApi, locale: 'en' | 'fr' = 'en') {
  return renderWithI18n(<OptionsApp api={api} builtInPortals={builtInPortalProfiles} vendors={builtInVendors} />, { locale });
}

const file = (name: string, text: string, type = 'application/json') => new File([text], name, { type });

async function noAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('Options page', () => {
  it.each(['en', 'fr'] as const)('renders every section with no axe violations (%s)', async (locale) => {
    const { container } = renderOptions(fakeApi(), locale);
    const titles = locale === 'en' ? ['Portals', 'Plan catalog', 'Escalation and data'] : ['Portails', 'Catalogue de forfaits', 'Escalade et données'];
    for (const name of titles) expect(await screen.findByRole('region', { name })).toBeTruthy();
    // Example data is labelled as such; the built-in demo portal is listed.
    expect(await screen.findByText(locale === 'en' ? /Example data/ : /Données d'exemple/)).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'Demo admin portal (AP)' })).toBeTruthy();
    await screen.findByLabelText(locale === 'en' ? 'Keep drafts (days)' : 'Conserver les brouillons (jours)');
    await noAxeViolations(container);
  });

  it.each(['en', 'fr'] as const)('links to the privacy statement shipped in the package (%s)', async (locale) => {
    renderOptions(fakeApi(), locale);
    const link = await screen.findByRole('link', { name: locale === 'en' ? /^Privacy: what the extension reads/ : /^Confidentialité\u00a0: ce que l'extension lit/ });
    expect(link.getAttribute('href')).toBe('/privacy.txt');
  });

  it('refuses a catalog with a bad plan, naming the path, and keeps the active one', async () => {
    const api = fakeApi();
    renderOptions(api);
    const bad = { name: 'Reseller', version: '1', plans: [{ id: 'asia-1', name: 'Asia 1', region: 'Asia', countries: ['JP'], imsiProfile: 'ten', dataAllowanceMb: null }] };
    await userEvent.upload(await screen.findByLabelText('Import a catalog (JSON or CSV)'), file('catalog.json', JSON.stringify(bad)));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('plans[0].imsiProfile');
    expect(api.saveCatalog).not.toHaveBeenCalled();
  });

  it('refuses a CSV catalog row by row, naming the file line', async () => {
    const api = fakeApi();
    renderOptions(api);
    const csv = 'id,name,aliases,region,countries,imsiProfile,dataAllowanceMb,validityDays,unlimited\nasia-1,Asia 1,,Asia,JP,10,3072,30,false\nbad,Bad,,Asia,JP,x,3072,30,false\n';
    await userEvent.upload(await screen.findByLabelText('Import a catalog (JSON or CSV)'), file('cat.csv', csv, 'text/csv'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Line 3, column imsiProfile/);
    expect(api.saveCatalog).not.toHaveBeenCalled();
  });

  it('imports a valid catalog and can reset to the example', async () => {
    const api = fakeApi();
    renderOptions(api);
    const good = { name: 'Reseller', version: '2', plans: [{ id: 'asia-1', name: 'Asia 1', region: 'Asia', countries: ['JP'], imsiProfile: 10, dataAllowanceMb: null }] };
    await userEvent.upload(await screen.findByLabelText('Import a catalog (JSON or CSV)'), file('catalog.json', JSON.stringify(good)));
    expect(await screen.findByText('Active catalog: Reseller (version 2), 1 plans.')).toBeTruthy();
    expect(screen.queryByText(/Example data/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Reset to the example catalog' }));
    expect(await screen.findByText(/Example data/)).toBeTruthy();
    expect(api.saveCatalog).toHaveBeenLastCalledWith(EXAMPLE_CATALOG);
  });

  it('refuses a too-broad URL pattern without asking for access', async () => {
    const api = fakeApi();
    renderOptions(api);
    await userEvent.type(await screen.findByLabelText('URL pattern'), '<all_urls>');
    await userEvent.click(screen.getByRole('button', { name: 'Add portal' }));
    expect((await screen.findByRole('alert')).textContent).toContain('too broad');
    await userEvent.clear(screen.getByLabelText('URL pattern'));
    await userEvent.type(screen.getByLabelText('URL pattern'), 'https://*.com/*');
    await userEvent.click(screen.getByRole('button', { name: 'Add portal' }));
    expect((await screen.findByRole('alert')).textContent).toContain('too broad');
    expect(api.requestOrigins).not.toHaveBeenCalled();
    expect(api.saveUserPortals).not.toHaveBeenCalled();
  });

  it('adds a portal by pattern after the browser grants access', async () => {
    const api = fakeApi();
    renderOptions(api);
    await userEvent.type(await screen.findByLabelText('Name'), 'Nimbus');
    await userEvent.type(screen.getByLabelText('URL pattern'), 'https://console.nimbus.example/*');
    await userEvent.click(screen.getByRole('button', { name: 'Add portal' }));
    await waitFor(() => expect(api.saveUserPortals).toHaveBeenCalled());
    expect(api.requestOrigins).toHaveBeenCalledWith(['https://console.nimbus.example/*']);
    expect(await screen.findByRole('cell', { name: 'Nimbus' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove Nimbus' })).toBeTruthy();
  });

  it('does not add a portal when access is refused', async () => {
    const api = fakeApi({ requestOrigins: vi.fn(async () => false) });
    renderOptions(api);
    await userEvent.type(await screen.findByLabelText('URL pattern'), 'https://console.nimbus.example/*');
    await userEvent.click(screen.getByRole('button', { name: 'Add portal' }));
    expect((await screen.findByRole('alert')).textContent).toContain('not allowed');
    expect(api.saveUserPortals).not.toHaveBeenCalled();
  });

  it('refuses an imported portal profile with the faulty path, in French too', async () => {
    const api = fakeApi();
    renderOptions(api, 'fr');
    const profile = { id: 'nimbus', name: 'Nimbus', version: 1, urlPatterns: ['<all_urls>'] };
    await userEvent.upload(await screen.findByLabelText('Importer un profil de portail (JSON)'), file('p.json', JSON.stringify(profile)));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Le portail n'a pas pu être ajouté");
    expect(alert.textContent).toContain('urlPatterns[0]');
    await userEvent.upload(screen.getByLabelText('Importer un profil de portail (JSON)'), file('p.json', '{ nope'));
    expect((await screen.findByRole('alert')).textContent).toContain("n'est pas du JSON valide");
    expect(api.requestOrigins).not.toHaveBeenCalled();
  });

  it('imports a valid portal profile, then asks for its hosts from the click', async () => {
    const api = fakeApi();
    renderOptions(api);
    const profile = { id: 'nimbus', name: 'Nimbus Console', version: 1, builtIn: true, urlPatterns: ['http://127.0.0.1/portal-b/*'] };
    await userEvent.upload(await screen.findByLabelText('Import a portal profile (JSON)'), file('p.json', JSON.stringify(profile)));
    await userEvent.click(await screen.findByRole('button', { name: 'Add imported portal' }));
    await waitFor(() => expect(api.saveUserPortals).toHaveBeenCalled());
    expect(api.requestOrigins).toHaveBeenCalledWith(['http://127.0.0.1/portal-b/*']);
    // A file cannot make itself built in.
    expect(vi.mocked(api.saveUserPortals).mock.calls[0]![0]).toEqual([
      { id: 'nimbus', name: 'Nimbus Console', version: 1, urlPatterns: ['http://127.0.0.1/portal-b/*'] },
    ]);
  });

  it('turns loopback off and shows a failed restore whole, with paths', async () => {
    const api = fakeApi();
    renderOptions(api);
    await userEvent.click(await screen.findByRole('checkbox', { name: /loopback/ }));
    expect(api.saveSettings).toHaveBeenCalledWith({ loopbackEnabled: false });
    await userEvent.upload(await screen.findByLabelText('Restore from a file'), file('backup.json', '{}'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Nothing was restored');
    expect(alert.textContent).toContain('drafts[0].iccid: Invalid ICCID');
  });

  it('shows the settings the administrator sets read-only (policy wins)', async () => {
    const api = fakeApi({
      loadSettings: async () => ({ ...SettingsSchema.parse({}), defaultVendorId: 'samsara', loopbackEnabled: false }),
      managedSettings: async () => ['defaultVendorId', 'loopbackEnabled'],
    });
    renderOptions(api);
    const vendor = await screen.findByLabelText('Default vendor');
    await waitFor(() => expect((vendor as HTMLSelectElement).disabled).toBe(true));
    expect((vendor as HTMLSelectElement).value).toBe('samsara');
    const loopback = await screen.findByRole('checkbox', { name: /loopback/ });
    await waitFor(() => expect((loopback as HTMLInputElement).disabled).toBe(true));
    expect((loopback as HTMLInputElement).checked).toBe(false);
    expect(screen.getAllByText(/Set by your administrator/).length).toBeGreaterThanOrEqual(2);
  });

  it('validates the retention days', async () => {
    const api = fakeApi();
    renderOptions(api);
    const input = await screen.findByLabelText('Keep drafts (days)');
    expect((input as HTMLInputElement).value).toBe('30');
    await userEvent.clear(input);
    await userEvent.type(input, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('from 1 to 3650');
    await userEvent.clear(input);
    await userEvent.type(input, '45');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.saveSettings).toHaveBeenCalledWith({ retentionDays: 45 }));
  });
});
