/**
 * Issue 12: the store itself keeps secrets out (whatever path writes: the drafts port, a restored backup)
 * and refuses drafts over the caps of DRAFT_LIMITS. Rows are read raw from Dexie to prove what is stored.
 */
import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  createDraft,
  importBackup,
  openExtensionDb,
  saveDraft,
  searchDrafts,
  storedVendorSource,
  type HelpdeskDb,
  type VendorStorage,
} from '../../../lib/db';
import { createDraftsApi } from '../../../lib/drafts/drafts-api';
import { DRAFT_LIMITS, DraftSchema, type Draft } from '../../../lib/escalation/draft';
import { VendorProfileSchema, type VendorProfile } from '../../../lib/escalation/vendor-profile';
import { getVendor } from '../../../lib/escalation/vendors';
import { CUSTOM_VENDORS_KEY } from '../../../lib/settings/custom-data';
import { answerDraftsCall } from '../../../lib/messaging/drafts-rpc';
import { freshDb } from './helpers';

const CANARY = 'CanarySecret42';

/** Everything stored, rows and index terms included, as one string. */
async function dump(db: HelpdeskDb): Promise<string> {
  return JSON.stringify(await db.drafts.toArray());
}

function expectNoCanary(text: string): void {
  expect(text).not.toContain(CANARY);
  expect(text.toLowerCase()).not.toContain(CANARY.toLowerCase());
}

/** A custom vendor (as imported in Options) with a secret field `pin`. */
function acmeProfile(): VendorProfile {
  const generic = getVendor('generic')!;
  return VendorProfileSchema.parse({
    ...generic,
    id: 'acme',
    name: 'Acme telematics',
    default: false,
    fields: [
      ...generic.fields,
      {
        id: 'pin',
        label: { en: 'Portal PIN', fr: 'Code du portail' },
        kind: 'secret',
        required: false,
        help: { en: 'Kept in memory only.', fr: 'Gardé en mémoire seulement.' },
      },
    ],
  });
}

async function mustCreate(db: HelpdeskDb, init: Parameters<typeof createDraft>[1]): Promise<Draft> {
  const r = await createDraft(db, init);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.draft;
}

describe('secrets by construction (DESIGN §2, seed 002: Wildix "login" is a secret field)', () => {
  it('createDraft and saveDraft through the drafts API drop the vendor’s secret field and say so', async () => {
    // No extra policy: the vendors' own policy is what protects the database.
    const db = freshDb();
    const api = createDraftsApi(db);
    const created = await api.createDraft({ vendorId: 'wildix', fields: { login: CANARY, 'pbx-serial': 'W1' } });
    expect(created).toMatchObject({ ok: true, stripped: ['login'] });
    if (!created.ok) return;
    expect(created.draft.fields).toEqual({ 'pbx-serial': 'W1' });

    const saved = await api.saveDraft({ ...created.draft, fields: { ...created.draft.fields, login: CANARY } }, 0);
    expect(saved).toMatchObject({ ok: true, stripped: ['login'] });

    const raw = await db.drafts.get(created.draft.id);
    expect(raw?.fields).toEqual({ 'pbx-serial': 'W1' });
    expect(raw?.terms).not.toContain(CANARY.toLowerCase());
    expectNoCanary(await dump(db));
    const found = await searchDrafts(db, CANARY);
    expect(found.ok && found.drafts).toEqual([]);
  });

  it('a save arriving over the drafts port (the sidebar’s RPC) is stripped the same way', async () => {
    const db = freshDb();
    const draft = await mustCreate(db, { vendorId: 'wildix', summary: 'PBX down' });
    const answer = await answerDraftsCall(createDraftsApi(db), {
      type: 'call',
      id: 1,
      method: 'saveDraft',
      args: [{ ...draft, fields: { login: CANARY } }, 0],
    });
    expect(answer).toMatchObject({ type: 'reply', ok: true, value: { ok: true } });
    expectNoCanary(await dump(db));
    expect((await db.drafts.get(draft.id))?.summary).toBe('PBX down');
  });

  it('a vendor without that secret keeps the field; an unknown vendor is treated by any known profile', async () => {
    const db = freshDb();
    const esim = await mustCreate(db, { vendorId: 'esim-go', fields: { login: 'agent-name' } });
    expect((await db.drafts.get(esim.id))?.fields).toEqual({ login: 'agent-name' });
    // A vendor no profile describes (a custom vendor since removed): "login" is secret for Wildix, so dropped.
    const gone = await mustCreate(db, { vendorId: 'removed-vendor', fields: { login: CANARY, note: 'kept' } });
    expect((await db.drafts.get(gone.id))?.fields).toEqual({ note: 'kept' });
  });

  it('a custom vendor’s secret field is honoured', async () => {
    const acme = acmeProfile();
    const db = freshDb({ vendors: { overrides: () => [acme] } });
    const draft = await mustCreate(db, { vendorId: 'acme', fields: { pin: CANARY, description: 'Tracker offline' } });
    expect(draft.fields).toEqual({ description: 'Tracker offline' });
    expectNoCanary(await dump(db));
  });

  it('a backup file holding a secret restores without it, and the report counts it', async () => {
    const db = freshDb();
    const file = {
      format: BACKUP_FORMAT,
      version: 1,
      exportedAt: new Date().toISOString(),
      drafts: [
        {
          id: 'from-file',
          vendorId: 'wildix',
          status: 'open',
          iccid: null,
          subscriberId: null,
          subscriberName: null,
          portalUrl: null,
          summary: 'Restored',
          fields: { login: CANARY, 'pbx-serial': 'W2' },
          problemKind: null,
          scope: null,
          priorityOverride: null,
          checklist: [],
          createdAt: '2025-01-01T00:00:00.000Z',
          updatedAt: '2025-01-01T00:00:00.000Z',
          handedOverAt: null,
          revision: 3,
        },
      ],
      attachments: [],
    };
    const result = await importBackup(db, JSON.stringify(file), { mode: 'merge' });
    expect(result).toMatchObject({ ok: true, imported: 1, secretsDropped: 1 });
    expect((await db.drafts.get('from-file'))?.fields).toEqual({ 'pbx-serial': 'W2' });
    expectNoCanary(await dump(db));
  });
});

