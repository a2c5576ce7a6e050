module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'analysis',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // Training and clustering tests run real corpora; a busy 2-core CI machine outgrows jest's 5 s.
  testTimeout: 60_000,
};
