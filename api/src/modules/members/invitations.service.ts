import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, conflict, forbidden, notFound } from '../../common/errors/domain-error';
import { queryRows } from '../../database/sql';
import { ActivityService } from '../activity/activity.service';
import { UserEntity } from '../auth/user.entity';
import { MembershipEntity } from '../workspaces/membership.entity';
import { WorkspaceEntity } from '../workspaces/workspace.entity';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { InvitationCreatedHook } from './invitation-created.hook';
import { InvitationEntity } from './invitation.entity';
import {
  InvitationStatus,
  type InvitationPreviewType,
  type InvitationType,
  type InviteMemberInput,
} from './members.types';
import { toUserType } from '../auth/auth.types';

export const INVITATION_TTL_DAYS = 7;

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Invitations: links with a secret token (stored hashed) that expire, work once and can be revoked. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: DataSource,
    private readonly activity: ActivityService,
    private readonly workspaces: WorkspacesService,
    private readonly created: InvitationCreatedHook,
  ) {}

  /** Creates an invitation (replacing a pending one for the same e-mail); the token is returned once. */
  async invite(actor: AuthUser, input: InviteMemberInput): Promise<InvitationType> {
    const email = input.email.trim().toLowerCase();
    const token = randomBytes(32).toString('base64url');
    return this.db.transaction(async (tx) => {
      const member = await queryRows<object>(
        tx,
        `SELECT 1 FROM membership m JOIN user_account u ON u.id = m.user_id WHERE m.workspace_id = $1 AND u.email = $2`,
        [input.workspaceId, email],
      );
      if (member.length) throw conflict(`${email} is already a member of this workspace.`);
      await tx.update(
        InvitationEntity,
        { workspaceId: input.workspaceId, email, acceptedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      const invitation = await tx.save(
        tx.create(InvitationEntity, {
          workspaceId: input.workspaceId,
          email,
          role: input.role,
          tokenHash: hashToken(token),
          invitedById: actor.id,
          expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
        }),
      );
      await this.activity.record(tx, {
        workspaceId: input.workspaceId,
        actorId: actor.id,
        verb: 'member.invited',
        summary: `${actor.name} invited ${email} as ${input.role}`,
        data: { invitationId: invitation.id, email, role: input.role },
      });
      await this.created.run(tx, { invitationId: invitation.id, email, token });
      return { ...toInvitation(invitation, toUserType(actor)), token };
    });
  }

  async pending(workspaceId: string): Promise<InvitationType[]> {
    const rows = await this.db
      .getRepository(InvitationEntity)
      .createQueryBuilder('invitation')
      .leftJoinAndMapOne(
        'invitation.invitedBy',
        UserEntity,
        'inviter',
        'inviter.id = invitation.invitedById',
      )
      .where('invitation.workspaceId = :workspaceId', { workspaceId })
      .andWhere(
        'invitation.acceptedAt IS NULL AND invitation.revokedAt IS NULL AND invitation.expiresAt > now()',
      )
      .orderBy('invitation.createdAt', 'DESC')
      .take(200)
      .getMany();
    return rows.map((i) => toInvitation(i, i.invitedBy ?? null));
  }

  async revoke(actor: AuthUser, id: string): Promise<string> {
    await this.db.transaction(async (tx) => {
      const invitation = await tx.findOneBy(InvitationEntity, { id });
      if (!invitation) throw notFound('Invitation');
      if (invitation.acceptedAt)
        throw conflict('This invitation was already accepted; remove the member instead.');
      await tx.update(InvitationEntity, { id }, { revokedAt: invitation.revokedAt ?? new Date() });
      await this.activity.record(tx, {
        workspaceId: invitation.workspaceId,
        actorId: actor.id,
        verb: 'invitation.revoked',
        summary: `${actor.name} revoked the invitation for ${invitation.email}`,
        data: { invitationId: id },
      });
    });
    return id;
  }

  /** What the holder of a link sees before accepting. */
  async preview(token: string): Promise<InvitationPreviewType> {
    const invitation = await this.byToken(token);
    const [workspace, inviter] = await Promise.all([
      this.db.getRepository(WorkspaceEntity).findOneBy({ id: invitation.workspaceId }),
      invitation.invitedById
        ? this.db.getRepository(UserEntity).findOneBy({ id: invitation.invitedById })
        : null,
    ]);
    return {
      workspaceName: workspace?.name ?? '',
      invitedByName: inviter?.name ?? null,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      status: statusOf(invitation),
    };
  }

  /** Joins the signed-in user, whose e-mail must be the invited one; works once. */
  async accept(user: AuthUser, token: string): Promise<{ workspaceId: string }> {
    const invitation = await this.byToken(token);
    const status = statusOf(invitation);
    if (status !== InvitationStatus.PENDING) throw badInput(statusMessage(status));
    if (invitation.email !== user.email.toLowerCase()) {
      throw forbidden(
        `This invitation is for ${invitation.email}; log in with that address to accept it.`,
      );
    }
    await this.db.transaction(async (tx) => {
      // Through a CTE so that the driver returns the claimed rows: TypeORM answers a bare
      // UPDATE … RETURNING with [rows, count], whose length is always 2.
      const claimed = await queryRows<object>(
        tx,
        `WITH claimed AS (
           UPDATE invitation SET accepted_at = now(), accepted_by_id = $2
            WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now() RETURNING id
         ) SELECT id FROM claimed`,
        [invitation.id, user.id],
      );
      if (!claimed.length) throw badInput('This invitation was used or withdrawn a moment ago.');
      const existing = await tx.findOneBy(MembershipEntity, {
        workspaceId: invitation.workspaceId,
        userId: user.id,
      });
      if (existing) return;
      await this.workspaces.addMember(tx, invitation.workspaceId, user.id, invitation.role);
      await this.activity.record(tx, {
        workspaceId: invitation.workspaceId,
        actorId: user.id,
        verb: 'member.joined',
        summary: `${user.name} joined as ${invitation.role}`,
        data: { invitationId: invitation.id, role: invitation.role },
      });
    });
    return { workspaceId: invitation.workspaceId };
  }

  private async byToken(token: string): Promise<InvitationEntity> {
    const invitation =
      token.length >= 20 && token.length <= 100
        ? await this.db.getRepository(InvitationEntity).findOneBy({ tokenHash: hashToken(token) })
        : null;
    if (!invitation) throw notFound('Invitation');
    return invitation;
  }
}

function statusOf(i: InvitationEntity): InvitationStatus {
  if (i.acceptedAt) return InvitationStatus.ACCEPTED;
  if (i.revokedAt) return InvitationStatus.REVOKED;
  if (i.expiresAt.getTime() <= Date.now()) return InvitationStatus.EXPIRED;
  return InvitationStatus.PENDING;
}

function statusMessage(status: InvitationStatus): string {
  switch (status) {
    case InvitationStatus.ACCEPTED:
      return 'This invitation has already been used. Ask an owner of the workspace for a new one.';
    case InvitationStatus.EXPIRED:
      return 'This invitation has expired. Ask an owner of the workspace for a new one.';
    case InvitationStatus.REVOKED:
      return 'This invitation was withdrawn. Ask an owner of the workspace for a new one.';
    case InvitationStatus.PENDING:
      return '';
  }
}

function toInvitation(
  i: InvitationEntity,
  inviter: { id: string; name: string; email: string } | null,
): InvitationType {
  return {
    id: i.id,
    workspaceId: i.workspaceId,
    email: i.email,
    role: i.role,
    expiresAt: i.expiresAt,
    createdAt: i.createdAt,
    invitedBy: inviter ? toUserType(inviter) : null,
    token: null,
  };
}
