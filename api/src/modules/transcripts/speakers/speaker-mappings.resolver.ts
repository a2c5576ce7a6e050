import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Requires, RequiresAny } from '../../../common/access/policy.decorator';
import { type AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser } from '../../../common/auth/current-user.decorator';
import { type Connection } from '../../../common/pagination/connection';
import { SpeakerMappingsService } from './speaker-mappings.service';
import {
  MapSpeakerInput,
  SpeakerMappingConnection,
  SpeakerMappingFilter,
  SpeakerMappingType,
  UndoSpeakerMappingInput,
} from './speaker-mappings.types';

@Resolver(() => SpeakerMappingType)
export class SpeakerMappingsResolver {
  constructor(private readonly service: SpeakerMappingsService) {}

  @RequiresAny('project:read', [
    { target: 'transcriptId', from: 'filter.transcriptId' },
    { target: 'projectId', from: 'filter.projectId' },
  ])
  @Query(() => SpeakerMappingConnection, {
    description: "Speakers of the project's transcripts mapped onto existing participants.",
  })
  speakerMappings(
    @Args('filter') filter: SpeakerMappingFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<SpeakerMappingType>> {
    return this.service.list(filter, { first, after });
  }

  @Requires('participant:write', 'transcriptId', 'input.transcriptId')
  @Mutation(() => SpeakerMappingType, {
    description:
      "Gives a transcript's speaker (e.g. its “Speaker 1”) to an existing participant of the project.",
  })
  mapSpeaker(
    @CurrentUser() user: AuthUser,
    @Args('input') input: MapSpeakerInput,
  ): Promise<SpeakerMappingType> {
    return this.service.map(user, input);
  }

  @Requires('participant:write', 'speakerMappingId', 'input.id')
  @Mutation(() => SpeakerMappingType, {
    description:
      'Undoes a speaker mapping: the speaker is its own participant again, with what the mapping moved.',
  })
  undoSpeakerMapping(
    @CurrentUser() user: AuthUser,
    @Args('input') input: UndoSpeakerMappingInput,
  ): Promise<SpeakerMappingType> {
    return this.service.undo(user, input);
  }
}
