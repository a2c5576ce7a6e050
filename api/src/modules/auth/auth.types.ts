import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { type UserEntity } from './user.entity';

@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  name!: string;
}

export const toUserType = (u: Pick<UserEntity, 'id' | 'email' | 'name'>): UserType => ({
  id: u.id,
  email: u.email,
  name: u.name,
});

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Short-lived access token for `Authorization: Bearer <token>`.' })
  token!: string;

  @Field({
    description: 'Opaque, single-use refresh token for refreshSession; keep it client-side.',
  })
  refreshToken!: string;

  @Field({ description: 'When `token` expires.' })
  expiresAt!: Date;

  @Field(() => UserType)
  user!: UserType;
}

@InputType()
export class SignUpInput {
  @Field()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(320)
  email!: string;

  @Field()
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200, { message: 'password must be at most 200 characters' })
  password!: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(120, { message: 'name must be at most 120 characters' })
  name!: string;
}

@InputType()
export class LogInInput {
  @Field()
  @IsString()
  @MaxLength(320)
  email!: string;

  @Field()
  @IsString()
  @MaxLength(200)
  password!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  @IsString()
  @MaxLength(200)
  currentPassword!: string;

  @Field()
  @IsString()
  @MinLength(10, { message: 'newPassword must be at least 10 characters' })
  @MaxLength(200, { message: 'newPassword must be at most 200 characters' })
  newPassword!: string;
}
