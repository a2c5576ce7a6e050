import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { type Connection } from '../../common/pagination/connection';
import { HighlightsService } from './highlights.service';
import {
  CreateHighlightInput,
  HighlightConnection,
  HighlightFilter,
  HighlightOrder,
  HighlightType,
  UpdateHighlightInput,
} from './highlights.types';

@Resolver(() => HighlightType)
export class HighlightsResolver {
  constructor(private readonly service: HighlightsService) {}

  @Requires('highlight:write', 'transcriptId', 'input.transcriptId')
  @Mutation(() => HighlightType)
  createHighlight(
    @CurrentUser() user: AuthUser,
    @Args('input') input: CreateHighlightInput,
  ): Promise<HighlightType> {
    return this.service.create(user, input);
  }

  @Requires('highlight:write', 'highlightId', 'input.id')
  @Mutation(() => HighlightType)
  updateHighlight(@Args('input') input: UpdateHighlightInput): Promise<HighlightType> {
    return this.service.update(input);
  }

  @Requires('highlight:write', 'highlightId', 'id')
  @Mutation(() => ID)
  deleteHighlight(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<string> {
    return this.service.delete(user, id);
  }

  @Requires('project:read', 'projectId', 'filter.projectId')
  @Query(() => HighlightConnection, {
    description: 'The tag view: highlights matching the filter, a page at a time.',
  })
  highlights(
    @Args('filter') filter: HighlightFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('orderBy', {
      type: () => HighlightOrder,
      nullable: true,
      defaultValue: HighlightOrder.RECENT,
    })
    orderBy?: HighlightOrder,
  ): Promise<Connection<HighlightType>> {
    return this.service.list(filter, { first, after }, orderBy ?? HighlightOrder.RECENT);
  }
}
