import { Inject, Injectable, Logger } from '@nestjs/common';
import { type PubSubEngine } from 'graphql-subscriptions';
import { PUB_SUB } from '../../common/pubsub/pubsub.token';
import { type BoardChangeKind } from './boards.types';

/** What goes through pub/sub for a board change: ids only, read fresh by every subscriber. */
export interface BoardChange {
  kind: BoardChangeKind;
  boardId: string;
  version: number;
  themeIds: string[];
  cardIds: string[];
  /** The new name on BOARD_UPDATED (a rename carries it: it is short and nothing else changed). */
  name: string | null;
  actorId: string | null;
}

export const boardTopic = (boardId: string) => `board-updated:${boardId}`;

/**
 * Publishes board changes after they commit. A lost event is not lost data: a failing pub/sub
 * is logged and the change stands; a client that sees a version gap reloads the board.
 */
@Injectable()
export class BoardEvents {
  private readonly logger = new Logger(BoardEvents.name);

  constructor(@Inject(PUB_SUB) private readonly pubsub: PubSubEngine) {}

  async publish(change: BoardChange): Promise<void> {
    try {
      await this.pubsub.publish(boardTopic(change.boardId), { boardUpdated: change });
    } catch (error) {
      this.logger.warn(`Board event for ${change.boardId} not sent: ${(error as Error).message}`);
    }
  }
}
