module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'interop',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // Archives of 20,000 codings and 100,000 entries are built and read; on a busy 2-core CI
  // machine that can outgrow jest's 5 s.
  testTimeout: 60_000,
};
