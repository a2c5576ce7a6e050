module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'transcript',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // Property and size tests parse megabytes; on a busy 2-core CI machine they outgrow jest's 5 s.
  testTimeout: 60_000,
};
