import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { DigestFrequency } from './digest-schedule';

registerEnumType(DigestFrequency, {
  name: 'DigestFrequency',
  description: 'How often the e-mail digest of what changed in your projects goes.',
  valuesMap: {
    DAILY: { description: 'Every day at digestHour.' },
    WEEKLY: { description: 'Every Monday at digestHour.' },
    OFF: { description: 'No digest.' },
  },
});

@ObjectType('NotificationSettings', {
  description: 'How you are e-mailed: a digest at a local hour of your choice, and mentions.',
})
export class NotificationSettingsType {
  @Field(() => String, {
    nullable: true,
    description: 'Your IANA time zone (Europe/Lisbon); null until you save these settings.',
  })
  timeZone!: string | null;

  @Field(() => Int, { description: 'The local hour, 0 to 23, at which your digest goes.' })
  digestHour!: number;

  @Field(() => DigestFrequency)
  digest!: DigestFrequency;

  @Field({ description: 'An e-mail at once each time someone mentions you.' })
  mentionsByEmail!: boolean;

  @Field({
    description:
      'Whether this server sends e-mail (SMTP_URL is set). Settings are kept either way, and apply once it does.',
  })
  emailConfigured!: boolean;
}

@InputType()
export class UpdateNotificationSettingsInput {
  @Field({ description: 'An IANA time zone such as Pacific/Auckland; fixed offsets are refused.' })
  @IsString()
  @MaxLength(64, { message: 'timeZone must be at most 64 characters' })
  timeZone!: string;

  @Field(() => Int)
  @IsInt({ message: 'digestHour must be a whole hour from 0 to 23' })
  @Min(0, { message: 'digestHour must be a whole hour from 0 to 23' })
  @Max(23, { message: 'digestHour must be a whole hour from 0 to 23' })
  digestHour!: number;

  @Field(() => DigestFrequency)
  @IsEnum(DigestFrequency)
  digest!: DigestFrequency;

  @Field()
  @IsBoolean()
  mentionsByEmail!: boolean;
}