/** A `browser.storage`-like object over plain maps, with `onChanged` like the browser's. */
function fakeStorage(local: Record<string, unknown>): VendorStorage & { setLocal(items: Record<string, unknown>): void } {
  const listeners: Array<(changes: Record<string, unknown>, area: string) => void> = [];
  return {
    local: {
      get: async (keys) => {
        const list = keys === null ? Object.keys(local) : Array.isArray(keys) ? keys : [keys];
        return Object.fromEntries(list.filter((k) => k in local).map((k) => [k, local[k]]));
      },
      set: async (items) => {
        Object.assign(local, items);
      },
      remove: async () => undefined,
    },
    managed: { get: async () => ({}) },
    onChanged: { addListener: (l) => listeners.push(l) },
    setLocal(items) {
      Object.assign(local, items);
      for (const l of listeners) l(Object.fromEntries(Object.keys(items).map((k) => [k, {}])), 'local');
    },
  };
}

describe('the extension opens its database with the stored vendors’ policy', () => {
  it('openExtensionDb: a custom vendor stored in storage.local has its secret dropped', async () => {
    const storage = fakeStorage({ [CUSTOM_VENDORS_KEY]: [acmeProfile()] });
    const db = openExtensionDb(storage);
    try {
      const draft = await mustCreate(db, { vendorId: 'acme', fields: { pin: CANARY, description: 'x' } });
      expect((await db.drafts.get(draft.id))?.fields).toEqual({ description: 'x' });
    } finally {
      await db.delete();
    }
  });

  it('storedVendorSource reads again when the custom vendors change', async () => {
    const storage = fakeStorage({});
    const source = storedVendorSource(storage);
    expect((await source.overrides()).map((v) => v.id)).toEqual([]);
    storage.setLocal({ [CUSTOM_VENDORS_KEY]: [acmeProfile()] });
    expect((await source.overrides()).map((v) => v.id)).toEqual(['acme']);
  });

  it('the background’s database() (the drafts port’s store) honours custom vendors from browser.storage', async () => {
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    await fakeBrowser.storage.local.set({ [CUSTOM_VENDORS_KEY]: [acmeProfile()] });
    const { database } = await import('../../../entrypoints/background/database');
    const db = database();
    const draft = await mustCreate(db, { vendorId: 'acme', fields: { pin: CANARY, description: 'y' } });
    expect((await db.drafts.get(draft.id))?.fields).toEqual({ description: 'y' });
    const wildix = await mustCreate(db, { vendorId: 'wildix', fields: { login: CANARY } });
    expect((await db.drafts.get(wildix.id))?.fields).toEqual({});
  });
});

