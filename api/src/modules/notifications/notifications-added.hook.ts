import { Injectable } from '@nestjs/common';
import { Hook } from '../../common/hooks/hook';
import { type NotificationKind } from './notification.entity';

/** Notifications just written, in the transaction that wrote them. */
export interface NotificationsAdded {
  kind: NotificationKind;
  notificationIds: string[];
}

/**
 * Run by NotificationsService.notify after it wrote notifications, in the same transaction (a
 * rolled back notification takes the listeners' writes with it). Listeners:
 * - mail (mail/mail-hooks.ts): owes an e-mail for each MENTION whose user wants mentions e-mailed.
 */
@Injectable()
export class NotificationsAddedHook extends Hook<NotificationsAdded> {}
