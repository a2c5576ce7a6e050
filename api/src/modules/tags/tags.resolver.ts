import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { TagsService } from './tags.service';
import { CreateTagInput, MergeTagsInput, TagType, UpdateTagInput } from './tags.types';

@Resolver(() => TagType)
export class TagsResolver {
  constructor(private readonly service: TagsService) {}

  @Requires('project:read', 'projectId')
  @Query(() => [TagType], { description: "The project's codebook (at most 2000 tags)." })
  tags(@Args('projectId', { type: () => ID }) projectId: string): Promise<TagType[]> {
    return this.service.list(projectId);
  }

  @Requires('codebook:write', 'projectId', 'input.projectId')
  @Mutation(() => TagType)
  createTag(@CurrentUser() user: AuthUser, @Args('input') input: CreateTagInput): Promise<TagType> {
    return this.service.create(user, input);
  }

  @Requires('codebook:write', 'tagId', 'input.id')
  @Mutation(() => TagType)
  updateTag(@CurrentUser() user: AuthUser, @Args('input') input: UpdateTagInput): Promise<TagType> {
    return this.service.update(user, input);
  }

  @Requires('codebook:write', 'tagId', 'input.sourceId')
  @Mutation(() => TagType, {
    description:
      "Merges the source tag into the target: every highlight of the source gets the target (no duplicates), the source's sub-tags move under the target, and the source is deleted.",
  })
  mergeTags(@CurrentUser() user: AuthUser, @Args('input') input: MergeTagsInput): Promise<TagType> {
    return this.service.merge(user, input);
  }
}
