import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Source, buildSchema, concatAST, parse, validate } from 'graphql';

const documentsDir = join(__dirname, 'documents');
const generatedDir = join(__dirname, 'generated');
const schemaFile = join(__dirname, '..', '..', '..', 'api', 'schema.gql');

function documentFiles(): string[] {
  return readdirSync(documentsDir)
    .filter((name) => name.endsWith('.graphql'))
    .sort();
}

describe('the client GraphQL contract', () => {
  it('has operation documents that are valid against api/schema.gql', () => {
    const schema = buildSchema(readFileSync(schemaFile, 'utf8'));
    // Fragments are shared across files, so the documents are checked as one.
    const all = concatAST(
      documentFiles().map((name) =>
        parse(new Source(readFileSync(join(documentsDir, name), 'utf8'), name)),
      ),
    );
    const errors = validate(schema, all).map((error) => {
      const at = error.locations?.[0];
      return `${error.source?.name ?? '?'}${at ? `:${at.line}:${at.column}` : ''} ${error.message}`;
    });
    expect(errors).toEqual([]);
  });

  it('has generated code that matches the schema and the documents (run `npm run codegen`)', () => {
    // graphql-codegen runs in a plain Node process (see generate.cjs) and writes nothing.
    const output = JSON.parse(
      execFileSync(process.execPath, [join(__dirname, '..', 'generate.cjs')], { encoding: 'utf8' }),
    ) as { filename: string; content: string }[];
    expect(output.map((file) => file.filename).sort()).toEqual(
      readdirSync(generatedDir)
        .map((name) => join(generatedDir, name))
        .sort(),
    );
    const stale = output
      .filter((file) => file.content !== readFileSync(file.filename, 'utf8'))
      .map((file) => relative(join(__dirname, '..', '..', '..'), file.filename));
    if (stale.length > 0) {
      throw new Error(
        `${stale.join(', ')} out of date with api/schema.gql or libs/contracts/src/documents: ` +
          'run `npm run codegen` and commit the result.',
      );
    }
  });
});
