/** One Jest run for everything: unit specs beside the code, API and browser scenarios in tests/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs/shared/src', '<rootDir>/apps/api/src', '<rootDir>/tests'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: { '^@zj/shared$': '<rootDir>/libs/shared/src' },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  setupFiles: ['<rootDir>/tests/support/setup-worker-env.ts'],
  maxWorkers: 2,
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
};
