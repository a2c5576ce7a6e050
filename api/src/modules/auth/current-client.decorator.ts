import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { clientOf, type ClientInfo } from '../../common/auth/request-user';

/** The caller's address and user agent, recorded on the sessions it starts. */
export const CurrentClient = createParamDecorator(
  (_: unknown, context: ExecutionContext): ClientInfo => clientOf(context),
);
