// Unit specs (*.spec.ts) and integration specs (*.int-spec.ts) against a real database:
// DATABASE_URL when set (a fresh database is created per run), embedded PGlite otherwise.
module.exports = {
  ...require('../jest.preset.cjs'),
  displayName: 'api',
  rootDir: __dirname,
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/src/**/*.int-spec.ts',
    '<rootDir>/test/**/*.int-spec.ts',
  ],
  setupFiles: [
    ...require('../jest.preset.cjs').setupFiles,
    '<rootDir>/test/isolate-graphql-metadata.ts',
  ],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60_000,
};
