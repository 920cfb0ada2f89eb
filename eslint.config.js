// Lint rules that protect users: page text is data, never markup; no eval; lib/ stays framework-free.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nounsanitized from 'eslint-plugin-no-unsanitized';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'tests/fixtures/**', 'demo-output/**', 'bench-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  nounsanitized.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render page data as text.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // DESIGN §3: lib/ has no browser or React imports; it is where the rules live.
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['wxt', 'wxt/*', '@wxt-dev/*'], message: 'lib/ is framework-free.' },
            { group: ['webextension-polyfill'], message: 'lib/ is framework-free.' },
            { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'lib/ is framework-free.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'navigator', 'browser', 'chrome', 'localStorage'],
    },
  },
  {
    // The content script never touches the database (the portal's origin could read it) nor loads React.
    files: ['entrypoints/portal/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['dexie', '**/lib/db/**', '@/lib/db/*'], message: 'No IndexedDB in the content script.' },
            { group: ['react', 'react-dom', 'react/*', 'react-dom/*', '**/components/**'], message: 'React stays in extension pages.' },
            { group: ['zod'], message: 'Validate in the background; keep the content script small.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'indexedDB'],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { chrome: 'readonly', process: 'readonly', console: 'readonly', window: 'readonly', document: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
