import { ParticipantEntity } from '../participants/participant.entity';
import { TranscriptEntity } from './transcript.entity';
import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A speaker turn: the unit of reading, search and anchoring. */
@Entity('segment')
@Index(['transcriptId', 'index'], { unique: true })
@Index(['participantId'])
@Index('IDX_segment_tsv', { synchronize: false })
export class SegmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => TranscriptEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'transcript_id' })
  transcript?: TranscriptEntity;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'participant_id' })
  participant?: ParticipantEntity;

  @Column({ type: 'uuid' })
  transcriptId!: string;

  @Column({ type: 'integer' })
  index!: number;

  /** The speaker label as written in the source, null when unknown. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  speaker!: string | null;

  @Column({ type: 'uuid', nullable: true })
  participantId!: string | null;

  @Column({ type: 'integer', nullable: true })
  startMs!: number | null;

  @Column({ type: 'integer', nullable: true })
  endMs!: number | null;

  @Column({ type: 'text' })
  text!: string;

  /** When an editor last corrected this turn's text or speaker (correctSegment). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  editedAt!: Date | null;

  /** Who made that correction; a plain id (the user may since have been deleted). */
  @Column({ type: 'uuid', nullable: true })
  editedById!: string | null;

  /**
   * The text-search configuration (english, german, …, or simple) of the transcript's language;
   * a name from pg_ts_config. PostgreSQL's regconfig type is unknown to TypeORM, hence a string.
   */
  @Column({ type: 'varchar', length: 63, default: 'simple' })
  tsConfig!: string;

  /**
   * Full-text vector kept by the database from `text`, stemmed by `tsConfig` (verbatim_tsvector
   * is to_tsvector with the name cast to regconfig); GIN-indexed (IDX_segment_tsv). Never selected.
   */
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: `verbatim_tsvector("ts_config", "text")`,
    select: false,
    insert: false,
    update: false,
    nullable: true,
  })
  tsv?: string;
}
