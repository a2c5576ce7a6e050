import { Module } from '@nestjs/common';
import { NotificationEvents } from './notification-events';
import { NotificationsAddedHook } from './notifications-added.hook';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';

/**
 * What users are told about. Features call NotificationsService.notify (in their transaction);
 * each user lists, counts, marks read and receives live only their own.
 */
@Module({
  providers: [
    NotificationsService,
    NotificationsRepository,
    NotificationEvents,
    NotificationsResolver,
    NotificationsAddedHook,
  ],
  exports: [NotificationsService, NotificationsAddedHook],
})
export class NotificationsModule {}
