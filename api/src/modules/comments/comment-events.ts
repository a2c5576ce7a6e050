import { Inject, Injectable, Logger } from '@nestjs/common';
import { registerEnumType } from '@nestjs/graphql';
import { type PubSubEngine } from 'graphql-subscriptions';
import { PUB_SUB } from '../../common/pubsub/pubsub.token';
import { type CommentTargetType } from './comment.entity';

/** What happened to a comment or its thread. */
export enum CommentEventKind {
  ADDED = 'ADDED',
  EDITED = 'EDITED',
  DELETED = 'DELETED',
  RESOLVED = 'RESOLVED',
  REOPENED = 'REOPENED',
  REACTED = 'REACTED',
}
registerEnumType(CommentEventKind, {
  name: 'CommentEventKind',
  description:
    'ADDED: a new thread or reply; EDITED: a body changed; DELETED: a comment went (or a first comment with replies stays as deleted); RESOLVED / REOPENED: a thread; REACTED: a reaction added or taken back.',
});

/** What goes through pub/sub for a comment: ids only, read fresh for every subscriber. */
export interface CommentChange {
  kind: CommentEventKind;
  targetType: CommentTargetType;
  targetId: string;
  commentId: string;
  /** The first comment of its thread (the comment itself for a first comment). */
  threadId: string;
}

export const commentTopic = (targetType: CommentTargetType, targetId: string) =>
  `comment-changed:${targetType}:${targetId}`;

/**
 * Publishes comment changes once they are committed (the service calls it after its transaction
 * returns). A lost event is not lost data: a failing pub/sub is logged and the change stands; an
 * open thread shows it on its next load.
 */
@Injectable()
export class CommentEvents {
  private readonly logger = new Logger(CommentEvents.name);

  constructor(@Inject(PUB_SUB) private readonly pubsub: PubSubEngine) {}

  async publish(change: CommentChange): Promise<void> {
    try {
      await this.pubsub.publish(commentTopic(change.targetType, change.targetId), {
        commentChanged: change,
      });
    } catch (error) {
      this.logger.warn(
        `Comment event for ${change.commentId} not sent: ${(error as Error).message}`,
      );
    }
  }
}
