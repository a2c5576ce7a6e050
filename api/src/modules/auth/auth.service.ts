import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { type ClientInfo } from '../../common/auth/request-user';
import { TokenService } from '../../common/auth/token.service';
import {
  badInput,
  credentialsRefused,
  isUniqueViolation,
  notFound,
  unauthenticated,
} from '../../common/errors/domain-error';
import {
  type AuthPayload,
  type ChangePasswordInput,
  type LogInInput,
  type SignUpInput,
  toUserType,
  type UserType,
} from './auth.types';
import { SessionsService } from './sessions.service';
import { UserEntity } from './user.entity';

/** argon2id with OWASP's second recommended profile (19 MiB, t=2). */
const HASH_OPTIONS: argon2.HashOptions = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/**
 * What signUp answers for an address that has an account, when the password is not that
 * account's: it names no address and says nothing the log-in page would not (see signUp).
 */
export const SIGN_UP_REFUSED =
  'We could not create an account with these details. If you already have an account, log in instead.';

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so both failures take the same time. */
  private readonly dummyHash = argon2.hash('verbatim-timing-equaliser', HASH_OPTIONS);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * Creates an account, answering as OWASP advises for registration: the same answer, with the
   * same work, whether or not the address is taken, as far as that is possible without e-mail
   * verification. A new address gets an account and a session. A taken address with that
   * account's password gets a session of the existing account, answered exactly like a new one
   * (the caller proved they own it). A taken address with another password gets SIGN_UP_REFUSED,
   * which names no address; it is counted as a failed log-in for that account and address (the
   * `signup` and log-in rate limits), so guessing through signUp is no faster than through logIn.
   * Every path runs argon2 once with the same parameters (hash or verify).
   */
  async signUp(input: SignUpInput, client: ClientInfo): Promise<AuthPayload> {
    const email = normaliseEmail(input.email);
    const existing = await this.users.findOneBy({ email });
    if (existing) return this.signUpExisting(existing, input.password, client);
    const passwordHash = await argon2.hash(input.password, HASH_OPTIONS);
    let user: UserEntity;
    try {
      user = await this.users.save(
        this.users.create({ email, name: input.name.trim(), passwordHash }),
      );
    } catch (error) {
      // Signed up a moment ago by a concurrent request: answer as for any taken address.
      if (!isUniqueViolation(error)) throw error;
      const taken = await this.users.findOneBy({ email });
      if (!taken) throw error;
      return this.signUpExisting(taken, input.password, client);
    }
    return this.newSession(user, client);
  }

  private async signUpExisting(
    user: UserEntity,
    password: string,
    client: ClientInfo,
  ): Promise<AuthPayload> {
    const valid = await argon2.verify(user.passwordHash, password).catch(() => false);
    if (!valid) throw credentialsRefused('BAD_USER_INPUT', SIGN_UP_REFUSED);
    return this.newSession(user, client);
  }

  async logIn(input: LogInInput, client: ClientInfo): Promise<AuthPayload> {
    const user = await this.users.findOneBy({ email: normaliseEmail(input.email) });
    const hash = user?.passwordHash ?? (await this.dummyHash);
    const valid = await argon2.verify(hash, input.password).catch(() => false);
    if (!user || !valid)
      throw credentialsRefused('UNAUTHENTICATED', 'E-mail or password is incorrect.');
    return this.newSession(user, client);
  }

  /** Rotates the refresh token; a reused one revokes its whole session (see SessionsService). */
  async refresh(refreshToken: string): Promise<AuthPayload> {
    const issued = await this.sessions.rotate(refreshToken);
    const user = await this.users.findOneBy({ id: issued.userId });
    if (!user) throw unauthenticated('Your session has ended; please log in again.');
    return this.payload(user, issued.sessionId, issued.refreshToken);
  }

  /**
   * Ends the caller's session: the access token's when it is still valid, and the one the
   * refresh token belongs to (so a client whose access token expired can still log out).
   * A refresh token of another user's session is ignored. True when a session was identified.
   */
  async logOut(user: AuthUser | null, refreshToken: string | null): Promise<boolean> {
    const ended = new Set<string>();
    if (user) ended.add(user.sessionId);
    const byToken = refreshToken ? await this.sessions.sessionOfRefreshToken(refreshToken) : null;
    if (byToken && (!user || byToken.userId === user.id)) ended.add(byToken.id);
    for (const id of ended) await this.sessions.revoke(id, 'LOGOUT');
    return ended.size > 0;
  }

  async logOutEverywhere(user: AuthUser): Promise<boolean> {
    await this.sessions.revokeAll(user.id, 'LOGOUT_EVERYWHERE');
    return true;
  }

  /**
   * Verifies the current password, stores the new one and ends every other session. The
   * caller keeps its session with a new refresh token (the old one stops working) and a new
   * access token.
   */
  async changePassword(user: AuthUser, input: ChangePasswordInput): Promise<AuthPayload> {
    const found = await this.users.findOneBy({ id: user.id });
    if (!found) throw unauthenticated();
    const valid = await argon2.verify(found.passwordHash, input.currentPassword).catch(() => false);
    if (!valid) throw credentialsRefused('BAD_USER_INPUT', 'currentPassword is incorrect.');
    if (input.newPassword === input.currentPassword)
      throw badInput('newPassword must differ from the current password.');
    found.passwordHash = await argon2.hash(input.newPassword, HASH_OPTIONS);
    await this.users.save(found);
    await this.sessions.revokeAll(user.id, 'PASSWORD_CHANGED', user.sessionId);
    const refreshToken = await this.sessions.reissue(user.sessionId);
    return this.payload(found, user.sessionId, refreshToken);
  }

  async me(user: AuthUser): Promise<UserType> {
    const found = await this.users.findOneBy({ id: user.id });
    if (!found) throw notFound('User');
    return toUserType(found);
  }

  private async newSession(user: UserEntity, client: ClientInfo): Promise<AuthPayload> {
    const issued = await this.sessions.start(user.id, client);
    return this.payload(user, issued.sessionId, issued.refreshToken);
  }

  private payload(user: UserEntity, sessionId: string, refreshToken: string): AuthPayload {
    const u = toUserType(user);
    const access = this.tokens.sign({ ...u, sessionId });
    return { token: access.token, refreshToken, expiresAt: access.expiresAt, user: u };
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
