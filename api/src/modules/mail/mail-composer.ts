import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { queryFirstRow } from '../../database/sql';
import { DigestService } from '../activity/digest.service';
import { DigestFrequency } from './digest-schedule';
import { MailKind } from './mail-outbox.entity';
import { type MailToSend } from './mail-outbox.repository';
import { MailLinks } from './mail-links';
import { MailSecrets } from './mail-secrets';
import { type OutgoingMail } from './mailer';
import { digestMail } from './templates/digest-mail';
import { invitationMail } from './templates/invitation-mail';
import { type MailDocument, renderHtml, renderText } from './templates/mail-document';
import { mentionMail } from './templates/mention-mail';

/** The e-mail to send, or why there is none after all. */
export type Composed = { mail: OutgoingMail } | { skip: string };

/**
 * Renders an e-mail of the outbox when it is sent, from what is true then: a digest tells only
 * projects the user can still see, a mention is not sent once its user turned mention e-mails
 * off, read it, or left the project, and an invitation only while it can still be accepted.
 */
@Injectable()
export class MailComposer {
  private readonly links: MailLinks;

  constructor(
    private readonly db: DataSource,
    private readonly digests: DigestService,
    private readonly secrets: MailSecrets,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.links = new MailLinks(config.mail.publicUrl);
  }

  compose(mail: MailToSend): Promise<Composed> {
    switch (mail.kind) {
      case MailKind.DIGEST:
        return this.digest(mail);
      case MailKind.MENTION:
        return this.mention(mail);
      case MailKind.INVITATION:
        return this.invitation(mail);
    }
  }

  private async digest(mail: MailToSend): Promise<Composed> {
    const user = await queryFirstRow<{
      email: string;
      name: string;
      time_zone: string;
      digest_hour: number;
      digest: DigestFrequency;
    }>(
      this.db,
      `SELECT u.email, u.name, s.time_zone, s.digest_hour, s.digest
         FROM user_account u JOIN notification_settings s ON s.user_id = u.id WHERE u.id = $1`,
      [mail.userId],
    );
    if (!user || user.digest === DigestFrequency.OFF || !mail.userId)
      return { skip: 'The digest was turned off.' };
    const since = mail.coveredFrom ?? new Date(0);
    const changes = await this.digests.changesFor(
      mail.userId,
      since,
      mail.coveredUntil ?? new Date(),
    );
    if (!changes.length) return { skip: 'Nothing new.' };
    const unsubscribe = this.links.unsubscribe(
      this.secrets.unsubscribeToken('digest', mail.userId),
    );
    const document = digestMail({
      userName: user.name,
      frequency: user.digest,
      hour: user.digest_hour,
      timeZone: user.time_zone,
      since,
      changes,
      links: this.links,
      unsubscribeUrl: unsubscribe,
    });
    return this.render(mail, user.email, document, unsubscribe);
  }

  private async mention(mail: MailToSend): Promise<Composed> {
    const row = await queryFirstRow<{
      email: string;
      summary: string;
      project_id: string;
      project_name: string;
      target_type: string;
      target_id: string;
      transcript_id: string | null;
      board_id: string | null;
      read: boolean;
      comment_body: string | null;
      wanted: boolean;
      visible: boolean;
    }>(
      this.db,
      `SELECT u.email, n.summary, n.project_id, p.name AS project_name, n.target_type::text,
              n.target_id, n.transcript_id, n.board_id, n.read_at IS NOT NULL AS read,
              (SELECT c.body FROM comment c WHERE c.id = n.comment_id AND c.deleted_at IS NULL) AS comment_body,
              COALESCE(s.mentions_by_email, false) AS wanted,
              EXISTS (SELECT 1 FROM membership m
                       WHERE m.workspace_id = p.workspace_id AND m.user_id = n.user_id
                         AND (m.role = 'OWNER' OR NOT p.restricted
                              OR EXISTS (SELECT 1 FROM project_member pm
                                          WHERE pm.project_id = p.id AND pm.user_id = n.user_id))) AS visible
         FROM notification n
         JOIN project p ON p.id = n.project_id
         JOIN user_account u ON u.id = n.user_id
         LEFT JOIN notification_settings s ON s.user_id = n.user_id
        WHERE n.id = $1`,
      [mail.subjectId],
    );
    if (!row || !row.visible) return { skip: 'The mention is no longer visible to its user.' };
    if (!row.wanted) return { skip: 'Mention e-mails were turned off.' };
    if (row.read) return { skip: 'The mention was read in Verbatim first.' };
    const userId = mail.userId ?? '';
    const unsubscribe = this.links.unsubscribe(this.secrets.unsubscribeToken('mentions', userId));
    const document = mentionMail({
      summary: row.summary,
      projectName: row.project_name,
      place: {
        projectId: row.project_id,
        targetType: row.target_type,
        targetId: row.target_id,
        transcriptId: row.transcript_id,
        boardId: row.board_id,
      },
      links: this.links,
      unsubscribeUrl: unsubscribe,
      commentBody: row.comment_body,
    });
    return this.render(mail, row.email, document, unsubscribe);
  }

  private async invitation(mail: MailToSend): Promise<Composed> {
    const token = mail.payload?.sealedToken ? this.secrets.open(mail.payload.sealedToken) : null;
    if (!token) return { skip: 'The link could not be read back (AUTH_SECRET changed?).' };
    const row = await queryFirstRow<{
      email: string;
      role: string;
      expires_at: Date;
      pending: boolean;
      workspace_name: string;
      inviter_name: string | null;
      inviter_email: string | null;
    }>(
      this.db,
      `SELECT i.email, i.role::text, i.expires_at, w.name AS workspace_name,
              i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now() AS pending,
              u.name AS inviter_name, u.email AS inviter_email
         FROM invitation i
         JOIN workspace w ON w.id = i.workspace_id
         LEFT JOIN user_account u ON u.id = i.invited_by_id
        WHERE i.id = $1`,
      [mail.subjectId],
    );
    if (!row?.pending) return { skip: 'The invitation was used, withdrawn or expired.' };
    const document = invitationMail({
      inviterName: row.inviter_name,
      inviterEmail: row.inviter_email,
      workspaceName: row.workspace_name,
      role: row.role,
      link: this.links.invitation(token),
      expiresAt: row.expires_at,
    });
    return this.render(mail, row.email, document);
  }

  private render(
    mail: MailToSend,
    to: string,
    document: MailDocument,
    unsubscribeUrl?: string,
  ): Composed {
    return {
      mail: {
        id: mail.id,
        to,
        subject: document.subject,
        text: renderText(document),
        html: renderHtml(document),
        unsubscribeUrl,
      },
    };
  }
}
