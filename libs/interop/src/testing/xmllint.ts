// Test-only helpers (not exported from the package index): validation against the official
// QDA-XML schemas with xmllint (Debian's libxml2-utils), and the copied fixtures.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES_DIR = join(__dirname, '..', '..', 'fixtures', 'refi-qda');

export function fixtureText(relative: string): string {
  return readFileSync(join(FIXTURES_DIR, relative), 'utf8');
}

const SCHEMAS = {
  codebook: join(FIXTURES_DIR, 'schemas', 'Codebook-mrt2019.xsd'),
  project: join(FIXTURES_DIR, 'schemas', 'Project-mrt2019.xsd'),
};

export const HAS_XMLLINT = spawnSync('xmllint', ['--version']).status === 0;

if (!HAS_XMLLINT && process.env['CI']) {
  throw new Error('xmllint is missing: CI installs libxml2-utils (.ci/run) to validate QDA-XML');
}

/**
 * `describe` where xmllint is installed; elsewhere the suite is skipped, loudly, because what it
 * checks (that every file written is valid against the official schemas) matters.
 */
export const describeWithXmllint: jest.Describe = HAS_XMLLINT
  ? describe
  : (() => {
      console.warn(
        '\n*** xmllint not found: the QDA-XML schema validation tests are SKIPPED. ' +
          'Install it with `apt-get install libxml2-utils` (CI does). ***\n',
      );
      return describe.skip;
    })();

export interface SchemaVerdict {
  valid: boolean;
  /** What xmllint said, for the failure message. */
  output: string;
}

/** `xmllint --noout --schema <xsd> -` on the document. */
export function validateAgainstSchema(
  xml: string | Uint8Array,
  schema: keyof typeof SCHEMAS,
): SchemaVerdict {
  const result = spawnSync('xmllint', ['--noout', '--schema', SCHEMAS[schema], '-'], {
    input: xml,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { valid: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}
