import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Requires, SignedIn } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Public } from '../../common/auth/public.decorator';
import { RateLimit } from '../../common/security/rate-limit.decorator';
import { type Connection } from '../../common/pagination/connection';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { WorkspaceType } from '../workspaces/workspaces.types';
import { InvitationsService } from './invitations.service';
import { MembersService } from './members.service';
import {
  InvitationPreviewType,
  InvitationType,
  InviteMemberInput,
  MemberConnection,
  MemberType,
  RemoveMemberInput,
  UpdateMemberRoleInput,
} from './members.types';

@Resolver()
export class MembersResolver {
  constructor(
    private readonly memberService: MembersService,
    private readonly invitationService: InvitationsService,
    private readonly workspaces: WorkspacesService,
  ) {}

  @Requires('workspace:read', 'workspaceId')
  @Query(() => MemberConnection)
  members(
    @Args('workspaceId', { type: () => ID }) workspaceId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<MemberType>> {
    return this.memberService.list(workspaceId, { first, after });
  }

  @Requires('member:manage', 'workspaceId')
  @Query(() => [InvitationType], { description: 'Pending invitations.' })
  invitations(
    @Args('workspaceId', { type: () => ID }) workspaceId: string,
  ): Promise<InvitationType[]> {
    return this.invitationService.pending(workspaceId);
  }

  @Public()
  @Query(() => InvitationPreviewType, {
    description: 'What the holder of an invitation link may see.',
  })
  invitation(@Args('token') token: string): Promise<InvitationPreviewType> {
    return this.invitationService.preview(token);
  }

  @Requires('member:manage', 'workspaceId', 'input.workspaceId')
  @Mutation(() => InvitationType)
  inviteMember(
    @CurrentUser() user: AuthUser,
    @Args('input') input: InviteMemberInput,
  ): Promise<InvitationType> {
    return this.invitationService.invite(user, input);
  }

  @Requires('member:manage', 'invitationId', 'id')
  @Mutation(() => ID)
  revokeInvitation(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<string> {
    return this.invitationService.revoke(user, id);
  }

  @SignedIn()
  @RateLimit('invitation')
  @Mutation(() => WorkspaceType)
  async acceptInvitation(
    @CurrentUser() user: AuthUser,
    @Args('token') token: string,
  ): Promise<WorkspaceType> {
    const { workspaceId } = await this.invitationService.accept(user, token);
    return this.workspaces.get(user, workspaceId);
  }

  @Requires('member:manage', 'workspaceId', 'input.workspaceId')
  @Mutation(() => MemberType)
  updateMemberRole(
    @CurrentUser() user: AuthUser,
    @Args('input') input: UpdateMemberRoleInput,
  ): Promise<MemberType> {
    return this.memberService.updateRole(user, input);
  }

  @Requires('member:manage', 'workspaceId', 'input.workspaceId')
  @Mutation(() => ID, { description: 'Returns the removed user id.' })
  removeMember(
    @CurrentUser() user: AuthUser,
    @Args('input') input: RemoveMemberInput,
  ): Promise<string> {
    return this.memberService.remove(user, input);
  }

  @Requires('workspace:read', 'workspaceId')
  @Mutation(() => ID, { description: 'Returns the workspace id.' })
  leaveWorkspace(
    @CurrentUser() user: AuthUser,
    @Args('workspaceId', { type: () => ID }) workspaceId: string,
  ): Promise<string> {
    return this.memberService.leave(user, workspaceId);
  }
}
