import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { DigestRepository } from './digest.repository';
import { ProjectDigestType } from './digest.types';

@Resolver()
export class DigestResolver {
  constructor(private readonly repo: DigestRepository) {}

  @Requires('project:read', 'projectId')
  @Query(() => ProjectDigestType)
  projectDigest(
    @CurrentUser() user: AuthUser,
    @Args('projectId', { type: () => ID }) projectId: string,
  ): Promise<ProjectDigestType> {
    return this.repo.digest(user.id, projectId);
  }
}
