import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Loaders } from '../../common/loaders/loaders.decorator';
import { type Batch, type RequestLoaders } from '../../common/loaders/request-loaders';
import { ProjectType } from '../projects/projects.types';
import { ReadMarkersRepository } from './read-markers.repository';

interface MarkerKey {
  userId: string;
  projectId: string;
}

@Resolver(() => ProjectType)
export class ReadMarkersResolver {
  /** The caller's markers of every project a list shows, in one statement. */
  private readonly markers: Batch<MarkerKey, Date | null> = {
    load: async (keys) => {
      const userId = keys[0]!.userId;
      const found = await this.repo.seenAt(
        userId,
        keys.map((k) => k.projectId),
      );
      return new Map([...found].map(([projectId, at]) => [`${userId}:${projectId}`, at]));
    },
    missing: () => null,
    keyOf: (k) => `${k.userId}:${k.projectId}`,
  };

  constructor(private readonly repo: ReadMarkersRepository) {}

  @Requires('project:read', 'projectId')
  @Mutation(() => Date, {
    description:
      "Marks the project as seen by the caller now; its digest then starts from this instant. Answers the marker's time.",
  })
  markProjectSeen(
    @CurrentUser() user: AuthUser,
    @Args('projectId', { type: () => ID }) projectId: string,
  ): Promise<Date> {
    return this.repo.markSeen(user.id, projectId);
  }

  /* Keyed by the caller and a project its parent field has already shown the caller. */
  @ResolveField(() => Date, {
    nullable: true,
    description: 'When the caller last marked the project seen (null: never).',
  })
  lastSeenAt(
    @Parent() project: ProjectType,
    @CurrentUser() user: AuthUser,
    @Loaders() loaders: RequestLoaders,
  ): Promise<Date | null> {
    return loaders.load(this.markers, { userId: user.id, projectId: project.id });
  }
}
