import { defineConfig } from '@playwright/test';

// End-to-end tests drive the system Chromium with the built extension (.output/chrome-mv3).
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  // Two browsers at a time: most of a test is waiting on the browser, and the suite must stay well under
  // 15 minutes on a 2-core CI machine. E2E_WORKERS=1 runs one at a time (e.g. to read a failure calmly).
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  // Generous for a loaded 2-core machine; conditions, not these ceilings, decide how long a green test takes.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: '../../test-results',
});
