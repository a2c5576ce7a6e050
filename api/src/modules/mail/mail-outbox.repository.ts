import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Db, queryFirstRow, queryRows } from '../../database/sql';
import { type DigestSchedule } from './digest-schedule';
import { type MailKind, type MailPayload, MailStatus } from './mail-outbox.entity';

/** An e-mail owed, as its send job and the reconciler name it. */
export interface OwedMail {
  id: string;
  generation: number;
}

/** A row whose send attempt just started. */
export interface MailToSend {
  id: string;
  kind: MailKind;
  userId: string | null;
  recipient: string | null;
  subjectId: string | null;
  payload: MailPayload | null;
  coveredFrom: Date | null;
  coveredUntil: Date | null;
  createdAt: Date;
}

/** A row the reconciler looks at: unfinished and untouched for a while. */
export interface UnfinishedMail extends OwedMail {
  status: MailStatus.PENDING | MailStatus.SENDING;
  requeues: number;
}

/** Digest schedules that are due, with the period each is due for. */
export type DueDigests = (DigestSchedule & { key: string })[];

const BATCH = 500;
/** Finished e-mails are kept this long (for support questions), then deleted. */
const KEEP_DAYS = 90;

const TO_SEND = `id, kind, user_id AS "userId", recipient, subject_id AS "subjectId", payload,
  covered_from AS "coveredFrom", covered_until AS "coveredUntil", created_at AS "createdAt"`;

/**
 * The outbox (table mail_outbox): claims, written by one writer each thanks to the unique
 * dedupe key, and each e-mail's way from PENDING to SENT, SKIPPED or FAILED. Every change of
 * state is a compare-and-set on the status and generation a caller saw.
 */
@Injectable()
export class MailOutboxRepository {
  constructor(private readonly db: DataSource) {}

  /** The digest schedules users have on, each once. */
  schedules(): Promise<DigestSchedule[]> {
    return queryRows<DigestSchedule>(
      this.db,
      `SELECT DISTINCT time_zone AS "timeZone", digest_hour AS hour, digest::text AS frequency
         FROM notification_settings WHERE digest <> 'OFF'`,
    );
  }

  /**
   * Claims the digest of each user on a due schedule for its period, unless claimed before (by
   * any process, at any time): PostgreSQL's unique dedupe key decides. A digest covers the time
   * since the end of the user's previous one (FAILED ones excepted, so their time is told
   * again), at most a week back (four for weekly digests); a user's first covers a period.
   */
  claimDigests(due: DueDigests): Promise<OwedMail[]> {
    if (!due.length) return Promise.resolve([]);
    return queryRows<OwedMail>(
      this.db,
      `INSERT INTO mail_outbox (kind, dedupe_key, user_id, covered_from, covered_until)
       SELECT 'DIGEST', 'digest:' || s.user_id || ':' || due.key, s.user_id,
              CASE WHEN previous.until IS NULL
                   THEN now() - make_interval(days => CASE s.digest WHEN 'WEEKLY' THEN 7 ELSE 1 END)
                   ELSE GREATEST(previous.until,
                                 now() - make_interval(days => CASE s.digest WHEN 'WEEKLY' THEN 28 ELSE 7 END))
              END,
              now()
         FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS due(zone, hour, digest, key)
         JOIN notification_settings s
           ON s.time_zone = due.zone AND s.digest_hour = due.hour AND s.digest::text = due.digest
         LEFT JOIN LATERAL (
           SELECT max(o.covered_until) AS until FROM mail_outbox o
            WHERE o.user_id = s.user_id AND o.kind = 'DIGEST' AND o.status <> 'FAILED'
         ) previous ON true
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, generation`,
      [
        due.map((d) => d.timeZone),
        due.map((d) => d.hour),
        due.map((d) => d.frequency),
        due.map((d) => d.key),
      ],
    );
  }

  /** In the notifications' transaction: an e-mail for each mention whose user wants one. */
  claimMentions(tx: Db, notificationIds: string[]): Promise<OwedMail[]> {
    return queryRows<OwedMail>(
      tx,
      `INSERT INTO mail_outbox (kind, dedupe_key, user_id, subject_id)
       SELECT 'MENTION', 'mention:' || n.id, n.user_id, n.id
         FROM notification n
         JOIN notification_settings s ON s.user_id = n.user_id AND s.mentions_by_email
        WHERE n.id = ANY($1::uuid[]) AND n.kind = 'MENTION'
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, generation`,
      [notificationIds],
    );
  }

