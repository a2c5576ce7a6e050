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
import { ProjectEntity } from '../projects/project.entity';

export enum AnalysisMode {
  /** Apply the project's codebook. */
  DEDUCTIVE = 'DEDUCTIVE',
  /** Propose new themes. */
  INDUCTIVE = 'INDUCTIVE',
}

export enum AnalysisRunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

export enum AnalysisProviderKind {
  OFFLINE = 'OFFLINE',
  OPENAI = 'OPENAI',
}

/** Redaction applied before text leaves the server, as it was when the run started. */
export interface RunRedaction {
  emails: boolean;
  phones: boolean;
  names: boolean;
}

/**
 * One analysis over some transcripts: planned into chunks (one job each), whose counters are
 * added when a chunk commits, so a retried chunk is never counted twice.
 */
@Entity('analysis_run')
@Index(['projectId', 'createdAt'])
/** Unfinished runs, for the reconciler (partial index, in the JobGenerations migration). */
@Index('IDX_analysis_run_unfinished', { synchronize: false })
export class AnalysisRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'enum', enum: AnalysisMode, enumName: 'analysis_mode' })
  mode!: AnalysisMode;

  @Column({ type: 'enum', enum: AnalysisProviderKind, enumName: 'analysis_provider' })
  provider!: AnalysisProviderKind;

  /** The model asked (null for the offline tagger). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  model!: string | null;

  /** The API base URL text was sent to (null for the offline tagger). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  endpoint!: string | null;

  @Column({
    type: 'enum',
    enum: AnalysisRunStatus,
    enumName: 'analysis_run_status',
    default: AnalysisRunStatus.QUEUED,
  })
  status!: AnalysisRunStatus;

  @Column({ type: 'uuid', array: true })
  transcriptIds!: string[];

  @Column({ type: 'jsonb' })
  redaction!: RunRedaction;

  /** What a provider worked out once for the whole run (the offline tagger's themes), for its chunks. */
  @Column({ type: 'jsonb', nullable: true })
  plan!: unknown;

  @Column({ type: 'integer', default: 0 })
  chunksTotal!: number;

  @Column({ type: 'integer', default: 0 })
  chunksDone!: number;

  @Column({ type: 'integer', default: 0 })
  chunksFailed!: number;

  @Column({ type: 'integer', default: 0 })
  droppedUngrounded!: number;

  @Column({ type: 'integer', default: 0 })
  rejectedInvalid!: number;

  /** rejectedInvalid by reason (InvalidReason → count). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  invalidReasons!: Partial<Record<string, number>>;

  @Column({ type: 'integer', default: 0 })
  skippedDuplicates!: number;

  @Column({ type: 'integer', default: 0 })
  promptTokens!: number;

  @Column({ type: 'integer', default: 0 })
  completionTokens!: number;

  @Column({ type: 'integer', default: 0 })
  requests!: number;

  /** Part of the job id of this work; raised each time the work is queued again. */
  @Column({ type: 'integer', default: 0 })
  jobGeneration!: number;

  /** How often the reconciler queued this work again because its job was lost. */
  @Column({ type: 'integer', default: 0 })
  requeues!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  finishedAt!: Date | null;
}
