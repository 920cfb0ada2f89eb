/**
 * Managed storage (IT admin policy): each part validated on its own with the import schemas, a bad
 * part dropped and reported without hiding the good ones; no policy (Chrome `{}`, Firefox rejecting,
 * no `storage.managed` at all) is "nothing managed"; policy wins over local choices.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_CATALOG } from '../../../lib/catalog';
import { DEFAULT_ESIM_CHECKLIST } from '../../../lib/escalation/checklist';
import { getVendor } from '../../../lib/escalation/vendors';
import { builtInPortalProfiles } from '../../../lib/portal/profiles';
import type { PortalProfile } from '../../../lib/portal/profile-schema';
import {
  applyManagedSettings,
  effectivePortals,
  managedKeys,
  managedSettingsPatch,
  MANAGED_KEYS,
  NOTHING_MANAGED,
  parseManaged,
  readManaged,
} from '../../../lib/settings/managed';
import { buildManagedSchema, toChromeSchema } from '../../../lib/settings/managed-schema';
import { SettingsSchema } from '../../../lib/settings/settings';

const nimbus: PortalProfile = { id: 'nimbus', name: 'Nimbus', version: 1, urlPatterns: ['https://nimbus.example/*'] };
const acme = { ...getVendor('generic')!, id: 'acme', name: 'Acme Telecom' };
const area = (value: Record<string, unknown>) => ({ get: async () => value });

describe('readManaged', () => {
  it('reads a full valid policy', async () => {
    const read = await readManaged(
      area({
        portals: [nimbus],
        catalog: EXAMPLE_CATALOG,
        vendors: [acme],
        checklist: DEFAULT_ESIM_CHECKLIST,
        defaultVendorId: 'acme',
        loopbackEnabled: false,
      }),
    );
    expect(read.problems).toEqual([]);
    expect(read.data.portals).toEqual([nimbus]);
    expect(read.data.catalog?.plans.length).toBe(EXAMPLE_CATALOG.plans.length);
    expect(read.data.vendors?.map((v) => v.id)).toEqual(['acme']);
    expect(read.data.checklist).toEqual(DEFAULT_ESIM_CHECKLIST);
    expect(read.data.defaultVendorId).toBe('acme');
    expect(read.data.loopbackEnabled).toBe(false);
    expect(managedKeys(read.data)).toEqual([...MANAGED_KEYS]);
  });

  it.each([
    ['an empty policy (Chrome without policy)', area({})],
    ['a rejecting area (Firefox without a managed manifest)', { get: () => Promise.reject(new Error('Managed storage manifest not found')) }],
    ['a throwing area', { get: () => { throw new Error('nope'); } }],
    ['no area at all', undefined],
    ['a non-object answer', { get: async () => 'x' as unknown as Record<string, unknown> }],
  ])('%s is nothing managed', async (_name, a) => {
    const read = await readManaged(a);
    expect(read.data).toEqual({});
    expect(read.problems).toEqual([]);
  });

  it('keeps the valid parts of a partly damaged policy and names the bad ones', async () => {
    const read = await readManaged(
      area({
        portals: [nimbus, { ...nimbus, id: 'bad', urlPatterns: ['<all_urls>'] }, nimbus],
        catalog: { name: 'X', version: '1', plans: [{ id: 'a', name: 'A', region: 'Asia', countries: ['JP'], imsiProfile: 'ten' }] },
        vendors: [acme, { ...acme, id: 'broken', priority: 'high' }],
        checklist: { id: 'c', name: { en: 'C', fr: 'C' }, steps: [] },
        defaultVendorId: 'nobody',
        loopbackEnabled: 'yes',
      }),
    );
    expect(read.data.portals?.map((p) => p.id)).toEqual(['nimbus']);
    expect(read.data.catalog).toBeUndefined();
    expect(read.data.vendors?.map((v) => v.id)).toEqual(['acme']);
    expect(read.data.checklist).toBeUndefined();
    expect(read.data.defaultVendorId).toBeUndefined();
    expect(read.data.loopbackEnabled).toBeUndefined();
    const paths = read.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'portals[1].urlPatterns[0]',
        'portals[2].id',
        'catalog.plans[0].imsiProfile',
        'vendors[1].priority',
        'checklist.steps',
        'defaultVendorId',
        'loopbackEnabled',
      ]),
    );
    expect(read.problems.find((p) => p.path === 'portals[2].id')?.code).toBe('duplicate-id');
    expect(read.problems.find((p) => p.path === 'defaultVendorId')?.code).toBe('unknown-vendor');
  });

  it('reports a list part that is not a list', () => {
    const read = parseManaged({ portals: 'nimbus', vendors: {} });
    expect(read.data).toEqual({});
    expect(read.problems.map((p) => [p.code, p.path])).toEqual([
      ['not-array', 'portals'],
      ['not-array', 'vendors'],
    ]);
  });

  it('a default vendor may be a built-in one', () => {
    expect(parseManaged({ defaultVendorId: 'samsara' }).data).toEqual({ defaultVendorId: 'samsara' });
  });

  it('never marks a managed portal as built in', () => {
    expect(parseManaged({ portals: [{ ...nimbus, builtIn: true }] }).data.portals).toEqual([nimbus]);
  });

  it('NOTHING_MANAGED is empty', () => {
    expect(managedKeys(NOTHING_MANAGED.data)).toEqual([]);
  });
});

describe('policy wins', () => {
  const local = SettingsSchema.parse({ loopbackEnabled: true, defaultVendorId: 'wildix' });

  it('managed settings replace local ones; unset ones stay the agent\'s', () => {
    expect(applyManagedSettings(local, { loopbackEnabled: false })).toEqual({ ...local, loopbackEnabled: false });
    expect(applyManagedSettings(local, {})).toEqual(local);
    expect(managedSettingsPatch(local, { loopbackEnabled: true, defaultVendorId: 'samsara' })).toEqual({ defaultVendorId: 'samsara' });
  });

  it('a managed portal replaces the agent\'s portal with the same id', () => {
    const mine = { ...nimbus, name: 'My Nimbus' };
    const other = { ...nimbus, id: 'other' };
    expect(effectivePortals([mine, other], [nimbus]).map((p) => p.name)).toEqual(['Nimbus', 'Nimbus']);
    expect(effectivePortals([mine, other], [nimbus]).map((p) => p.id)).toEqual(['nimbus', 'other']);
  });
});

describe('public/managed-schema.json', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const file = path.join(root, 'public/managed-schema.json');
  // `UPDATE_MANAGED_SCHEMA=1 npx vitest run … tests/unit/settings` rewrites the file after a schema change.
  if (process.env.UPDATE_MANAGED_SCHEMA === '1') writeFileSync(file, `${JSON.stringify(buildManagedSchema(), null, 2)}\n`);

  it('is generated from the zod schemas (no drift)', () => {
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(buildManagedSchema());
  });

  it('uses only keywords Chrome accepts, and a type on every schema', () => {
    const allowed = new Set(['type', 'properties', 'additionalProperties', 'items', 'enum', 'title', 'description']);
    const check = (node: Record<string, unknown>, where: string) => {
      for (const key of Object.keys(node)) expect(allowed.has(key), `${where}: ${key}`).toBe(true);
      expect(typeof node.type, where).toBe('string');
      if (node.items) check(node.items as Record<string, unknown>, `${where}[]`);
      if (node.additionalProperties) check(node.additionalProperties as Record<string, unknown>, `${where}.*`);
      for (const [k, v] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) check(v, `${where}.${k}`);
    };
    check(buildManagedSchema(), '(root)');
  });

  it.each([
    ['X | null becomes X', { anyOf: [{ type: 'number', minimum: 0 }, { type: 'null' }] }, { type: 'number' }],
    ['a union of objects merges their properties', { oneOf: [{ type: 'object', properties: { kind: { const: 'a' }, n: { type: 'integer' } } }, { type: 'object', properties: { kind: { const: 'b' } } }] }, { type: 'object', properties: { kind: { type: 'string', enum: ['a', 'b'] }, n: { type: 'integer' } } }],
    ['strict objects lose additionalProperties: false', { type: 'object', properties: {}, additionalProperties: false, required: [] }, { type: 'object', properties: {} }],
    ['other unions keep the first member', { anyOf: [{ type: 'string', maxLength: 3 }, { type: 'array', items: { type: 'string' } }] }, { type: 'string' }],
  ])('%s', (_name, input, expected) => {
    expect(toChromeSchema(input)).toEqual(expected);
  });

  const schema = JSON.parse(readFileSync(file, 'utf8')) as {
    type: string;
    properties: Record<string, { type: string; items?: { type: string } }>;
  };

  it('declares exactly the keys readManaged reads, with their types', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual([...MANAGED_KEYS].sort());
    expect(schema.properties.portals?.type).toBe('array');
    expect(schema.properties.vendors?.type).toBe('array');
    expect(schema.properties.catalog?.type).toBe('object');
    expect(schema.properties.checklist?.type).toBe('object');
    expect(schema.properties.defaultVendorId?.type).toBe('string');
    expect(schema.properties.loopbackEnabled?.type).toBe('boolean');
  });

  it('a built-in portal profile is valid managed data', () => {
    expect(parseManaged({ portals: builtInPortalProfiles }).problems).toEqual([]);
  });
});
