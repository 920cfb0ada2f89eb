/**
 * The effective configuration (lib/settings/effective.ts): shipped defaults ← the agent's values ←
 * the administrator's policy, with what is managed; the agent's own values are never overwritten.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CATALOG } from '../../../lib/catalog';
import { DEFAULT_ESIM_CHECKLIST } from '../../../lib/escalation/checklist';
import { builtInVendors, getVendor } from '../../../lib/escalation/vendors';
import { effectiveConfig, loadEffectiveConfig } from '../../../lib/settings/effective';
import { readSettings } from '../../../lib/settings/settings';
import { fakeArea } from './fake-area';

const acme = { ...getVendor('generic')!, id: 'acme', name: 'Acme Telecom' };

describe('effectiveConfig', () => {
  it('is the shipped defaults when nothing is stored or managed', () => {
    const config = effectiveConfig({}, {});
    expect(config.settings).toEqual({ loopbackEnabled: true, defaultVendorId: 'esim-go', retentionDays: 30 });
    expect(config.vendors.map((v) => v.id)).toEqual(builtInVendors.map((v) => v.id));
    expect(config.checklist).toBe(DEFAULT_ESIM_CHECKLIST);
    expect(config.checklistSource).toBe('default');
    expect(config.catalog).toBe(EXAMPLE_CATALOG);
    expect(config.managed).toEqual({ parts: [], settings: [] });
  });

  it('uses the agent’s values, and the policy’s where it sets one, saying which', () => {
    const user = {
      settings: { loopbackEnabled: true, defaultVendorId: 'acme', retentionDays: 10 },
      vendors: [acme],
    };
    const config = effectiveConfig(user, { defaultVendorId: 'samsara', checklist: DEFAULT_ESIM_CHECKLIST });
    expect(config.settings).toEqual({ loopbackEnabled: true, defaultVendorId: 'samsara', retentionDays: 10 });
    expect(config.managed).toEqual({
      parts: ['checklist', 'defaultVendorId'],
      settings: ['defaultVendorId'],
    });
    expect(config.checklistSource).toBe('managed');
    expect(config.vendorOverrides.map((v) => v.id)).toEqual(['acme']);
    expect(user.settings.defaultVendorId).toBe('acme');
  });
});

describe('loadEffectiveConfig', () => {
  it('reads the policy over storage.local and leaves the agent’s stored settings alone', async () => {
    const local = fakeArea({
      settings: { loopbackEnabled: true, defaultVendorId: 'wildix', retentionDays: 30 },
    });
    const managed = { get: async () => ({ loopbackEnabled: false }) };
    const { config, problems } = await loadEffectiveConfig({ local, managed }, ['settings']);
    expect(problems).toEqual([]);
    expect(config.settings).toMatchObject({ loopbackEnabled: false, defaultVendorId: 'wildix' });
    expect(config.managed.settings).toEqual(['loopbackEnabled']);
    expect((await readSettings(local)).loopbackEnabled).toBe(true);
  });

  it('reports a stored value that does not read and a bad policy part', async () => {
    const local = fakeArea({ settings: { retentionDays: -1 } });
    const managed = { get: async () => ({ loopbackEnabled: 'no' }) };
    const { config, problems } = await loadEffectiveConfig({ local, managed }, ['settings']);
    expect(config.settings.retentionDays).toBe(30);
    expect(problems.map((p) => p.path).sort()).toEqual(['loopbackEnabled', 'settings.retentionDays']);
    expect(local.data['settings:unreadable']).toBeDefined();
  });
});
