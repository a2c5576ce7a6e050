import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessChanges } from '../../common/access/access-changes';
import { AccessService } from '../../common/access/access.service';
import { Role } from '../../common/access/roles';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, notFound } from '../../common/errors/domain-error';
import { type Connection, type PageArgs } from '../../common/pagination/connection';
import { paginate } from '../../common/pagination/paginate';
import { executeSql, queryRows } from '../../database/sql';
import { ActivityService } from '../activity/activity.service';
import { LanguageReindexer } from '../transcripts/language/language-reindexer';
import { ProjectMemberEntity } from './project-member.entity';
import { ProjectEntity } from './project.entity';
import {
  type CreateProjectInput,
  type ProjectType,
  toProjectType,
  type UpdateProjectAccessInput,
  type UpdateProjectInput,
} from './projects.types';

/** Projects (studies). Access is checked by the PolicyGuard before these run. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly activity: ActivityService,
    private readonly languages: LanguageReindexer,
    private readonly accessChanges: AccessChanges,
  ) {}

  async create(user: AuthUser, input: CreateProjectInput): Promise<ProjectType> {
    const name = input.name.trim();
    if (!name) throw badInput('name must not be empty');
    const project = await this.db.transaction(async (tx) => {
      const saved = await tx.save(
        tx.create(ProjectEntity, {
          workspaceId: input.workspaceId,
          name,
          description: input.description?.trim() || null,
        }),
      );
      await this.activity.record(tx, {
        workspaceId: saved.workspaceId,
        projectId: saved.id,
        actorId: user.id,
        verb: 'project.created',
        summary: `${user.name} created the project “${saved.name}”`,
      });
      return saved;
    });
    return toProjectType(project, await this.roleOf(user, project.workspaceId), 0);
  }

  /**
   * Creates a project for an import inside the caller's transaction, named `name` or, when the
   * workspace has a project of that name already, `name (2)`, `name (3)`…; its id and name.
   */
  async createImportedIn(
    tx: EntityManager,
    user: Pick<AuthUser, 'id' | 'name'>,
    workspaceId: string,
    name: string,
    description: string | null,
  ): Promise<{ id: string; name: string }> {
    const base = (name.trim() || 'Imported project').slice(0, 180);
    const taken = await queryRows<{ name: string }>(
      tx,
      `SELECT lower(name) AS name FROM project WHERE workspace_id = $1 AND lower(name) LIKE lower($2) || '%'`,
      [workspaceId, base.replace(/[\\%_]/g, (c) => `\\${c}`)],
    );
    const names = new Set(taken.map((r) => r.name));
    let unique = base;
    for (let n = 2; names.has(unique.toLowerCase()); n++) unique = `${base} (${n})`;
    const saved = await tx.save(
      tx.create(ProjectEntity, {
        workspaceId,
        name: unique,
        description: description?.trim().slice(0, 5_000) || null,
      }),
    );
    await this.activity.record(tx, {
      workspaceId,
      projectId: saved.id,
      actorId: user.id,
      verb: 'project.imported',
      summary: `${user.name} imported the project “${saved.name}”`,
    });
    return { id: saved.id, name: saved.name };
  }

  async get(user: AuthUser, id: string): Promise<ProjectType> {
    const project = await this.db.getRepository(ProjectEntity).findOneBy({ id });
    if (!project) throw notFound('Project');
    const [count] = await this.transcriptCounts([id]);
    return toProjectType(project, await this.roleOf(user, project.workspaceId), count ?? 0);
  }

  /** The workspace's projects the user may see (restricted ones only for OWNERs and members). */
  async list(
    user: AuthUser,
    workspaceId: string,
    page: PageArgs,
  ): Promise<Connection<ProjectType>> {
    const role = await this.roleOf(user, workspaceId);
    const qb = this.db
      .getRepository(ProjectEntity)
      .createQueryBuilder('project')
      .where('project.workspaceId = :workspaceId', { workspaceId });
    if (role !== Role.OWNER) {
      qb.andWhere(
        '(NOT project.restricted OR EXISTS (SELECT 1 FROM project_member pm WHERE pm.project_id = project.id AND pm.user_id = :userId))',
        { userId: user.id },
      );
    }
    const connection = await paginate(qb, page, (p) => toProjectType(p, role, 0));
    const counts = await this.transcriptCounts(connection.edges.map((e) => e.node.id));
    connection.edges.forEach((e, i) => (e.node.transcriptCount = counts[i] ?? 0));
    return connection;
  }

  async updateAccess(user: AuthUser, input: UpdateProjectAccessInput): Promise<ProjectType> {
    const project = await this.db.getRepository(ProjectEntity).findOneBy({ id: input.projectId });
    if (!project) throw notFound('Project');
    const memberIds = [...new Set(input.memberIds ?? [])];
    await this.db.transaction(async (tx) => {
      if (memberIds.length) {
        const members = await queryRows<{ n: number }>(
          tx,
          `SELECT count(*)::int AS n FROM membership WHERE workspace_id = $1 AND user_id = ANY($2::uuid[])`,
          [project.workspaceId, memberIds],
        );
        if (members[0]?.n !== memberIds.length)
          throw badInput('memberIds must all be members of the workspace.');
      }
      await tx.update(ProjectEntity, { id: project.id }, { restricted: input.restricted });
      await tx.delete(ProjectMemberEntity, { projectId: project.id });
      if (memberIds.length)
        await tx.insert(
          ProjectMemberEntity,
          memberIds.map((userId) => ({ projectId: project.id, userId })),
        );
      await this.activity.record(tx, {
        workspaceId: project.workspaceId,
        projectId: project.id,
        actorId: user.id,
        verb: 'project.access_changed',
        summary: input.restricted
          ? `${user.name} restricted “${project.name}” to owners and ${memberIds.length} member(s)`
          : `${user.name} opened “${project.name}” to the whole workspace`,
        data: { restricted: input.restricted, memberIds },
      });
    });
    await this.accessChanges.changed(project.workspaceId);
    return this.get(user, project.id);
  }

  /**
   * Renames a project, edits its description or its default language. A new default is applied,
   * by a job, to the transcripts that have no language of their own.
   */
  async update(user: AuthUser, input: UpdateProjectInput): Promise<ProjectType> {
    const project = await this.db.getRepository(ProjectEntity).findOneBy({ id: input.id });
    if (!project) throw notFound('Project');
    const patch: Partial<Pick<ProjectEntity, 'name' | 'description' | 'defaultLanguage'>> = {};
    if (input.name !== undefined && input.name !== null) {
      patch.name = input.name.trim();
      if (!patch.name) throw badInput('name must not be empty');
    }
    if (input.description !== undefined) patch.description = input.description?.trim() || null;
    if (input.defaultLanguage !== undefined)
      patch.defaultLanguage = input.defaultLanguage?.trim() || null;
    const languageChanged =
      'defaultLanguage' in patch && patch.defaultLanguage !== project.defaultLanguage;
    if (Object.keys(patch).length) {
      await this.db.transaction(async (tx) => {
        await tx.update(ProjectEntity, { id: project.id }, patch);
        await this.activity.record(tx, {
          workspaceId: project.workspaceId,
          projectId: project.id,
          actorId: user.id,
          verb: 'project.updated',
          summary: `${user.name} updated the project “${patch.name ?? project.name}”`,
          data: { ...patch },
        });
      });
    }
    if (languageChanged) await this.languages.projectDefaultChanged(project.id);
    return this.get(user, project.id);
  }

  /**
   * Takes someone who leaves the workspace off the member lists of its restricted projects,
   * inside the caller's transaction.
   */
  async forgetMemberIn(tx: EntityManager, workspaceId: string, userId: string): Promise<void> {
    await executeSql(
      tx,
      `DELETE FROM project_member pm USING project p WHERE pm.project_id = p.id AND p.workspace_id = $1 AND pm.user_id = $2`,
      [workspaceId, userId],
    );
  }

  /** Whether the project may use an external AI provider, and what is redacted before it does. */
  async setAiSettings(
    tx: EntityManager,
    projectId: string,
    settings: Partial<
      Pick<ProjectEntity, 'aiAllowed' | 'redactEmails' | 'redactPhones' | 'redactNames'>
    >,
  ): Promise<void> {
    await tx.update(ProjectEntity, { id: projectId }, settings);
  }

  async memberIds(projectId: string): Promise<string[]> {
    const rows = await this.db.getRepository(ProjectMemberEntity).findBy({ projectId });
    return rows.map((r) => r.userId);
  }

  private async roleOf(user: AuthUser, workspaceId: string): Promise<Role> {
    const role = await this.access.roleIn(user.id, workspaceId);
    if (!role) throw notFound('Workspace');
    return role;
  }

  private async transcriptCounts(projectIds: string[]): Promise<number[]> {
    if (!projectIds.length) return [];
    const rows = await queryRows<{ project_id: string; n: number }>(
      this.db,
      `SELECT project_id, count(*)::int AS n FROM transcript WHERE project_id = ANY($1::uuid[]) GROUP BY project_id`,
      [projectIds],
    );
    const byId = new Map(rows.map((r) => [r.project_id, r.n]));
    return projectIds.map((id) => byId.get(id) ?? 0);
  }
}
