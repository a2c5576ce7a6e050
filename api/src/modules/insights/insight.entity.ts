import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { BoardThemeEntity } from '../boards/board.entity';
import { HighlightEntity } from '../highlights/highlight.entity';
import { ProjectEntity } from '../projects/project.entity';
import { TagEntity } from '../tags/tag.entity';

export enum InsightStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}

/**
 * A finding of a project's research: a statement (title), its argument in Markdown (body) and
 * the highlights it rests on (insight_evidence). `version` grows with every edit of the title,
 * body, status or tags; evidence is added and removed without it (those changes commute).
 */
@Entity('insight')
@Index('IDX_insight_project_created', ['projectId', 'createdAt'])
// Newest first across a workspace's projects: walked backwards, it stops after one page.
@Index('IDX_insight_created', ['createdAt', 'id'])
// The configurations a project's insights use, found by skipping through it (a loose index scan).
@Index('IDX_insight_project_config', ['projectId', 'tsConfig'])
// At most one insight per theme: promoting a theme twice, or by two people at once, keeps one.
@Index('UQ_insight_theme', ['themeId'], { unique: true, where: '"theme_id" IS NOT NULL' })
@Index('IDX_insight_tsv', { synchronize: false })
export class InsightEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'uuid' })
  projectId!: string;

  /**
   * The theme the insight was promoted from (or is about), at most one insight per theme; null
   * once that theme is deleted.
   */
  @ManyToOne(() => BoardThemeEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'theme_id' })
  theme?: BoardThemeEntity;

  @Column({ type: 'uuid', nullable: true })
  themeId!: string | null;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** Markdown, stored as written. */
  @Column({ type: 'text', default: '' })
  body!: string;

  @Column({
    type: 'enum',
    enum: InsightStatus,
    enumName: 'insight_status',
    default: InsightStatus.DRAFT,
  })
  status!: InsightStatus;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  /**
   * The text-search configuration (english, german, …, or simple) the title and body are
   * stemmed with: the language of the insight's own text when it is clear, else the project's.
   */
  @Column({ type: 'varchar', length: 63, default: 'simple' })
  tsConfig!: string;

  /**
   * Title (weight A) and body (weight D) as one vector, kept by the database; GIN-indexed
   * (IDX_insight_tsv) so a title match ranks above a body match. Never selected.
   */
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: `setweight(verbatim_tsvector("ts_config", "title"), 'A') || setweight(verbatim_tsvector("ts_config", "body"), 'D')`,
    select: false,
    insert: false,
    update: false,
    nullable: true,
  })
  tsv?: string;

  /** When it was last published; null while a draft. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt!: Date;
}

/**
 * A highlight an insight rests on; at most once per insight (the primary key), so two people
 * adding the same highlight at once leave one row. `position` keeps the order it was added in.
 */
@Entity('insight_evidence')
@Index('IDX_insight_evidence_highlight', ['highlightId'])
export class InsightEvidenceEntity {
  @PrimaryColumn({ type: 'uuid' })
  insightId!: string;

  @PrimaryColumn({ type: 'uuid' })
  highlightId!: string;

  @ManyToOne(() => InsightEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'insight_id' })
  insight?: InsightEntity;

  @ManyToOne(() => HighlightEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'highlight_id' })
  highlight?: HighlightEntity;

  @Column({ type: 'int' })
  position!: number;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'added_by_id' })
  addedBy?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  addedById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** A tag of the project's codebook on an insight. */
@Entity('insight_tag')
@Index('IDX_insight_tag_tag', ['tagId'])
export class InsightTagEntity {
  @PrimaryColumn({ type: 'uuid' })
  insightId!: string;

  @PrimaryColumn({ type: 'uuid' })
  tagId!: string;

  @ManyToOne(() => InsightEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'insight_id' })
  insight?: InsightEntity;

  @ManyToOne(() => TagEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tag_id' })
  tag?: TagEntity;
}
