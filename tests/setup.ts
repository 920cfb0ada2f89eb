// Shared Vitest setup. Component tests opt into a DOM with `// @vitest-environment jsdom`.
import 'fake-indexeddb/auto';
