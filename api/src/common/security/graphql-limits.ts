import { type ApolloServerPlugin } from '@apollo/server';
import depthLimit from 'graphql-depth-limit';
import {
  type DocumentNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  type GraphQLSchema,
  isLeafType,
  isListType,
  type ValidationRule,
} from 'graphql';
import {
  type ComplexityEstimator,
  fieldExtensionsEstimator,
  getComplexity,
} from 'graphql-query-complexity';

/** What an object list without `first`/`limit` is assumed to hold (participants of a project). */
export const UNPAGINATED_LIST_ESTIMATE = 10;
/** Parsing stops beyond this many tokens; the client's largest document has a few hundred. */
export const MAX_DOCUMENT_TOKENS = 10_000;

/**
 * Cost of a field: scalars and enums are free (they are columns of an object already loaded);
 * an object costs 1 plus its selection; a field with `first` or `limit` (a page of a
 * connection, a window of segments) multiplies its selection by that size, and an object list
 * without either by UNPAGINATED_LIST_ESTIMATE. A field may declare its own cost with
 * `@Field({ complexity })`, which wins.
 */
export const paginationEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (isLeafType(getNamedType(field.type))) return 0;
  const size = pageSize(args);
  if (size !== null) return 1 + childComplexity * size;
  if (isListType(getNullableType(field.type)))
    return 1 + childComplexity * UNPAGINATED_LIST_ESTIMATE;
  return 1 + childComplexity;
};

function pageSize(args: Record<string, unknown>): number | null {
  for (const name of ['first', 'limit']) {
    const value = args[name];
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
  }
  return null;
}

export const COMPLEXITY_ESTIMATORS: ComplexityEstimator[] = [
  fieldExtensionsEstimator(),
  paginationEstimator,
];

/** The complexity of one operation with its variables (null when the variables are invalid). */
export function complexityOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
): number | null {
  try {
    return getComplexity({
      schema,
      query: document,
      variables,
      operationName,
      estimators: COMPLEXITY_ESTIMATORS,
    });
  } catch (error) {
    // Invalid variables are reported by execution with a precise message; too many nodes here.
    if (error instanceof GraphQLError && /nodes/i.test(error.message))
      throw badRequest(error.message);
    return null;
  }
}

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/**
 * Refuses operations above GRAPHQL_MAX_COMPLEXITY. A plugin rather than a validation rule
 * because page sizes usually arrive as variables, which validation rules never see (and
 * Apollo caches validation per document).
 */
export function complexityLimitPlugin(max: number): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document, schema }) => {
          const cost = complexityOf(
            schema,
            document,
            request.variables ?? {},
            request.operationName ?? undefined,
          );
          if (cost !== null && cost > max) {
            throw badRequest(
              `Query is too complex: cost ${cost}, maximum ${max}. Ask for smaller pages (first/limit) or fewer nested lists.`,
            );
          }
          return Promise.resolve();
        },
      }),
  };
}

/** Refuses operations nested deeper than GRAPHQL_MAX_DEPTH (introspection fields do not count). */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return depthLimit(maxDepth) as ValidationRule;
}
