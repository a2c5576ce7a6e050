import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type PubSubEngine } from 'graphql-subscriptions';
import { LiveSubscription } from '../../common/access/live-subscription';
import { Requires } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { type Connection } from '../../common/pagination/connection';
import { PUB_SUB } from '../../common/pubsub/pubsub.module';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { DownloadLinks } from './download-links';
import { exportTopic, ExportsService } from './exports.service';
import { ExportConnection, ExportType } from './exports.types';

@Resolver(() => ExportType)
export class ExportsResolver {
  constructor(
    private readonly service: ExportsService,
    private readonly links: DownloadLinks,
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Requires('project:read', 'exportId', 'id')
  @Query(() => ExportType, { name: 'export', description: 'One of your exports.' })
  exportById(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ExportType> {
    return this.service.get(user, id);
  }

  @Requires('project:read', 'projectId')
  @Query(() => ExportConnection, { description: 'Your exports in a project, newest first.' })
  exports(
    @CurrentUser() user: AuthUser,
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<ExportType>> {
    return this.service.list(user, projectId, { first, after });
  }

  @Requires('project:read', 'exportId', 'id')
  @Mutation(() => ExportType, { description: 'Runs a FAILED export again (when retryable).' })
  retryExport(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ExportType> {
    return this.service.retry(user, id);
  }

  @LiveSubscription(() => ExportType, {
    requires: { action: 'project:read', target: 'exportId', from: 'id' },
    description: 'Status and progress of one of your exports.',
    resolve: (payload: { exportUpdated: ExportType }) => payload.exportUpdated,
  })
  exportUpdated(@Args('id', { type: () => ID }) id: string): AsyncIterator<unknown> {
    return this.pubsub.asyncIterableIterator(exportTopic(id));
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'A link that downloads the file without further sign-in, valid for a few minutes (EXPORT_LINK_TTL); null unless READY. Ask again for a fresh one.',
  })
  downloadUrl(@Parent() exp: ExportType): string | null {
    return exp.downloadable ? this.links.linkFor(exp.id, exp.requestedById) : null;
  }

  @ResolveField(() => Date, {
    nullable: true,
    description: 'When the file is (or was) removed; its download answers 410 Gone after it.',
  })
  expiresAt(@Parent() exp: ExportType): Date | null {
    if (exp.expiredAt) return exp.expiredAt;
    if (!exp.downloadable) return null;
    return new Date(exp.createdAt.getTime() + this.config.exports.retentionSeconds * 1000);
  }
}
