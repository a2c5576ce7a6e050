import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOneRow, queryRows } from '../../database/sql';
import { type DigestItemsType, type ProjectDigestType } from './digest.types';

/** How far back a digest looks for a user who never marked the project seen. */
export const DIGEST_DEFAULT_DAYS = 7;
/** The newest items listed per kind; the counts are exact. */
export const DIGEST_ITEMS = 5;
const DIGEST_TAGS = 50;
/** The board events a digest counts: not reorders within a column, nor renames. */
const BOARD_VERBS = [
  'board.created',
  'board.deleted',
  'board.cards_added',
  'board.card_moved',
  'board.themes_applied',
].join(',');

interface Counts {
  highlights: number;
  by_tag: { id: string; name: string; count: number }[] | null;
  comments: number;
  mentions: number;
  board_moves: number;
}

/** A project a user can see, named as a digest names it. */
export interface VisibleProject {
  id: string;
  name: string;
  workspaceName: string;
}

/** The most projects one user's e-mail digest looks at. */
export const DIGEST_MAX_PROJECTS = 100;

/**
 * What others did in a project after an instant, in four statements whatever the amounts:
 * the instant, the counts, and the newest transcripts and insights. "Others": rows whose author
 * is the caller are left out (a row whose author was deleted counts).
 */
@Injectable()
export class DigestRepository {
  constructor(private readonly db: DataSource) {}

  /** What is new since the user's read marker (or the last 7 days). */
  async digest(userId: string, projectId: string): Promise<ProjectDigestType> {
    const { seen, since } = await queryOneRow<{ seen: Date | null; since: Date }>(
      this.db,
      `SELECT m.seen_at AS seen, COALESCE(m.seen_at, now() - make_interval(days => $3)) AS since
         FROM (SELECT 1) one
         LEFT JOIN read_marker m ON m.user_id = $1 AND m.project_id = $2`,
      [userId, projectId, DIGEST_DEFAULT_DAYS],
    );
    return {
      ...(await this.changes(userId, projectId, since, null)),
      sinceLastSeen: seen !== null,
    };
  }

  /** What others did in the project after `since` and up to `until` (null: up to now). */
  async changes(
    userId: string,
    projectId: string,
    since: Date,
    until: Date | null,
  ): Promise<ProjectDigestType> {
    const args = [projectId, since, userId, until ?? 'infinity'];
    const [counts, newTranscripts, newInsights] = await Promise.all([
      this.counts(args),
      this.items(
        `SELECT id, title, count(*) OVER ()::int AS total FROM transcript
          WHERE project_id = $1 AND created_at > $2 AND created_at <= $4
            AND uploaded_by_id IS DISTINCT FROM $3
          ORDER BY created_at DESC, id DESC LIMIT ${DIGEST_ITEMS}`,
        args,
      ),
      this.items(
        `SELECT id, title, count(*) OVER ()::int AS total FROM insight
          WHERE project_id = $1 AND created_at > $2 AND created_at <= $4
            AND created_by_id IS DISTINCT FROM $3
          ORDER BY created_at DESC, id DESC LIMIT ${DIGEST_ITEMS}`,
        args,
      ),
    ]);
    return {
      since,
      // Whether `since` is a read marker is the caller's to say.
      sinceLastSeen: false,
      newTranscripts,
      newHighlights: {
        count: counts.highlights,
        byTag: (counts.by_tag ?? []).map((t) => ({
          tag: { id: t.id, name: t.name },
          count: t.count,
        })),
      },
      newComments: { count: counts.comments },
      mentions: { count: counts.mentions },
      newInsights,
      boardMoves: { count: counts.board_moves },
    };
  }

  /**
   * The projects the user can see today, by workspace and name: members see a workspace's open
   * projects, and restricted ones when they are on it; OWNERs see them all.
   */
  visibleProjects(userId: string): Promise<VisibleProject[]> {
    return queryRows<VisibleProject>(
      this.db,
      `SELECT p.id, p.name, w.name AS "workspaceName"
         FROM membership m
         JOIN workspace w ON w.id = m.workspace_id
         JOIN project p ON p.workspace_id = m.workspace_id
        WHERE m.user_id = $1
          AND (m.role = 'OWNER' OR NOT p.restricted
               OR EXISTS (SELECT 1 FROM project_member pm WHERE pm.project_id = p.id AND pm.user_id = m.user_id))
        ORDER BY w.name, p.name, p.id
        LIMIT ${DIGEST_MAX_PROJECTS}`,
      [userId],
    );
  }

  private counts(args: unknown[]): Promise<Counts> {
    return queryOneRow<Counts>(
      this.db,
      `WITH h AS (
         SELECT id FROM highlight
          WHERE project_id = $1 AND created_at > $2 AND created_at <= $4
            AND author_id IS DISTINCT FROM $3
       ), tagged AS (
         SELECT t.id, t.name, count(*)::int AS count
           FROM h JOIN highlight_tag ht ON ht.highlight_id = h.id JOIN tag t ON t.id = ht.tag_id
          GROUP BY t.id, t.name
          ORDER BY count DESC, t.name, t.id
          LIMIT ${DIGEST_TAGS}
       )
       SELECT
         (SELECT count(*)::int FROM h) AS highlights,
         (SELECT json_agg(json_build_object('id', id, 'name', name, 'count', count)
                          ORDER BY count DESC, name, id) FROM tagged) AS by_tag,
         (SELECT count(*)::int FROM comment c
           WHERE c.project_id = $1 AND c.created_at > $2 AND c.created_at <= $4
             AND c.deleted_at IS NULL
             AND c.author_id IS DISTINCT FROM $3) AS comments,
         (SELECT count(*)::int FROM comment_mention m JOIN comment c ON c.id = m.comment_id
           WHERE m.user_id = $3 AND c.project_id = $1 AND m.created_at > $2 AND m.created_at <= $4
             AND c.deleted_at IS NULL AND c.author_id IS DISTINCT FROM $3) AS mentions,
         (SELECT count(*)::int FROM activity a
           WHERE a.project_id = $1 AND a.created_at > $2 AND a.created_at <= $4
             AND a.verb = ANY('{${BOARD_VERBS}}')
             AND a.actor_id IS DISTINCT FROM $3) AS board_moves`,
      args,
    );
  }

  private async items(sql: string, args: unknown[]): Promise<DigestItemsType> {
    const rows = await queryRows<{ id: string; title: string; total: number }>(this.db, sql, args);
    return {
      count: rows[0]?.total ?? 0,
      items: rows.map((r) => ({ id: r.id, title: r.title })),
    };
  }
}
