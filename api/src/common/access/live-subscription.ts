import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type ReturnTypeFunc, Subscription } from '@nestjs/graphql';
import { map, type Observable } from 'rxjs';
import { type GqlContext } from '../auth/request-user';
import { type TargetKind } from './access.service';
import { LiveAccess } from './live-access';
import { type Action } from './policy';
import {
  LIVE_SUBSCRIPTION,
  POLICY_RULE,
  type PolicyRule,
  Requires,
  RequiresTyped,
  SignedIn,
} from './policy.decorator';
import { argsOf } from './policy.guard';

export interface LiveSubscriptionOptions<Payload> {
  /**
   * What subscribing needs, checked when it starts (PolicyGuard) and again before every event:
   * an action on the resource whose id is at `from` in the arguments; on a resource of one of
   * several kinds, named by the enum argument at `typeFrom` (as @RequiresTyped); or just a
   * signed-in user (for streams scoped to that user, such as notifications).
   */
  requires:
    | { action: Action; target: TargetKind; from?: string }
    | {
        action: Action;
        typeFrom: string;
        from: string;
        targets: Readonly<Record<string, TargetKind>>;
      }
    | 'signed-in';
  description?: string;
  /** Picks the event out of what was published. */
  resolve: (payload: Payload) => unknown;
}

/**
 * Declares a GraphQL subscription whose every event is access-checked when it is delivered,
 * not only at subscribe time (see LiveAccess). Every @Subscription is declared this way; the
 * PolicyGuard refuses one that is not. The method returns the pub/sub iterator as usual:
 *
 * ```ts
 * @LiveSubscription(() => TranscriptType, {
 *   requires: { action: 'project:read', target: 'projectId' },
 *   resolve: (payload: { transcriptUpdated: TranscriptType }) => payload.transcriptUpdated,
 * })
 * transcriptUpdated(@Args('projectId', { type: () => ID }) projectId: string) {
 *   return this.pubsub.asyncIterableIterator(transcriptTopic(projectId));
 * }
 * ```
 */
export function LiveSubscription<Payload>(
  returnType: ReturnTypeFunc,
  options: LiveSubscriptionOptions<Payload>,
): MethodDecorator {
  const { requires } = options;
  return applyDecorators(
    requires === 'signed-in'
      ? SignedIn()
      : 'targets' in requires
        ? RequiresTyped(requires.action, requires.typeFrom, requires.from, requires.targets)
        : Requires(requires.action, requires.target, requires.from ?? requires.target),
    SetMetadata(LIVE_SUBSCRIPTION, true),
    UseInterceptors(LiveAccessInterceptor),
    Subscription(returnType, {
      ...(options.description ? { description: options.description } : {}),
      resolve: options.resolve,
    }),
  );
}

/** Wraps a @LiveSubscription's event stream so LiveAccess checks each event before it goes out. */
@Injectable()
export class LiveAccessInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly live: LiveAccess,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const gql = GqlExecutionContext.create(context).getContext<GqlContext>();
    const rule = this.reflector.get<PolicyRule | undefined>(POLICY_RULE, context.getHandler());
    const subscriber = {
      user: gql.user,
      ...(gql.live ? { live: gql.live } : {}),
      ...(rule ? { rule } : {}),
      args: argsOf(context),
    };
    return next
      .handle()
      .pipe(map((events) => this.live.guard(events as AsyncIterator<unknown>, subscriber)));
  }
}
