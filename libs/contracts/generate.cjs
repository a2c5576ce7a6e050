// Prints what graphql-codegen would write, as JSON on stdout, without writing anything.
// Run by src/contracts.spec.ts in a plain Node process: @graphql-codegen/cli loads ES-module-only
// packages that jest's CommonJS runtime cannot.
const { generate } = require('@graphql-codegen/cli');
const config = require('./codegen.config.cjs');

generate(config, false).then(
  (files) => process.stdout.write(JSON.stringify(files)),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
