import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../../database/sql';
import { type AuthUser } from '../auth/auth-user';
import { forbidden, notFound } from '../errors/domain-error';
import { type Action, roleAllows } from './policy';
import { Role } from './roles';

/** A resource reached by id; each resolves to its workspace before anything is read or written. */
export type TargetKind =
  | 'workspaceId'
  | 'projectId'
  | 'transcriptId'
  | 'participantId'
  | 'invitationId'
  | 'tagId'
  | 'highlightId'
  | 'segmentId'
  | 'analysisRunId'
  | 'suggestionId'
  | 'speakerMappingId'
  | 'boardId'
  | 'themeId'
  | 'cardId'
  | 'themeSuggestionRunId'
  | 'insightId'
  | 'commentId'
  | 'assignmentId'
  | 'projectImportId'
  | 'reportId'
  | 'reportSectionId'
  | 'reportShareId'
  | 'exportId';
export type AccessTarget = Partial<Record<TargetKind, string>>;

export interface AccessGrant {
  workspaceId: string;
  projectId: string | null;
  role: Role;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Each lookup yields (workspace_id, project_id) for one id. */
const LOOKUPS: Record<TargetKind, { what: string; sql: string }> = {
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
  invitationId: {
    what: 'Invitation',
    sql: `SELECT i.workspace_id, NULL::uuid AS project_id FROM invitation i WHERE i.id = $1`,
  },
  tagId: {
    what: 'Tag',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM tag x JOIN project p ON p.id = x.project_id WHERE x.id = $1`,
  },
  highlightId: {
    what: 'Highlight',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM highlight h JOIN project p ON p.id = h.project_id WHERE h.id = $1`,
  },
  analysisRunId: {
    what: 'Analysis run',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM analysis_run r JOIN project p ON p.id = r.project_id WHERE r.id = $1`,
  },
  suggestionId: {
    what: 'Suggestion',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM suggestion x JOIN project p ON p.id = x.project_id WHERE x.id = $1`,
  },
  speakerMappingId: {
    what: 'Speaker mapping',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM speaker_mapping x JOIN project p ON p.id = x.project_id WHERE x.id = $1`,
  },
  boardId: {
    what: 'Board',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM board b JOIN project p ON p.id = b.project_id WHERE b.id = $1`,
  },
  themeId: {
    what: 'Theme',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM board_theme x JOIN board b ON b.id = x.board_id
            JOIN project p ON p.id = b.project_id WHERE x.id = $1`,
  },
  cardId: {
    what: 'Card',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM board_card x JOIN board b ON b.id = x.board_id
            JOIN project p ON p.id = b.project_id WHERE x.id = $1`,
  },
  themeSuggestionRunId: {
    what: 'Theme suggestion run',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM theme_suggestion_run r JOIN project p ON p.id = r.project_id WHERE r.id = $1`,
  },
  insightId: {
    what: 'Insight',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM insight i JOIN project p ON p.id = i.project_id WHERE i.id = $1`,
  },
  commentId: {
    what: 'Comment',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM comment c JOIN project p ON p.id = c.project_id WHERE c.id = $1`,
  },
  assignmentId: {
    what: 'Assignment',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM assignment a JOIN project p ON p.id = a.project_id WHERE a.id = $1`,
  },
  projectImportId: {
    what: 'Import',
    sql: `SELECT x.workspace_id, NULL::uuid AS project_id FROM project_import x WHERE x.id = $1`,
  },
  reportId: {
    what: 'Report',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM report r JOIN project p ON p.id = r.project_id WHERE r.id = $1`,
  },
  reportSectionId: {
    what: 'Report section',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM report_section x JOIN report r ON r.id = x.report_id
            JOIN project p ON p.id = r.project_id WHERE x.id = $1`,
  },
  reportShareId: {
    what: 'Share link',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM report_share x JOIN report r ON r.id = x.report_id
            JOIN project p ON p.id = r.project_id WHERE x.id = $1`,
  },
  exportId: {
    // Only its requester sees an export: for anyone else it does not exist ($2 is the user).
    what: 'Export',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM export x JOIN project p ON p.id = x.project_id
           WHERE x.id = $1 AND x.requested_by_id = $2`,
  },
  segmentId: {
    what: 'Segment',
    sql: `SELECT p.workspace_id, p.id AS project_id FROM segment s JOIN transcript t ON t.id = s.transcript_id
            JOIN project p ON p.id = t.project_id WHERE s.id = $1`,
  },
};

/**
 * Decides whether a user may perform an action on a resource, in one query. A resource that
 * does not exist, one in a workspace the user does not belong to, and a restricted project the
 * user is not listed on all look the same (NOT_FOUND), so ids never reveal other data.
 */
@Injectable()
export class AccessService {
  constructor(private readonly db: DataSource) {}

  async require(user: AuthUser, action: Action, target: AccessTarget): Promise<AccessGrant> {
    const [kind, id] = Object.entries(target)[0] as [TargetKind, string];
    const lookup = LOOKUPS[kind];
    if (!lookup) throw new Error(`unknown access target ${kind}`);
    if (typeof id !== 'string' || !UUID.test(id)) throw notFound(lookup.what);
    const rows = await queryRows<{
      workspace_id: string;
      project_id: string | null;
      role: Role;
      visible: boolean;
    }>(
      this.db,
      `SELECT r.workspace_id, r.project_id, m.role,
              (r.project_id IS NULL OR m.role = 'OWNER' OR NOT p.restricted
               OR EXISTS (SELECT 1 FROM project_member pm WHERE pm.project_id = r.project_id AND pm.user_id = $2)) AS visible
         FROM (${lookup.sql}) r
         JOIN membership m ON m.workspace_id = r.workspace_id AND m.user_id = $2
         LEFT JOIN project p ON p.id = r.project_id`,
      [id, user.id],
    );
    const row = rows[0];
    if (!row || !row.visible) throw notFound(lookup.what);
    if (!roleAllows(row.role, action)) throw forbidden(forbiddenMessage(action, row.role));
    return { workspaceId: row.workspace_id, projectId: row.project_id, role: row.role };
  }

  /** The user's role in a workspace, or null when not a member. */
  async roleIn(userId: string, workspaceId: string): Promise<Role | null> {
    const rows = await queryRows<{ role: Role }>(
      this.db,
      `SELECT role FROM membership WHERE workspace_id = $1 AND user_id = $2`,
      [workspaceId, userId],
    );
    return rows[0]?.role ?? null;
  }
}

function forbiddenMessage(action: Action, role: Role): string {
  const needs =
    action === 'member:manage'
      ? 'an owner'
      : action === 'comment:write'
        ? 'a commenter'
        : 'an editor';
  return `You are ${role === Role.OWNER ? 'an owner' : `a ${role.toLowerCase()}`} here; this needs ${needs} or above.`;
}
