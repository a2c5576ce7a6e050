import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity';

export enum MailKind {
  /** What changed in a user's projects over a period. */
  DIGEST = 'DIGEST',
  /** One mention, at once. */
  MENTION = 'MENTION',
  /** An invitation to a workspace, to its address. */
  INVITATION = 'INVITATION',
}

/**
 * PENDING: to send (a job is queued); SENDING: an attempt is talking to the SMTP server; SENT;
 * SKIPPED: nothing to send after all (a digest with nothing new, a used invitation); FAILED:
 * given up, with the reason.
 */
export enum MailStatus {
  PENDING = 'PENDING',
  SENDING = 'SENDING',
  SENT = 'SENT',
  SKIPPED = 'SKIPPED',
  FAILED = 'FAILED',
}

/** Invitation e-mails keep their link's token, sealed (see sealed-token.ts), until sent. */
export interface MailPayload {
  sealedToken?: string;
}

/**
 * Every e-mail Verbatim owes someone, written before it is sent: the row is the truth the send
 * job and the reconciler work from. `dedupeKey` is unique, so each digest period, mention and
 * invitation is claimed by one writer once, whatever the number of processes; the content is
 * rendered when it is sent.
 */
@Entity('mail_outbox')
@Index('UQ_mail_outbox_dedupe_key', ['dedupeKey'], { unique: true })
/** What the reconciler reads: e-mails not yet finished (partial index). */
@Index('IDX_mail_outbox_unfinished', ['updatedAt'], { where: `"status" IN ('PENDING', 'SENDING')` })
/** A user's digests by the end of what they covered, where the next one starts. */
@Index('IDX_mail_outbox_user_covered', ['userId', 'coveredUntil'])
export class MailOutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: MailKind, enumName: 'mail_kind' })
  kind!: MailKind;

  /** `digest:<userId>:<local date>`, `mention:<notificationId>`, `invitation:<invitationId>`. */
  @Column({ type: 'varchar', length: 200 })
  dedupeKey!: string;

  /** The user written to (digests, mentions); null for an invitation. */
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  /** The address of an invitation; users are written to at their current address. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  recipient!: string | null;

  /** The notification (MENTION) or invitation (INVITATION) the e-mail is about. */
  @Column({ type: 'uuid', nullable: true })
  subjectId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  payload!: MailPayload | null;

  /** A digest tells what happened after `coveredFrom`, up to `coveredUntil` (database time). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  coveredFrom!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  coveredUntil!: Date | null;

  @Column({
    type: 'enum',
    enum: MailStatus,
    enumName: 'mail_status',
    default: MailStatus.PENDING,
  })
  status!: MailStatus;

  /** The send job's generation: its id is `mail-<id>-<generation>`; the reconciler bumps it. */
  @Column({ type: 'int', default: 0 })
  generation!: number;

  /** Times the reconciler queued it again after its job was lost. */
  @Column({ type: 'int', default: 0 })
  requeues!: number;

  /** Attempts at the SMTP server, over all jobs. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  sentAt!: Date | null;
}
