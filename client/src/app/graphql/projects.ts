import { gql } from 'apollo-angular';
import type { Connection, DateTime, PageVariables } from './types';

export interface Project {
  id: string;
  name: string;
  description: string | null;
  workspaceId: string;
  transcriptCount: number;
  createdAt: DateTime;
}

export interface CreateProjectInput {
  workspaceId: string;
  name: string;
  description?: string | null;
}

const PROJECT_FIELDS = `
  id
  name
  description
  workspaceId
  transcriptCount
  createdAt
`;

export const PROJECTS = gql<
  { projects: Connection<Project> },
  PageVariables & { workspaceId: string }
>`
  query Projects($workspaceId: ID!, $first: Int, $after: String) {
    projects(workspaceId: $workspaceId, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          ${PROJECT_FIELDS}
        }
      }
    }
  }
`;

export const PROJECT = gql<{ project: Project }, { id: string }>`
  query Project($id: ID!) {
    project(id: $id) {
      ${PROJECT_FIELDS}
    }
  }
`;

export const CREATE_PROJECT = gql<{ createProject: Project }, { input: CreateProjectInput }>`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      ${PROJECT_FIELDS}
    }
  }
`;
