import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { type Request } from 'express';
import { type GraphQLResolveInfo } from 'graphql';
import { IS_PUBLIC } from '../auth/public.decorator';
import { userOf } from '../auth/request-user';
import { unauthenticated } from '../errors/domain-error';
import { type AccessTarget, AccessService } from './access.service';
import { LIVE_SUBSCRIPTION, POLICY_RULE, type PolicyRule } from './policy.decorator';
import { type Action } from './policy';

/**
 * The one enforcement point. Every resolver and controller must declare @Public, @SignedIn or
 * @Requires; one that declares nothing is refused (a server error), so a new operation cannot
 * ship unchecked.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const handler = context.getHandler();
    const targets = [handler, context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const rule = this.reflector.getAllAndOverride<PolicyRule | undefined>(POLICY_RULE, targets);
    if (!rule)
      throw new Error(
        `${context.getClass().name}.${context.getHandler().name} declares no access policy`,
      );
    const user = userOf(context);
    if (!user) throw unauthenticated();
    if (isSubscriptionField(context) && !this.reflector.get<boolean>(LIVE_SUBSCRIPTION, handler))
      throw new Error(
        `${context.getClass().name}.${context.getHandler().name} is a subscription not declared with @LiveSubscription`,
      );
    const target = targetOf(rule, argsOf(context));
    if (target) await this.access.require(user, target.action, target.target);
    return true;
  }
}

/** The action and resource a rule checks for these arguments; null for `signed-in`. */
export function targetOf(
  rule: PolicyRule,
  args: unknown,
): { action: Action; target: AccessTarget } | null {
  if (rule.kind === 'signed-in') return null;
  if (rule.kind === 'action-typed') {
    const kind = rule.targets[String(readPath(args, rule.typeFrom))];
    const id = readPath(args, rule.from);
    // An unknown kind cannot pass GraphQL's enum validation; answered as a missing resource.
    const target = kind ?? Object.values(rule.targets)[0]!;
    return {
      action: rule.action,
      target: { [target]: kind && typeof id === 'string' ? id : '' },
    };
  }
  const given =
    rule.kind === 'action'
      ? { target: rule.target, from: rule.from }
      : (rule.targets.find((t) => {
          const v = readPath(args, t.from);
          return v !== undefined && v !== null;
        }) ?? rule.targets[0]!);
  const id = readPath(args, given.from);
  return { action: rule.action, target: { [given.target]: typeof id === 'string' ? id : '' } };
}

function isSubscriptionField(context: ExecutionContext): boolean {
  if (context.getType<string>() !== 'graphql') return false;
  const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
  return info.parentType === info.schema.getSubscriptionType();
}

export function argsOf(context: ExecutionContext): unknown {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getArgs();
  return context.switchToHttp().getRequest<Request>().params;
}

function readPath(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      value,
    );
}
