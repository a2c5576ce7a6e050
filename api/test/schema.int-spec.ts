import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TestApp } from './test-app';

const SCHEMA_FILE = path.join(__dirname, '../schema.gql');
const HEADER = `# ------------------------------------------------------
# THIS FILE WAS AUTOMATICALLY GENERATED (DO NOT MODIFY)
# ------------------------------------------------------
`;

describe('GraphQL schema', () => {
  it('matches the committed api/schema.gql (UPDATE_SCHEMA=1 rewrites it, as starting the api in development does)', async () => {
    const t = await TestApp.start();
    try {
      const live = printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema));
      if (process.env['UPDATE_SCHEMA'] === '1') writeFileSync(SCHEMA_FILE, `${HEADER}\n${live}`);
      const committed = readFileSync(SCHEMA_FILE, 'utf8').replace(/^#.*\n/gm, '');
      expect(committed.trim()).toBe(live.trim());
    } finally {
      await t.close();
    }
  });
});
