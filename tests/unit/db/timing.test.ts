/**
 * 10,000 drafts in fake-indexeddb: correctness at size, plus a timing PRINT (not an assertion — DESIGN §4:
 * performance is measured by `npm run bench` in real Chromium; fake-indexeddb is a pure-JS B-tree and its
 * figures only show relative costs, e.g. that search does not scan the table).
 */
import { describe, expect, it } from 'vitest';
import { saveDraft, searchDrafts, type DraftRow } from '../../../lib/db';
import { prepareDraftRow } from '../../../lib/db/draft-rows';
import type { Draft } from '../../../lib/escalation/draft';
import { freshDb, grouped, iccidFor } from './helpers';

const N = 10_000;
const NAMES = [
  'Durand',
  'Martin',
  'Bernard',
  'Petit',
  'Robert',
  'Richard',
  'Moreau',
  'Laurent',
  'Garcia',
  'Nguyen',
];
const COUNTRIES = ['Japan', 'Spain', 'Brazil', 'Kenya', 'Canada', 'Norway', 'Chile', 'Egypt'];

function draftAt(i: number): Draft {
  const t = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
  return {
    id: `draft-${String(i).padStart(5, '0')}`,
    vendorId: i % 3 === 0 ? 'wildix' : 'esim-go',
    status: i % 4 === 0 ? 'handed-over' : 'open',
    iccid: iccidFor(i),
    subscriberId: `SUB-${i % 2000}`,
    subscriberName: `${NAMES[i % NAMES.length] ?? ''} ${String(i)}`,
    portalUrl: null,
    summary: `No data in ${COUNTRIES[i % COUNTRIES.length] ?? ''} after activation, case ${i}`,
    fields: {
      device: i % 2 === 0 ? 'iPhone 15' : 'Pixel 8',
      location: COUNTRIES[i % COUNTRIES.length] ?? '',
    },
    problemKind: 'connectivity',
    scope: 'one-user',
    priorityOverride: null,
    checklist: [],
    createdAt: t,
    updatedAt: t,
    handedOverAt: i % 4 === 0 ? t : null,
    revision: 0,
  };
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

describe(`${N} drafts`, () => {
  it(
    'searches find the right drafts at size (timings printed, real figures come from Chromium)',
    { timeout: 180_000 },
    async () => {
      const db = freshDb();
      const rows: DraftRow[] = [];
      for (let i = 0; i < N; i++) {
        const prepared = prepareDraftRow(draftAt(i), () => false);
        if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues));
        rows.push(prepared.row);
      }
      const insert = await time(() => db.drafts.bulkAdd(rows));

      const saves: number[] = [];
      for (let k = 0; k < 200; k++) {
        const draft = draftAt(k * 37);
        const r = await time(() => saveDraft(db, { ...draft, summary: `${draft.summary} (edited)` }, 0));
        expect(r.value.ok).toBe(true);
        saves.push(r.ms);
      }
      saves.sort((a, b) => a - b);
      const p95 = saves[Math.floor(saves.length * 0.95)] ?? Number.NaN;

      const target = draftAt(7777);
      const byIccid = await time(() => searchDrafts(db, grouped(target.iccid ?? '')));
      expect(byIccid.value.ok && byIccid.value.drafts.map((d) => d.id)).toEqual([target.id]);

      const byText = await time(() => searchDrafts(db, 'nguyen 777'));
      // "Nguyen" is i % 10 === 9; "777" prefixes 7779, 777x… → only 7779 among ≤ 10,000.
      expect(byText.value.ok && byText.value.drafts.map((d) => d.id)).toEqual(['draft-07779']);

      // "Spain" is i % 8 === 1: all open; 1,250 matches, more than fit in memory ordering → index walk.
      const broad = await time(() => searchDrafts(db, 'spain', { status: 'open', limit: 20 }));
      expect(broad.value.ok && broad.value.total).toBe(draftsWhere((i) => i % 8 === 1));
      const page = broad.value.ok ? broad.value.drafts : [];
      expect(page).toHaveLength(20);
      expect(page.every((d) => d.fields.location === 'Spain' && d.status === 'open')).toBe(true);
      const updated = page.map((d) => d.updatedAt);
      expect(updated).toEqual([...updated].sort().reverse());

      console.log(
        [
          `[fake-indexeddb, ${N} drafts — indicative only; real figures: npm run bench in Chromium]`,
          `  bulk insert:              ${insert.ms.toFixed(0)} ms`,
          `  saveDraft p95 (200 saves): ${p95.toFixed(1)} ms`,
          `  search by ICCID:          ${byIccid.ms.toFixed(1)} ms`,
          `  search by text (2 words): ${byText.ms.toFixed(1)} ms`,
          `  search broad word+status: ${broad.ms.toFixed(1)} ms (${broad.value.ok ? broad.value.total : '?'} matches)`,
        ].join('\n'),
      );
    },
  );
});

function draftsWhere(predicate: (i: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < N; i++) if (predicate(i)) n++;
  return n;
}
