/**
 * Bench bundle for the drafts database (row 10). `bench.mjs` bundles this file with esbuild (IIFE) and
 * evaluates it in an existing extension page (`drafts.html`), so it runs against the real IndexedDB of
 * the extension's origin, through the real repository code (`lib/db`). It uses its own database name
 * (`bench-…`) so the agent profile's drafts are never touched, and deletes it at the end.
 *
 * Drafts are generated deterministically (seeded PRNG): 10,000 drafts over 400 subscribers, valid
 * ICCIDs, summaries and a free-text field drawn from a small support vocabulary, so that one word
 * ("connect…") matches thousands of drafts (the broad search path) and a subscriber surname matches
 * a few dozen (the selective path).
 */
import {
  BUILT_IN_VENDORS_ONLY,
  createDraft,
  openDb,
  saveDraft,
  searchDrafts,
  type HelpdeskDb,
} from '../../lib/db';
import { resolveSecretTest } from '../../lib/db/secret-policy';
import { prepareDraftRow } from '../../lib/db/draft-rows';
import type { Draft } from '../../lib/escalation/draft';
import { formatIccid, luhnCheckDigit } from '../../lib/telecom/iccid';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Amira',
  'Lucas',
  'Chen',
  'Sofia',
  'Jonas',
  'Noah',
  'Ines',
  'Marta',
  'Piotr',
  'Yuki',
  'Omar',
  'Lea',
  'Hugo',
  'Nora',
  'Ravi',
  'Elif',
  'Tomas',
  'Zoe',
  'Karim',
  'Ana',
];
const LAST = [
  'Haddad',
  'Martin',
  'Wei',
  'Rossi',
  'Berg',
  'Schmidt',
  'Dupont',
  'Garcia',
  'Nowak',
  'Tanaka',
  'Farouk',
  'Moreau',
  'Lambert',
  'Jensen',
  'Iyer',
  'Demir',
  'Novak',
  'Clarke',
  'Benali',
  'Costa',
];
const COUNTRIES = [
  'Spain',
  'France',
  'Japan',
  'Thailand',
  'Italy',
  'Germany',
  'Canada',
  'Mexico',
  'Brazil',
  'Turkey',
];
const PROBLEMS = [
  'cannot connect to data',
  'connects but no internet',
  'eSIM install fails with error',
  'QR code already used',
  'plan not active after purchase',
  'top-up not applied',
  'slow speed while roaming',
  'no signal after landing',
];
const DETAILS = [
  'Customer restarted the phone and toggled airplane mode.',
  'APN settings checked, roaming is on.',
  'The profile shows as installed in the portal.',
  'Tried manual network selection without success.',
  'Customer is travelling and needs a quick answer.',
  'Device is unlocked and supports eSIM.',
  'Happened after the last operating system update.',
];
const KINDS = ['question', 'install', 'connectivity', 'topup', 'outage'] as const;

function iccidFor(n: number): string {
  const payload = `8944500020${String(n).padStart(9, '0')}`;
  return payload + luhnCheckDigit(payload);
}

/** The generated drafts (deterministic): index i → subscriber i % 400, ICCID from i. */
function makeDraft(i: number, rand: () => number, base: number): Draft {
  const sub = i % 400;
  const name = `${FIRST[sub % FIRST.length]} ${LAST[Math.floor(sub / FIRST.length) % LAST.length]}`;
  const country = COUNTRIES[Math.floor(rand() * COUNTRIES.length)]!;
  const problem = PROBLEMS[Math.floor(rand() * PROBLEMS.length)]!;
  const detail = DETAILS[Math.floor(rand() * DETAILS.length)]!;
  const r = rand();
  const status = r < 0.7 ? 'open' : r < 0.95 ? 'handed-over' : 'closed';
  const at = new Date(base - Math.floor(rand() * 90 * 86_400_000)).toISOString();
  return {
    id: `bench-${String(i).padStart(6, '0')}`,
    vendorId: rand() < 0.8 ? 'esim-go' : 'other-vendor',
    status,
    iccid: iccidFor(i),
    subscriberId: `S-${2000 + sub}`,
    subscriberName: name,
    portalUrl: `http://127.0.0.1/portal/subscribers/S-${2000 + sub}`,
    summary: `${country}: ${problem}`,
    fields: {
      description: `${name} reports the eSIM ${problem} in ${country}. ${detail}`,
      device: rand() < 0.5 ? 'iPhone 15' : 'Pixel 8',
    },
    problemKind: KINDS[Math.floor(rand() * KINDS.length)]!,
    scope: 'one-user',
    priorityOverride: null,
    checklist: ['restart', 'airplane-mode'],
    createdAt: at,
    updatedAt: at,
    handedOverAt: status === 'open' ? null : at,
    revision: 0,
  };
}

let db: HelpdeskDb | null = null;
let dbName = '';
let seededCount = 0;
let raw: IDBDatabase | null = null;

function need(): HelpdeskDb {
  if (db === null) throw new Error('seed() first');
  return db;
}

