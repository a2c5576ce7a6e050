import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, notFound } from '../../common/errors/domain-error';
import { type Connection, type PageArgs } from '../../common/pagination/connection';
import { paginate } from '../../common/pagination/paginate';
import { ProjectEntity } from './project.entity';
import { type CreateProjectInput, type ProjectType, toProjectType } from './projects.types';

@Injectable()
export class ProjectsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  async create(user: AuthUser, input: CreateProjectInput): Promise<ProjectType> {
    await this.access.require(user, 'project:create', { workspaceId: input.workspaceId });
    const name = input.name.trim();
    if (!name) throw badInput('name must not be empty');
    const project = await this.db
      .getRepository(ProjectEntity)
      .save({ workspaceId: input.workspaceId, name, description: input.description?.trim() || null });
    return toProjectType(project, 0);
  }

  async get(user: AuthUser, id: string): Promise<ProjectType> {
    await this.access.require(user, 'project:read', { projectId: id });
    const project = await this.db.getRepository(ProjectEntity).findOneBy({ id });
    if (!project) throw notFound('Project');
    const [count] = await this.transcriptCounts([id]);
    return toProjectType(project, count ?? 0);
  }

  async list(user: AuthUser, workspaceId: string, page: PageArgs): Promise<Connection<ProjectType>> {
    await this.access.require(user, 'workspace:read', { workspaceId });
    const qb = this.db
      .getRepository(ProjectEntity)
      .createQueryBuilder('project')
      .where('project.workspaceId = :workspaceId', { workspaceId });
    const connection = await paginate(qb, page, (p) => toProjectType(p, 0));
    const counts = await this.transcriptCounts(connection.edges.map((e) => e.node.id));
    connection.edges.forEach((e, i) => (e.node.transcriptCount = counts[i] ?? 0));
    return connection;
  }

  private async transcriptCounts(projectIds: string[]): Promise<number[]> {
    if (!projectIds.length) return [];
    const rows: { project_id: string; n: number }[] = await this.db.query(
      `SELECT project_id, count(*)::int AS n FROM transcript WHERE project_id = ANY($1::uuid[]) GROUP BY project_id`,
      [projectIds],
    );
    const byId = new Map(rows.map((r) => [r.project_id, r.n]));
    return projectIds.map((id) => byId.get(id) ?? 0);
  }
}
