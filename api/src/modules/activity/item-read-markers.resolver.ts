import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Loaders } from '../../common/loaders/loaders.decorator';
import { type Batch, type RequestLoaders } from '../../common/loaders/request-loaders';
import { BoardSummaryType } from '../boards/boards.types';
import { TranscriptType } from '../transcripts/transcripts.types';
import { ItemReadMarkersRepository, type TranscriptNews } from './item-read-markers.repository';
import { ReadState } from './read-state.types';

interface CallerKey {
  userId: string;
  id: string;
}

const keyOf = (k: CallerKey) => `${k.userId}:${k.id}`;

/** Reads one caller's values for many ids; every key of a batch belongs to the same caller. */
function perCaller<V>(
  read: (userId: string, ids: string[]) => Promise<ReadonlyMap<string, V>>,
  missing: V,
): Batch<CallerKey, V> {
  return {
    load: async (keys) => {
      const userId = keys[0]!.userId;
      const found = await read(
        userId,
        keys.map((k) => k.id),
      );
      return new Map([...found].map(([id, value]) => [`${userId}:${id}`, value]));
    },
    missing: () => missing,
    keyOf,
  };
}

const NOTHING_NEW: TranscriptNews = { state: ReadState.SEEN, unseenHighlights: 0 };

// Each batch is given the ids of transcripts or boards a guarded query, mutation or live event
// returned to the caller.

@Resolver(() => TranscriptType)
export class TranscriptReadStateResolver {
  private readonly news: Batch<CallerKey, TranscriptNews>;

  constructor(private readonly repo: ItemReadMarkersRepository) {
    this.news = perCaller((userId, ids) => repo.transcriptNews(userId, ids), NOTHING_NEW);
  }

  @Requires('transcript:read', 'transcriptId')
  @Mutation(() => Date, {
    description:
      'Marks the transcript as opened by the caller now: highlights made after this are new to them. Answers the marker.',
  })
  markTranscriptSeen(
    @CurrentUser() user: AuthUser,
    @Args('transcriptId', { type: () => ID }) transcriptId: string,
  ): Promise<Date> {
    return this.repo.markTranscriptSeen(user.id, transcriptId);
  }

  @ResolveField(() => ReadState, {
    description: "Whether the caller has caught up with the transcript's content.",
  })
  async readState(
    @Parent() transcript: TranscriptType,
    @CurrentUser() user: AuthUser,
    @Loaders() loaders: RequestLoaders,
  ): Promise<ReadState> {
    return (await loaders.load(this.news, { userId: user.id, id: transcript.id })).state;
  }

  @ResolveField(() => Int, {
    description:
      'Highlights others made after the caller last opened the transcript (all of theirs when never opened).',
  })
  async unseenHighlightCount(
    @Parent() transcript: TranscriptType,
    @CurrentUser() user: AuthUser,
    @Loaders() loaders: RequestLoaders,
  ): Promise<number> {
    return (await loaders.load(this.news, { userId: user.id, id: transcript.id })).unseenHighlights;
  }
}

@Resolver(() => BoardSummaryType)
export class BoardReadStateResolver {
  private readonly states: Batch<CallerKey, ReadState>;

  constructor(private readonly repo: ItemReadMarkersRepository) {
    this.states = perCaller((userId, ids) => repo.boardStates(userId, ids), ReadState.SEEN);
  }

  @Requires('project:read', 'boardId')
  @Mutation(() => Int, {
    description:
      'Records the board version the caller had in front of them (when opening and leaving it): later versions are changes they have not seen. Answers the version stored.',
  })
  markBoardSeen(
    @CurrentUser() user: AuthUser,
    @Args('boardId', { type: () => ID }) boardId: string,
    @Args('version', { type: () => Int }) version: number,
  ): Promise<number> {
    return this.repo.markBoardSeen(user.id, boardId, version);
  }

  @ResolveField(() => ReadState, {
    description: 'Whether others changed the board after the caller last had it open.',
  })
  readState(
    @Parent() board: BoardSummaryType,
    @CurrentUser() user: AuthUser,
    @Loaders() loaders: RequestLoaders,
  ): Promise<ReadState> {
    return loaders.load(this.states, { userId: user.id, id: board.id });
  }
}
