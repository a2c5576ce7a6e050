import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type PubSubEngine } from 'graphql-subscriptions';
import { LiveSubscription } from '../../common/access/live-subscription';
import { Requires } from '../../common/access/policy.decorator';
import { RateLimit } from '../../common/security/rate-limit.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { badInput } from '../../common/errors/domain-error';
import { FileStore } from '../../common/files/file-store';
import { Loaders } from '../../common/loaders/loaders.decorator';
import { type Batch, batchById, type RequestLoaders } from '../../common/loaders/request-loaders';
import { type Connection } from '../../common/pagination/connection';
import { PUB_SUB } from '../../common/pubsub/pubsub.module';
import { ParticipantsService } from '../participants/participants.service';
import { ParticipantType } from '../participants/participants.types';
import { TranscriptStatus } from './transcript.entity';
import {
  MAX_SEGMENT_WINDOW,
  type SegmentWindow,
  segmentWindowKey,
  TranscriptsService,
  transcriptTopic,
} from './transcripts.service';
import {
  ImportTranscriptInput,
  SegmentType,
  TranscriptConnection,
  TranscriptType,
  UpdateTranscriptInput,
} from './transcripts.types';

@Resolver(() => TranscriptType)
export class TranscriptsResolver {
  constructor(
    private readonly service: TranscriptsService,
    private readonly participantsService: ParticipantsService,
    private readonly files: FileStore,
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
  ) {}

  /** Windows of turns of many transcripts in one query (see `segments`). */
  private readonly segmentWindows: Batch<SegmentWindow, SegmentType[]> = {
    load: (windows) => this.service.segmentWindows(windows),
    missing: () => [],
    keyOf: segmentWindowKey,
  };

  /** The speakers of many transcripts in one query (see `participants`). */
  private readonly participantsOf = batchById(
    (transcriptIds) => this.participantsService.forTranscripts(transcriptIds),
    (): ParticipantType[] => [],
  );

  @Requires('transcript:read', 'transcriptId', 'id')
  @Query(() => TranscriptType)
  transcript(@Args('id', { type: () => ID }) id: string): Promise<TranscriptType> {
    return this.service.get(id);
  }

  @Requires('project:read', 'projectId')
  @Query(() => TranscriptConnection)
  transcripts(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<TranscriptType>> {
    return this.service.list(projectId, { first, after });
  }

  /** Pasted text; parsed like an uploaded file. */
  @Requires('transcript:write', 'projectId', 'input.projectId')
  @RateLimit('upload')
  @Mutation(() => TranscriptType)
  async importTranscript(
    @CurrentUser() user: AuthUser,
    @Args('input') input: ImportTranscriptInput,
  ): Promise<TranscriptType> {
    if (!input.content.trim()) throw badInput('content is empty: paste the transcript text.');
    const staged = await this.files.stageBuffer(Buffer.from(input.content, 'utf8'));
    return this.service.accept(user, input.projectId, staged, input);
  }

  @Requires('transcript:write', 'transcriptId', 'input.id')
  @Mutation(() => TranscriptType, {
    description: 'Renames a transcript or sets its language (which decides search stemming).',
  })
  updateTranscript(
    @CurrentUser() user: AuthUser,
    @Args('input') input: UpdateTranscriptInput,
  ): Promise<TranscriptType> {
    return this.service.update(user, input);
  }

  @Requires('transcript:write', 'transcriptId', 'id')
  @Mutation(() => TranscriptType, {
    description:
      'Processes a transcript whose processing FAILED again from its kept original (CONFLICT otherwise).',
  })
  retryTranscript(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<TranscriptType> {
    return this.service.retry(user, id);
  }

  @Requires('transcript:write', 'transcriptId', 'id')
  @Mutation(() => ID)
  deleteTranscript(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<string> {
    return this.service.delete(user, id);
  }

  @LiveSubscription(() => TranscriptType, {
    requires: { action: 'project:read', target: 'projectId' },
    description: "Status and progress changes of the project's transcripts.",
    resolve: (payload: { transcriptUpdated: TranscriptType }) => payload.transcriptUpdated,
  })
  transcriptUpdated(
    @Args('projectId', { type: () => ID }) projectId: string,
  ): AsyncIterator<unknown> {
    return this.pubsub.asyncIterableIterator(transcriptTopic(projectId));
  }

  /*
   * The fields below load through the operation's DataLoaders, keyed by the ids of transcripts
   * their parent field (transcript, transcripts, a mutation or transcriptUpdated) has already
   * shown the caller: they need no access check of their own.
   */

  @ResolveField(() => [SegmentType], {
    // Priced like every list by the rows it can return: `limit` turns (common/security).
    description: 'Speaker turns in order; a window of at most 5000 from `from`.',
  })
  async segments(
    @Parent() transcript: TranscriptType,
    @Loaders() loaders: RequestLoaders,
    @Args('from', { type: () => Int, defaultValue: 0 }) from: number,
    @Args('limit', { type: () => Int, defaultValue: MAX_SEGMENT_WINDOW }) limit: number,
  ): Promise<SegmentType[]> {
    if (from < 0 || limit < 0 || limit > MAX_SEGMENT_WINDOW) {
      throw badInput(`segments: from must be ≥ 0 and limit between 0 and ${MAX_SEGMENT_WINDOW}.`);
    }
    // Turns are written in batches while PROCESSING; readers see them once all are in.
    if (transcript.status !== TranscriptStatus.READY) return [];
    const [segments, participants] = await Promise.all([
      loaders.load(this.segmentWindows, { transcriptId: transcript.id, from, limit }),
      loaders.load(this.participantsOf, transcript.id),
    ]);
    const byId = new Map(participants.map((p) => [p.id, p]));
    return segments.map((s) => ({
      ...s,
      participant: s.participantId ? (byId.get(s.participantId) ?? null) : null,
    }));
  }

  @ResolveField(() => [ParticipantType])
  participants(
    @Parent() transcript: TranscriptType,
    @Loaders() loaders: RequestLoaders,
  ): Promise<ParticipantType[]> {
    return loaders.load(this.participantsOf, transcript.id);
  }
}
