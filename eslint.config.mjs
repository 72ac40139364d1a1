import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
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
    { regex: '^#(event-store|read-store)$', message: 'the domain does not know about storage.' },
  ],
};

/**
 * Which part may import which (DESIGN.md §8): a lib names the libs it builds on; an app builds
 * on libs only, never on another app; a lib never on an app. Tests may reach further.
 */
const libs = [
  'events',
  'domain',
  'event-store',
  'read-store',
  'read-models',
  'documents',
  'platform',
  'commands',
];
const mayImport = {
  events: [],
  domain: ['events'],
  'event-store': ['events'],
  'read-store': [],
  'read-models': ['events', 'domain', 'read-store'],
  documents: ['events', 'domain', 'platform', 'read-models', 'read-store'],
  platform: ['events', 'domain', 'event-store'],
  commands: ['events', 'domain', 'event-store', 'read-store', 'read-models', 'platform'],
};
const apps = ['command-api', 'query-api', 'projector', 'workers'];
const outsideItself = {
  regex: String.raw`^(\.\./)+(libs|apps|scripts|bench|test)/|^(\.\./){2,}[a-z-]+/src/`,
  message: 'reach another lib or app by its #alias (libs) or not at all (apps).',
};
// Command handling and the workers' duties read the read models only through named questions
// (CommandReads; WorkerReads and, for the workers' own collections, DutyRecords: ADR 0025);
// the files that wire the store (readiness, shutdown, the ports themselves) alone hold it.
const storeWiring = {
  'command-api': ['**/command-api.module.ts'],
  workers: ['**/workers.module.ts', '**/stores.module.ts', '**/worker-reads.ts'],
};
const readPorts = {
  'command-api': [
    { name: '#read-store', message: 'ask CommandReads (#commands) instead.' },
    {
      name: '#commands',
      importNames: ['ReadSide', 'READ_STORE'],
      message: 'ask CommandReads instead.',
    },
  ],
  workers: [
    {
      name: '#read-store',
      importNames: ['ReadStore', 'findAll', 'WriteOp'],
      message: 'ask WorkerReads, or keep your records through DutyRecords (../worker-reads).',
    },
    {
      name: '#commands',
      importNames: ['ReadSide', 'READ_STORE', 'CommandReads'],
      message: 'ask WorkerReads (../worker-reads) instead.',
    },
  ],
};

const boundaries = [
  ...libs.map((lib) => ({
    files: [`libs/${lib}/src/**/*.ts`],
    ignores: ['**/*.spec.ts', '**/*.contract.ts', '**/*.features.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(lib === 'domain' || lib === 'events' ? frameworkImports.patterns : []),
            // (a regex: in the glob syntax of `group`, a leading # starts a comment)
            {
              regex: `^#(${libs.filter((other) => other !== lib && !mayImport[lib].includes(other)).join('|')})$`,
              message: `libs/${lib} builds on ${mayImport[lib].map((l) => `#${l}`).join(', ') || 'no other lib'} only.`,
            },
            { regex: `^#${lib}$`, message: 'inside a lib, import its own files by relative path.' },
            outsideItself,
          ],
        },
      ],
    },
  })),
  ...apps.map((app) => ({
    files: [`apps/${app}/src/**/*.ts`],
    ignores: ['**/*.spec.ts', ...(storeWiring[app] ?? [])],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [outsideItself],
          ...(readPorts[app] ? { paths: readPorts[app] } : {}),
        },
      ],
    },
  })),
];

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
    rules: {
      'no-restricted-imports': ['error', frameworkImports],
      // Time and ids arrive on the command: no clock and no randomness in the pure core.
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'no clock in the pure core: take the time from the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'no clock in the pure core: take the time from the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'no randomness in the pure core: ids arrive on the command.',
        },
        {
          selector: "CallExpression[callee.property.name='randomUUID']",
          message: 'no randomness in the pure core: ids arrive on the command.',
        },
      ],
    },
  },
  ...boundaries,
  {
    // No import cycles, through #aliases too: a cycle hides which part builds on which.
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['**/*.spec.ts', '**/*.contract.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
