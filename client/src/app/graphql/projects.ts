import { gql } from 'apollo-angular';
import type { Connection, DateTime, PageVariables, Role } from './types';

export interface Project {
  id: string;
  name: string;
  description: string | null;
  workspaceId: string;
  transcriptCount: number;
  createdAt: DateTime;
  /** The signed-in user's role in the project's workspace. */
  role: Role;
  /** Visible only to owners and the members listed by `projectMemberIds`. */
  restricted: boolean;
  /** The language of transcripts that have none of their own (too short or unclear to detect). */
  defaultLanguage: string | null;
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
  role
  restricted
  defaultLanguage
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

export interface UpdateProjectAccessInput {
  projectId: string;
  restricted: boolean;
  memberIds?: string[] | null;
}

/** Who besides the owners may see a restricted project (OWNER only). */
export const PROJECT_MEMBER_IDS = gql<{ projectMemberIds: string[] }, { projectId: string }>`
  query ProjectMemberIds($projectId: ID!) {
    projectMemberIds(projectId: $projectId)
  }
`;

export const UPDATE_PROJECT_ACCESS = gql<
  { updateProjectAccess: Project },
  { input: UpdateProjectAccessInput }
>`
  mutation UpdateProjectAccess($input: UpdateProjectAccessInput!) {
    updateProjectAccess(input: $input) {
      ${PROJECT_FIELDS}
    }
  }
`;

/** Sets (or, with null, clears) the project's default transcript language. */
export const UPDATE_PROJECT_LANGUAGE = gql<
  { updateProject: Project },
  { id: string; defaultLanguage: string | null }
>`
  mutation UpdateProjectLanguage($id: ID!, $defaultLanguage: String) {
    updateProject(input: { id: $id, defaultLanguage: $defaultLanguage }) {
      ${PROJECT_FIELDS}
    }
  }
`;
