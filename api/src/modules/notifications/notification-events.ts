import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type PubSubEngine } from 'graphql-subscriptions';
import {
  DataSource,
  EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { PUB_SUB } from '../../common/pubsub/pubsub.token';
import { type Db } from '../../database/sql';

/** What goes through pub/sub for a user's notifications: ids only, read fresh at delivery. */
export type NotificationChange =
  | { kind: 'ADDED'; userId: string; notificationId: string }
  | { kind: 'READ'; userId: string };

export const notificationTopic = (userId: string) => `notifications:${userId}`;

/** Where a transaction keeps the changes it will announce once it commits. */
const PENDING = 'verbatim.notifications.pending';

/**
 * Announces notification changes to their users' live subscriptions, on every api instance:
 * at once when written outside a transaction, else after that transaction commits (a rolled
 * back transaction announces nothing, and a subscriber never reads before the commit). A lost
 * event is not lost data: a failing pub/sub is logged and the notification stands in the list.
 */
@Injectable()
export class NotificationEvents implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger(NotificationEvents.name);

  constructor(
    private readonly db: DataSource,
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
  ) {}

  onModuleInit(): void {
    // TypeORM tells its subscribers when a transaction ends (afterTransactionCommit below).
    this.db.subscribers.push(this);
  }

  /** Announces these changes now, or when the transaction `db` belongs to commits. */
  async announce(db: Db, changes: NotificationChange[]): Promise<void> {
    if (!changes.length) return;
    const runner = db instanceof EntityManager ? db.queryRunner : undefined;
    if (runner?.isTransactionActive) {
      pendingOf(runner).push(...changes);
      return;
    }
    await this.send(changes);
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // A savepoint released inside a transaction: wait for the outermost COMMIT.
    if (event.queryRunner.isTransactionActive) return;
    await this.send(takePending(event.queryRunner));
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) takePending(event.queryRunner);
  }

  private async send(changes: NotificationChange[]): Promise<void> {
    for (const change of changes) {
      try {
        await this.pubsub.publish(notificationTopic(change.userId), { notifications: change });
      } catch (error) {
        this.logger.warn(
          `Notification event for ${change.userId} not sent: ${(error as Error).message}`,
        );
      }
    }
  }
}

function pendingOf(runner: QueryRunner): NotificationChange[] {
  const data = runner.data as Record<string, NotificationChange[] | undefined>;
  return (data[PENDING] ??= []);
}

function takePending(runner: QueryRunner): NotificationChange[] {
  const data = runner.data as Record<string, NotificationChange[] | undefined>;
  const pending = data[PENDING] ?? [];
  delete data[PENDING];
  return pending;
}
