// The client's GraphQL contract, generated from api/schema.gql and src/documents/*.graphql.
// Here: the types (operation results and variables, fragments, the enums and inputs the
// documents use). The typed documents are imported per domain, from
// `@verbatim/contracts/<domain>` (`import { SignUpDocument } from '@verbatim/contracts/auth'`):
// the bundler keeps a whole module in one chunk, so a barrel of every document would put them
// all in the initial bundle.
export type * from './generated/types';
