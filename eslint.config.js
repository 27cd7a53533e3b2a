import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'admin/dist/**', '.stockroute/**', 'bench/results/**', 'test-artifacts/**', 'coverage/**', 'test/e2e/typed-client/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain is pure: values in, values out. No I/O, no clock, no randomness.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'http', 'https', 'net', 'crypto', 'os', 'child_process'], message: 'src/domain is pure: no node built-ins.' },
          { group: ['pg', '@electric-sql/*', 'kysely', 'fastify', '@fastify/*', 'pino', 'prom-client'], message: 'src/domain is pure: no database, HTTP or logging.' },
          { group: ['**/store/**', '**/http/**', '**/flows/**', '**/cli/**'], message: 'src/domain must not depend on outer layers.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'fetch', message: 'src/domain is pure: inject a provider.' },
        { name: 'process', message: 'src/domain is pure.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Time is an input in the domain.' },
        { object: 'Math', property: 'random', message: 'Randomness is an input in the domain.' },
      ],
    },
  },
  {
    files: ['admin/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', sessionStorage: 'readonly', fetch: 'readonly' } },
  },
);
