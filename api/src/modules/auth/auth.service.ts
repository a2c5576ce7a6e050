import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { TokenService } from '../../common/auth/token.service';
import { conflict, isUniqueViolation, notFound, unauthenticated } from '../../common/errors/domain-error';
import { type AuthPayload, type LogInInput, type SignUpInput, toUserType, type UserType } from './auth.types';
import { UserEntity } from './user.entity';

/** argon2id with OWASP's second recommended profile (19 MiB, t=2). */
const HASH_OPTIONS: argon2.HashOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so both failures take the same time. */
  private readonly dummyHash = argon2.hash('verbatim-timing-equaliser', HASH_OPTIONS);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly tokens: TokenService,
  ) {}

  async signUp(input: SignUpInput): Promise<AuthPayload> {
    const email = normaliseEmail(input.email);
    const passwordHash = await argon2.hash(input.password, HASH_OPTIONS);
    try {
      const user = await this.users.save(this.users.create({ email, name: input.name.trim(), passwordHash }));
      return this.session(user);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('An account with this e-mail already exists; log in instead.');
      throw error;
    }
  }

  async logIn(input: LogInInput): Promise<AuthPayload> {
    const user = await this.users.findOneBy({ email: normaliseEmail(input.email) });
    const hash = user?.passwordHash ?? (await this.dummyHash);
    const valid = await argon2.verify(hash, input.password).catch(() => false);
    if (!user || !valid) throw unauthenticated('E-mail or password is incorrect.');
    return this.session(user);
  }

  async me(user: AuthUser): Promise<UserType> {
    const found = await this.users.findOneBy({ id: user.id });
    if (!found) throw notFound('User');
    return toUserType(found);
  }

  private session(user: UserEntity): AuthPayload {
    const u = toUserType(user);
    return { token: this.tokens.sign(u), user: u };
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
