import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badInput, conflict, isUniqueViolation, notFound } from '../../common/errors/domain-error';
import { PARTICIPANT_PALETTE } from '../participants/participants.service';
import { TagEntity } from './tag.entity';
import { type CreateTagInput, type TagType, type UpdateTagInput } from './tags.types';

export const MAX_TAGS_PER_PROJECT = 2000;

/** The project codebook. Access is checked by the PolicyGuard. */
@Injectable()
export class TagsService {
  constructor(private readonly db: DataSource) {}

  async create(input: CreateTagInput): Promise<TagType> {
    const name = input.name.trim();
    if (!name) throw badInput('name must not be empty');
    const repo = this.db.getRepository(TagEntity);
    const count = await repo.countBy({ projectId: input.projectId });
    if (count >= MAX_TAGS_PER_PROJECT) throw badInput(`A codebook holds at most ${MAX_TAGS_PER_PROJECT} tags.`);
    await this.refuseDuplicateName(input.projectId, name);
    if (input.parentId) await this.requireParent(input.projectId, input.parentId);
    const tag = await repo
      .save({
        projectId: input.projectId,
        name,
        description: input.description?.trim() || null,
        color: (input.color ?? PARTICIPANT_PALETTE[count % PARTICIPANT_PALETTE.length]!).toLowerCase(),
        parentId: input.parentId ?? null,
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw conflict(`A tag named “${name}” already exists in this project.`);
        throw error;
      });
    return { ...tag, usageCount: 0 };
  }

  async update(input: UpdateTagInput): Promise<TagType> {
    const tag = await this.db.getRepository(TagEntity).findOneBy({ id: input.id });
    if (!tag) throw notFound('Tag');
    const patch: Partial<TagEntity> = {};
    if (input.name !== undefined && input.name !== null) {
      const name = input.name.trim();
      if (!name) throw badInput('name must not be empty');
      if (name.toLowerCase() !== tag.name.toLowerCase()) await this.refuseDuplicateName(tag.projectId, name);
      patch.name = name;
    }
    if (input.description !== undefined) patch.description = input.description?.trim() || null;
    if (input.color) patch.color = input.color.toLowerCase();
    if (input.archived !== undefined && input.archived !== null) patch.archived = input.archived;
    if (input.parentId !== undefined) {
      if (input.parentId) await this.requireAcyclicParent(tag, input.parentId);
      patch.parentId = input.parentId ?? null;
    }
    if (Object.keys(patch).length) await this.db.getRepository(TagEntity).update({ id: tag.id }, patch);
    const [updated] = await this.list(tag.projectId, [tag.id]);
    return updated!;
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
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM tag WHERE project_id = $1 AND lower(name) = lower($2)`, [
      projectId,
      name,
    ]);
    if (rows.length) throw conflict(`A tag named “${name}” already exists in this project.`);
  }

  private async requireParent(projectId: string, parentId: string): Promise<void> {
    const parent = await this.db.getRepository(TagEntity).findOneBy({ id: parentId, projectId });
    if (!parent) throw badInput('parentId must be a tag of the same project.');
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
    if (rows.length) throw badInput('A tag cannot be moved under itself or one of its own sub-tags.');
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
