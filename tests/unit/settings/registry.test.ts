/**
 * The storage registry (lib/settings/registry.ts): storage.local versioned like the Dexie database.
 * One frozen fixture per version of each item (./fixtures/<key>/v<n>.json) and one upgrade test per
 * step, generated from STORED_ITEMS; the migration engine on a test item; and the rule that a value
 * which no longer reads is reported and kept, never silently replaced.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { STORAGE_KEYS, unreadableKey, versionKey } from '../../../lib/settings/keys';
import {
  defineItem,
  defineListItem,
  discardUnreadable,
  listUnreadable,
  migrateStoredItems,
  readItem,
  readList,
  readValue,
  STORED_ITEMS,
  upgradeValue,
  type StorageProblem,
  type StoredItem,
} from '../../../lib/settings/registry';
import { readSettings, readSettingsWithProblem, writeSettings } from '../../../lib/settings/settings';
import { z } from 'zod';
import { fakeArea } from './fake-area';

const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

interface Fixture {
  key: string;
  version: number;
  value: unknown;
}
const loadFixture = (key: string, version: number): Fixture =>
  JSON.parse(readFileSync(`${fixturesDir}${key}/v${version}.json`, 'utf8')) as Fixture;

describe('the registry', () => {
  it('declares every key of keys.ts exactly once, in its area', () => {
    expect(STORED_ITEMS.map((i) => i.key)).toEqual(Object.keys(STORAGE_KEYS));
    for (const item of STORED_ITEMS) expect(item.area).toBe(STORAGE_KEYS[item.key]);
  });

  it.each(STORED_ITEMS.map((i) => [i.key, i] as const))(
    '%s: has a frozen fixture for each version 1..n, and none for a version it does not have',
    (key, item) => {
      const versions = readdirSync(`${fixturesDir}${key}`)
        .filter((f) => /^v\d+\.json$/.test(f))
        .map((f) => Number(f.slice(1, -5)))
        .sort((a, b) => a - b);
      expect(versions).toEqual(Array.from({ length: item.version }, (_, i) => i + 1));
    },
  );

  it('keeps keys.ts free of imports (the content script imports it and must not bundle zod)', () => {
    const source = readFileSync(
      fileURLToPath(new URL('../../../lib/settings/keys.ts', import.meta.url)),
      'utf8',
    );
    expect(source).not.toMatch(/^\s*import\s/m);
  });

  it('refuses a declaration with a migration outside 2..version', () => {
    expect(() =>
      defineItem({
        key: 'settings',
        area: 'local',
        version: 2,
        schema: z.object({}),
        migrations: { 3: (v) => v },
      }),
    ).toThrow();
    expect(() => defineItem({ key: 'settings', area: 'local', version: 0, schema: z.object({}) })).toThrow();
  });
});

// One test per (item, stored version): the value that version stored reads as today's value, and
// the stored copy is left at today's version.
const steps = STORED_ITEMS.flatMap((item) =>
  Array.from({ length: item.version }, (_, i) => [item.key, i + 1, item] as const),
);
describe.each(steps)('%s stored by version %i', (key, version, item: StoredItem<unknown>) => {
  it('upgrades to today’s version with nothing set aside', async () => {
    const fixture = loadFixture(key, version);
    expect(fixture.key).toBe(key);
    expect(fixture.version).toBe(version);
    const upgraded = upgradeValue(item, fixture.value, version);
    expect(upgraded.ok && upgraded.rejected).toEqual([]);

    // Version 1 wrote no version key; later versions write `key$`.
    const area = fakeArea({
      [key]: fixture.value,
      ...(version > 1 ? { [versionKey(key)]: { v: version } } : {}),
    });
    const log = vi.fn();
    const read = await readItem(area, item, log);
    expect(read.problem).toBeNull();
    expect(log).not.toHaveBeenCalled();
    expect(read.value).toEqual(upgraded.ok ? upgraded.value : 'not upgraded');
    if (item.list) expect((read.value as unknown[]).length).toBe((fixture.value as unknown[]).length);
    expect(unreadableKey(key) in area.data).toBe(false);
    if (version < item.version) {
      expect(read.migratedFrom).toBe(version);
      expect(area.data[versionKey(key)]).toEqual({ v: item.version });
    }
  });
});

describe('migrations, step by step', () => {
  // A test item with three versions: v1 stored `{ days }`, v2 renamed it to `retention`, v3 made it
  // an object with a unit.
  const item = defineItem({
    key: 'settings',
    area: 'local',
    version: 3,
    schema: z.object({ retention: z.object({ value: z.number().int().min(1), unit: z.literal('days') }) }),
    migrations: {
      2: (v) => ({ retention: (v as { days: number }).days }),
      3: (v) => {
        const retention = (v as { retention: unknown }).retention;
        if (typeof retention !== 'number') throw new Error('retention is not a number');
        return { retention: { value: retention, unit: 'days' } };
      },
    },
  });

  it('runs every step from the stored version and stores the result with today’s version', async () => {
    const area = fakeArea({ settings: { days: 30 } });
    const read = await readValue(area, item);
    expect(read).toEqual({
      value: { retention: { value: 30, unit: 'days' } },
      problem: null,
      migratedFrom: 1,
    });
    expect(area.data).toEqual({ settings: { retention: { value: 30, unit: 'days' } }, settings$: { v: 3 } });
    // A second read finds today's version and migrates nothing.
    expect((await readValue(area, item)).migratedFrom).toBeUndefined();
  });

  it('runs only the later steps for a value stored by version 2', async () => {
    const area = fakeArea({ settings: { retention: 7 }, settings$: { v: 2 } });
    expect((await readValue(area, item)).value).toEqual({ retention: { value: 7, unit: 'days' } });
  });

  it('keeps aside a value whose migration throws, with the step that failed', async () => {
    const area = fakeArea({ settings: { retention: 'a week' }, settings$: { v: 2 } });
    const log = vi.fn();
    const read = await readValue(area, item, log);
    expect(read.value).toBeUndefined();
    expect(read.problem).toMatchObject({ key: 'settings', code: 'migration-failed', storedVersion: 2 });
    expect(area.data['settings:unreadable']).toEqual([
      expect.objectContaining({ version: 2, code: 'migration-failed', value: { retention: 'a week' } }),
    ]);
    expect('settings' in area.data).toBe(false);
    expect(log).toHaveBeenCalledOnce();
  });

  it('keeps aside a value stored by a newer version instead of reading it as today’s', async () => {
    const area = fakeArea({ settings: { retention: { value: 3, unit: 'weeks' } }, settings$: { v: 4 } });
    const read = await readValue(area, item);
    expect(read.problem?.code).toBe('newer-version');
    expect(area.data['settings:unreadable']).toEqual([
      expect.objectContaining({ version: 4, value: { retention: { value: 3, unit: 'weeks' } } }),
    ]);
  });
});

describe('a stored value that no longer parses', () => {
  const damaged = { loopbackEnabled: 'yes', defaultVendorId: 'wildix', retentionDays: 0 };

  it('is reported, and kept: a later settings write does not destroy it', async () => {
    const area = fakeArea({ settings: damaged });
    await writeSettings(area, { defaultVendorId: 'samsara' });
    // The agent's damaged value is still in storage, whole (before the registry it was overwritten).
    expect(Object.values(area.data)).toContainEqual(
      expect.arrayContaining([expect.objectContaining({ value: damaged })]),
    );
    expect(await readSettings(area)).toEqual({
      loopbackEnabled: true,
      defaultVendorId: 'samsara',
      retentionDays: 30,
    });
  });

  it('comes back as a typed problem with its paths, logged without the stored values', async () => {
    const area = fakeArea({ settings: { ...damaged, defaultVendorId: 'Jane Doe 8944500312345678901' } });
    const logged: StorageProblem[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const { settings, problem } = await readSettingsWithProblem(area, (p) => logged.push(p));
      expect(settings).toEqual({ loopbackEnabled: true, defaultVendorId: 'esim-go', retentionDays: 30 });
      expect(problem).toMatchObject({ key: 'settings', code: 'schema', storedVersion: 1 });
      expect(problem?.problems.map((p) => p.path).sort()).toEqual([
        'settings.loopbackEnabled',
        'settings.retentionDays',
      ]);
      expect(logged).toEqual([problem]);

      // The default logger names the key and the paths, never a value.
      await readSettingsWithProblem(
        fakeArea({ settings: { ...damaged, defaultVendorId: 'Jane Doe 8944500312345678901' } }),
      );
      const line = warn.mock.calls.map((c) => c.join(' ')).join('\n');
      expect(line).toContain('settings');
      expect(line).toContain('settings.retentionDays');
      expect(line).not.toContain('Jane');
      expect(line).not.toContain('89445');
    } finally {
      warn.mockRestore();
    }
  });

  it('a list keeps its readable entries and sets aside only the others, appending to what was set aside before', async () => {
    const item = defineListItem({
      key: 'userPortals',
      area: 'local',
      version: 1,
      schema: z.object({ id: z.string() }),
      maxEntries: 2,
    });
    const area = fakeArea({ userPortals: [{ id: 'a' }, { id: 7 }, { id: 'b' }, { id: 'c' }] });
    const log = vi.fn();
    const read = await readList(area, item, log);
    expect(read.value).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(read.problem?.problems.map((p) => p.path)).toEqual(['userPortals[1].id', 'userPortals[3]']);
    expect(area.data.userPortals).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(area.data['userPortals:unreadable']).toEqual([
      expect.objectContaining({ value: [{ id: 7 }, { id: 'c' }] }),
    ]);

    await area.set({ userPortals: 'not a list' });
    expect((await readList(area, item, log)).problem?.code).toBe('not-array');
    expect(area.data['userPortals:unreadable']).toHaveLength(2);
    expect((area.data['userPortals:unreadable'] as { value: unknown }[])[1]!.value).toBe('not a list');
  });

  it('is listed for Options (without the values) until the agent discards it', async () => {
    const area = fakeArea({ settings: damaged, checklist: { id: 'x' } });
    await migrateStoredItems(area, () => undefined);
    const listed = await listUnreadable(area);
    expect(listed.map((e) => e.key)).toEqual(['settings', 'checklist']);
    expect(listed[0]!.records).toEqual([expect.objectContaining({ version: 1, code: 'schema' })]);
    expect(JSON.stringify(listed)).not.toContain('"yes"');
    await discardUnreadable(area, 'settings');
    expect((await listUnreadable(area)).map((e) => e.key)).toEqual(['checklist']);
  });
});
