import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, conflict, notFound } from '../../common/errors/domain-error';
import { executeSql, queryFirstRow, queryOneRow, queryRows } from '../../database/sql';
import { inTransaction } from '../../database/transaction';
import { ActivityService } from '../activity/activity.service';
import { BoardsService } from '../boards/boards.service';
import { availableConfigSql, insightTextSearchConfig, projectLanguage } from './insight-language';
import { InsightsRepository } from './insights.repository';
import {
  type AddEvidenceInput,
  type CreateInsightInput,
  InsightStatus,
  type InsightType,
  MAX_EVIDENCE_PER_INSIGHT,
  type PromoteThemeInput,
  type RemoveEvidenceInput,
  type UpdateInsightInput,
} from './insights.types';

/** An insight as a change reads it, locked for the rest of the transaction. */
interface LockedInsight {
  id: string;
  project_id: string;
  workspace_id: string;
  theme_id: string | null;
  title: string;
  body: string;
  status: InsightStatus;
  version: number;
  ts_config: string;
  updated_at: Date;
}

/** What a new insight is made of, whether written or promoted from a theme. */
interface NewInsight {
  projectId: string;
  title: string;
  body: string;
  status: InsightStatus;
  themeId: string | null;
  highlightIds: string[];
  /** Every highlight must be of the project (else none is added); false: others are left out. */
  strictEvidence: boolean;
  tagIds: string[];
}

/**
 * Insights: findings written by researchers, each resting on highlights of its project.
 *
 * Concurrency: every change of an insight locks its row first. Edits of the title, body, status
 * and tags carry the version they were made on; a stale one is refused with CONFLICT and the
 * insight as it is now in `extensions.insight`, so nobody's text is overwritten unseen. Evidence
 * is a set (one row per highlight, the primary key): adding a highlight twice, or by two people
 * at once, leaves one row, so evidence changes need no version.
 */
@Injectable()
export class InsightsService {
  constructor(
    private readonly db: DataSource,
    private readonly activity: ActivityService,
    private readonly boards: BoardsService,
    private readonly repo: InsightsRepository,
  ) {}

  async create(user: AuthUser, input: CreateInsightInput): Promise<InsightType> {
    const title = input.title.trim();
    if (!title) throw badInput('title must not be empty');
    if (input.themeId) {
      const theme = await this.boards.themeHighlights(input.themeId);
      if (theme?.projectId !== input.projectId)
        throw badInput('themeId must be a theme of a board of this project.');
    }
    const id = await inTransaction(this.db, (tx) =>
      this.insert(tx, user, {
        projectId: input.projectId,
        title,
        body: input.body ?? '',
        status: input.status ?? InsightStatus.DRAFT,
        themeId: input.themeId ?? null,
        highlightIds: input.highlightIds ?? [],
        strictEvidence: true,
        tagIds: input.tagIds ?? [],
      }),
    );
    if (!id) throw await this.themeTaken(input.themeId!);
    if (input.themeId) await this.boards.announceThemeChanged(input.themeId, user.id);
    return this.repo.get(id);
  }

  /**
   * A theme made an insight: its title (unless another is given), its description as the body,
   * and the highlights of its cards, in card order, as evidence (sticky notes are no evidence).
   *
   * Once per theme: while the insight promoted from it exists, promoting again returns that
   * insight as it is. The database holds at most one insight per theme (UQ_insight_theme), so
   * when two people promote at once, one inserts and the other gets the same insight back.
   */
  async promoteTheme(user: AuthUser, input: PromoteThemeInput): Promise<InsightType> {
    const promoted = await this.repo.idForTheme(input.themeId);
    if (promoted) return this.repo.get(promoted);
    const theme = await this.boards.themeHighlights(input.themeId);
    if (!theme) throw notFound('Theme');
    const title = input.title?.trim() || theme.title;
    const id = await inTransaction(this.db, (tx) =>
      this.insert(
        tx,
        user,
        {
          projectId: theme.projectId,
          title,
          body: theme.description,
          status: InsightStatus.DRAFT,
          themeId: theme.id,
          highlightIds: theme.highlightIds,
          // A theme's highlights are of its project; one deleted since it was read is left out.
          strictEvidence: false,
          tagIds: [],
        },
        `${user.name} promoted the theme “${theme.title}” to an insight`,
      ),
    );
    // null: someone else's promotion of the theme committed first; theirs is the insight.
    if (id) await this.boards.announceThemeChanged(theme.id, user.id);
    const winner = id ?? (await this.repo.idForTheme(theme.id));
    if (!winner) throw notFound('Insight');
    return this.repo.get(winner);
  }

