import { Inject, Injectable } from '@nestjs/common';
import { type PubSubEngine } from 'graphql-subscriptions';
import { Subject } from 'rxjs';
import { PUB_SUB } from '../pubsub/pubsub.module';

/** Published (to every api instance) after who may see what in a workspace changed. */
export const ACCESS_CHANGED_TOPIC = 'verbatim.access.changed';

export interface AccessChanged {
  workspaceId: string;
}

/**
 * Announces committed changes to access — a member removed or leaving, a role changed, a
 * project restricted or opened — so live subscriptions re-check their subscribers at once
 * instead of trusting a cached decision (see LiveAccess): to this process directly, and to the
 * other api instances through the pub/sub.
 */
@Injectable()
export class AccessChanges {
  private readonly local = new Subject<AccessChanged>();
  readonly changed$ = this.local.asObservable();

  constructor(@Inject(PUB_SUB) private readonly pubsub: PubSubEngine) {}

  async changed(workspaceId: string): Promise<void> {
    const event: AccessChanged = { workspaceId };
    this.local.next(event);
    await this.pubsub.publish(ACCESS_CHANGED_TOPIC, event);
  }
}