/** Creates a fresh bench database and stores `count` generated drafts (bulk, through prepareDraftRow). */
async function seed(count: number): Promise<{ name: string; count: number; ms: number }> {
  dbName = `bench-${crypto.randomUUID()}`;
  db = openDb(dbName, { vendors: BUILT_IN_VENDORS_ONLY });
  const rand = prng(9);
  const base = Date.UTC(2026, 0, 1);
  const t0 = performance.now();
  const CHUNK = 500;
  for (let start = 0; start < count; start += CHUNK) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const prepared = prepareDraftRow(makeDraft(i, rand, base), await resolveSecretTest(db));
      if (!prepared.ok)
        throw new Error(`generated draft ${i} is invalid: ${JSON.stringify(prepared.issues)}`);
      rows.push(prepared.row);
    }
    await db.drafts.bulkAdd(rows);
  }
  const stored = await db.drafts.count();
  seededCount = stored;
  return { name: dbName, count: stored, ms: performance.now() - t0 };
}

function openRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName); // no version: the current one (Dexie created it)
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function rawPut(row: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    // No durability option: the browser default, as the repository's autosave (Dexie default).
    const tx = raw!.transaction('drafts', 'readwrite');
    tx.objectStore('drafts').put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * Autosave writes of one stored draft (an agent typing in the description), interleaved with a bare
 * IndexedDB put of the same row (prepared outside the timing: the bare put is only the transaction).
 * Returns per-call milliseconds after `warmup` pairs; `strict` extra saves use durability 'strict'.
 */
async function writes(
  pairs: number,
  warmup: number,
  strictRuns: number,
): Promise<{ save: number[]; put: number[]; strict: number[]; rowBytes: number; create: number[] }> {
  const d = need();
  raw ??= await openRaw();
  // A draft in the middle of the store (not the newest, not the oldest).
  const got = await d.drafts.get(`bench-${String(Math.floor(seededCount * 0.4321)).padStart(6, '0')}`);
  if (!got) throw new Error('target draft missing');
  const { terms: _terms, ...start } = got;
  let draft: Draft = start;
  const save: number[] = [];
  const put: number[] = [];
  const strict: number[] = [];
  let rowBytes = 0;
  for (let i = 0; i < warmup + pairs; i++) {
    const typed = {
      ...draft,
      fields: { ...draft.fields, description: `${draft.fields.description ?? ''} x`.slice(-2000) },
    };
    let t0 = performance.now();
    const saved = await saveDraft(d, typed, draft.revision);
    const saveMs = performance.now() - t0;
    if (!saved.ok) throw new Error(`saveDraft failed: ${JSON.stringify(saved.error)}`);
    draft = saved.draft;

    const next = {
      ...draft,
      fields: { ...draft.fields, description: `${draft.fields.description ?? ''} y`.slice(-2000) },
      revision: draft.revision + 1,
      updatedAt: new Date().toISOString(),
    };
    const prepared = prepareDraftRow(next, await resolveSecretTest(d));
    if (!prepared.ok) throw new Error('bench row invalid');
    rowBytes = JSON.stringify(prepared.row).length;
    t0 = performance.now();
    await rawPut(prepared.row);
    const putMs = performance.now() - t0;
    draft = prepared.draft;
    if (i >= warmup) {
      save.push(saveMs);
      put.push(putMs);
    }
  }
  for (let i = 0; i < strictRuns; i++) {
    const typed = { ...draft, summary: `${draft.summary.slice(0, 400)} z` };
    const t0 = performance.now();
    const saved = await saveDraft(d, typed, draft.revision, { durability: 'strict' });
    strict.push(performance.now() - t0);
    if (!saved.ok) throw new Error(`strict saveDraft failed: ${JSON.stringify(saved.error)}`);
    draft = saved.draft;
  }
  // createDraft of a new case with 10,000 stored (info).
  const create: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const made = await createDraft(d, {
      vendorId: 'esim-go',
      iccid: iccidFor(900_000 + i),
      summary: 'Bench: new case',
    });
    create.push(performance.now() - t0);
    if (!made.ok) throw new Error('createDraft failed');
  }
  return { save, put, strict, rowBytes, create };
}

/** The queries of the search rows, as an agent would type them. */
function queries() {
  return {
    iccid: formatIccid(iccidFor(Math.floor(seededCount * 0.7777))), // grouped, as copied from the portal
    textSelective: 'rossi spa', // a surname (~1 % of drafts) + a country prefix
    textBroad: 'conn', // a prefix matching thousands of drafts ("connect", "connects")
  };
}
type QueryKey = keyof ReturnType<typeof queries>;

/** Times `searchDrafts` for each query `runs` times after `warmup`; checks the results make sense. */
async function searches(
  runs: number,
  warmup: number,
): Promise<Record<QueryKey, { query: string; ms: number[]; total: number; returned: number }>> {
  const d = need();
  const out = {} as Record<QueryKey, { query: string; ms: number[]; total: number; returned: number }>;
  for (const [key, query] of Object.entries(queries()) as Array<[QueryKey, string]>) {
    const ms: number[] = [];
    let total = 0;
    let returned = 0;
    for (let i = 0; i < warmup + runs; i++) {
      const t0 = performance.now();
      const r = await searchDrafts(d, query);
      const dt = performance.now() - t0;
      if (!r.ok) throw new Error(`searchDrafts(${query}) failed: ${JSON.stringify(r.error)}`);
      total = r.total;
      returned = r.drafts.length;
      if (i >= warmup) ms.push(dt);
    }
    out[key] = { query, ms, total, returned };
  }
  return out;
}

/** Closes and deletes the bench database. */
async function cleanup(): Promise<boolean> {
  raw?.close();
  raw = null;
  if (db === null) return false;
  db.close();
  db = null;
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(dbName);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
  return true;
}

(globalThis as unknown as { __haDbBench: unknown }).__haDbBench = { seed, writes, searches, cleanup };
