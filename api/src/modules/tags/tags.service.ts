import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { conflictOnUnique } from '../../common/errors/database-errors';
import { badInput, conflict, type DomainError, notFound } from '../../common/errors/domain-error';
import { ChangeKind, LiveEvents } from '../../common/pubsub/live-events';
import { ancestorIdsSql, closureCte, TAG_HIERARCHY } from '../../database/hierarchy';
import { executeSql, queryOneRow, queryRows } from '../../database/sql';
import { inTransaction, lock } from '../../database/transaction';
import { ActivityService } from '../activity/activity.service';
import { PARTICIPANT_PALETTE } from '../participants/participants.service';
import {
  type CreateTagInput,
  type MergeTagsInput,
  type TagType,
  type UpdateTagInput,
} from './tags.types';
import { TagMergeHook } from './tag-merge.hook';

export const MAX_TAGS_PER_PROJECT = 2000;

/** A code of an imported codebook: `key` names it within the import, `parentKey` its parent. */
export interface ImportedCode {
  key: string;
  parentKey: string | null;
  name: string;
  description: string | null;
  /** `#rrggbb`; a palette colour when absent. */
  color: string | null;
}

/** The unique index on (project_id, lower(name)): names are unique per project in any case. */
export const TAG_NAME_INDEX = 'UQ_tag_project_lower_name';

/**
 * The project codebook. Access is checked by the PolicyGuard.
 *
 * Concurrency: every change to a project's tag tree (create, rename, re-parent, merge) runs in a
 * transaction holding the project's codebook lock, so the checks it makes (the name is free, the
 * new parent is not a sub-tag, the tag still exists) still hold when it writes; the unique index
 * on lower(name) is the last word on names, also for tags created by accepted suggestions.
 */
@Injectable()
export class TagsService {
  constructor(
    private readonly db: DataSource,
    private readonly activity: ActivityService,
    private readonly live: LiveEvents,
    private readonly mergeHook: TagMergeHook,
  ) {}

