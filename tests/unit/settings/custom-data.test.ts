/**
 * Custom vendor profiles and checklist in storage.local (DESIGN §3: behaviour is data): validated on
 * read (a damaged entry is dropped and reported, never thrown) and on write (all or nothing); a custom
 * profile replaces the built-in one with the same id.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_ESIM_CHECKLIST, type Checklist } from '../../../lib/escalation/checklist';
import { builtInVendors, getVendor } from '../../../lib/escalation/vendors';
import type { VendorProfile } from '../../../lib/escalation/vendor-profile';
import {
  CHECKLIST_KEY,
  CUSTOM_VENDORS_KEY,
  effectiveChecklist,
  effectiveVendors,
  parseChecklistJson,
  readChecklist,
  readCustomVendors,
  toJsonFile,
  upsertVendor,
  vendorOverrides,
  writeChecklist,
  writeCustomVendors,
} from '../../../lib/settings/custom-data';
import { fakeArea } from './fake-area';

const generic = getVendor('generic')!;
const acme: VendorProfile = { ...generic, id: 'acme', name: 'Acme Telecom' };
const myEsimGo: VendorProfile = { ...getVendor('esim-go')!, name: 'eSIM Go (our account)' };
const shortChecklist: Checklist = {
  id: 'short',
  name: { en: 'Short', fr: 'Courte' },
  steps: [{ id: 'restart', label: { en: 'Restarted', fr: 'Redémarré' } }],
};

describe('custom vendor profiles', () => {
  it('reads nothing as an empty list', async () => {
    expect(await readCustomVendors(fakeArea())).toEqual({ vendors: [], problems: [] });
  });

  it('round-trips valid profiles', async () => {
    const area = fakeArea();
    expect(await writeCustomVendors(area, [acme, myEsimGo])).toEqual({ ok: true });
    const read = await readCustomVendors(area);
    expect(read.problems).toEqual([]);
    expect(read.vendors.map((v) => v.id)).toEqual(['acme', 'esim-go']);
  });

  it('drops a damaged entry, reports it with its path, and keeps the others', async () => {
    const broken = { ...acme, id: 'broken', fields: [{ ...generic.fields[0], kind: 'checkbox' }] };
    const area = fakeArea({ [CUSTOM_VENDORS_KEY]: [acme, broken, 'not a profile'] });
    const read = await readCustomVendors(area);
    expect(read.vendors.map((v) => v.id)).toEqual(['acme']);
    expect(read.problems.map((p) => p.path)).toContain('customVendors[1].fields[0].kind');
    expect(read.problems.some((p) => p.path === 'customVendors[2]')).toBe(true);
    expect(read.problems.every((p) => p.code === 'schema')).toBe(true);
  });

  it('reports a stored value that is not a list, and a repeated id', async () => {
    expect((await readCustomVendors(fakeArea({ [CUSTOM_VENDORS_KEY]: { id: 'acme' } }))).problems).toEqual([
      expect.objectContaining({ code: 'not-array', path: 'customVendors' }),
    ]);
    const twice = await readCustomVendors(fakeArea({ [CUSTOM_VENDORS_KEY]: [acme, { ...acme, name: 'Other' }] }));
    expect(twice.vendors).toHaveLength(1);
    expect(twice.vendors[0]!.name).toBe('Acme Telecom');
    expect(twice.problems).toEqual([expect.objectContaining({ code: 'duplicate-id', path: 'customVendors[1].id' })]);
  });

  it('refuses a write with one bad profile and stores nothing', async () => {
    const area = fakeArea({ [CUSTOM_VENDORS_KEY]: [acme] });
    const result = await writeCustomVendors(area, [myEsimGo, { ...acme, subjectTemplate: 42 }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.path).toBe('customVendors[1].subjectTemplate');
    expect((area.data[CUSTOM_VENDORS_KEY] as VendorProfile[]).map((v) => v.id)).toEqual(['acme']);
  });

  it('never throws on arbitrary stored values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (value) => {
        const read = await readCustomVendors({
          get: async () => ({ [CUSTOM_VENDORS_KEY]: value }),
          set: async () => undefined,
          remove: async () => undefined,
        });
        expect(Array.isArray(read.vendors)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('effectiveVendors', () => {
  it('is the built-ins when nothing is custom', () => {
    expect(effectiveVendors([]).map((v) => v.id)).toEqual(builtInVendors.map((v) => v.id));
  });

  it('replaces a built-in in place and appends new profiles', () => {
    const list = effectiveVendors([acme, myEsimGo]);
    expect(list.map((v) => v.id)).toEqual([...builtInVendors.map((v) => v.id), 'acme']);
    expect(list[0]!.name).toBe('eSIM Go (our account)');
    expect(list.filter((v) => v.id === 'esim-go')).toHaveLength(1);
  });

  it('lets a managed profile win over a local one with the same id', () => {
    const managedAcme = { ...acme, name: 'Acme (IT)' };
    expect(effectiveVendors([acme], [managedAcme]).find((v) => v.id === 'acme')!.name).toBe('Acme (IT)');
    expect(getVendor('acme', vendorOverrides([acme], [managedAcme]))!.name).toBe('Acme (IT)');
  });

  it('upsertVendor replaces by id and keeps the order', () => {
    const renamed = { ...acme, name: 'Acme 2' };
    expect(upsertVendor([acme, myEsimGo], renamed).map((v) => v.name)).toEqual(['Acme 2', 'eSIM Go (our account)']);
    expect(upsertVendor([myEsimGo], acme).map((v) => v.id)).toEqual(['esim-go', 'acme']);
  });
});

describe('custom checklist', () => {
  it('is the shipped default until one is stored', async () => {
    const area = fakeArea();
    const read = await readChecklist(area);
    expect(read).toEqual({ checklist: null, problems: [] });
    expect(effectiveChecklist(read.checklist)).toBe(DEFAULT_ESIM_CHECKLIST);
  });

  it('stores a valid checklist, and reset removes it', async () => {
    const area = fakeArea();
    expect(await writeChecklist(area, shortChecklist)).toEqual({ ok: true });
    expect(effectiveChecklist((await readChecklist(area)).checklist).steps.map((s) => s.id)).toEqual(['restart']);
    await writeChecklist(area, null);
    expect(CHECKLIST_KEY in area.data).toBe(false);
  });

  it('reads a damaged checklist as the default, with the problem', async () => {
    const area = fakeArea({ [CHECKLIST_KEY]: { ...shortChecklist, steps: [] } });
    const read = await readChecklist(area);
    expect(read.checklist).toBeNull();
    expect(read.problems[0]).toMatchObject({ code: 'schema', path: 'checklist.steps' });
    expect(effectiveChecklist(read.checklist)).toBe(DEFAULT_ESIM_CHECKLIST);
  });

  it('refuses to write a checklist with a repeated step id', async () => {
    const area = fakeArea();
    const steps = [...shortChecklist.steps, ...shortChecklist.steps];
    const result = await writeChecklist(area, { ...shortChecklist, steps });
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ path: 'steps[1].id' })] });
    expect(area.data).toEqual({});
  });

  it('a managed checklist wins over the stored one', () => {
    expect(effectiveChecklist(shortChecklist, DEFAULT_ESIM_CHECKLIST)).toBe(DEFAULT_ESIM_CHECKLIST);
  });
});

describe('parseChecklistJson', () => {
  it.each([
    ['not JSON', '{steps:', 'json', []],
    ['a missing French label', JSON.stringify({ ...shortChecklist, steps: [{ id: 'a', label: { en: 'A' } }] }), 'schema', ['steps[0].label.fr']],
    ['a bad step id', JSON.stringify({ ...shortChecklist, steps: [{ id: 'Bad Id', label: { en: 'A', fr: 'A' } }] }), 'schema', ['steps[0].id']],
  ])('refuses %s', (_name, text, code, paths) => {
    const result = parseChecklistJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.issues.map((i) => i.path)).toEqual(paths);
    }
  });

  it('accepts what it exports', () => {
    const result = parseChecklistJson(toJsonFile(DEFAULT_ESIM_CHECKLIST));
    expect(result).toEqual({ ok: true, checklist: DEFAULT_ESIM_CHECKLIST });
  });
});
