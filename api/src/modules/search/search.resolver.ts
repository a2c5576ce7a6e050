import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Requires } from '../../common/access/policy.decorator';
import { SearchService } from './search.service';
import { SearchConnection, SearchInput } from './search.types';

@Resolver()
export class SearchResolver {
  constructor(private readonly service: SearchService) {}

  @Requires('project:read', 'projectId', 'input.projectId')
  @Query(() => SearchConnection, {
    description:
      'Full-text search of turns, highlight quotes and notes in a project, best first, with tag and participant names that are close to the query. A query that matches more than 10,000 turns (or highlights) ranks the first 10,000 found, in roughly the order they were uploaded, and pages stop there; totalCount is capped at 1,000 (totalCountCapped).',
  })
  search(
    @Args('input') input: SearchInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<SearchConnection> {
    return this.service.search(input, first, after);
  }
}
