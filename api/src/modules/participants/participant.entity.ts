import { ProjectEntity } from '../projects/project.entity';
import {
  Column,
  JoinColumn,
  ManyToOne,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

export interface ParticipantAttribute {
  key: string;
  value: string;
}

/**
 * A speaker within a project. Named speakers ("Maria") are matched by their label across the
 * project's transcripts; a speaker with a generic label ("Speaker 1", SPEAKER_00; see
 * isGenericSpeakerLabel) belongs to the one transcript it was found in (`transcriptId`).
 */
@Entity('participant')
@Index('IDX_participant_project_label', ['projectId', 'label'], {
  unique: true,
  where: '"transcript_id" IS NULL',
})
@Index('IDX_participant_transcript_label', ['transcriptId', 'label'], {
  unique: true,
  where: '"transcript_id" IS NOT NULL',
})
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'uuid' })
  projectId!: string;

  /**
   * The transcript whose generic speaker label this participant stands for; null for a named
   * speaker. A plain id: the participant outlives the transcript, as named speakers do, so that
   * turns of other transcripts mapped onto it keep their speaker.
   */
  @Column({ type: 'uuid', nullable: true })
  transcriptId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  label!: string;

  @Column({ type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'boolean', default: false })
  isInterviewer!: boolean;

  @Column({ type: 'varchar', length: 7 })
  color!: string;

  /** Researcher-defined facts about the speaker (role, segment, country…), in the order given. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  attributes!: ParticipantAttribute[];

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
