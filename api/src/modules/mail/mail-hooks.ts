import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InvitationCreatedHook } from '../members/invitation-created.hook';
import { NotificationKind } from '../notifications/notification.entity';
import { NotificationsAddedHook } from '../notifications/notifications-added.hook';
import { MailDispatch } from './mail-dispatch';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailSecrets } from './mail-secrets';
import { Mailer } from './mailer';

/**
 * Where other modules' work owes an e-mail, claimed in their transaction: a mention (to users who
 * want mentions e-mailed) and an invitation. Only when this server sends e-mail: without
 * SMTP_URL nothing is claimed, so nothing piles up to be sent later.
 */
@Injectable()
export class MailHooks implements OnModuleInit {
  constructor(
    private readonly notifications: NotificationsAddedHook,
    private readonly invitations: InvitationCreatedHook,
    private readonly outbox: MailOutboxRepository,
    private readonly dispatch: MailDispatch,
    private readonly secrets: MailSecrets,
    private readonly mailer: Mailer,
  ) {}

  onModuleInit(): void {
    if (!this.mailer.configured) return;
    this.notifications.on('mail', async (tx, added) => {
      if (added.kind !== NotificationKind.MENTION) return;
      await this.dispatch.queue(tx, await this.outbox.claimMentions(tx, added.notificationIds));
    });
    this.invitations.on('mail', async (tx, invitation) => {
      const claimed = await this.outbox.claimInvitation(
        tx,
        invitation.invitationId,
        invitation.email,
        { sealedToken: this.secrets.seal(invitation.token) },
      );
      await this.dispatch.queue(tx, claimed);
    });
  }
}
