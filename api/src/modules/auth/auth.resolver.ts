import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Public } from '../../common/auth/public.decorator';
import { AuthService } from './auth.service';
import { AuthPayload, LogInInput, SignUpInput, UserType } from './auth.types';

@Resolver()
export class AuthResolver {
  constructor(private readonly service: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload)
  signUp(@Args('input') input: SignUpInput): Promise<AuthPayload> {
    return this.service.signUp(input);
  }

  @Public()
  @Mutation(() => AuthPayload)
  logIn(@Args('input') input: LogInInput): Promise<AuthPayload> {
    return this.service.logIn(input);
  }

  @Query(() => UserType)
  me(@CurrentUser() user: AuthUser): Promise<UserType> {
    return this.service.me(user);
  }
}
