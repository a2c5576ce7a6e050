import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { ProjectEntity } from '../projects/project.entity';

/** When a user last caught up with a project: "new" in its digest means after this. */
@Entity('read_marker')
/** Deleting a project deletes its markers. */
@Index('IDX_read_marker_project', ['projectId'])
export class ReadMarkerEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'timestamptz', precision: 3 })
  seenAt!: Date;
}
