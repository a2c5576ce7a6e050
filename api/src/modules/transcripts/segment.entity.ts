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

  /** Full-text vector kept by the database from `text`; GIN-indexed (IDX_segment_tsv). Never selected. */
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: `to_tsvector('simple'::regconfig, "text")`,
    select: false,
    insert: false,
    update: false,
    nullable: true,
  })
  tsv?: string;
}
