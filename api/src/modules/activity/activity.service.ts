import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Role } from '../../common/access/roles';
import { type AuthUser } from '../../common/auth/auth-user';
import { notFound } from '../../common/errors/domain-error';
import { type Connection, type PageArgs } from '../../common/pagination/connection';
import { paginate } from '../../common/pagination/paginate';
import { executeSql } from '../../database/sql';
import { UserEntity } from '../auth/user.entity';
import { ActivityEntity } from './activity.entity';
import { type ActivityType } from './activity.types';
import { toUserType } from '../auth/auth.types';

export interface ActivityEvent {
  workspaceId: string;
  projectId?: string | null;
  actorId: string | null;
  verb: string;
  summary: string;
  data?: Record<string, unknown>;
}

export interface ActivityFilter {
  projectId?: string | null;
  since?: Date | null;
}

/** The append-only activity log; written inside the caller's transaction. */
@Injectable()
export class ActivityService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  async record(tx: EntityManager, event: ActivityEvent): Promise<void> {
    await executeSql(
      tx,
      `INSERT INTO activity (workspace_id, project_id, actor_id, verb, summary, data) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
      [
        event.workspaceId,
        event.projectId ?? null,
        event.actorId,
        event.verb,
        event.summary.slice(0, 500),
        JSON.stringify(event.data ?? {}),
      ],
    );
  }

  /**
   * An event of a project, recorded in the project's workspace (read by the same statement).
   * Records nothing when the project does not exist.
   */
  async recordInProject(
    tx: EntityManager,
    event: Omit<ActivityEvent, 'workspaceId' | 'projectId'> & { projectId: string },
  ): Promise<void> {
    await executeSql(
      tx,
      `INSERT INTO activity (workspace_id, project_id, actor_id, verb, summary, data)
       SELECT p.workspace_id, p.id, $2, $3, $4, $5::jsonb FROM project p WHERE p.id = $1`,
      [
        event.projectId,
        event.actorId,
        event.verb,
        event.summary.slice(0, 500),
        JSON.stringify(event.data ?? {}),
      ],
    );
  }

  /**
   * Newest first; events of restricted projects only for those who may see the project.
   * `projectId` keeps one project's events (a project the caller may not see, or one of another
   * workspace, is NOT_FOUND); `since` keeps the events after that instant.
   */
  async list(
    user: AuthUser,
    workspaceId: string,
    page: PageArgs,
    filter: ActivityFilter = {},
  ): Promise<Connection<ActivityType>> {
    const qb = this.db
      .getRepository(ActivityEntity)
      .createQueryBuilder('activity')
      .leftJoinAndMapOne('activity.actor', UserEntity, 'actor', 'actor.id = activity.actorId')
      .where('activity.workspaceId = :workspaceId', { workspaceId });
    if (filter.since) qb.andWhere('activity.createdAt > :since', { since: filter.since });
    if (filter.projectId) {
      const grant = await this.access.require(user, 'project:read', {
        projectId: filter.projectId,
      });
      if (grant.workspaceId !== workspaceId) throw notFound('Project');
      qb.andWhere('activity.projectId = :projectId', { projectId: filter.projectId });
      return paginate(qb, page, toActivityType);
    }
    const role = await this.access.roleIn(user.id, workspaceId);
    if (role !== Role.OWNER) {
      qb.andWhere(
        `(activity.projectId IS NULL OR EXISTS (SELECT 1 FROM project p WHERE p.id = activity.project_id AND (NOT p.restricted
          OR EXISTS (SELECT 1 FROM project_member pm WHERE pm.project_id = p.id AND pm.user_id = :userId))))`,
        { userId: user.id },
      );
    }
    return paginate(qb, page, toActivityType);
  }
}

function toActivityType(a: ActivityEntity): ActivityType {
  const actor = (a as ActivityEntity & { actor?: UserEntity | null }).actor;
  return {
    id: a.id,
    verb: a.verb,
    summary: a.summary,
    projectId: a.projectId,
    createdAt: a.createdAt,
    actor: actor ? toUserType(actor) : null,
  };
}
