import { type KeyObject, createSecretKey, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { type AuthUser } from './auth-user';

interface AccessTokenClaims {
  sub: string;
  sid: string;
  email: string;
  name: string;
}

const ISSUER = 'verbatim';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a session is still live (not revoked, not expired). Bound by the auth module to its
 * sessions service, so this folder does not depend on the auth module's entities.
 */
export abstract class SessionStore {
  abstract isLive(sessionId: string, userId: string): Promise<boolean>;
}

export interface SignedAccessToken {
  token: string;
  expiresAt: Date;
}

/**
 * Signs and verifies short-lived access tokens (HS256 JWT with `sub`, `sid`, `email`, `name`,
 * key and lifetime from config) and authenticates a bearer header: a valid signature is not
 * enough, the token's session must also still be live, so logging out takes effect at once.
 */
@Injectable()
export class TokenService {
  /** The signing key, made once: given the secret as a string, jsonwebtoken makes a key object
   *  on every call, which was most of the cost of checking a token. */
  private readonly key: KeyObject;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionStore,
  ) {
    this.key = createSecretKey(Buffer.from(config.auth.secret, 'utf8'));
  }

  sign(user: AuthUser): SignedAccessToken {
    const claims: AccessTokenClaims = {
      sub: user.id,
      sid: user.sessionId,
      email: user.email,
      name: user.name,
    };
    const ttl = this.config.auth.accessTokenTtlSeconds;
    const token = jwt.sign(claims, this.key, {
      algorithm: 'HS256',
      expiresIn: ttl,
      issuer: ISSUER,
      // Two tokens issued in the same second would otherwise be identical, and a client could
      // not tell that its refresh gave it a new one.
      jwtid: randomUUID(),
    });
    const { exp } = jwt.decode(token) as { exp: number };
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /**
   * The user of a well-formed, correctly signed, unexpired token; null for anything else.
   * Checks the signature only: use `authenticate` to also require a live session.
   */
  verify(token: string): AuthUser | null {
    try {
      const claims = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
      }) as Partial<AccessTokenClaims>;
      if (typeof claims.sub !== 'string' || typeof claims.email !== 'string') return null;
      if (typeof claims.sid !== 'string' || !UUID.test(claims.sid) || !UUID.test(claims.sub))
        return null;
      return {
        id: claims.sub,
        email: claims.email,
        name: claims.name ?? '',
        sessionId: claims.sid,
      };
    } catch {
      return null;
    }
  }

  /**
   * Like `authenticate`, with the moment the token expires: a graphql-ws connection keeps its
   * token for its whole life and ends when the token does.
   */
  async authenticateUntilExpiry(
    header: unknown,
  ): Promise<{ user: AuthUser; expiresAt: number } | null> {
    const token = bearerToken(header);
    const user = token ? this.verify(token) : null;
    if (!token || !user || !(await this.isLive(user))) return null;
    const { exp } = jwt.decode(token) as { exp: number };
    return { user, expiresAt: exp * 1000 };
  }

  /** The user of an `Authorization: Bearer <token>` value whose session is live, else null. */
  async authenticate(header: unknown): Promise<AuthUser | null> {
    const user = this.fromHeader(header);
    return user && (await this.isLive(user)) ? user : null;
  }

  /** Whether the session of an already verified user is still live (re-checked per ws operation). */
  isLive(user: AuthUser): Promise<boolean> {
    return this.sessions.isLive(user.sessionId, user.id);
  }

  /** Reads and verifies `Bearer <token>` (signature only; see `authenticate`). */
  fromHeader(header: unknown): AuthUser | null {
    const token = bearerToken(header);
    return token ? this.verify(token) : null;
  }
}

function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  return /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] ?? null;
}
