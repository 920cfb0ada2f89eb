/** Types for chromium.mjs (plain Node ESM, shared by the e2e suite, the demo and the benchmark). */
export function findChromium(): string;
export function extensionArgs(extensionDir: string, options?: { headless?: boolean }): string[];
