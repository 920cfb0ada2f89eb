/**
 * Issue 20: zod never compiles parsers with `new Function` in this extension. The extension pages' CSP
 * (MV3 `extension_pages`, Firefox MV2's default `script-src 'self'`) forbids eval anyway, so zod's probe
 * always failed and fell back to its interpreter; `jitless` says so up front, so the probe never runs
 * (a strict CSP reports even a caught `new Function`). The build also drops the probe's code
 * (wxt.config.ts, `zodWithoutEvalProbe`), which `web-ext lint` reported as DANGEROUS_EVAL.
 * Imported first by every entry that loads zod, before any schema parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
