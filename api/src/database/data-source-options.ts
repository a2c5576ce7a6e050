import { type DataSourceOptions } from 'typeorm';
import { ActivityEntity } from '../modules/activity/activity.entity';
import { AssignmentEntity } from '../modules/assignments/assignment.entity';
import { AnalysisChunkEntity } from '../modules/analysis/analysis-chunk.entity';
import { AnalysisExchangeEntity } from '../modules/analysis/analysis-exchange.entity';
import { AnalysisRunEntity } from '../modules/analysis/analysis-run.entity';
import { SuggestionEntity } from '../modules/analysis/suggestion.entity';
import { AuthSessionEntity, RefreshTokenEntity } from '../modules/auth/session.entity';
import { UserEntity } from '../modules/auth/user.entity';
import { BoardCardEntity, BoardEntity, BoardThemeEntity } from '../modules/boards/board.entity';
import { ThemeSuggestionExchangeEntity } from '../modules/boards/suggestions/theme-suggestion-exchange.entity';
import { ThemeSuggestionRunEntity } from '../modules/boards/suggestions/theme-suggestion-run.entity';
import {
  CommentEntity,
  CommentMentionEntity,
  CommentReactionEntity,
} from '../modules/comments/comment.entity';
import { HighlightEntity, HighlightTagEntity } from '../modules/highlights/highlight.entity';
import {
  InsightEntity,
  InsightEvidenceEntity,
  InsightTagEntity,
} from '../modules/insights/insight.entity';
import { MailOutboxEntity } from '../modules/mail/mail-outbox.entity';
import {
  ReportEntity,
  ReportSectionEntity,
  ReportShareEntity,
} from '../modules/reports/report.entity';
import { NotificationSettingsEntity } from '../modules/mail/notification-settings.entity';
import { InvitationEntity } from '../modules/members/invitation.entity';
import { NotificationEntity } from '../modules/notifications/notification.entity';
import {
  BoardReadMarkerEntity,
  TranscriptReadMarkerEntity,
} from '../modules/activity/item-read-marker.entity';
import { ReadMarkerEntity } from '../modules/activity/read-marker.entity';
import { ParticipantEntity } from '../modules/participants/participant.entity';
import { SpeakerMappingEntity } from '../modules/transcripts/speakers/speaker-mapping.entity';
import { ProjectMemberEntity } from '../modules/projects/project-member.entity';
import { ProjectEntity } from '../modules/projects/project.entity';
import { TagEntity } from '../modules/tags/tag.entity';
import { SegmentEntity } from '../modules/transcripts/segment.entity';
import { ExportEntity } from '../modules/exports/export.entity';
import { TranscriptEntity } from '../modules/transcripts/transcript.entity';
import { MembershipEntity } from '../modules/workspaces/membership.entity';
import { WorkspaceEntity } from '../modules/workspaces/workspace.entity';
import { ProjectImportEntity } from '../modules/interchange/import/project-import.entity';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export const ENTITIES = [
  UserEntity,
  AuthSessionEntity,
  RefreshTokenEntity,
  WorkspaceEntity,
  MembershipEntity,
  ProjectEntity,
  TranscriptEntity,
  SegmentEntity,
  ParticipantEntity,
  SpeakerMappingEntity,
  BoardEntity,
  BoardThemeEntity,
  BoardCardEntity,
  ThemeSuggestionRunEntity,
  InsightEntity,
  InsightEvidenceEntity,
  InsightTagEntity,
  CommentEntity,
  CommentMentionEntity,
  CommentReactionEntity,
  ThemeSuggestionExchangeEntity,
  InvitationEntity,
  ProjectMemberEntity,
  ActivityEntity,
  NotificationEntity,
  ReadMarkerEntity,
  TranscriptReadMarkerEntity,
  BoardReadMarkerEntity,
  NotificationSettingsEntity,
  MailOutboxEntity,
  TagEntity,
  HighlightEntity,
  HighlightTagEntity,
  AnalysisRunEntity,
  AnalysisChunkEntity,
  SuggestionEntity,
  AnalysisExchangeEntity,
  AssignmentEntity,
  ProjectImportEntity,
  ExportEntity,
  ReportEntity,
  ReportSectionEntity,
  ReportShareEntity,
];

/** Server-side limits set on every connection of a pool; 0 (or absent) is no limit. */
export interface DatabaseTimeouts {
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
}

/**
 * TypeORM options for one PostgreSQL URL. Migrations run explicitly; synchronize never.
 *
 * `timeouts` are sent as startup parameters of each connection, so they hold from the first
 * statement with no extra round trip, and a migration or script that opens its own pool without
 * them is not limited. The embedded server (PGlite) ignores startup parameters and cannot
 * interrupt a running statement anyway: there, only queries that end by construction protect it.
 */
export function dataSourceOptions(
  url: string,
  poolSize: number,
  timeouts: DatabaseTimeouts = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    applicationName: 'verbatim',
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 10_000,
      ...(timeouts.statementTimeoutMs ? { statement_timeout: timeouts.statementTimeoutMs } : {}),
      ...(timeouts.idleInTransactionTimeoutMs
        ? { idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs }
        : {}),
    },
    // Off: TypeORM would log failed queries with their parameters (password hashes, transcript
    // text). Errors still surface through the error filter, without parameters.
    logging: false,
  };
}
