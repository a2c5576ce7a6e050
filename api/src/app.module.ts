import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AccessModule } from './common/access/access.module';
import { LiveConnections } from './common/auth/live-connections';
import { graphqlHttpContext } from './common/auth/request-user';
import { TokenService } from './common/auth/token.service';
import { graphqlErrorFormatter } from './common/errors/format-error';
import { DomainErrorFilter } from './common/errors/http-error.filter';
import { FilesModule } from './common/files/files.module';
import { PubSubModule } from './common/pubsub/pubsub.module';
import { MAX_DOCUMENT_TOKENS } from './common/security/graphql-limits';
import { graphqlWsOptions } from './common/security/graphql-ws';
import { OperationGate, operationGatePlugin } from './common/security/operation-gate';
import { SecurityModule } from './common/security/security.module';
import { WorkersModule } from './common/workers/workers.module';
import { ClockModule } from './common/clock.module';
import { ConfigModule } from './config/config.module';
import { type AppConfig } from './config/env';
import { dataSourceOptions } from './database/data-source-options';
import { JobsModule } from './jobs/jobs.module';
import { ActivityModule } from './modules/activity/activity.module';
import { AnalysisModule } from './modules/analysis/analysis.module';
import { AssignmentsModule } from './modules/assignments/assignments.module';
import { AuthModule } from './modules/auth/auth.module';
import { BoardsModule } from './modules/boards/boards.module';
import { CommentsModule } from './modules/comments/comments.module';
import { ExportsModule } from './modules/exports/exports.module';
import { HealthModule } from './modules/health/health.module';
import { HighlightsModule } from './modules/highlights/highlights.module';
import { InsightsModule } from './modules/insights/insights.module';
import { InterchangeModule } from './modules/interchange/interchange.module';
import { ReportsModule } from './modules/reports/reports.module';
import { MailModule } from './modules/mail/mail.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { MembersModule } from './modules/members/members.module';
import { ParticipantsModule } from './modules/participants/participants.module';
import { PresenceModule } from './modules/presence/presence.module';
import { ProjectsModule } from './modules/projects/projects.module';
import { SearchModule } from './modules/search/search.module';
import { TagsModule } from './modules/tags/tags.module';
import { TranscriptsModule } from './modules/transcripts/transcripts.module';
import { WorkspacesModule } from './modules/workspaces/workspaces.module';

/** In development the sorted schema is written to api/schema.gql (committed; a test checks it). */
function schemaFile(config: AppConfig): string | true {
  const file = path.resolve(process.cwd(), 'api/schema.gql');
  return config.env === 'development' && existsSync(path.dirname(file)) ? file : true;
}

/**
 * GraphQL over HTTP (Apollo) and over graphql-ws on the same path, through one operation gate
 * (parse limits, validation, depth, aliases, cost, refused text), one authentication and one
 * error format (see common/security/operation-gate.ts and graphql-ws.ts).
 */
function graphqlModule(config: AppConfig): DynamicModule {
  return GraphQLModule.forRootAsync<ApolloDriverConfig>({
    driver: ApolloDriver,
    inject: [TokenService, LiveConnections, GraphQLSchemaHost],
    useFactory: (tokens: TokenService, connections: LiveConnections, host: GraphQLSchemaHost) => {
      const gate = new OperationGate(config.graphql);
      const formatError = graphqlErrorFormatter({ hideSchemaHints: !config.graphql.introspection });
      return {
        path: '/graphql',
        autoSchemaFile: schemaFile(config),
        sortSchema: true,
        // Off in production unless GRAPHQL_INTROSPECTION=true (the GraphiQL page needs it). The
        // gate's own rule refuses introspection, with the same message on both transports.
        graphiql: config.graphql.introspection,
        introspection: true,
        csrfPrevention: true,
        parseOptions: { maxTokens: MAX_DOCUMENT_TOKENS },
        validationRules: gate.extraValidationRules,
        validationOptions: { hideSuggestions: !config.graphql.introspection },
        // Cache hints are not used (GraphQL answers are never cached by HTTP caches here), and
        // the cache-control plugin Apollo installs by default hooks every field resolved.
        plugins: [operationGatePlugin(gate), ApolloServerPluginCacheControlDisabled()],
        subscriptions: {
          'graphql-ws': {
            path: '/graphql',
            ...graphqlWsOptions({ gate, schema: () => host.schema, connections, formatError }),
          },
        },
        context: graphqlHttpContext(tokens),
        formatError,
      };
    },
  });
}

/** The database actually used: DATABASE_URL's, or the embedded server's. */
export interface DatabaseTarget {
  url: string;
  poolSize: number;
}

/** The whole service, on a resolved database. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: DatabaseTarget): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        TypeOrmModule.forRoot(dataSourceOptions(database.url, database.poolSize, config.database)),
        AuthModule,
        SecurityModule,
        ...(config.role.api ? [graphqlModule(config)] : []),
        AccessModule,
        FilesModule,
        JobsModule,
        WorkersModule,
        PubSubModule,
        ActivityModule,
        WorkspacesModule,
        MembersModule,
        ProjectsModule,
        ParticipantsModule,
        TranscriptsModule,
        TagsModule,
        HighlightsModule,
        SearchModule,
        AnalysisModule,
        BoardsModule,
        InsightsModule,
        InterchangeModule,
        ReportsModule,
        CommentsModule,
        NotificationsModule,
        AssignmentsModule,
        PresenceModule,
        MailModule,
        ExportsModule,
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
    };
  }
}
