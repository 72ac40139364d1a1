/** Test tiers by suffix: *.spec.ts (pure), *.contract.ts (port suites), *.e2e-spec.ts (HTTP). */
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const shared = {
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }],
    // jose and NestJS 12 ship as ES modules only: jest's CommonJS runtime needs them transformed.
    '/node_modules/(jose|@nestjs/[^/]+)/.+\\.js$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        swcrc: false,
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|@nestjs)/)'],
  moduleNameMapper: {
    '^#events$': '<rootDir>/libs/events/src/index.ts',
    '^#domain$': '<rootDir>/libs/domain/src/index.ts',
    '^#event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^#read-store$': '<rootDir>/libs/read-store/src/index.ts',
    '^#read-models$': '<rootDir>/libs/read-models/src/index.ts',
    '^#platform$': '<rootDir>/libs/platform/src/index.ts',
    '^#documents$': '<rootDir>/libs/documents/src/index.ts',
    '^#commands$': '<rootDir>/libs/commands/src/index.ts',
  },
  testEnvironment: 'node',
  rootDir: __dirname,
};
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'contract',
      testMatch: ['<rootDir>/libs/**/*.contract.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: [
        '<rootDir>/test/support/timeouts.ts',
        '<rootDir>/test/support/service-dirs.ts',
      ],
    },
  ],
};
