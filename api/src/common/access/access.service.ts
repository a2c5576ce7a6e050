import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AuthUser } from '../auth/auth-user';
import { forbidden, notFound } from '../errors/domain-error';
import { type Action, roleAllows } from './policy';
import { type Role } from './roles';

/** A resource reached by id; each resolves to its workspace before anything is read or written. */
export type AccessTarget =
  | { workspaceId: string }
  | { projectId: string }
  | { transcriptId: string }
  | { participantId: string };

export interface AccessGrant {
  workspaceId: string;
  projectId: string | null;
  role: Role;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const LOOKUPS: Record<string, { what: string; sql: string }> = {
  workspaceId: {
    what: 'Workspace',
    sql: `SELECT w.id AS workspace_id, NULL::uuid AS project_id FROM workspace w WHERE w.id = $1`,
  },
  projectId: {
    what: 'Project',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM project p WHERE p.id = $1`,
  },
  transcriptId: {
    what: 'Transcript',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM transcript t JOIN project p ON p.id = t.project_id WHERE t.id = $1`,
  },
  participantId: {
    what: 'Participant',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM participant x JOIN project p ON p.id = x.project_id WHERE x.id = $1`,
  },
};

/**
 * The one place that decides whether a user may perform an action on a resource. A resource
 * that does not exist and one in a workspace the user does not belong to look the same
 * (NOT_FOUND), so ids never reveal another workspace's data.
 */
@Injectable()
export class AccessService {
  constructor(private readonly db: DataSource) {}

  async require(user: AuthUser, action: Action, target: AccessTarget): Promise<AccessGrant> {
    const [key, id] = Object.entries(target)[0] as [string, string];
    const lookup = LOOKUPS[key];
    if (!lookup) throw new Error(`unknown access target ${key}`);
    if (!UUID.test(id)) throw notFound(lookup.what);
    const rows: { workspace_id: string; project_id: string | null; role: Role }[] = await this.db.query(
      `SELECT r.workspace_id, r.project_id, m.role
         FROM (${lookup.sql}) r
         JOIN membership m ON m.workspace_id = r.workspace_id AND m.user_id = $2`,
      [id, user.id],
    );
    const row = rows[0];
    if (!row) throw notFound(lookup.what);
    if (!roleAllows(row.role, action)) throw forbidden();
    return { workspaceId: row.workspace_id, projectId: row.project_id, role: row.role };
  }
}
