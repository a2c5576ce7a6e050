import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { DigestScheduler } from './digest-scheduler';
import { MailComposer } from './mail-composer';
import { MailDispatch } from './mail-dispatch';
import { MailHooks } from './mail-hooks';
import { MailOutboxReconciler } from './mail-outbox.reconciler';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailSecrets } from './mail-secrets';
import { MailSender } from './mail-sender';
import { Mailer, NoMailer } from './mailer';
import { NotificationSettingsResolver } from './notification-settings.resolver';
import { NotificationSettingsService } from './notification-settings.service';
import { SmtpMailer } from './smtp-mailer';
import { UnsubscribeController } from './unsubscribe.controller';

/**
 * E-mail (optional: SMTP_URL). Each user's settings (always kept), and when the server sends
 * mail: invitations, mentions for those who want them, and digests at each user's local hour,
 * all through the outbox (mail_outbox) so every e-mail goes at most once.
 */
@Module({
  imports: [NotificationsModule, MembersModule],
  controllers: [UnsubscribeController],
  providers: [
    {
      provide: Mailer,
      inject: [APP_CONFIG],
      useFactory: ({ mail }: AppConfig): Mailer =>
        mail.smtpUrl && mail.from
          ? new SmtpMailer(mail.smtpUrl, mail.from, new URL(mail.publicUrl).hostname)
          : new NoMailer(),
    },
    MailSecrets,
    MailOutboxRepository,
    MailComposer,
    MailDispatch,
    MailHooks,
    MailSender,
    MailOutboxReconciler,
    DigestScheduler,
    NotificationSettingsService,
    NotificationSettingsResolver,
  ],
})
export class MailModule {}
