import { Inject, Injectable } from '@nestjs/common';
import { type PubSubEngine } from 'graphql-subscriptions';
import { Subject } from 'rxjs';
import { PUB_SUB } from '../pubsub/pubsub.module';

/** Published (to every api instance) when sessions end; their open sockets are closed. */
export const SESSIONS_ENDED_TOPIC = 'verbatim.auth.sessions-ended';

export interface SessionsEnded {
  userId: string;
  /** These sessions only; every session of the user when absent. */
  sessionIds?: string[];
  /** Every session but this one (a password change keeps the caller's). */
  exceptSessionId?: string;
}

/**
 * Announces ended sessions (logOut, logOutEverywhere, changePassword, a reused refresh token)
 * after they are committed: at once to this process, and through the pub/sub to the others, so
 * a pub/sub hiccup never delays closing a socket on the instance that ended the session.
 */
@Injectable()
export class SessionEvents {
  private readonly local = new Subject<SessionsEnded>();
  readonly ended$ = this.local.asObservable();

  constructor(@Inject(PUB_SUB) private readonly pubsub: PubSubEngine) {}

  async ended(event: SessionsEnded): Promise<void> {
    this.local.next(event);
    await this.pubsub.publish(SESSIONS_ENDED_TOPIC, event);
  }
}
