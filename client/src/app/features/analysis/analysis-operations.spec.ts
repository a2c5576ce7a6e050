import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type DocumentNode, Kind, buildSchema, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as analysis from '../../graphql/analysis';

// graphql/operations.spec.ts checks the other features' documents; these join it once the api's
// analysis schema has landed in api/schema.gql.
const sdl = readFileSync(resolve(process.cwd(), '../api/schema.gql'), 'utf8');
const landed = /\bstartAnalysis\b/.test(sdl);

const documents = Object.entries(analysis).filter(
  (entry): entry is [string, DocumentNode] =>
    (entry[1] as DocumentNode | null)?.kind === Kind.DOCUMENT,
);

describe('analysis GraphQL operations', () => {
  it('exports every operation the analysis pages and the reader use', () => {
    expect(documents.map(([name]) => name).sort()).toEqual([
      'ACCEPT_SUGGESTION',
      'ACCEPT_SUGGESTIONS',
      'ANALYSIS_COVERAGE',
      'ANALYSIS_RUN',
      'ANALYSIS_RUNS',
      'ANALYSIS_RUN_EXCHANGES',
      'ANALYSIS_RUN_UPDATED',
      'CANCEL_ANALYSIS',
      'PROJECT_AI_SETTINGS',
      'REJECT_SUGGESTION',
      'RETRY_ANALYSIS_RUN',
      'START_ANALYSIS',
      'SUGGESTIONS',
      'SUGGESTION_COUNT',
      'UPDATE_PROJECT_AI_SETTINGS',
      'UPDATE_PROPOSED_THEME',
    ]);
  });

  it.skipIf(!landed).each(documents)(
    '%s is valid against api/schema.gql (skipped until the schema has startAnalysis)',
    (_name, document) => {
      expect(validate(buildSchema(sdl), document).map((e) => e.message)).toEqual([]);
    },
  );
});
