import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/pagination/connection';
import { UserType } from '../auth/auth.types';

@ObjectType('Activity')
export class ActivityType {
  @Field(() => ID)
  id!: string;

  /** Machine-readable kind: member.invited, member.joined, project.created, transcript.uploaded, ... */
  @Field()
  verb!: string;

  @Field()
  summary!: string;

  @Field(() => UserType, { nullable: true })
  actor!: UserType | null;

  @Field(() => ID, { nullable: true })
  projectId!: string | null;

  @Field()
  createdAt!: Date;
}

export const ActivityConnection = ConnectionType(ActivityType, 'Activity');
