// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules that must never be imported by packages/core (DESIGN rule 1: core is pure). */
const coreForbiddenImports = {
  patterns: [
    { group: ['node:*'], message: 'packages/core is pure: talk to the world through a port.' },
    { group: ['ws', 'ws/*'], message: 'ws belongs in adapters-transport.' },
    { group: ['better-sqlite3', 'sqlite3', 'node:sqlite'], message: 'SQLite belongs in adapters-storage.' },
    { group: ['serialport', '@serialport/*', 'modbus-serial', 'onoff'], message: 'Hardware libraries belong in adapters-hw.' },
    { group: ['inversify', 'inversify/*', '@inversifyjs/*'], message: 'inversify belongs in packages/wiring.' },
  ],
  paths: ['fs', 'path', 'os', 'net', 'tls', 'http', 'https', 'crypto', 'child_process', 'events', 'stream', 'url', 'util', 'timers', 'dgram', 'worker_threads', 'process', 'buffer'].map(
    (name) => ({ name, message: 'packages/core is pure: talk to the world through a port.' }),
  ),
};

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', '**/*.config.ts', 'vitest.shared.ts', '**/*.mjs', '**/*.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'No TS enums: use the generated literal unions.' },
        { selector: 'ExportDefaultDeclaration', message: 'No default exports.' },
      ],
    },
  },
  {
    // DESIGN rule 3: only packages/wiring and an app's main.ts see the container (core has its own, stricter rule).
    files: ['**/*.ts'],
    ignores: ['packages/core/src/**', 'packages/wiring/src/**', 'apps/*/src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['inversify', 'inversify/*', '@inversifyjs/*'], message: "inversify belongs in packages/wiring and an app's main.ts (DESIGN rule 3)." }] },
      ],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', coreForbiddenImports] },
  },
  {
    files: ['**/*.test.ts', '**/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // vitest's asymmetric matchers (expect.any, objectContaining) are typed `any` by design.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
