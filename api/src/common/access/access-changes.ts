import { Inject, Injectable } from '@nestjs/common';
import { type PubSubEngine } from 'graphql-subscriptions';
import { PUB_SUB } from '../pubsub/pubsub.module';

/** Published (to every api instance) after who may see what in a workspace changed. */
export const ACCESS_CHANGED_TOPIC = 'verbatim.access.changed';

export interface AccessChanged {
  workspaceId: string;
}

/**
 * Announces committed changes to access — a member removed or leaving, a role changed, a
 * project restricted or opened — so live subscriptions re-check their subscribers at once
 * instead of trusting a cached decision (see LiveAccess).
 */
@Injectable()
export class AccessChanges {
  constructor(@Inject(PUB_SUB) private readonly pubsub: PubSubEngine) {}

  async changed(workspaceId: string): Promise<void> {
    await this.pubsub.publish(ACCESS_CHANGED_TOPIC, { workspaceId } satisfies AccessChanged);
  }
}
