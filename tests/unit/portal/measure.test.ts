// @vitest-environment node
/**
 * Extraction cost on the AP → eSIM → List inventory (tests/fixtures/portal/inventory.html) at
 * 1,000 and 10,000 rows, in jsdom. Printed, never asserted: timing belongs to `npm run bench` in
 * real Chromium (DESIGN §4), and jsdom's DOM is many times slower than a browser's. The asserts
 * check that the work is bounded and the result right.
 */
import { describe, expect, it } from 'vitest';
import { extractContext } from '../../../lib/portal/extract';
import { PageContextSchema } from '../../../lib/portal/page-context';
import type { PortalProfile } from '../../../lib/portal/profile-schema';
import { PortalProfileSchema } from '../../../lib/portal/profile-schema';
import { builtInPortalProfiles } from '../../../lib/portal/profiles';
import { scanIccids } from '../../../lib/portal/scanner';
import { hasFixture, loadFixture } from './load-fixture';

const demo = builtInPortalProfiles.find((p) => p.id === 'demo-portal') as PortalProfile;
// Worst case for the engine: every inventory row is an "eSIM row" read by column labels.
const inventoryAsEsims = PortalProfileSchema.parse({
  id: 'inventory',
  name: 'Inventory',
  version: 1,
  urlPatterns: ['http://127.0.0.1/portal/*'],
  esims: {
    rows: { label: 'ICCID' },
    fields: {
      iccid: { label: 'ICCID' },
      imsiProfile: { label: 'IMSI profile' },
      status: { label: 'Status' },
    },
  },
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(run: () => void, times = 5): number {
  run(); // warm-up (JIT, caches)
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

describe.runIf(hasFixture('portal/inventory.html'))(
  'measured: extraction of the inventory table (jsdom)',
  () => {
    it.each([1000, 10_000])(
      '%d rows',
      (rows) => {
        const doc = loadFixture(
          'portal/inventory.html',
          `http://127.0.0.1:8123/portal/inventory.html?rows=${rows}`,
        ).window.document;
        expect(doc.querySelectorAll('#inventory tbody tr')).toHaveLength(rows);
        const opts = { url: doc.URL, now: new Date() };

        const ctx = extractContext(doc, demo, opts);
        expect(ctx.iccids).toHaveLength(Math.min(rows, 5000));
        expect(ctx.esims).toEqual([]); // the inventory is not a subscriber's eSIM list
        expect(PageContextSchema.safeParse(ctx).success).toBe(true);
        const worst = extractContext(doc, inventoryAsEsims, opts);
        expect(worst.esims).toHaveLength(200);
        expect(worst.esims[0]).toEqual({
          iccid: '89445000122510010013',
          imsiProfile: 7,
          status: 'Allocated',
          plans: [],
        });

        const scanMs = time(() => scanIccids(doc));
        const demoMs = time(() => extractContext(doc, demo, opts));
        const worstMs = time(() => extractContext(doc, inventoryAsEsims, opts));
        const rulesOnlyMs = time(() => extractContext(doc, inventoryAsEsims, { ...opts, scan: false }));
        console.info(
          `[measure] ${rows} rows, jsdom, median of 5: scanIccids ${scanMs.toFixed(1)} ms; ` +
            `extractContext(demo profile) ${demoMs.toFixed(1)} ms; ` +
            `extractContext(200 eSIM rows by label + scan) ${worstMs.toFixed(1)} ms; ` +
            `rules only (no scan) ${rulesOnlyMs.toFixed(1)} ms`,
        );
      },
      120_000,
    );
  },
);
