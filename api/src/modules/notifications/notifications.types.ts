import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/pagination/connection';
import { UserType } from '../auth/auth.types';
import { NotificationKind, NotificationTargetType } from './notification.entity';

export { NotificationKind, NotificationTargetType };
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description:
    'MENTION: someone mentioned you; REPLY: someone answered your comment; ASSIGNMENT: something was given to you; RUN_FINISHED: an analysis run you started completed or failed; EXPORT_READY: an export you asked for can be downloaded; EXPORT_FAILED: an export you asked for failed (the reason is in the summary); DUE_SOON: something assigned to you is due within a day.',
});
registerEnumType(NotificationTargetType, {
  name: 'NotificationTargetType',
  description: 'What a notification is about: targetId is the id of one of these.',
});

/** markNotificationsRead takes at most this many ids at once. */
export const MAX_MARK_READ = 100;

@ObjectType('Notification', {
  description: 'Something you are told about, in a project you can see.',
})
export class NotificationType {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => Date, { nullable: true, description: 'When you marked it read; null: unread.' })
  readAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field(() => UserType, {
    nullable: true,
    description: 'Who did it; null when nobody did (a run finishing) or that user was deleted.',
  })
  actor!: UserType | null;

  @Field(() => ID)
  projectId!: string;

  @Field(() => NotificationTargetType)
  targetType!: NotificationTargetType;

  @Field(() => ID, { description: 'The id of the thing it is about (of targetType).' })
  targetId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The transcript to open (a highlight, turn or transcript target); else null.',
  })
  transcriptId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The board to open (a theme or board target); else null.',
  })
  boardId!: string | null;

  @Field({ description: 'One line to show, e.g. “Ana mentioned you on a highlight in …”.' })
  summary!: string;
}

export const NotificationConnection = ConnectionType(NotificationType, 'Notification');
