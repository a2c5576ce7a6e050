import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { type Request } from 'express';
import { IS_PUBLIC } from '../auth/public.decorator';
import { userOf } from '../auth/request-user';
import { unauthenticated } from '../errors/domain-error';
import { AccessService } from './access.service';
import { POLICY_RULE, type PolicyRule } from './policy.decorator';

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
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const rule = this.reflector.getAllAndOverride<PolicyRule | undefined>(POLICY_RULE, targets);
    if (!rule)
      throw new Error(
        `${context.getClass().name}.${context.getHandler().name} declares no access policy`,
      );
    const user = userOf(context);
    if (!user) throw unauthenticated();
    if (rule.kind === 'signed-in') return true;
    const args = argsOf(context);
    if (rule.kind === 'action-any') {
      const given =
        rule.targets.find(
          (t) => readPath(args, t.from) !== undefined && readPath(args, t.from) !== null,
        ) ?? rule.targets[0]!;
      const id = readPath(args, given.from);
      await this.access.require(user, rule.action, {
        [given.target]: typeof id === 'string' ? id : '',
      });
      return true;
    }
    const id = readPath(args, rule.from);
    await this.access.require(user, rule.action, {
      [rule.target]: typeof id === 'string' ? id : '',
    });
    return true;
  }
}

function argsOf(context: ExecutionContext): unknown {
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
