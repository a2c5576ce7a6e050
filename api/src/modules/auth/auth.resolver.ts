import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SignedIn } from '../../common/access/policy.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Public } from '../../common/auth/public.decorator';
import { type ClientInfo, type GqlContext } from '../../common/auth/request-user';
import { unauthenticated } from '../../common/errors/domain-error';
import { RateLimit } from '../../common/security/rate-limit.decorator';
import { AuthService } from './auth.service';
import { AuthPayload, ChangePasswordInput, LogInInput, SignUpInput, UserType } from './auth.types';
import { CurrentClient } from './current-client.decorator';

/** Refresh tokens are 43 characters; anything much longer is not one of ours. */
const MAX_REFRESH_TOKEN_LENGTH = 200;

@Resolver()
export class AuthResolver {
  constructor(private readonly service: AuthService) {}

  @Public()
  @RateLimit('signup')
  @Mutation(() => AuthPayload)
  signUp(
    @Args('input') input: SignUpInput,
    @CurrentClient() client: ClientInfo,
  ): Promise<AuthPayload> {
    return this.service.signUp(input, client);
  }

  @Public()
  @RateLimit('login')
  @Mutation(() => AuthPayload)
  logIn(
    @Args('input') input: LogInInput,
    @CurrentClient() client: ClientInfo,
  ): Promise<AuthPayload> {
    return this.service.logIn(input, client);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Exchanges a refresh token for a new access and refresh token. Single use: presenting a used one again ends its session.',
  })
  refreshSession(@Args('refreshToken') refreshToken: string): Promise<AuthPayload> {
    if (refreshToken.length > MAX_REFRESH_TOKEN_LENGTH)
      throw unauthenticated('Your session has ended; please log in again.');
    return this.service.refresh(refreshToken);
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Ends the current session (the access token’s, or the refresh token’s).',
  })
  logOut(
    @Context() context: GqlContext,
    @Args('refreshToken', { type: () => String, nullable: true }) refreshToken?: string | null,
  ): Promise<boolean> {
    const token =
      refreshToken && refreshToken.length <= MAX_REFRESH_TOKEN_LENGTH ? refreshToken : null;
    return this.service.logOut(context.user ?? null, token);
  }

  @SignedIn()
  @Mutation(() => Boolean, {
    description: 'Ends every session of the signed-in user, on every device.',
  })
  logOutEverywhere(@CurrentUser() user: AuthUser): Promise<boolean> {
    return this.service.logOutEverywhere(user);
  }

  @SignedIn()
  @RateLimit('login')
  @Mutation(() => AuthPayload, {
    description: 'Ends all other sessions; returns fresh tokens for this one.',
  })
  changePassword(
    @CurrentUser() user: AuthUser,
    @Args('input') input: ChangePasswordInput,
  ): Promise<AuthPayload> {
    return this.service.changePassword(user, input);
  }

  @SignedIn()
  @Query(() => UserType)
  me(@CurrentUser() user: AuthUser): Promise<UserType> {
    return this.service.me(user);
  }
}