  async create(user: AuthUser, input: CreateTagInput): Promise<TagType> {
    const name = tagName(input.name);
    const id = await this.writing(input.projectId, name, () =>
      inTransaction(this.db, async (tx) => {
        await lockCodebook(tx, input.projectId);
        const { count } = await queryOneRow<{ count: number }>(
          tx,
          `SELECT count(*)::int AS count FROM tag WHERE project_id = $1`,
          [input.projectId],
        );
        if (count >= MAX_TAGS_PER_PROJECT)
          throw badInput(`A codebook holds at most ${MAX_TAGS_PER_PROJECT} tags.`);
        await refuseTakenName(tx, input.projectId, name);
        if (input.parentId) await requireParent(tx, input.projectId, input.parentId);
        const color = input.color ?? PARTICIPANT_PALETTE[count % PARTICIPANT_PALETTE.length]!;
        const row = await queryOneRow<{ id: string }>(
          tx,
          `INSERT INTO tag (project_id, name, description, color, parent_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [
            input.projectId,
            name,
            input.description?.trim() || null,
            color.toLowerCase(),
            input.parentId ?? null,
          ],
        );
        await this.activity.recordInProject(tx, {
          projectId: input.projectId,
          actorId: user.id,
          verb: 'tag.created',
          summary: `${user.name} created the tag “${name}”`,
          data: { tagId: row.id },
        });
        return row.id;
      }),
    );
    await this.live.codebook(ChangeKind.CREATED, input.projectId, id);
    return this.one(input.projectId, id);
  }

  /**
   * The project's tag with this name (case-insensitive), created inside the caller's transaction
   * when there is none: how an accepted theme suggestion becomes a codebook tag. Two accepts of
   * the same theme at once get the same tag (the unique index decides, ON CONFLICT waits for it).
   */
  async findOrCreateIn(
    tx: EntityManager,
    projectId: string,
    name: string,
    description: string | null,
  ): Promise<string> {
    const trimmed = name.trim().slice(0, 100);
    if (!trimmed) throw badInput('name must not be empty');
    const existing = await findByName(tx, projectId, trimmed);
    if (existing) return existing;
    const { count } = await queryOneRow<{ count: number }>(
      tx,
      `SELECT count(*)::int AS count FROM tag WHERE project_id = $1`,
      [projectId],
    );
    if (count >= MAX_TAGS_PER_PROJECT)
      throw badInput(`A codebook holds at most ${MAX_TAGS_PER_PROJECT} tags.`);
    const [created] = await queryRows<{ id: string }>(
      tx,
      `INSERT INTO tag (project_id, name, description, color) VALUES ($1, $2, $3, $4)
       ON CONFLICT (project_id, lower(name)) DO NOTHING RETURNING id`,
      [
        projectId,
        trimmed,
        description?.trim() || null,
        PARTICIPANT_PALETTE[count % PARTICIPANT_PALETTE.length]!.toLowerCase(),
      ],
    );
    const id = created?.id ?? (await findByName(tx, projectId, trimmed));
    if (!id) throw conflict(`A tag named “${trimmed}” was being changed; please try again.`);
    return id;
  }

  /**
   * Writes an imported codebook into a new project inside the caller's transaction, parents
   * before children; names must already be unique in any case (the importer makes them so).
   * Returns each code's key → the new tag's id.
   */
  async importCodebookIn(
    tx: EntityManager,
    projectId: string,
    codes: readonly ImportedCode[],
  ): Promise<Map<string, string>> {
    if (codes.length > MAX_TAGS_PER_PROJECT)
      throw badInput(`A codebook holds at most ${MAX_TAGS_PER_PROJECT} tags.`);
    const ids = new Map(codes.map((c) => [c.key, randomUUID()]));
    if (!codes.length) return ids;
    await executeSql(
      tx,
      `INSERT INTO tag (id, project_id, name, description, color, parent_id)
       SELECT id, $1, name, description, color, parent_id
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[])
              AS c(id, name, description, color, parent_id)`,
      [
        projectId,
        codes.map((c) => ids.get(c.key)),
        codes.map((c) => c.name.trim().slice(0, 100)),
        codes.map((c) => c.description?.trim().slice(0, 5000) || null),
        codes.map((c, i) =>
          (c.color ?? PARTICIPANT_PALETTE[i % PARTICIPANT_PALETTE.length]!).toLowerCase(),
        ),
        codes.map((c) => (c.parentKey ? (ids.get(c.parentKey) ?? null) : null)),
      ],
    );
    return ids;
  }

  /** Renames, re-describes, recolours, archives or re-parents a tag. */
  async update(user: AuthUser, input: UpdateTagInput): Promise<TagType> {
    const projectId = await this.projectOf(input.id);
    const name = input.name !== undefined && input.name !== null ? tagName(input.name) : null;
    await this.writing(projectId, name ?? '', () =>
      inTransaction(this.db, async (tx) => {
        await lockCodebook(tx, projectId);
        const [tag] = await queryRows<{ id: string; name: string; archived: boolean }>(
          tx,
          `SELECT id, name, archived FROM tag WHERE id = $1`,
          [input.id],
        );
        if (!tag) throw notFound('Tag');
        const set: string[] = [];
        const values: unknown[] = [tag.id];
        const assign = (column: string, value: unknown) =>
          set.push(`${column} = $${values.push(value)}`);
        if (name !== null) {
          if (name.toLowerCase() !== tag.name.toLowerCase())
            await refuseTakenName(tx, projectId, name);
          assign('name', name);
        }
        if (input.description !== undefined)
          assign('description', input.description?.trim() || null);
        if (input.color) assign('color', input.color.toLowerCase());
        if (input.archived !== undefined && input.archived !== null)
          assign('archived', input.archived);
        if (input.parentId !== undefined) {
          if (input.parentId) await requireAcyclicParent(tx, projectId, tag.id, input.parentId);
          assign('parent_id', input.parentId ?? null);
        }
        if (set.length)
          await executeSql(
            tx,
            `UPDATE tag SET ${set.join(', ')}, updated_at = now() WHERE id = $1`,
            values,
          );
        const record = (verb: string, summary: string) =>
          this.activity.recordInProject(tx, {
            projectId,
            actorId: user.id,
            verb,
            summary: `${user.name} ${summary}`,
            data: { tagId: tag.id },
          });
        if (name !== null && name !== tag.name)
          await record('tag.renamed', `renamed the tag “${tag.name}” to “${name}”`);
        if (input.archived === true && !tag.archived)
          await record('tag.archived', `archived the tag “${name ?? tag.name}”`);
        if (input.archived === false && tag.archived)
          await record('tag.restored', `restored the tag “${name ?? tag.name}”`);
      }),
    );
    await this.live.codebook(ChangeKind.UPDATED, projectId, input.id);
    return this.one(projectId, input.id);
  }

  /**
   * Merges `sourceId` into `targetId` in one transaction: the target is added to every highlight
   * of the source (by the highlights module, through TagMergeHook), the source's sub-tags move
   * under the target, and the source is deleted.
   */
  async merge(user: AuthUser, input: MergeTagsInput): Promise<TagType> {
    if (input.sourceId === input.targetId) throw badInput('Pick two different tags to merge.');
    const projectId = await this.projectOf(input.sourceId);
    const target = await inTransaction(this.db, async (tx) => {
      await lockCodebook(tx, projectId);
      // Both rows locked in id order, so two merges of the same pair cannot deadlock.
      const rows = await queryRows<{
        id: string;
        project_id: string;
        name: string;
        workspace_id: string;
      }>(
        tx,
        `SELECT t.id, t.project_id, t.name, p.workspace_id FROM tag t JOIN project p ON p.id = t.project_id
          WHERE t.id = ANY($1::uuid[]) ORDER BY t.id FOR UPDATE OF t`,
        [[input.sourceId, input.targetId]],
      );
      const source = rows.find((r) => r.id === input.sourceId);
      const target = rows.find((r) => r.id === input.targetId);
      if (!source) throw notFound('Tag');
      if (!target || target.project_id !== source.project_id)
        throw badInput('targetId must be another tag of the same project.');
      if (await isAncestorOf(tx, source.id, target.id)) {
        throw badInput(
          `“${target.name}” is a sub-tag of “${source.name}”; merge it the other way round, or move it first.`,
        );
      }
      const moved = (
        await this.mergeHook.run(tx, { sourceId: source.id, targetId: target.id })
      ).reduce((sum, n) => sum + n, 0);
      await executeSql(
        tx,
        `UPDATE tag SET parent_id = $2, updated_at = now() WHERE parent_id = $1`,
        [source.id, target.id],
      );
      await executeSql(tx, `DELETE FROM tag WHERE id = $1`, [source.id]);
      // The source is gone: the target's change marks the codebook as changed.
      await executeSql(tx, `UPDATE tag SET updated_at = now() WHERE id = $1`, [target.id]);
      await this.activity.record(tx, {
        workspaceId: source.workspace_id,
        projectId: source.project_id,
        actorId: user.id,
        verb: 'tag.merged',
        summary: `${user.name} merged the tag “${source.name}” into “${target.name}”`,
        data: { sourceId: source.id, targetId: target.id, highlights: moved },
      });
      return target;
    });
    // Readers swap the source for the target on their highlights; the target's count grew.
    await this.live.codebook(ChangeKind.DELETED, projectId, input.sourceId, target.id);
    await this.live.codebook(ChangeKind.UPDATED, projectId, target.id);
    return this.one(target.project_id, target.id);
  }

  /** When any of the project's tags last changed (merges touch the target); null without tags. */
  async changedAt(projectId: string): Promise<Date | null> {
    const row = await queryOneRow<{ at: Date | null }>(
      this.db,
      `SELECT max(updated_at) AS at FROM tag WHERE project_id = $1`,
      [projectId],
    );
    return row.at;
  }

  /** The codebook with usage counts, parents before children, by name. */
  async list(projectId: string, ids?: string[]): Promise<TagType[]> {
    // `tree` pairs each listed tag with itself and its sub-tags: a highlight carrying the tag or
    // any of its sub-tags counts once for it.
    const rows = await queryRows<TagRow>(
      this.db,
      `WITH RECURSIVE ${closureCte(
        'tree',
        TAG_HIERARCHY,
        `r.project_id = $1 AND ($2::uuid[] IS NULL OR r.id = ANY($2::uuid[]))`,
      )}
       SELECT t.id, t.project_id, t.name, t.description, t.color, t.parent_id, t.archived,
              (SELECT count(*)::int FROM highlight_tag ht WHERE ht.tag_id = t.id) AS usage_count,
              (SELECT count(DISTINCT ht.highlight_id)::int FROM tree
                 JOIN highlight_tag ht ON ht.tag_id = tree.descendant_id
                WHERE tree.ancestor_id = t.id) AS highlight_count
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
      highlightCount: r.highlight_count,
    }));
  }

