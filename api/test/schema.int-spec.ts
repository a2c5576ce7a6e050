import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TestApp } from './test-app';

describe('GraphQL schema', () => {
  it('matches the committed api/schema.gql (start the api in development to regenerate it)', async () => {
    const t = await TestApp.start();
    try {
      const live = printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema));
      const committed = readFileSync(path.join(__dirname, '../schema.gql'), 'utf8').replace(
        /^#.*\n/gm,
        '',
      );
      expect(committed.trim()).toBe(live.trim());
    } finally {
      await t.close();
    }
  });
});
