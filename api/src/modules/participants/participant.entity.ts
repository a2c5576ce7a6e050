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

/** A speaker within a project, matched by the label used in transcripts. */
@Entity('participant')
@Index(['projectId', 'label'], { unique: true })
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'uuid' })
  projectId!: string;

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
