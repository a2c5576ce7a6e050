import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '../../auth/user.entity';
import { ProjectEntity } from '../../projects/project.entity';
import { BoardEntity } from '../board.entity';

export enum ThemeSuggestionStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  READY = 'READY',
  FAILED = 'FAILED',
}

/** Where a run's vectors and titles come from. */
export enum ThemeSuggestionProvider {
  /** TF-IDF + LSA vectors and c-TF-IDF titles on this server. */
  OFFLINE = 'OFFLINE',
  /** Embeddings and LLM-written titles from the OpenAI-compatible endpoint (AI allowed). */
  OPENAI = 'OPENAI',
}

/** What a run sends to a provider is redacted as the project said when the run was asked for. */
export interface ThemeSuggestionRedaction {
  emails: boolean;
  phones: boolean;
  names: boolean;
}

/** One proposed theme as stored: highlight ids most central first. */
export interface StoredProposal {
  title: string;
  description: string;
  highlightIds: string[];
  cohesion: number;
  /** The title was written by the model (OPENAI runs), citing these highlights of the group. */
  titleCites?: string[];
}

/**
 * A clustering of a board's highlights into proposed themes (a job). Nothing on the board
 * changes until the user applies proposals. `cardVersions` holds, for each highlight that had a
 * card on the board when the run was asked for, that card's version: applying skips a card that
 * was removed or moved since.
 */
@Entity('theme_suggestion_run')
@Index('IDX_theme_suggestion_run_board', ['boardId', 'createdAt'])
@Index('IDX_theme_suggestion_run_status', ['status', 'updatedAt'])
export class ThemeSuggestionRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => BoardEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'board_id' })
  board?: BoardEntity;

  @Column({ type: 'uuid' })
  boardId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by_id' })
  requestedBy?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  requestedById!: string | null;

  @Column({ type: 'varchar', length: 16, default: ThemeSuggestionStatus.QUEUED })
  status!: ThemeSuggestionStatus;

  @Column({ type: 'real', default: 0 })
  progress!: number;

  @Column({ type: 'int', nullable: true })
  k!: number | null;

  @Column({ type: 'uuid', array: true })
  highlightIds!: string[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  cardVersions!: Record<string, number>;

  @Column({ type: 'jsonb', nullable: true })
  proposals!: StoredProposal[] | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** What a user should know about how the proposals were made (a provider failed, AI was off). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  notes!: string[];

  /** Where the proposals came from (an OPENAI run that ran offline after all becomes OFFLINE). */
  @Column({ type: 'varchar', length: 16, default: ThemeSuggestionProvider.OFFLINE })
  provider!: ThemeSuggestionProvider;

  /** Set for OPENAI runs: the project's redaction settings when the run was asked for. */
  @Column({ type: 'jsonb', nullable: true })
  redaction!: ThemeSuggestionRedaction | null;

  @Column({ type: 'int', default: 0 })
  jobGeneration!: number;

  @Column({ type: 'int', default: 0 })
  requeues!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt!: Date;
}
