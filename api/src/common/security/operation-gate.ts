import { type ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import {
  type DocumentNode,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import { type AppConfig } from '../../config/env';
import {
  aliasCount,
  badRequest,
  complexityOf,
  MAX_DOCUMENT_TOKENS,
  operationDepth,
} from './graphql-limits';
import { refusedTextIn, refusedTextMessage } from './text-arguments';

export type GraphqlLimits = AppConfig['graphql'];

/** What a transport received: the GraphQL-over-HTTP / graphql-ws request fields. */
export interface OperationRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/**
 * The one gate every GraphQL operation passes, over HTTP (Apollo) and over graphql-ws alike:
 *
 * 1. parse with at most MAX_DOCUMENT_TOKENS tokens;
 * 2. the standard validation rules (and no introspection when it is off), so a fragment cycle or
 *    an unknown field is refused as invalid before any limit walks the document;
 * 3. the limits, with the operation's variables: depth, aliases, cost (graphql-limits.ts) and
 *    argument text PostgreSQL cannot store (NUL).
 *
 * Every refusal is a GraphQLError with `extensions.code` BAD_USER_INPUT (HTTP 400); an
 * exception inside the limits themselves is a refusal too, never a server error.
 */
export class OperationGate {
  private readonly logger = new Logger('GraphQL');

  constructor(private readonly limits: GraphqlLimits) {}

  /** The rules run in Apollo's validation alongside the standard ones (none walk fragments). */
  get extraValidationRules(): ValidationRule[] {
    return this.limits.introspection ? [] : [NoSchemaIntrospectionCustomRule];
  }

  parse(query: unknown): DocumentNode | GraphQLError[] {
    if (typeof query !== 'string' || !query.trim())
      return [badRequest('The request must contain a GraphQL `query`.')];
    try {
      return parse(query, { maxTokens: MAX_DOCUMENT_TOKENS });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return [badRequest(message)];
    }
  }

  validate(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[] {
    try {
      return validate(schema, document, [...specifiedRules, ...this.extraValidationRules], {
        hideSuggestions: !this.limits.introspection,
      });
    } catch (error) {
      return [this.unexpected(error)];
    }
  }

  /** Depth, aliases, cost and refused text of a valid document; [] when it may run. */
  check(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: unknown,
    operationName: unknown,
  ): GraphQLError[] {
    try {
      const name = typeof operationName === 'string' ? operationName : undefined;
      const vars = isRecord(variables) ? variables : {};
      const operation = getOperationAST(document, name);
      if (!operation) return [badRequest('The request does not name one operation to run.')];
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], vars, {
        maxErrors: 10,
      });
      if (coerced.errors) return coerced.errors.map((e) => badRequest(e.message));
      const refusal = this.refusal(schema, document, operation, vars);
      return refusal ? [badRequest(refusal)] : [];
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions['code'] === 'BAD_USER_INPUT')
        return [error];
      return [this.unexpected(error)];
    }
  }

  /** Why a valid operation with valid variables may not run, or null. */
  private refusal(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): string | null {
    const { maxDepth, maxAliases, maxComplexity } = this.limits;
    const depth = operationDepth(document, operation);
    if (depth > maxDepth)
      return `'${operation.name?.value ?? 'anonymous'}' exceeds maximum operation depth of ${maxDepth}`;
    const aliases = aliasCount(document, operation);
    if (aliases > maxAliases)
      return `The operation uses ${aliases} aliases; at most ${maxAliases} are allowed.`;
    const cost = complexityOf(schema, document, variables, operation.name?.value);
    if (cost > maxComplexity)
      return `Query is too complex: cost ${cost}, maximum ${maxComplexity}. Ask for smaller pages (first/limit) or fewer nested lists.`;
    const refused = refusedTextIn(document, variables);
    return refused ? refusedTextMessage(refused) : null;
  }

  /** Parse, validate and check in one go (graphql-ws): the document, or why it was refused. */
  admit(
    schema: GraphQLSchema,
    request: OperationRequest,
  ): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
    const document = this.parse(request.query);
    if (Array.isArray(document)) return { errors: document };
    const invalid = this.validate(schema, document);
    if (invalid.length) return { errors: invalid.map((e) => badRequest(e.message)) };
    const refused = this.check(schema, document, request.variables, request.operationName);
    return refused.length ? { errors: refused } : { document };
  }

  private unexpected(error: unknown): GraphQLError {
    this.logger.warn(
      `refused an operation the limits could not check: ${error instanceof Error ? error.message : String(error)}`,
    );
    return badRequest('The operation could not be checked against the limits; simplify it.');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Apollo runs parsing (parseOptions.maxTokens) and the standard validation itself; this plugin
 * runs the gate's limits once the operation is resolved, when the variables are known.
 */
export function operationGatePlugin(gate: OperationGate): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document, schema }) => {
          const errors = gate.check(schema, document, request.variables, request.operationName);
          if (errors[0]) throw errors[0];
          return Promise.resolve();
        },
      }),
  };
}
