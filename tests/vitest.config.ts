import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Lives in tests/ so the top level keeps only the files the project brief names.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/component/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
    // Sized for a loaded 2-core CI machine: axe-heavy component renders took 6–9 s there under load,
    // past Vitest's 5 s default. A real hang still fails, after 60 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
