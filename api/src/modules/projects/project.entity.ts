import { WorkspaceEntity } from '../workspaces/workspace.entity';
import {
  Column,
  JoinColumn,
  ManyToOne,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

@Entity('project')
@Index(['workspaceId', 'createdAt'])
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** When true, only OWNERs and the project's listed members may see it. */
  @Column({ type: 'boolean', default: false })
  restricted!: boolean;

  /**
   * Whether transcript text of this project may be sent to the configured LLM provider. Off
   * until an OWNER turns it on; the offline tagger is always available.
   */
  @Column({ type: 'boolean', default: false })
  aiAllowed!: boolean;

  /** Redaction before text leaves the server: e-mail addresses, phone numbers, participant names. */
  @Column({ type: 'boolean', default: true })
  redactEmails!: boolean;

  @Column({ type: 'boolean', default: true })
  redactPhones!: boolean;

  @Column({ type: 'boolean', default: true })
  redactNames!: boolean;

  /**
   * The language of transcripts that neither declare one nor are long or clear enough for
   * detection (a BCP-47 tag such as "de"); null: no stemming for those.
   */
  @Column({ type: 'varchar', length: 16, nullable: true })
  defaultLanguage!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
