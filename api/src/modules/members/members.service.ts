import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessChanges } from '../../common/access/access-changes';
import { Role } from '../../common/access/roles';
import { type AuthUser } from '../../common/auth/auth-user';
import { conflict, notFound } from '../../common/errors/domain-error';
import { type Connection, type PageArgs } from '../../common/pagination/connection';
import { paginate } from '../../common/pagination/paginate';
import { queryRows } from '../../database/sql';
import { ActivityService } from '../activity/activity.service';
import { UserEntity } from '../auth/user.entity';
import { ProjectsService } from '../projects/projects.service';
import { MembershipEntity } from '../workspaces/membership.entity';
import { WorkspacesService } from '../workspaces/workspaces.service';
import {
  type MemberType,
  type RemoveMemberInput,
  type UpdateMemberRoleInput,
} from './members.types';
import { toUserType } from '../auth/auth.types';

type MembershipWithUser = MembershipEntity & { member: UserEntity };

/** Who belongs to a workspace and with which role. The last OWNER always stays. */
@Injectable()
export class MembersService {
  constructor(
    private readonly db: DataSource,
    private readonly activity: ActivityService,
    private readonly accessChanges: AccessChanges,
    private readonly projects: ProjectsService,
    private readonly workspaces: WorkspacesService,
  ) {}

  list(workspaceId: string, page: PageArgs): Promise<Connection<MemberType>> {
    const qb = this.db
      .getRepository(MembershipEntity)
      .createQueryBuilder('membership')
      .innerJoinAndMapOne(
        'membership.member',
        UserEntity,
        'member',
        'member.id = membership.userId',
      )
      .where('membership.workspaceId = :workspaceId', { workspaceId });
    return paginate(qb, page, (m) => toMember(m as MembershipWithUser));
  }

  async updateRole(actor: AuthUser, input: UpdateMemberRoleInput): Promise<MemberType> {
    const member = await this.db.transaction(async (tx) => {
      const target = await this.lockMember(tx, input.workspaceId, input.userId);
      if (target.role === input.role) return toMember(target);
      if (target.role === Role.OWNER)
        await this.keepAnOwner(tx, input.workspaceId, 'demote the last owner');
      await this.workspaces.setMemberRole(tx, target.id, input.role);
      await this.activity.record(tx, {
        workspaceId: input.workspaceId,
        actorId: actor.id,
        verb: 'member.role_changed',
        summary: `${actor.name} changed ${target.member.name}’s role from ${target.role} to ${input.role}`,
        data: { userId: input.userId, from: target.role, to: input.role },
      });
      return toMember({ ...target, role: input.role });
    });
    await this.accessChanges.changed(input.workspaceId);
    return member;
  }

  async remove(actor: AuthUser, input: RemoveMemberInput): Promise<string> {
    return this.leaveOrRemove(actor, input.workspaceId, input.userId);
  }

  async leave(actor: AuthUser, workspaceId: string): Promise<string> {
    await this.leaveOrRemove(actor, workspaceId, actor.id);
    return workspaceId;
  }

  async count(workspaceIds: string[]): Promise<Map<string, number>> {
    if (!workspaceIds.length) return new Map();
    const rows = await queryRows<{ workspace_id: string; n: number }>(
      this.db,
      `SELECT workspace_id, count(*)::int AS n FROM membership WHERE workspace_id = ANY($1::uuid[]) GROUP BY workspace_id`,
      [workspaceIds],
    );
    return new Map(rows.map((r) => [r.workspace_id, r.n]));
  }

  private async leaveOrRemove(
    actor: AuthUser,
    workspaceId: string,
    userId: string,
  ): Promise<string> {
    const removed = await this.db.transaction(async (tx) => {
      const target = await this.lockMember(tx, workspaceId, userId);
      if (target.role === Role.OWNER) {
        await this.keepAnOwner(
          tx,
          workspaceId,
          userId === actor.id ? 'leave as the last owner' : 'remove the last owner',
        );
      }
      await this.workspaces.removeMember(tx, target.id);
      await this.projects.forgetMemberIn(tx, workspaceId, userId);
      const self = userId === actor.id;
      await this.activity.record(tx, {
        workspaceId,
        actorId: actor.id,
        verb: self ? 'member.left' : 'member.removed',
        summary: self
          ? `${actor.name} left the workspace`
          : `${actor.name} removed ${target.member.name} from the workspace`,
        data: { userId },
      });
      return userId;
    });
    await this.accessChanges.changed(workspaceId);
    return removed;
  }

  private async lockMember(
    tx: EntityManager,
    workspaceId: string,
    userId: string,
  ): Promise<MembershipWithUser> {
    const target = await tx
      .getRepository(MembershipEntity)
      .createQueryBuilder('membership')
      .innerJoinAndMapOne(
        'membership.member',
        UserEntity,
        'member',
        'member.id = membership.userId',
      )
      .where('membership.workspaceId = :workspaceId AND membership.userId = :userId', {
        workspaceId,
        userId,
      })
      .setLock('pessimistic_write', undefined, ['membership'])
      .getOne();
    if (!target) throw notFound('Member');
    return target as MembershipWithUser;
  }

  /** Locks the owner rows and refuses when only one is left. */
  private async keepAnOwner(tx: EntityManager, workspaceId: string, what: string): Promise<void> {
    const owners = await queryRows<{ id: string }>(
      tx,
      `SELECT id FROM membership WHERE workspace_id = $1 AND role = 'OWNER' FOR UPDATE`,
      [workspaceId],
    );
    if (owners.length <= 1) {
      throw conflict(`You cannot ${what}: make another member an owner first.`);
    }
  }
}

function toMember(m: MembershipWithUser): MemberType {
  return {
    user: toUserType(m.member),
    role: m.role,
    joinedAt: m.createdAt,
  };
}
