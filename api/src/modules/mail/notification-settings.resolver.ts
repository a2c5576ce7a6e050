import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SignedIn } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { NotificationSettingsService } from './notification-settings.service';
import {
  NotificationSettingsType,
  UpdateNotificationSettingsInput,
} from './notification-settings.types';

/** The signed-in user's own e-mail settings. */
@Resolver(() => NotificationSettingsType)
export class NotificationSettingsResolver {
  constructor(private readonly settings: NotificationSettingsService) {}

  @SignedIn()
  @Query(() => NotificationSettingsType, {
    description: 'How you are e-mailed; the defaults (nothing sent) until you save.',
  })
  notificationSettings(@CurrentUser() user: AuthUser): Promise<NotificationSettingsType> {
    return this.settings.get(user.id);
  }

  @SignedIn()
  @Mutation(() => NotificationSettingsType, {
    description:
      'Saves how you are e-mailed. The time zone must be an IANA name (BAD_USER_INPUT otherwise); saved even when this server sends no e-mail.',
  })
  updateNotificationSettings(
    @CurrentUser() user: AuthUser,
    @Args('input') input: UpdateNotificationSettingsInput,
  ): Promise<NotificationSettingsType> {
    return this.settings.update(user.id, input);
  }
}
