import { gql } from 'apollo-angular';
import type { Connection, DateTime, PageVariables, Role } from './types';

export interface Workspace {
  id: string;
  name: string;
  /** The signed-in user's role in this workspace. */
  role: Role;
  memberCount: number;
  createdAt: DateTime;
}

const WORKSPACE_FIELDS = `
  id
  name
  role
  memberCount
  createdAt
`;

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
          ${WORKSPACE_FIELDS}
        }
      }
    }
  }
`;

export const WORKSPACE = gql<{ workspace: Workspace }, { id: string }>`
  query Workspace($id: ID!) {
    workspace(id: $id) {
      ${WORKSPACE_FIELDS}
    }
  }
`;

export const CREATE_WORKSPACE = gql<{ createWorkspace: Workspace }, { input: { name: string } }>`
  mutation CreateWorkspace($input: CreateWorkspaceInput!) {
    createWorkspace(input: $input) {
      ${WORKSPACE_FIELDS}
    }
  }
`;
