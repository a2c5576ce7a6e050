import { UserEntity } from '../auth/user.entity';
import { ProjectEntity } from '../projects/project.entity';
import {
  Column,
  JoinColumn,
  ManyToOne,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export enum TranscriptStatus {
  UPLOADED = 'UPLOADED',
  PROCESSING = 'PROCESSING',
  READY = 'READY',
  FAILED = 'FAILED',
}

/** Where a transcript's language comes from; null with no language (no stemming). */
export enum LanguageSource {
  /** Set by an editor; wins over everything. */
  MANUAL = 'MANUAL',
  /** Declared by the file (Whisper/Deepgram JSON, a WebVTT `Language:` header). */
  FILE = 'FILE',
  /** Detected from the turns' text. */
  DETECTED = 'DETECTED',
  /** The project's default language; follows it when it changes. */
  PROJECT = 'PROJECT',
}

@Entity('transcript')
@Index(['projectId', 'checksum'], { unique: true })
@Index(['projectId', 'createdAt'])
/** Unfinished work, for the reconciler (partial index, in the JobGenerations migration). */
@Index('IDX_transcript_unfinished', { synchronize: false })
export class TranscriptEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by_id' })
  uploadedBy?: UserEntity;

  @Column({ type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 300 })
  filename!: string;

  /** WEBVTT | SRT | TEXT | DOCX | STT_JSON, known once parsed. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  format!: string | null;

  @Column({
    type: 'enum',
    enum: TranscriptStatus,
    enumName: 'transcript_status',
    default: TranscriptStatus.UPLOADED,
  })
  status!: TranscriptStatus;

  /** Human-readable reason when FAILED. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'real', default: 0 })
  progress!: number;

  /** SHA-256 of the original bytes, hex. */
  @Column({ type: 'char', length: 64 })
  checksum!: string;

  @Column({ type: 'integer' })
  byteSize!: number;

  /** Key of the original bytes in the file store. */
  @Column({ type: 'varchar', length: 200 })
  storageKey!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  language!: string | null;

  @Column({
    type: 'enum',
    enum: LanguageSource,
    enumName: 'transcript_language_source',
    nullable: true,
  })
  languageSource!: LanguageSource | null;

  /** The language the file itself declares, kept so "detect automatically" can return to it. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  declaredLanguage!: string | null;

  /** The text-search configuration of `language` (see text-search-config.ts), copied to its turns. */
  @Column({ type: 'varchar', length: 63, default: 'simple' })
  tsConfig!: string;

  @Column({ type: 'integer', nullable: true })
  durationMs!: number | null;

  /**
   * Whether processing a FAILED transcript again may succeed: false when its file cannot be
   * read as a transcript, or its original is gone; true for server errors and lost jobs.
   */
  @Column({ type: 'boolean', default: true })
  retryable!: boolean;

  /** The day the interview took place ('YYYY-MM-DD'), as the team records it; no time of day. */
  @Column({ type: 'date', nullable: true })
  interviewDate!: string | null;

  @Column({ type: 'integer', default: 0 })
  segmentCount!: number;

  /** Part of the job id of this work; raised each time the work is queued again. */
  @Column({ type: 'integer', default: 0 })
  jobGeneration!: number;

  /** How often the reconciler queued this work again because its job was lost. */
  @Column({ type: 'integer', default: 0 })
  requeues!: number;

  @Column({ type: 'uuid', nullable: true })
  uploadedById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
