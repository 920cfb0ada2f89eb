/**
 * Bench bundle for the portal page (row 6, context extraction). `bench.mjs` bundles this file with
 * esbuild (IIFE) and evaluates it in the page's MAIN world of a portal page opened in the context
 * WITHOUT the extension, so the content script's own reads do not run at the same time.
 *
 * Same code, same DOM: it calls `extractContext` with the profile the content script's reader would
 * pick for this URL (`findProfileForUrl` over the built-in profiles; the bench profile has no
 * user-added portals), exactly as `entrypoints/portal/reader.ts` does. No product code is changed:
 * the timings come from `performance.mark`/`measure` around each call.
 */
import { extractContext } from '../../lib/portal/extract';
import { findProfileForUrl } from '../../lib/portal/match-pattern';
import { builtInPortalProfiles } from '../../lib/portal/profiles';
import type { PortalProfile } from '../../lib/portal/profile-schema';
import { scanIccids } from '../../lib/portal/scanner';

/** One timed extraction. */
export interface ExtractSample {
  ms: number;
  iccids: number;
  esims: number;
  portalId: string | null;
}

/** Runs `extractContext` on the current document `runs` times; the first run is the page's first. */
function extract(runs: number): ExtractSample[] {
  const profile = findProfileForUrl(builtInPortalProfiles, document.location.href) ?? null;
  const out: ExtractSample[] = [];
  for (let i = 0; i < runs; i++) out.push(timed(`ha-bench-extract-${i}`, profile, true));
  performance.clearMarks();
  performance.clearMeasures();
  return out;
}

/**
 * Where the time goes (run after {@link extract}, so warm): the profile's rules alone (`scan: false`)
 * and the generic ICCID scan alone (`scanIccids`, as extractContext calls it).
 */
function parts(runs: number): { rulesOnly: number[]; scanOnly: number[] } {
  const profile = findProfileForUrl(builtInPortalProfiles, document.location.href) ?? null;
  const rulesOnly: number[] = [];
  const scanOnly: number[] = [];
  for (let i = 0; i < runs; i++) {
    rulesOnly.push(timed(`ha-bench-rules-${i}`, profile, false).ms);
    performance.mark('ha-bench-scan-start');
    scanIccids(document, { maxIccids: 5000 });
    scanOnly.push(performance.measure('ha-bench-scan', 'ha-bench-scan-start').duration);
  }
  performance.clearMarks();
  performance.clearMeasures();
  return { rulesOnly, scanOnly };
}

function timed(name: string, profile: PortalProfile | null, scan: boolean): ExtractSample {
  performance.mark(`${name}-start`);
  const context = extractContext(document, profile, { url: document.location.href, now: new Date(), scan });
  const measure = performance.measure(name, `${name}-start`);
  return {
    ms: measure.duration,
    iccids: context.iccids.length,
    esims: context.esims.length,
    portalId: context.portalId,
  };
}

(globalThis as unknown as { __haPageBench: unknown }).__haPageBench = { extract, parts };
