import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Source, buildSchema, concatAST, parse, validate } from 'graphql';

const documentsDir = join(__dirname, 'documents');
const generatedFile = join(__dirname, 'generated', 'graphql.ts');
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
    expect(output.map((file) => file.filename)).toEqual([generatedFile]);
    const committed = readFileSync(generatedFile, 'utf8');
    if (output[0]?.content !== committed) {
      throw new Error(
        'libs/contracts/src/generated/graphql.ts is out of date with api/schema.gql or ' +
          'libs/contracts/src/documents: run `npm run codegen` and commit the result.',
      );
    }
  });
});
