import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { type AuthUser } from './auth-user';

interface TokenClaims {
  sub: string;
  email: string;
  name: string;
}

/** Signs and verifies access tokens (HS256, key from config). */
@Injectable()
export class TokenService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  sign(user: AuthUser): string {
    const claims: TokenClaims = { sub: user.id, email: user.email, name: user.name };
    return jwt.sign(claims, this.config.auth.secret, {
      algorithm: 'HS256',
      expiresIn: this.config.auth.tokenTtl as jwt.SignOptions['expiresIn'],
      issuer: 'verbatim',
    });
  }

  /** Returns the user for a valid token, null for anything else (expired, tampered, malformed). */
  verify(token: string): AuthUser | null {
    try {
      const claims = jwt.verify(token, this.config.auth.secret, {
        algorithms: ['HS256'],
        issuer: 'verbatim',
      }) as Partial<TokenClaims>;
      if (!claims.sub || !claims.email) return null;
      return { id: claims.sub, email: claims.email, name: claims.name ?? '' };
    } catch {
      return null;
    }
  }

  /** Reads `Bearer <token>` from an Authorization header value. */
  fromHeader(header: unknown): AuthUser | null {
    if (typeof header !== 'string') return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    return match?.[1] ? this.verify(match[1]) : null;
  }
}
