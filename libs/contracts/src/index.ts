// The client's GraphQL contract: typed documents, operation result/variable types, the schema's
// enums and inputs, and one injectable apollo-angular service per operation (`HighlightsGQL`).
// Everything here is generated from api/schema.gql and src/documents/*.graphql.
export * from './generated/graphql';
