import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { Clock } from '../../common/clock';
import { badInput, DomainError, notFound } from '../../common/errors/domain-error';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { executeSql, queryFirstRow, queryOneRow, queryRows } from '../../database/sql';
import { inTransaction } from '../../database/transaction';
import { type ReportRow } from './report-content';
import { type ReportShareType, type ShareReportInput } from './reports.types';
import { ReportChangeKind, ReportEvents } from './report-events';
import { ReportsService } from './reports.service';

/** A share link lives at most this long. */
const MAX_SHARE_DAYS = 366;
/** Live links one report may have at once. */
const MAX_LIVE_SHARES = 50;

interface ShareRow {
  id: string;
  report_id: string;
  expires_at: Date;
  revoked_at: Date | null;
  created_at: Date;
  created_by_name: string | null;
}

/** Why a share token opens nothing; `extensions.reason` of the error. */
export type ShareRefusal = 'UNKNOWN' | 'EXPIRED' | 'REVOKED';

export function hashShareToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Share links: 32 random bytes (base64url) shown once; only their SHA-256 is stored. A link shows
 * one report, as `sharedReport(token)` and nothing else, until it expires or is revoked.
 *
 * A token that opens nothing answers NOT_FOUND with `extensions.reason`: UNKNOWN, EXPIRED or
 * REVOKED, so the share page can say "this link has expired" rather than a bare error. Telling
 * expired and revoked apart from unknown reveals only that a link once existed, to someone who
 * holds that 256-bit token anyway.
 */
@Injectable()
export class ReportSharesService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly reports: ReportsService,
    private readonly events: ReportEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async share(user: AuthUser, input: ShareReportInput): Promise<ReportShareType> {
    const now = this.clock.now();
    const expiresAt = new Date(input.expiresAt);
    if (Number.isNaN(expiresAt.getTime()) || expiresAt <= now)
      throw badInput('expiresAt must be in the future.');
    if (expiresAt.getTime() - now.getTime() > MAX_SHARE_DAYS * 86_400_000)
      throw badInput(`A share link lives at most ${MAX_SHARE_DAYS} days.`);
    const token = randomBytes(32).toString('base64url');
    const report = await this.reports.get(input.reportId);
    const row = await inTransaction(this.db, async (tx) => {
      await executeSql(tx, `SELECT 1 FROM report WHERE id = $1 FOR UPDATE`, [report.id]);
      const { n } = await queryOneRow<{ n: number }>(
        tx,
        `SELECT count(*)::int AS n FROM report_share WHERE report_id = $1 AND revoked_at IS NULL AND expires_at > $2`,
        [report.id, now],
      );
      if (n >= MAX_LIVE_SHARES)
        throw badInput(
          `A report has at most ${MAX_LIVE_SHARES} live share links; revoke one first.`,
        );
      const inserted = await queryOneRow<ShareRow>(
        tx,
        `INSERT INTO report_share (report_id, token_hash, expires_at, created_by_id)
         VALUES ($1, $2, $3, $4) RETURNING id, report_id, expires_at, revoked_at, created_at, NULL::text AS created_by_name`,
        [report.id, hashShareToken(token), expiresAt, user.id],
      );
      await this.reports.record(
        tx,
        user,
        report,
        'report.shared',
        `${user.name} shared the report “${report.title}” until ${expiresAt.toISOString().slice(0, 10)}`,
        { shareId: inserted.id },
      );
      return inserted;
    });
    await this.announce(user, report);
    return {
      ...this.view({ ...row, created_by_name: user.name }, now),
      token,
      url: `${this.config.mail.publicUrl}/r/${token}`,
    };
  }

  async revoke(user: AuthUser, id: string): Promise<ReportShareType> {
    const row = await inTransaction(this.db, async (tx) => {
      const share = await queryFirstRow<{ report_id: string }>(
        tx,
        `SELECT report_id FROM report_share WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!share) throw notFound('Share link');
      const report = await this.reports.get(share.report_id, tx);
      const updated = await queryOneRow<ShareRow>(
        tx,
        `UPDATE report_share s SET revoked_at = coalesce(s.revoked_at, $2) WHERE s.id = $1
         RETURNING s.id, s.report_id, s.expires_at, s.revoked_at, s.created_at,
                   (SELECT u.name FROM user_account u WHERE u.id = s.created_by_id) AS created_by_name`,
        [id, this.clock.now()],
      );
      await this.reports.record(
        tx,
        user,
        report,
        'report.share_revoked',
        `${user.name} revoked a share link of the report “${report.title}”`,
        { shareId: id },
      );
      return { updated, report };
    });
    await this.announce(user, row.report);
    return this.view(row.updated, this.clock.now());
  }

  /** The report's links, newest first, without tokens. */
  async list(reportId: string): Promise<ReportShareType[]> {
    const rows = await queryRows<ShareRow>(
      this.db,
      `SELECT s.id, s.report_id, s.expires_at, s.revoked_at, s.created_at, u.name AS created_by_name
         FROM report_share s LEFT JOIN user_account u ON u.id = s.created_by_id
        WHERE s.report_id = $1 ORDER BY s.created_at DESC, s.id LIMIT 200`,
      [reportId],
    );
    const now = this.clock.now();
    return rows.map((r) => this.view(r, now));
  }

  /** The report a live token opens, and when its link expires; else NOT_FOUND with the reason. */
  async open(token: string): Promise<{ report: ReportRow; expiresAt: Date }> {
    const row =
      typeof token === 'string' && token.length > 0 && token.length <= 200
        ? await queryFirstRow<{ report_id: string; expires_at: Date; revoked_at: Date | null }>(
            this.db,
            `SELECT report_id, expires_at, revoked_at FROM report_share WHERE token_hash = $1`,
            [hashShareToken(token)],
          )
        : undefined;
    if (!row) throw refused('UNKNOWN');
    if (row.revoked_at) throw refused('REVOKED');
    if (row.expires_at <= this.clock.now()) throw refused('EXPIRED');
    return { report: await this.reports.get(row.report_id), expiresAt: row.expires_at };
  }

  private async announce(user: AuthUser, report: ReportRow): Promise<void> {
    await this.events.publish({
      kind: ReportChangeKind.SHARES_CHANGED,
      reportId: report.id,
      version: report.version,
      actorId: user.id,
    });
  }

  private view(row: ShareRow, now: Date): ReportShareType {
    return {
      id: row.id,
      url: null,
      token: null,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      active: !row.revoked_at && row.expires_at > now,
      createdAt: row.created_at,
      createdByName: row.created_by_name,
    };
  }
}

const MESSAGES: Record<ShareRefusal, string> = {
  UNKNOWN: 'This share link does not exist. Check that it was copied whole.',
  EXPIRED: 'This share link has expired. Ask the person who shared it for a new one.',
  REVOKED: 'This share link was turned off by the people who shared it.',
};

function refused(reason: ShareRefusal): DomainError {
  return new DomainError('NOT_FOUND', MESSAGES[reason], { reason });
}