  /** In the invitation's transaction: its e-mail, the link's token sealed. */
  claimInvitation(
    tx: Db,
    invitationId: string,
    email: string,
    payload: MailPayload,
  ): Promise<OwedMail[]> {
    return queryRows<OwedMail>(
      tx,
      `INSERT INTO mail_outbox (kind, dedupe_key, recipient, subject_id, payload)
       VALUES ('INVITATION', $1, $2, $3, $4::jsonb)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, generation`,
      [`invitation:${invitationId}`, email, invitationId, JSON.stringify(payload)],
    );
  }

  /** PENDING → SENDING for this generation, counting the attempt; undefined when not PENDING. */
  startAttempt(id: string, generation: number): Promise<MailToSend | undefined> {
    return queryFirstRow<MailToSend>(
      this.db,
      `WITH started AS (
         UPDATE mail_outbox SET status = 'SENDING', attempts = attempts + 1, updated_at = now()
          WHERE id = $1 AND generation = $2 AND status = 'PENDING'
          RETURNING *
       ) SELECT ${TO_SEND} FROM started`,
      [id, generation],
    );
  }

  /**
   * Ends the attempt under way: SENT, SKIPPED or FAILED (the sealed token is dropped), or back to
   * PENDING for a retry. Whether the row was still SENDING.
   */
  async endAttempt(id: string, status: MailStatus, error: string | null = null): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.db,
      `WITH ended AS (
         UPDATE mail_outbox
            SET status = $2::mail_status, error = left($3, 500), updated_at = now(),
                sent_at = CASE WHEN $2 = 'SENT' THEN now() END,
                payload = CASE WHEN $2 = 'PENDING' THEN payload END
          WHERE id = $1 AND status = 'SENDING'
          RETURNING id
       ) SELECT id FROM ended`,
      [id, status, error],
    );
    return rows.length > 0;
  }

  /** A row found SENDING by a job of its generation: that attempt died before it ended. */
  async interrupted(id: string, generation: number, reason: string): Promise<boolean> {
    return this.fail(id, generation, MailStatus.SENDING, reason);
  }

  /** Rows not finished and untouched for `graceMs`, oldest first. */
  unfinished(graceMs: number): Promise<UnfinishedMail[]> {
    return queryRows<UnfinishedMail>(
      this.db,
      `SELECT id, generation, status, requeues FROM mail_outbox
        WHERE status IN ('PENDING', 'SENDING') AND updated_at < now() - make_interval(secs => $1)
        ORDER BY updated_at LIMIT ${BATCH}`,
      [graceMs / 1000],
    );
  }

  /** A PENDING row under a new generation (its job was lost); the new one, or undefined. */
  async requeue(id: string, generation: number): Promise<number | undefined> {
    const row = await queryFirstRow<{ generation: number }>(
      this.db,
      `WITH moved AS (
         UPDATE mail_outbox SET generation = generation + 1, requeues = requeues + 1, updated_at = now()
          WHERE id = $1 AND generation = $2 AND status = 'PENDING'
          RETURNING generation
       ) SELECT generation FROM moved`,
      [id, generation],
    );
    return row?.generation;
  }

  async fail(id: string, generation: number, from: MailStatus, reason: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.db,
      `WITH failed AS (
         UPDATE mail_outbox SET status = 'FAILED', error = left($4, 500), payload = NULL, updated_at = now()
          WHERE id = $1 AND generation = $2 AND status = $3::mail_status
          RETURNING id
       ) SELECT id FROM failed`,
      [id, generation, from, reason],
    );
    return rows.length > 0;
  }

  /** Deletes finished e-mails older than KEEP_DAYS; how many. */
  async prune(): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.db,
      `WITH gone AS (
         DELETE FROM mail_outbox
          WHERE status IN ('SENT', 'SKIPPED', 'FAILED') AND updated_at < now() - make_interval(days => $1)
          RETURNING id
       ) SELECT id FROM gone`,
      [KEEP_DAYS],
    );
    return rows.length;
  }
}
