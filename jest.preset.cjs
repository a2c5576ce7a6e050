// Shared jest settings: TypeScript through @swc/jest (decorator metadata for Nest),
// path aliases of tsconfig.base.json, and ESM-only packages let through the transform.
const path = require('node:path');

const esmOnly = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  'peek-readable',
  'uint8array-extras',
  '@tokenizer',
  'load-esm',
  'fractional-indexing',
  'marked',
  'ml-hclust',
  'ml-distance-euclidean',
  'ml-distance-matrix',
  'ml-kmeans',
  'ml-nearest-vector',
  'ml-spectra-processing',
  'is-any-array',
  'ml-array-[a-z]+',
].join('|');

module.exports = {
  testEnvironment: 'node',
  setupFiles: [path.join(__dirname, 'jest.fast-check.cjs')],
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnly})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@verbatim/contracts$': path.join(__dirname, 'libs/contracts/src/index.ts'),
    '^@verbatim/contracts/(.*)$': path.join(__dirname, 'libs/contracts/src/generated/$1'),
    '^@verbatim/transcript$': path.join(__dirname, 'libs/transcript/src/index.ts'),
    '^@verbatim/analysis$': path.join(__dirname, 'libs/analysis/src/index.ts'),
    '^@verbatim/interop$': path.join(__dirname, 'libs/interop/src/index.ts'),
    '^@verbatim/analysis/testing$': path.join(__dirname, 'libs/analysis/src/testing/index.ts'),
  },
};
