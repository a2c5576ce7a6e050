import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { DigestFrequency } from './digest-schedule';

/**
 * How a user wants to be e-mailed: a digest of what changed in their projects (daily or on
 * Mondays, at a local hour in their time zone) and each mention at once. No row: nothing is
 * sent (e-mail is opt-in).
 */
@Entity('notification_settings')
@Check('CHK_notification_settings_hour', `"digest_hour" BETWEEN 0 AND 23`)
/** The digest check reads the schedules that are on (partial index). */
@Index('IDX_notification_settings_digest', ['digest', 'timeZone', 'digestHour'], {
  where: `"digest" <> 'OFF'`,
})
export class NotificationSettingsEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** An IANA zone, as canonicalTimeZone spells it. */
  @Column({ type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'smallint' })
  digestHour!: number;

  @Column({
    type: 'enum',
    enum: DigestFrequency,
    enumName: 'digest_frequency',
    default: DigestFrequency.OFF,
  })
  digest!: DigestFrequency;

  @Column({ type: 'boolean', default: false })
  mentionsByEmail!: boolean;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
