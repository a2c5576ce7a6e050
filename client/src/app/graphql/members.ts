import { gql } from 'apollo-angular';
import type { Connection, DateTime, PageVariables, Role, User } from './types';
import type { Workspace } from './workspaces';

export interface Member {
  user: User;
  role: Role;
  joinedAt: DateTime;
}

export interface Invitation {
  id: string;
  workspaceId: string;
  email: string;
  role: Role;
  expiresAt: DateTime;
  createdAt: DateTime;
  invitedBy: Pick<User, 'id' | 'name'> | null;
  /** Only in the `inviteMember` answer: the secret of the link, shown once. */
  token: string | null;
}

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'EXPIRED' | 'REVOKED';

/** What the holder of an invitation link may see before accepting it. */
export interface InvitationPreview {
  workspaceName: string;
  invitedByName: string | null;
  email: string;
  role: Role;
  expiresAt: DateTime;
  status: InvitationStatus;
}

export interface InviteMemberInput {
  workspaceId: string;
  email: string;
  role: Role;
}

const MEMBER_FIELDS = `
  role
  joinedAt
  user {
    id
    name
    email
  }
`;

const INVITATION_FIELDS = `
  id
  workspaceId
  email
  role
  expiresAt
  createdAt
  invitedBy {
    id
    name
  }
`;

export const MEMBERS = gql<
  { members: Connection<Member> },
  PageVariables & { workspaceId: string }
>`
  query Members($workspaceId: ID!, $first: Int, $after: String) {
    members(workspaceId: $workspaceId, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          ${MEMBER_FIELDS}
        }
      }
    }
  }
`;

export const UPDATE_MEMBER_ROLE = gql<
  { updateMemberRole: Member },
  { input: { workspaceId: string; userId: string; role: Role } }
>`
  mutation UpdateMemberRole($input: UpdateMemberRoleInput!) {
    updateMemberRole(input: $input) {
      ${MEMBER_FIELDS}
    }
  }
`;

export const REMOVE_MEMBER = gql<
  { removeMember: string },
  { input: { workspaceId: string; userId: string } }
>`
  mutation RemoveMember($input: RemoveMemberInput!) {
    removeMember(input: $input)
  }
`;

export const LEAVE_WORKSPACE = gql<{ leaveWorkspace: string }, { workspaceId: string }>`
  mutation LeaveWorkspace($workspaceId: ID!) {
    leaveWorkspace(workspaceId: $workspaceId)
  }
`;

/** Pending invitations of a workspace (OWNER only). */
export const INVITATIONS = gql<{ invitations: Invitation[] }, { workspaceId: string }>`
  query Invitations($workspaceId: ID!) {
    invitations(workspaceId: $workspaceId) {
      ${INVITATION_FIELDS}
    }
  }
`;

export const INVITE_MEMBER = gql<{ inviteMember: Invitation }, { input: InviteMemberInput }>`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      ${INVITATION_FIELDS}
      token
    }
  }
`;

export const REVOKE_INVITATION = gql<{ revokeInvitation: string }, { id: string }>`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id)
  }
`;

/** Public: anyone holding the link may read it. */
export const INVITATION = gql<{ invitation: InvitationPreview }, { token: string }>`
  query Invitation($token: String!) {
    invitation(token: $token) {
      workspaceName
      invitedByName
      email
      role
      expiresAt
      status
    }
  }
`;

export const ACCEPT_INVITATION = gql<{ acceptInvitation: Workspace }, { token: string }>`
  mutation AcceptInvitation($token: String!) {
    acceptInvitation(token: $token) {
      id
      name
      role
      memberCount
      createdAt
    }
  }
`;
