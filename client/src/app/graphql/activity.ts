import { gql } from 'apollo-angular';
import type { Connection, DateTime, PageVariables, User } from './types';

/** One entry of a workspace's activity log: who did what, when. */
export interface Activity {
  id: string;
  verb: string;
  summary: string;
  actor: Pick<User, 'id' | 'name'> | null;
  createdAt: DateTime;
  projectId: string | null;
}

export const ACTIVITY = gql<
  { activity: Connection<Activity> },
  PageVariables & { workspaceId: string }
>`
  query Activity($workspaceId: ID!, $first: Int, $after: String) {
    activity(workspaceId: $workspaceId, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          verb
          summary
          createdAt
          projectId
          actor {
            id
            name
          }
        }
      }
    }
  }
`;
