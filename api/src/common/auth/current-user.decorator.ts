import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type AuthUser } from './auth-user';
import { userOf } from './request-user';

/** The signed-in user; the global AuthGuard has already refused anonymous callers. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser => {
    const user = userOf(context);
    if (!user) throw new Error('CurrentUser used on a public operation');
    return user;
  },
);