  async update(user: AuthUser, input: UpdateInsightInput): Promise<InsightType> {
    const title = input.title?.trim();
    if (input.title != null && !title) throw badInput('title must not be empty');
    await inTransaction(this.db, async (tx) => {
      const current = await this.lock(tx, input.id);
      if (input.version !== current.version)
        throw await this.stale(tx, current, 'Someone changed this insight since you opened it.');
      const next = {
        title: title ?? current.title,
        body: input.body ?? current.body,
        status: input.status ?? current.status,
      };
      let tsConfig = current.ts_config;
      if (next.title !== current.title || next.body !== current.body) {
        const project = await projectLanguage(tx, current.project_id);
        if (project) tsConfig = insightTextSearchConfig(next.title, next.body, project);
      }
      await executeSql(
        tx,
        `UPDATE insight SET title = $2, body = $3, status = $4::insight_status,
                ts_config = ${availableConfigSql('$5')},
                published_at = CASE WHEN $4::insight_status = 'DRAFT' THEN NULL
                                    WHEN status = 'PUBLISHED' THEN published_at ELSE now() END,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [current.id, next.title, next.body, next.status, tsConfig],
      );
      if (input.tagIds) await this.setTags(tx, current.id, current.project_id, input.tagIds, true);
      if (next.status === InsightStatus.PUBLISHED && current.status !== InsightStatus.PUBLISHED)
        await this.activity.record(tx, {
          workspaceId: current.workspace_id,
          projectId: current.project_id,
          actorId: user.id,
          verb: 'insight.published',
          summary: `${user.name} published the insight “${next.title}”`,
          data: { insightId: current.id },
        });
    });
    return this.repo.get(input.id);
  }

  async delete(user: AuthUser, id: string): Promise<string> {
    const themeId = await inTransaction(this.db, async (tx) => {
      const current = await this.lock(tx, id);
      await executeSql(tx, `DELETE FROM insight WHERE id = $1`, [id]);
      await this.activity.record(tx, {
        workspaceId: current.workspace_id,
        projectId: current.project_id,
        actorId: user.id,
        verb: 'insight.deleted',
        summary: `${user.name} deleted the insight “${current.title}”`,
        data: { insightId: id },
      });
      return current.theme_id;
    });
    // The theme it was promoted from can be promoted again: its board shows that live.
    if (themeId) await this.boards.announceThemeChanged(themeId, user.id);
    return id;
  }

  /**
   * Adds highlights of the insight's project as evidence, after the evidence it has, in the
   * order given; one it already rests on stays where it is. A highlight of another project, or
   * one that does not exist, refuses the whole call.
   */
  async addEvidence(user: AuthUser, input: AddEvidenceInput): Promise<InsightType> {
    await inTransaction(this.db, async (tx) => {
      const current = await this.lock(tx, input.insightId);
      const added = await this.addHighlights(tx, current, input.highlightIds, user, true);
      if (added)
        await executeSql(tx, `UPDATE insight SET updated_at = now() WHERE id = $1`, [current.id]);
    });
    return this.repo.get(input.insightId);
  }

  /** Takes highlights off the insight's evidence (the highlights stay); others are ignored. */
  async removeEvidence(_user: AuthUser, input: RemoveEvidenceInput): Promise<InsightType> {
    await inTransaction(this.db, async (tx) => {
      const current = await this.lock(tx, input.insightId);
      const removed = await queryRows<{ highlight_id: string }>(
        tx,
        `DELETE FROM insight_evidence WHERE insight_id = $1 AND highlight_id = ANY($2::uuid[])
         RETURNING highlight_id`,
        [current.id, [...new Set(input.highlightIds)]],
      );
      if (removed.length)
        await executeSql(tx, `UPDATE insight SET updated_at = now() WHERE id = $1`, [current.id]);
    });
    return this.repo.get(input.insightId);
  }

  /**
   * Inserts an insight with its tags and evidence, and records it; returns its id, or null (and
   * changes nothing) when its theme already has an insight.
   */
  private async insert(
    tx: EntityManager,
    user: AuthUser,
    spec: NewInsight,
    summary = `${user.name} wrote the insight “${spec.title}”`,
  ): Promise<string | null> {
    const project = await projectLanguage(tx, spec.projectId);
    if (!project) throw notFound('Project');
    const published = spec.status === InsightStatus.PUBLISHED;
    // A concurrent insert of the same theme makes this one wait for it, then do nothing.
    const inserted = await queryFirstRow<{ id: string }>(
      tx,
      `INSERT INTO insight (project_id, theme_id, title, body, status, created_by_id, ts_config, published_at)
       VALUES ($1, $2, $3, $4, $5::insight_status, $6, ${availableConfigSql('$7')},
               CASE WHEN $8::boolean THEN now() END)
       ON CONFLICT (theme_id) WHERE theme_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        spec.projectId,
        spec.themeId,
        spec.title,
        spec.body,
        spec.status,
        user.id,
        insightTextSearchConfig(spec.title, spec.body, project),
        published,
      ],
    );
    if (!inserted) return null;
    const { id } = inserted;
    await this.setTags(tx, id, spec.projectId, spec.tagIds, false);
    const locked = { id, project_id: spec.projectId } as LockedInsight;
    await this.addHighlights(tx, locked, spec.highlightIds, user, spec.strictEvidence);
    const base = {
      workspaceId: project.workspaceId,
      projectId: spec.projectId,
      actorId: user.id,
      data: { insightId: id, ...(spec.themeId ? { themeId: spec.themeId } : {}) },
    };
    await this.activity.record(tx, { ...base, verb: 'insight.created', summary });
    if (published)
      await this.activity.record(tx, {
        ...base,
        verb: 'insight.published',
        summary: `${user.name} published the insight “${spec.title}”`,
      });
    return id;
  }

  /**
   * Adds highlights as evidence after the last; returns how many were new. `strict`: every id
   * must be a highlight of the insight's project, else nothing is added.
   */
  private async addHighlights(
    tx: EntityManager,
    insight: Pick<LockedInsight, 'id' | 'project_id'>,
    highlightIds: string[],
    user: AuthUser,
    strict: boolean,
  ): Promise<number> {
    const wanted = [...new Set(highlightIds)];
    if (!wanted.length) return 0;
    const found = new Set(
      (
        await queryRows<{ id: string }>(
          tx,
          `SELECT id FROM highlight WHERE id = ANY($1::uuid[]) AND project_id = $2`,
          [wanted, insight.project_id],
        )
      ).map((r) => r.id),
    );
    if (strict && found.size !== wanted.length)
      throw badInput(
        'Only highlights of this insight’s project can be its evidence; some of these are not among them.',
      );
    const ids = wanted.filter((id) => found.has(id));
    const { last, n, already } = await queryOneRow<{ last: number; n: number; already: number }>(
      tx,
      `SELECT coalesce(max(position), 0)::int AS last, count(*)::int AS n,
              count(*) FILTER (WHERE highlight_id = ANY($2::uuid[]))::int AS already
         FROM insight_evidence WHERE insight_id = $1`,
      [insight.id, ids],
    );
    if (n + ids.length - already > MAX_EVIDENCE_PER_INSIGHT)
      throw badInput(
        `An insight rests on at most ${MAX_EVIDENCE_PER_INSIGHT.toLocaleString('en-US')} highlights; this one has ${n.toLocaleString('en-US')}.`,
      );
    if (ids.length === already) return 0;
    const inserted = await queryRows<{ highlight_id: string }>(
      tx,
      `INSERT INTO insight_evidence (insight_id, highlight_id, position, added_by_id)
       SELECT $1::uuid, x.h, ($3::int + x.n)::int, $4::uuid FROM unnest($2::uuid[]) WITH ORDINALITY AS x(h, n)
       ON CONFLICT (insight_id, highlight_id) DO NOTHING
       RETURNING highlight_id`,
      [insight.id, ids, last, user.id],
    );
    return inserted.length;
  }

  /** Sets (or with `replace`, replaces) the insight's tags; all must be of its project. */
  private async setTags(
    tx: EntityManager,
    insightId: string,
    projectId: string,
    tagIds: string[],
    replace: boolean,
  ): Promise<void> {
    const unique = [...new Set(tagIds)];
    if (replace) await executeSql(tx, `DELETE FROM insight_tag WHERE insight_id = $1`, [insightId]);
    if (!unique.length) return;
    const inserted = await queryRows<{ tag_id: string }>(
      tx,
      `INSERT INTO insight_tag (insight_id, tag_id)
       SELECT $1, t.id FROM tag t WHERE t.project_id = $2 AND t.id = ANY($3::uuid[])
       RETURNING tag_id`,
      [insightId, projectId, unique],
    );
    if (inserted.length !== unique.length) throw badInput('tagIds must be tags of this project.');
  }

  private async lock(tx: EntityManager, id: string): Promise<LockedInsight> {
    const rows = await queryRows<LockedInsight>(
      tx,
      `SELECT i.id, i.project_id, p.workspace_id, i.theme_id, i.title, i.body, i.status, i.version, i.ts_config, i.updated_at
         FROM insight i JOIN project p ON p.id = i.project_id WHERE i.id = $1 FOR UPDATE OF i`,
      [id],
    );
    const row = rows[0];
    if (!row) throw notFound('Insight');
    return row;
  }

  /** CONFLICT naming the insight a theme already has (a theme has at most one). */
  private async themeTaken(themeId: string) {
    const insightId = await this.repo.idForTheme(themeId);
    return conflict('This theme already has an insight; open that one instead.', { insightId });
  }

  /** CONFLICT with the insight as it is now, for the client to show instead of its copy. */
  private async stale(tx: EntityManager, current: LockedInsight, message: string) {
    const tags = await queryRows<{ tag_id: string }>(
      tx,
      `SELECT tag_id FROM insight_tag WHERE insight_id = $1 ORDER BY tag_id`,
      [current.id],
    );
    return conflict(message, {
      insight: {
        id: current.id,
        title: current.title,
        body: current.body,
        status: current.status,
        version: current.version,
        tagIds: tags.map((t) => t.tag_id),
        updatedAt: current.updated_at.toISOString(),
      },
    });
  }
}
