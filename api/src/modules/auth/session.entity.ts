import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * One signed-in device: created by signUp/logIn, kept alive by refreshing, ended by logOut,
 * logOutEverywhere, a password change or the reuse of one of its refresh tokens. Its id is the
 * access token's `sid`; the auth guard looks it up by primary key on every request. The refresh
 * tokens it has issued (its "family") are in auth_refresh_token.
 */
@Entity('auth_session')
@Index(['userId'])
export class AuthSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'uuid' })
  userId!: string;

  /** When the newest refresh token expires; moves forward on each refresh. */
  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;

  /** LOGOUT, LOGOUT_EVERYWHERE, PASSWORD_CHANGED or REFRESH_TOKEN_REUSED. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedReason!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastRefreshedAt!: Date | null;
}

/**
 * A refresh token of a session, stored only as the SHA-256 of the opaque token. Single use:
 * refreshing marks it rotated (pointing at its replacement); presenting it again revokes the
 * whole session, since either the holder or a thief is replaying it.
 */
@Entity('auth_refresh_token')
@Index(['sessionId'])
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => AuthSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: AuthSessionEntity;

  @Column({ type: 'uuid' })
  sessionId!: string;

  /** Hex SHA-256 of the token. */
  @Column({ type: 'char', length: 64, unique: true })
  tokenHash!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  rotatedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  replacedById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
