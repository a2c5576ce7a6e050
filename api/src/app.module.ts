import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AccessModule } from './common/access/access.module';
import { graphqlAuth } from './common/auth/request-user';
import { TokenService } from './common/auth/token.service';
import { formatGraphqlError } from './common/errors/format-error';
import { DomainErrorFilter } from './common/errors/http-error.filter';
import { FilesModule } from './common/files/files.module';
import { PubSubModule } from './common/pubsub/pubsub.module';
import {
  complexityLimitPlugin,
  depthLimitRule,
  MAX_DOCUMENT_TOKENS,
} from './common/security/graphql-limits';
import { wsHardening } from './common/security/graphql-ws';
import { SecurityModule } from './common/security/security.module';
import { WorkersModule } from './common/workers/workers.module';
import { ConfigModule } from './config/config.module';
import { type AppConfig } from './config/env';
import { dataSourceOptions } from './database/data-source-options';
import { JobsModule } from './jobs/jobs.module';
import { ActivityModule } from './modules/activity/activity.module';
import { AnalysisModule } from './modules/analysis/analysis.module';
import { AuthModule } from './modules/auth/auth.module';
import { HealthModule } from './modules/health/health.module';
import { HighlightsModule } from './modules/highlights/highlights.module';
import { MembersModule } from './modules/members/members.module';
import { ParticipantsModule } from './modules/participants/participants.module';
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

function graphqlModule(config: AppConfig): DynamicModule {
  return GraphQLModule.forRootAsync<ApolloDriverConfig>({
    driver: ApolloDriver,
    inject: [TokenService],
    useFactory: (tokens: TokenService) => {
      const auth = graphqlAuth(tokens);
      return {
        path: '/graphql',
        autoSchemaFile: schemaFile(config),
        sortSchema: true,
        // Off in production unless GRAPHQL_INTROSPECTION=true (the GraphiQL page needs it).
        graphiql: config.graphql.introspection,
        introspection: config.graphql.introspection,
        csrfPrevention: true,
        parseOptions: { maxTokens: MAX_DOCUMENT_TOKENS },
        validationRules: [depthLimitRule(config.graphql.maxDepth)],
        plugins: [complexityLimitPlugin(config.graphql.maxComplexity)],
        subscriptions: {
          'graphql-ws': {
            path: '/graphql',
            onConnect: auth.onConnect,
            ...wsHardening(config.graphql),
          },
        },
        context: auth.context,
        formatError: formatGraphqlError,
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
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
    };
  }
}
