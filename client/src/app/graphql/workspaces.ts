import { gql } from 'apollo-angular';
import type { Connection, DateTime, PageVariables, Role } from './types';

export interface Workspace {
  id: string;
  name: string;
  role: Role;
  createdAt: DateTime;
}

export const WORKSPACES = gql<{ workspaces: Connection<Workspace> }, PageVariables>`
  query Workspaces($first: Int, $after: String) {
    workspaces(first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          name
          role
          createdAt
        }
      }
    }
  }
`;

export const CREATE_WORKSPACE = gql<{ createWorkspace: Workspace }, { input: { name: string } }>`
  mutation CreateWorkspace($input: CreateWorkspaceInput!) {
    createWorkspace(input: $input) {
      id
      name
      role
      createdAt
    }
  }
`;
