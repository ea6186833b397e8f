// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const DOMAIN_BOUNDARY = {
  patterns: [
    {
      group: [
        'react',
        'react-*',
        'dexie',
        'dexie-*',
        'zustand',
        'node:*',
        'fastify',
        '@fastify/*',
        'pouchdb*',
        '../*',
      ],
      message:
        'src/domain is shared by the browser and the server: keep it free of React, Dexie, Node and server code. Put I/O in src/ or sync-server/ and pass plain data in.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dev-dist',
      'node_modules',
      'data',
      'test-results',
      'playwright-report',
      '.tmp',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', DOMAIN_BOUNDARY] },
  },
  {
    // One level deeper, `../` still stays inside src/domain; `../../` leaves it.
    files: ['src/domain/*/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: DOMAIN_BOUNDARY.patterns.map((pattern) => ({
            ...pattern,
            group: pattern.group.map((entry) => (entry === '../*' ? '../../*' : entry)),
          })),
        },
      ],
    },
  },
  {
    // A test states what it expects; a wrong `!` fails the test, which is the point.
    files: [
      '**/*.test.ts',
      '**/*.test.tsx',
      'e2e/**/*.ts',
      'sync-server/test/**/*.ts',
      'bench/**/*.ts',
    ],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
