import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Role } from '../../common/access/roles';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, notFound } from '../../common/errors/domain-error';
import { type Connection, type PageArgs } from '../../common/pagination/connection';
import { paginate } from '../../common/pagination/paginate';
import { queryRows } from '../../database/sql';
import { ActivityService } from '../activity/activity.service';
import { MembershipEntity } from './membership.entity';
import { WorkspaceEntity } from './workspace.entity';
import { type CreateWorkspaceInput, type WorkspaceType } from './workspaces.types';

type WorkspaceWithMembership = WorkspaceEntity & { membership: MembershipEntity };

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly db: DataSource,
    private readonly activity: ActivityService,
  ) {}

  /** Creates a workspace with its creator as OWNER. */
  async create(user: AuthUser, input: CreateWorkspaceInput): Promise<WorkspaceType> {
    const name = input.name.trim();
    if (!name) throw badInput('name must not be empty');
    return this.db.transaction(async (tx) => {
      const workspace = await tx.save(tx.create(WorkspaceEntity, { name }));
      await tx.save(
        tx.create(MembershipEntity, {
          workspaceId: workspace.id,
          userId: user.id,
          role: Role.OWNER,
        }),
      );
      await this.activity.record(tx, {
        workspaceId: workspace.id,
        actorId: user.id,
        verb: 'workspace.created',
        summary: `${user.name} created the workspace`,
      });
      return {
        id: workspace.id,
        name: workspace.name,
        role: Role.OWNER,
        createdAt: workspace.createdAt,
        memberCount: 1,
      };
    });
  }

  async get(user: AuthUser, id: string): Promise<WorkspaceType> {
    const workspace = await this.member(user).andWhere('workspace.id = :id', { id }).getOne();
    if (!workspace) throw notFound('Workspace');
    const [withCount] = await this.withCounts([toType(workspace as WorkspaceWithMembership)]);
    return withCount!;
  }

  /** The workspaces the user belongs to, newest first. */
  async list(user: AuthUser, page: PageArgs): Promise<Connection<WorkspaceType>> {
    const connection = await paginate(this.member(user), page, (w) =>
      toType(w as WorkspaceWithMembership),
    );
    await this.withCounts(connection.edges.map((e) => e.node));
    return connection;
  }

  /**
   * Memberships are this module's rows; the members module changes them through these, inside
   * its own transaction (which has locked what it decided on).
   */
  async addMember(
    tx: EntityManager,
    workspaceId: string,
    userId: string,
    role: Role,
  ): Promise<void> {
    await tx.insert(MembershipEntity, { workspaceId, userId, role });
  }

  async setMemberRole(tx: EntityManager, membershipId: string, role: Role): Promise<void> {
    await tx.update(MembershipEntity, { id: membershipId }, { role });
  }

  async removeMember(tx: EntityManager, membershipId: string): Promise<void> {
    await tx.delete(MembershipEntity, { id: membershipId });
  }

  private member(user: AuthUser) {
    return this.db
      .getRepository(WorkspaceEntity)
      .createQueryBuilder('workspace')
      .innerJoinAndMapOne(
        'workspace.membership',
        MembershipEntity,
        'membership',
        'membership.workspaceId = workspace.id AND membership.userId = :userId',
        { userId: user.id },
      );
  }

  private async withCounts(workspaces: WorkspaceType[]): Promise<WorkspaceType[]> {
    if (!workspaces.length) return workspaces;
    const rows = await queryRows<{ workspace_id: string; n: number }>(
      this.db,
      `SELECT workspace_id, count(*)::int AS n FROM membership WHERE workspace_id = ANY($1::uuid[]) GROUP BY workspace_id`,
      [workspaces.map((w) => w.id)],
    );
    const counts = new Map(rows.map((r) => [r.workspace_id, r.n]));
    workspaces.forEach((w) => (w.memberCount = counts.get(w.id) ?? 0));
    return workspaces;
  }
}

function toType(w: WorkspaceWithMembership): WorkspaceType {
  return {
    id: w.id,
    name: w.name,
    createdAt: w.createdAt,
    role: w.membership.role,
    memberCount: 0,
  };
}
