import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, conflict, isUniqueViolation, notFound } from '../../common/errors/domain-error';
import { ActivityService } from '../activity/activity.service';
import { PARTICIPANT_PALETTE } from '../participants/participants.service';
import { TagEntity } from './tag.entity';
import {
  type CreateTagInput,
  type MergeTagsInput,
  type TagType,
  type UpdateTagInput,
} from './tags.types';

export const MAX_TAGS_PER_PROJECT = 2000;

/** The project codebook. Access is checked by the PolicyGuard. */
@Injectable()
export class TagsService {
  constructor(
    private readonly db: DataSource,
    private readonly activity: ActivityService,
  ) {}

  async create(input: CreateTagInput): Promise<TagType> {
    const name = input.name.trim();
    if (!name) throw badInput('name must not be empty');
    const repo = this.db.getRepository(TagEntity);
    const count = await repo.countBy({ projectId: input.projectId });
    if (count >= MAX_TAGS_PER_PROJECT)
      throw badInput(`A codebook holds at most ${MAX_TAGS_PER_PROJECT} tags.`);
    await this.refuseDuplicateName(input.projectId, name);
    if (input.parentId) await this.requireParent(input.projectId, input.parentId);
    const tag = await repo
      .save({
        projectId: input.projectId,
        name,
        description: input.description?.trim() || null,
        color: (
          input.color ?? PARTICIPANT_PALETTE[count % PARTICIPANT_PALETTE.length]!
        ).toLowerCase(),
        parentId: input.parentId ?? null,
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error))
          throw conflict(`A tag named “${name}” already exists in this project.`);
        throw error;
      });
    return { ...tag, usageCount: 0 };
  }

  /**
   * The project's tag with this name (case-insensitive), created inside the caller's transaction
   * when there is none: how an accepted theme suggestion becomes a codebook tag.
   */
  async findOrCreateIn(
    tx: EntityManager,
    projectId: string,
    name: string,
    description: string | null,
  ): Promise<string> {
    const trimmed = name.trim().slice(0, 100);
    if (!trimmed) throw badInput('name must not be empty');
    const [existing] = (await tx.query(
      `SELECT id FROM tag WHERE project_id = $1 AND lower(name) = lower($2)`,
      [projectId, trimmed],
    )) as { id: string }[];
    if (existing) return existing.id;
    const count = await tx.getRepository(TagEntity).countBy({ projectId });
    if (count >= MAX_TAGS_PER_PROJECT)
      throw badInput(`A codebook holds at most ${MAX_TAGS_PER_PROJECT} tags.`);
    const tag = await tx.getRepository(TagEntity).save({
      projectId,
      name: trimmed,
      description: description?.trim() || null,
      color: PARTICIPANT_PALETTE[count % PARTICIPANT_PALETTE.length]!.toLowerCase(),
      parentId: null,
    });
    return tag.id;
  }

  async update(input: UpdateTagInput): Promise<TagType> {
    const tag = await this.db.getRepository(TagEntity).findOneBy({ id: input.id });
    if (!tag) throw notFound('Tag');
    const patch: Partial<TagEntity> = {};
    if (input.name !== undefined && input.name !== null) {
      const name = input.name.trim();
      if (!name) throw badInput('name must not be empty');
      if (name.toLowerCase() !== tag.name.toLowerCase())
        await this.refuseDuplicateName(tag.projectId, name);
      patch.name = name;
    }
    if (input.description !== undefined) patch.description = input.description?.trim() || null;
    if (input.color) patch.color = input.color.toLowerCase();
    if (input.archived !== undefined && input.archived !== null) patch.archived = input.archived;
    if (input.parentId !== undefined) {
      if (input.parentId) await this.requireAcyclicParent(tag, input.parentId);
      patch.parentId = input.parentId ?? null;
    }
    if (Object.keys(patch).length)
      await this.db.getRepository(TagEntity).update({ id: tag.id }, patch);
    const [updated] = await this.list(tag.projectId, [tag.id]);
    return updated!;
  }

  /**
   * Merges `sourceId` into `targetId` in one transaction: the target is added to every highlight
   * of the source (a highlight that had both keeps one row: the earlier date, and HUMAN if either
   * was), the source's sub-tags move under the target, and the source is deleted.
   */
  async merge(user: AuthUser, input: MergeTagsInput): Promise<TagType> {
    if (input.sourceId === input.targetId) throw badInput('Pick two different tags to merge.');
    const target = await this.db.transaction(async (tx) => {
      // Both rows locked in id order, so two merges of the same pair cannot deadlock.
      const rows: { id: string; project_id: string; name: string; workspace_id: string }[] =
        await tx.query(
          `SELECT t.id, t.project_id, t.name, p.workspace_id FROM tag t JOIN project p ON p.id = t.project_id
          WHERE t.id = ANY($1::uuid[]) ORDER BY t.id FOR UPDATE OF t`,
          [[input.sourceId, input.targetId]],
        );
      const source = rows.find((r) => r.id === input.sourceId);
      const target = rows.find((r) => r.id === input.targetId);
      if (!source) throw notFound('Tag');
      if (!target || target.project_id !== source.project_id)
        throw badInput('targetId must be another tag of the same project.');
      if (await this.isDescendant(tx, target.id, source.id)) {
        throw badInput(
          `“${target.name}” is a sub-tag of “${source.name}”; merge it the other way round, or move it first.`,
        );
      }
      const moved: unknown[] = await tx.query(
        `INSERT INTO highlight_tag (highlight_id, tag_id, source, created_at)
         SELECT highlight_id, $2, source, created_at FROM highlight_tag WHERE tag_id = $1
         ON CONFLICT (highlight_id, tag_id) DO UPDATE
           SET created_at = LEAST(highlight_tag.created_at, EXCLUDED.created_at),
               source = CASE WHEN EXCLUDED.source = 'HUMAN' THEN 'HUMAN'::tag_source ELSE highlight_tag.source END
         RETURNING highlight_id`,
        [source.id, target.id],
      );
      await tx.query(`UPDATE tag SET parent_id = $2 WHERE parent_id = $1`, [source.id, target.id]);
      await tx.query(`DELETE FROM tag WHERE id = $1`, [source.id]);
      await this.activity.record(tx, {
        workspaceId: source.workspace_id,
        projectId: source.project_id,
        actorId: user.id,
        verb: 'tag.merged',
        summary: `${user.name} merged the tag “${source.name}” into “${target.name}”`,
        data: { sourceId: source.id, targetId: target.id, highlights: moved.length },
      });
      return target;
    });
    const [merged] = await this.list(target.project_id, [target.id]);
    return merged!;
  }

  /** The codebook with usage counts, parents before children, by name. */
  async list(projectId: string, ids?: string[]): Promise<TagType[]> {
    const rows: TagRow[] = await this.db.query(
      `SELECT t.id, t.project_id, t.name, t.description, t.color, t.parent_id, t.archived,
              (SELECT count(*)::int FROM highlight_tag ht WHERE ht.tag_id = t.id) AS usage_count
         FROM tag t
        WHERE t.project_id = $1 AND ($2::uuid[] IS NULL OR t.id = ANY($2::uuid[]))
        ORDER BY lower(t.name)`,
      [projectId, ids ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      projectId: r.project_id,
      name: r.name,
      description: r.description,
      color: r.color,
      parentId: r.parent_id,
      archived: r.archived,
      usageCount: r.usage_count,
    }));
  }

  private async refuseDuplicateName(projectId: string, name: string): Promise<void> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM tag WHERE project_id = $1 AND lower(name) = lower($2)`,
      [projectId, name],
    );
    if (rows.length) throw conflict(`A tag named “${name}” already exists in this project.`);
  }

  private async requireParent(projectId: string, parentId: string): Promise<void> {
    const parent = await this.db.getRepository(TagEntity).findOneBy({ id: parentId, projectId });
    if (!parent) throw badInput('parentId must be a tag of the same project.');
  }

  /** Is `tagId` a (transitive) sub-tag of `ancestorId`? */
  private async isDescendant(
    tx: EntityManager,
    tagId: string,
    ancestorId: string,
  ): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `WITH RECURSIVE up(id, parent_id) AS (
         SELECT id, parent_id FROM tag WHERE id = $1
         UNION SELECT t.id, t.parent_id FROM tag t JOIN up ON t.id = up.parent_id
       ) SELECT 1 FROM up WHERE id = $2 AND id <> $1`,
      [tagId, ancestorId],
    );
    return rows.length > 0;
  }

  /** A tag cannot move under itself or one of its descendants. */
  private async requireAcyclicParent(tag: TagEntity, parentId: string): Promise<void> {
    await this.requireParent(tag.projectId, parentId);
    const rows: unknown[] = await this.db.query(
      `WITH RECURSIVE up(id, parent_id) AS (
         SELECT id, parent_id FROM tag WHERE id = $1
         UNION ALL SELECT t.id, t.parent_id FROM tag t JOIN up ON t.id = up.parent_id
       ) SELECT 1 FROM up WHERE id = $2`,
      [parentId, tag.id],
    );
    if (rows.length)
      throw badInput('A tag cannot be moved under itself or one of its own sub-tags.');
  }
}

interface TagRow {
  id: string;
  project_id: string;
  name: string;
  description: string | null;
  color: string;
  parent_id: string | null;
  archived: boolean;
  usage_count: number;
}
