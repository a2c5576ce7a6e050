import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '../../common/access/roles';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput } from '../../common/errors/domain-error';
import { type Connection, type PageArgs } from '../../common/pagination/connection';
import { paginate } from '../../common/pagination/paginate';
import { MembershipEntity } from './membership.entity';
import { WorkspaceEntity } from './workspace.entity';
import { type CreateWorkspaceInput, type WorkspaceType } from './workspaces.types';

@Injectable()
export class WorkspacesService {
  constructor(private readonly db: DataSource) {}

  /** Creates a workspace with its creator as OWNER. */
  async create(user: AuthUser, input: CreateWorkspaceInput): Promise<WorkspaceType> {
    const name = input.name.trim();
    if (!name) throw badInput('name must not be empty');
    return this.db.transaction(async (tx) => {
      const workspace = await tx.save(tx.create(WorkspaceEntity, { name }));
      await tx.save(tx.create(MembershipEntity, { workspaceId: workspace.id, userId: user.id, role: Role.OWNER }));
      return { id: workspace.id, name: workspace.name, role: Role.OWNER, createdAt: workspace.createdAt };
    });
  }

  /** The workspaces the user belongs to, newest first. */
  list(user: AuthUser, page: PageArgs): Promise<Connection<WorkspaceType>> {
    const qb = this.db
      .getRepository(WorkspaceEntity)
      .createQueryBuilder('workspace')
      .innerJoinAndMapOne(
        'workspace.membership',
        MembershipEntity,
        'membership',
        'membership.workspaceId = workspace.id AND membership.userId = :userId',
        { userId: user.id },
      );
    return paginate(qb, page, (w) => ({
      id: w.id,
      name: w.name,
      createdAt: w.createdAt,
      role: (w as WorkspaceEntity & { membership: MembershipEntity }).membership.role,
    }));
  }
}
