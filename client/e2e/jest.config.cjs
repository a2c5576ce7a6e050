// Browser tests: the real api (dist/api/main.js) serving the built client, driven through
// playwright-core in Debian's Chromium. See support/global-setup.ts.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'client-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testTimeout: 180_000,
  maxWorkers: 1,
};
