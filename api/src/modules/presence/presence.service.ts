import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { type PubSubEngine } from 'graphql-subscriptions';
import { ACCESS_CHANGED_TOPIC, AccessChanges } from '../../common/access/access-changes';
import { LiveAccess } from '../../common/access/live-access';
import { type PolicyRule } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { type LiveConnection } from '../../common/auth/live-connections';
import { PUB_SUB } from '../../common/pubsub/pubsub.token';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { PresenceStore } from './presence-store';
import { PresenceStream } from './presence-stream';
import { PRESENCE_TARGETS, type PresenceTargetType } from './presence.types';

/** What being present needs: reading the transcript's or board's project. */
export const PRESENCE_RULE = {
  action: 'project:read',
  typeFrom: 'targetType',
  from: 'targetId',
  targets: PRESENCE_TARGETS,
} as const;

/**
 * Who has a transcript or board open: each `presence` subscription is a PresenceStream of this
 * process. When access changes anywhere (a member removed, a project restricted), every stream
 * checks its subscriber again at once, instead of at its next renewal.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PresenceService.name);
  private readonly streams = new Set<PresenceStream>();
  private subscription: number | null = null;

  constructor(
    private readonly store: PresenceStore,
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
    private readonly live: LiveAccess,
    private readonly changes: AccessChanges,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.changes.changed$.subscribe(() => this.checkAll());
    this.subscription = await this.pubsub.subscribe(
      ACCESS_CHANGED_TOPIC,
      () => this.checkAll(),
      {},
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.subscription !== null) this.pubsub.unsubscribe(this.subscription);
    await Promise.all([...this.streams].map((s) => s.return()));
    await this.store.close();
  }

  /** The subscriber's presence at the target, for as long as the stream lives. */
  join(
    user: AuthUser,
    connection: LiveConnection | undefined,
    targetType: PresenceTargetType,
    targetId: string,
  ): PresenceStream {
    const rule: PolicyRule = { kind: 'action-typed', ...PRESENCE_RULE };
    const stream = new PresenceStream(
      {
        store: this.store,
        pubsub: this.pubsub,
        logger: this.logger,
        ttlMs: this.config.presence.ttlMs,
        mayStay: () =>
          this.live.mayDeliver({
            user,
            ...(connection ? { live: connection } : {}),
            rule,
            args: { targetType, targetId },
          }),
        ended: (s) => this.streams.delete(s),
      },
      targetType,
      targetId,
      user,
    );
    this.streams.add(stream);
    return stream;
  }

  private checkAll(): void {
    for (const stream of this.streams) stream.checkAccess();
  }
}
