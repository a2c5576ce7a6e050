module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'analysis',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
