import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const frameworkImports = {
  patterns: [
    {
      group: [
        '@nestjs/*',
        'mongodb',
        'better-sqlite3',
        '@kurrent/*',
        'rxjs',
        'class-validator',
        'class-transformer',
        'fastify',
      ],
      message: 'libs/domain and libs/events are pure: no framework or driver.',
    },
    {
      group: ['node:*', 'crypto', 'fs', 'path'],
      message: 'libs/domain and libs/events are pure: no node modules.',
    },
    { group: ['#event-store', '#read-store'], message: 'the domain does not know about storage.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      '.cache/**',
      'coverage/**',
      '*.config.js',
      '*.config.mjs',
      'scripts/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // noUncheckedIndexedAccess makes some index reads optional that the code has just checked.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['apps/**/*.ts'],
    rules: {
      // Nest resolves constructor parameters from emitted metadata: these imports must stay values.
      '@typescript-eslint/consistent-type-imports': 'off',
      // Validated DTO instances are spread into plain event payloads on purpose.
      '@typescript-eslint/no-misused-spread': 'off',
    },
  },
  {
    files: ['libs/domain/**/*.ts', 'libs/events/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', frameworkImports] },
  },
  {
    files: ['**/*.spec.ts', '**/*.contract.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
