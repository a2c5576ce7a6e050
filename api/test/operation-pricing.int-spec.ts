import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  type DocumentNode,
  getNamedType,
  getNullableType,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  typeFromAST,
} from 'graphql';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { complexityOf, LIST_ROWS } from '../src/common/security/graphql-limits';
import { OperationGate } from '../src/common/security/operation-gate';
import { REPO_ROOT, TestApp } from './test-app';

/** The largest page sizes the client asks for: connections' `first` (the api's maximum) and the reader's second window of turns (client/src/app/features/reader/reader-page.ts). */
const WORST_CASE: Record<string, number> = { first: 100, limit: 2000 };
// The client's documents, generated into libs/contracts/src/generated/<domain>.ts as parsed ASTs.
const CLIENT_DOCUMENTS = path.join(REPO_ROOT, 'libs/contracts/src/generated');

function clientDocuments(): [string, DocumentNode][] {
  const documents: [string, DocumentNode][] = [];
  for (const file of readdirSync(CLIENT_DOCUMENTS).filter((f) => f !== 'types.ts')) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(path.join(CLIENT_DOCUMENTS, file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      const document = value as DocumentNode | null;
      // Operations only: a fragment is sent inside the operations that use it.
      if (document?.kind === Kind.DOCUMENT && document.definitions.some(isOperation))
        documents.push([`${file}:${name}`, document]);
    }
  }
  return documents;
}

function isOperation(definition: DocumentNode['definitions'][number]): boolean {
  return definition.kind === Kind.OPERATION_DEFINITION;
}

/** A value of `type` (required input fields only), with page sizes at their worst case. */
function sample(schema: GraphQLSchema, type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return sample(schema, type.ofType, name);
  if (isListType(type)) return [sample(schema, type.ofType, name)];
  if (name in WORST_CASE) return WORST_CASE[name];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]?.value;
  if (isInputObjectType(named))
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, sample(schema, f.type, f.name)]),
    );
  switch (named.name) {
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'ID':
      return '00000000-0000-4000-8000-000000000000';
    default:
      return 'x';
  }
}

function variablesFor(schema: GraphQLSchema, operation: OperationDefinitionNode) {
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((v) => {
      const type = typeFromAST(schema, v.type) as GraphQLInputType;
      return [v.variable.name.value, sample(schema, type, v.variable.name.value)];
    }),
  );
}

describe('operation pricing', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('prices every list field of the schema by the rows it can return', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const unpriced: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const key = `${type.name}.${field.name}`;
        const paged = field.args.some((a) => a.name === 'first' || a.name === 'limit');
        const edges = type.name.endsWith('Connection') && field.name === 'edges';
        if (isListType(getNullableType(field.type)) && !paged && !edges && !(key in LIST_ROWS))
          unpriced.push(key);
      }
    }
    expect(unpriced).toEqual([]);
  });

  it('finds the client’s documents', () => {
    expect(clientDocuments().length).toBeGreaterThan(40);
  });

  it('passes every document the client sends, at its largest page sizes, through the default limits', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const gate = new OperationGate(t.config.graphql);
    const refused: string[] = [];
    const costs: Record<string, number> = {};
    for (const [name, document] of clientDocuments()) {
      for (const operation of document.definitions) {
        if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
        const variables = variablesFor(schema, operation);
        const operationName = operation.name?.value;
        costs[name] = complexityOf(schema, document, variables, operationName);
        for (const e of gate.check(schema, document, variables, operationName))
          refused.push(`${name}: ${e.message}`);
      }
    }
    if (process.env.PRINT_COSTS) console.table(costs);
    expect(refused).toEqual([]);
  });
});
