import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { BoardThemeEntity } from '../boards/board.entity';
import { InsightEntity } from '../insights/insight.entity';
import { ProjectEntity } from '../projects/project.entity';

export enum ReportSectionKind {
  TEXT = 'TEXT',
  INSIGHT = 'INSIGHT',
  THEME = 'THEME',
  QUOTES = 'QUOTES',
  CHART = 'CHART',
}

export enum ReportChartType {
  TAG_FREQUENCY = 'TAG_FREQUENCY',
  TAG_PARTICIPANT_HEATMAP = 'TAG_PARTICIPANT_HEATMAP',
}

/** What a CHART section draws, as stored (jsonb). */
export interface ReportChartSpec {
  type: ReportChartType;
  /** The tags to show; empty: the project's most used tags. */
  tagIds: string[];
}

/**
 * A report of a project: ordered sections of text, insights, themes, quotes and charts.
 * `version` grows with every change of the report or its sections (order, content, settings).
 */
@Entity('report')
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Index('IDX_report_project')
  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** Participants shown as "Participant A…" in the report, its exports and its share page. */
  @Column({ type: 'boolean', default: false })
  pseudonymize!: boolean;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt!: Date;
}

/**
 * One section of a report. `position` is a fractional index (compared byte-wise, collation "C"):
 * a move rewrites the moved section's position only. The insight or theme a section shows is
 * kept as a foreign key that becomes null when it is deleted (the section then says so).
 */
@Entity('report_section')
@Index('UQ_report_section_position', ['reportId', 'position'], { unique: true })
export class ReportSectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: ReportEntity;

  @Column({ type: 'uuid' })
  reportId!: string;

  @Column({ type: 'enum', enum: ReportSectionKind, enumName: 'report_section_kind' })
  kind!: ReportSectionKind;

  @Column({ type: 'varchar', length: 100, collation: 'C' })
  position!: string;

  /** Markdown: the text of a TEXT section, an optional introduction of the others. */
  @Column({ type: 'text', default: '' })
  text!: string;

  @ManyToOne(() => InsightEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'insight_id' })
  insight?: InsightEntity;

  @Index('IDX_report_section_insight')
  @Column({ type: 'uuid', nullable: true })
  insightId!: string | null;

  @ManyToOne(() => BoardThemeEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'theme_id' })
  theme?: BoardThemeEntity;

  @Index('IDX_report_section_theme')
  @Column({ type: 'uuid', nullable: true })
  themeId!: string | null;

  /** The quotes chosen: highlights of the report's project, in order (a deleted one is skipped). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  highlightIds!: string[];

  @Column({ type: 'jsonb', nullable: true })
  chart!: ReportChartSpec | null;

  /** Grows with every edit of this section's content (not with moves). */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/**
 * A link that shows the report to anyone holding its token, without logging in, until it expires
 * or is revoked. Only the token's SHA-256 is stored; the token is shown once, when made.
 */
@Entity('report_share')
export class ReportShareEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: ReportEntity;

  @Index('IDX_report_share_report')
  @Column({ type: 'uuid' })
  reportId!: string;

  @Index('UQ_report_share_token_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
