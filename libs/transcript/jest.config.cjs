module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'transcript',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
