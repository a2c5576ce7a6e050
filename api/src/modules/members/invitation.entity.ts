import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Role } from '../../common/access/roles';
import { UserEntity } from '../auth/user.entity';
import { WorkspaceEntity } from '../workspaces/workspace.entity';

/** An invitation to join a workspace: single-use, expiring, revocable; the token is stored hashed. */
@Entity('invitation')
@Index(['workspaceId', 'createdAt'])
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  /** Lower-cased; only a user with this e-mail can accept. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'enum', enum: Role, enumName: 'membership_role' })
  role!: Role;

  /** SHA-256 of the token, hex. */
  @Column({ type: 'char', length: 64, unique: true })
  tokenHash!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'invited_by_id' })
  invitedBy?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  invitedById!: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedById!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
