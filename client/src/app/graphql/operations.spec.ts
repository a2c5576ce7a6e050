import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type DocumentNode, Kind, buildSchema, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as activity from './activity';
import * as auth from './auth';
import * as codebook from './codebook';
import * as evidence from './evidence';
import * as highlights from './highlights';
import * as members from './members';
import * as participants from './participants';
import * as projects from './projects';
import * as search from './search';
import * as transcripts from './transcripts';
import * as workspaces from './workspaces';

function documents(module: Record<string, unknown>): [string, DocumentNode][] {
  return Object.entries(module).filter(
    (entry): entry is [string, DocumentNode] =>
      (entry[1] as DocumentNode | null)?.kind === Kind.DOCUMENT,
  );
}

describe('GraphQL operations', () => {
  const schema = buildSchema(readFileSync(resolve(process.cwd(), '../api/schema.gql'), 'utf8'));
  const all = [activity, auth, members, participants, projects, transcripts, workspaces].flatMap(
    documents,
  );
  all.push(...documents(highlights));
  all.push(...[codebook, evidence, search].flatMap(documents));

  it.each(all)('%s is valid against api/schema.gql', (_name, document) => {
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  });
});
