import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsUUID, MaxLength } from 'class-validator';
import { Role } from '../../common/access/roles';
import { ConnectionType } from '../../common/pagination/connection';
import { UserType } from '../auth/auth.types';

export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(InvitationStatus, { name: 'InvitationStatus' });

@ObjectType('Member')
export class MemberType {
  @Field(() => UserType)
  user!: UserType;

  @Field(() => Role)
  role!: Role;

  @Field()
  joinedAt!: Date;
}

export const MemberConnection = ConnectionType(MemberType, 'Member');

@ObjectType('Invitation')
export class InvitationType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  workspaceId!: string;

  @Field()
  email!: string;

  @Field(() => Role)
  role!: Role;

  @Field()
  expiresAt!: Date;

  @Field()
  createdAt!: Date;

  @Field(() => UserType, { nullable: true })
  invitedBy!: UserType | null;

  /** The secret of the link; only in the inviteMember response, shown once. */
  @Field(() => String, { nullable: true })
  token!: string | null;
}

@ObjectType('InvitationPreview')
export class InvitationPreviewType {
  @Field()
  workspaceName!: string;

  @Field(() => String, { nullable: true })
  invitedByName!: string | null;

  @Field()
  email!: string;

  @Field(() => Role)
  role!: Role;

  @Field()
  expiresAt!: Date;

  @Field(() => InvitationStatus)
  status!: InvitationStatus;
}

@InputType()
export class InviteMemberInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'workspaceId must be a workspace id' })
  workspaceId!: string;

  @Field()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(320)
  email!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;
}

/** A member of a workspace, by user id. */
@InputType()
export class RemoveMemberInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'workspaceId must be a workspace id' })
  workspaceId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'userId must be a user id' })
  userId!: string;
}

@InputType()
export class UpdateMemberRoleInput extends RemoveMemberInput {
  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;
}