/** `n` fields `f00`, `f01`… each holding `size` characters. */
function manyFields(n: number, size: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${String(i).padStart(2, '0')}`, 'x'.repeat(size)]));
}

describe('caps (DRAFT_LIMITS: 100 fields, 65 536 characters a field, 1 048 576 a draft)', () => {
  it('the tester’s case — 5 MB in 50 fields — is refused with too-large, and nothing is written', async () => {
    const db = freshDb();
    const draft = await mustCreate(db, { vendorId: 'generic', summary: 'before' });
    const result = await saveDraft(db, { ...draft, summary: 'after', fields: manyFields(50, 100_000) }, 0);
    expect(result).toMatchObject({ ok: false, error: { code: 'too-large', limit: { cap: 'field', max: 65_536 } } });
    expect((await db.drafts.get(draft.id))).toMatchObject({ summary: 'before', revision: 0 });
  });

  it('fields: 100 accepted, 101 refused', async () => {
    const db = freshDb();
    expect((await createDraft(db, { vendorId: 'generic', fields: manyFields(100, 1) })).ok).toBe(true);
    expect(await createDraft(db, { vendorId: 'generic', fields: manyFields(101, 1) })).toMatchObject({
      ok: false,
      error: { code: 'too-large', limit: { cap: 'fields', max: 100, actual: 101 } },
    });
  });

  it('one field: 65 536 characters accepted, 65 537 refused naming the field', async () => {
    const db = freshDb();
    const max = DRAFT_LIMITS.maxFieldChars;
    expect((await createDraft(db, { vendorId: 'esim-go', fields: { problem: 'p'.repeat(max) } })).ok).toBe(true);
    expect(await createDraft(db, { vendorId: 'esim-go', fields: { problem: 'p'.repeat(max + 1) } })).toMatchObject({
      ok: false,
      error: { code: 'too-large', limit: { cap: 'field', fieldId: 'problem', max, actual: max + 1 } },
    });
  });

  it('the whole draft: exactly 1 048 576 characters accepted, one more refused', async () => {
    const db = freshDb();
    const fields = manyFields(16, DRAFT_LIMITS.maxFieldChars);
    // 16 ids of 3 characters + 15 full values + the last one filled up to the limit exactly.
    fields.f15 = 'x'.repeat(DRAFT_LIMITS.maxDraftChars - 48 - 15 * DRAFT_LIMITS.maxFieldChars);
    expect((await createDraft(db, { vendorId: 'generic', fields })).ok).toBe(true);
    expect(await createDraft(db, { vendorId: 'generic', fields, summary: 's' })).toMatchObject({
      ok: false,
      error: { code: 'too-large', limit: { cap: 'draft', max: DRAFT_LIMITS.maxDraftChars, actual: DRAFT_LIMITS.maxDraftChars + 1 } },
    });
  });

  it('the boundary schema refuses an oversized draft and accepts one at the limit', () => {
    const base: Draft = {
      id: 'd',
      vendorId: 'generic',
      status: 'open',
      iccid: null,
      subscriberId: null,
      subscriberName: null,
      portalUrl: null,
      summary: '',
      fields: {},
      problemKind: null,
      scope: null,
      priorityOverride: null,
      checklist: [],
      createdAt: 'x',
      updatedAt: 'x',
      handedOverAt: null,
      revision: 0,
    };
    expect(DraftSchema.safeParse({ ...base, fields: manyFields(100, 10) }).success).toBe(true);
    const tooMany = DraftSchema.safeParse({ ...base, fields: manyFields(101, 10) });
    expect(tooMany.success).toBe(false);
    const tooLong = DraftSchema.safeParse({ ...base, fields: { f: 'x'.repeat(DRAFT_LIMITS.maxFieldChars + 1) } });
    expect(tooLong.error?.issues[0]?.path).toEqual(['fields', 'f']);
  });

  it('a restore refuses an oversized draft, naming its row and field', async () => {
    const db = freshDb();
    const draft = await mustCreate(db, { vendorId: 'generic' });
    const file = {
      format: BACKUP_FORMAT,
      version: 1,
      exportedAt: 'x',
      drafts: [{ ...draft, id: 'big', fields: { description: 'x'.repeat(DRAFT_LIMITS.maxFieldChars + 1) } }],
    };
    const result = await importBackup(db, JSON.stringify(file), { mode: 'merge' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe('drafts[0].fields.description');
    expect(await db.drafts.get('big')).toBeUndefined();
  });

  it('a row stored before the caps (a 70 000-character field) still reads back', async () => {
    const db = freshDb();
    const draft = await mustCreate(db, { vendorId: 'generic' });
    await db.drafts.put({ ...draft, fields: { description: 'x'.repeat(70_000) }, terms: [] });
    const api = createDraftsApi(db);
    const got = await api.getDraft(draft.id);
    expect(got.ok && got.draft.fields.description?.length).toBe(70_000);
  });
});
