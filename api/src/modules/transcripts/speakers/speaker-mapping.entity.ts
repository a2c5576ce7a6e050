import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ProjectEntity } from '../../projects/project.entity';
import { TranscriptEntity } from '../transcript.entity';
import {
  type ParticipantAttribute,
  ParticipantEntity,
} from '../../participants/participant.entity';

/**
 * "This speaker of this transcript is that participant": the turns of the source participant in
 * one transcript were given to the target. Records exactly what moved, so that undoing it puts
 * back what the mapping changed and nothing else. At most one active mapping per speaker.
 */
@Entity('speaker_mapping')
@Index('IDX_speaker_mapping_active', ['transcriptId', 'sourceParticipantId'], {
  unique: true,
  where: '"undone_at" IS NULL',
})
@Index(['projectId', 'createdAt'])
@Index(['targetParticipantId'])
export class SpeakerMappingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => TranscriptEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'transcript_id' })
  transcript?: TranscriptEntity;

  @Column({ type: 'uuid' })
  transcriptId!: string;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_participant_id' })
  source?: ParticipantEntity;

  /** The speaker as found in the transcript (its own participant again after an undo). */
  @Column({ type: 'uuid' })
  sourceParticipantId!: string;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_participant_id' })
  target?: ParticipantEntity;

  /** The existing participant the speaker turned out to be. */
  @Column({ type: 'uuid' })
  targetParticipantId!: string;

  /** The turns that were moved from the source to the target. */
  @Column({ type: 'uuid', array: true })
  segmentIds!: string[];

  /** Attributes of the source the target did not have, copied onto it by the mapping. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  addedAttributes!: ParticipantAttribute[];

  /** Who mapped; null for mappings the SpeakerScopes migration recorded. A plain id. */
  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  undoneAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  undoneById!: string | null;
}