  private async one(projectId: string, id: string): Promise<TagType> {
    const [tag] = await this.list(projectId, [id]);
    if (!tag) throw notFound('Tag');
    return tag;
  }

  private async projectOf(tagId: string): Promise<string> {
    const [row] = await queryRows<{ project_id: string }>(
      this.db,
      `SELECT project_id FROM tag WHERE id = $1`,
      [tagId],
    );
    if (!row) throw notFound('Tag');
    return row.project_id;
  }

  /**
   * Runs a write that may take `name`: should the unique index refuse it after all (a tag
   * created outside the codebook lock, by an accepted suggestion), the caller gets the same
   * CONFLICT, naming the tag that has the name.
   */
  private writing<T>(projectId: string, name: string, write: () => Promise<T>): Promise<T> {
    return conflictOnUnique(
      write,
      async () => nameTaken(name, await findByName(this.db.manager, projectId, name)),
      TAG_NAME_INDEX,
    );
  }
}

function tagName(raw: string): string {
  const name = raw.trim();
  if (!name) throw badInput('name must not be empty');
  return name;
}

function lockCodebook(tx: EntityManager, projectId: string): Promise<void> {
  return lock(tx, 'codebook', projectId);
}

async function findByName(
  tx: EntityManager,
  projectId: string,
  name: string,
): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    `SELECT id FROM tag WHERE project_id = $1 AND lower(name) = lower($2)`,
    [projectId, name],
  );
  return row?.id ?? null;
}

