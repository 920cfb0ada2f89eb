import { defineConfig } from '@playwright/test';

// End-to-end tests drive the system Chromium with the built extension (.output/chrome-mv3).
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  // Generous for a loaded 2-core machine; conditions, not these ceilings, decide how long a green test takes.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: '../../test-results',
});
