import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { type GqlContext } from '../auth/request-user';
import { type RequestLoaders } from './request-loaders';

/** The DataLoaders of the GraphQL operation being resolved (see RequestLoaders). */
export const Loaders = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestLoaders =>
    GqlExecutionContext.create(context).getContext<GqlContext>().loaders,
);