function nameTaken(name: string, existingTagId: string | null): DomainError {
  return conflict(
    `A tag named “${name}” already exists in this project.`,
    existingTagId ? { existingTagId } : {},
  );
}

async function refuseTakenName(tx: EntityManager, projectId: string, name: string): Promise<void> {
  const existing = await findByName(tx, projectId, name);
  if (existing) throw nameTaken(name, existing);
}

async function requireParent(tx: EntityManager, projectId: string, parentId: string) {
  const rows = await queryRows<object>(tx, `SELECT 1 FROM tag WHERE id = $1 AND project_id = $2`, [
    parentId,
    projectId,
  ]);
  if (!rows.length) throw badInput('parentId must be a tag of the same project.');
}

/** Is `ancestorId` `tagId` itself or one of its ancestors? Ends on a cyclic tree too. */
async function isAncestorOf(
  tx: EntityManager,
  ancestorId: string,
  tagId: string,
): Promise<boolean> {
  const rows = await queryRows<object>(
    tx,
    `SELECT 1 FROM ${ancestorIdsSql(TAG_HIERARCHY, 'ARRAY[$1]::uuid[]')} up WHERE up.id = $2`,
    [tagId, ancestorId],
  );
  return rows.length > 0;
}

/** A tag cannot move under itself or one of its descendants. */
async function requireAcyclicParent(
  tx: EntityManager,
  projectId: string,
  tagId: string,
  parentId: string,
): Promise<void> {
  await requireParent(tx, projectId, parentId);
  if (await isAncestorOf(tx, tagId, parentId))
    throw badInput('A tag cannot be moved under itself or one of its own sub-tags.');
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
  highlight_count: number;
}
