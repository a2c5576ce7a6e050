import type { Role } from '@verbatim/contracts';
import { isKeyOf } from '../../shared/format';

/**
 * What the UI offers a member, from their role in the workspace. This mirrors the api's policy
 * table; the server enforces it anyway, the UI only avoids offering what would be refused.
 */
export interface Capabilities {
  /** Read projects, transcripts, participants, members and activity. */
  read: boolean;
  /** Comment on transcripts (coming in a later release). */
  comment: boolean;
  /** Create projects; upload, import and delete transcripts; rename participants. */
  edit: boolean;
  /** Invite, revoke, change roles, remove members; restrict projects. */
  manageMembers: boolean;
}

const NONE: Capabilities = { read: false, comment: false, edit: false, manageMembers: false };

const BY_ROLE: Record<Role, Capabilities> = {
  OWNER: { read: true, comment: true, edit: true, manageMembers: true },
  EDITOR: { read: true, comment: true, edit: true, manageMembers: false },
  COMMENTER: { read: true, comment: true, edit: false, manageMembers: false },
  VIEWER: { read: true, comment: false, edit: false, manageMembers: false },
};

/** While the role is unknown (loading, or an unknown value from a newer api), offer nothing. */
export function capabilitiesFor(role: string | null | undefined): Capabilities {
  return role && isKeyOf(BY_ROLE, role) ? BY_ROLE[role] : NONE;
}

export const ROLES: readonly Role[] = ['OWNER', 'EDITOR', 'COMMENTER', 'VIEWER'];

const ROLE_LABELS: Record<Role, string> = {
  OWNER: 'Owner',
  EDITOR: 'Editor',
  COMMENTER: 'Commenter',
  VIEWER: 'Viewer',
};

const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: 'manages members and settings, and edits everything',
  EDITOR: 'uploads transcripts, renames speakers and edits projects',
  COMMENTER: 'reads everything and comments',
  VIEWER: 'reads everything',
};

/** A role's name; a role this client does not know yet is shown as the api sent it. */
export function roleLabel(role: string): string {
  return isKeyOf(ROLE_LABELS, role) ? ROLE_LABELS[role] : role;
}

export function roleDescription(role: Role): string {
  return ROLE_DESCRIPTIONS[role];
}
