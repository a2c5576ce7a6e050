import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badInput } from '../../common/errors/domain-error';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { queryFirstRow, queryOneRow, queryRows } from '../../database/sql';
import { DigestFrequency } from './digest-schedule';
import { type UnsubscribeScope } from './mail-secrets';
import {
  type NotificationSettingsType,
  type UpdateNotificationSettingsInput,
} from './notification-settings.types';
import { canonicalTimeZone } from './time-zone';

/** The hour offered before a user chose one. */
export const DEFAULT_DIGEST_HOUR = 8;

interface Row {
  time_zone: string;
  digest_hour: number;
  digest: DigestFrequency;
  mentions_by_email: boolean;
}

/** Each user's own e-mail settings (table notification_settings); none saved: nothing is sent. */
@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(userId: string): Promise<NotificationSettingsType> {
    const row = await queryFirstRow<Row>(
      this.db,
      `SELECT time_zone, digest_hour, digest, mentions_by_email
         FROM notification_settings WHERE user_id = $1`,
      [userId],
    );
    return this.toType(row);
  }

  async update(
    userId: string,
    input: UpdateNotificationSettingsInput,
  ): Promise<NotificationSettingsType> {
    const timeZone = canonicalTimeZone(input.timeZone.trim());
    if (!timeZone)
      throw badInput(
        `“${input.timeZone}” is not a time zone: use a name of the IANA time zone database, such as Europe/Lisbon or America/New_York.`,
      );
    const row = await queryOneRow<Row>(
      this.db,
      `INSERT INTO notification_settings (user_id, time_zone, digest_hour, digest, mentions_by_email)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE
          SET time_zone = EXCLUDED.time_zone, digest_hour = EXCLUDED.digest_hour,
              digest = EXCLUDED.digest, mentions_by_email = EXCLUDED.mentions_by_email,
              updated_at = now()
       RETURNING time_zone, digest_hour, digest, mentions_by_email`,
      [userId, timeZone, input.digestHour, input.digest, input.mentionsByEmail],
    );
    return this.toType(row);
  }

  /** Turns the digest or mention e-mails off (an unsubscribe link); whether anything changed. */
  async turnOff(userId: string, scope: UnsubscribeScope): Promise<boolean> {
    const set = scope === 'digest' ? `digest = 'OFF'` : 'mentions_by_email = false';
    const changed = await queryRows<{ user_id: string }>(
      this.db,
      `WITH changed AS (
         UPDATE notification_settings SET ${set}, updated_at = now()
          WHERE user_id = $1 AND ${scope === 'digest' ? `digest <> 'OFF'` : 'mentions_by_email'}
          RETURNING user_id
       ) SELECT user_id FROM changed`,
      [userId],
    );
    return changed.length > 0;
  }

  private toType(row: Row | undefined): NotificationSettingsType {
    return {
      timeZone: row?.time_zone ?? null,
      digestHour: row?.digest_hour ?? DEFAULT_DIGEST_HOUR,
      digest: row?.digest ?? DigestFrequency.OFF,
      mentionsByEmail: row?.mentions_by_email ?? false,
      emailConfigured: this.config.mail.smtpUrl !== null,
    };
  }
}
