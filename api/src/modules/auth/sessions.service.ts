import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, IsNull, Not, Repository } from 'typeorm';
import { SessionEvents } from '../../common/auth/session-events';
import { type ClientInfo } from '../../common/auth/request-user';
import { SessionStore } from '../../common/auth/token.service';
import { unauthenticated } from '../../common/errors/domain-error';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { executeSql, queryRows } from '../../database/sql';
import { AuthSessionEntity, RefreshTokenEntity } from './session.entity';

export type RevokeReason =
  | 'LOGOUT'
  | 'LOGOUT_EVERYWHERE'
  | 'PASSWORD_CHANGED'
  | 'REFRESH_TOKEN_REUSED';

export interface IssuedSession {
  sessionId: string;
  userId: string;
  refreshToken: string;
}

type RotateOutcome =
  | { kind: 'rotated'; issued: IssuedSession }
  | { kind: 'reused'; sessionId: string }
  | { kind: 'invalid' };

const SESSION_EXPIRED = 'Your session has ended; please log in again.';
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Ended sessions are kept this long (for a later "your sessions" page) before deletion. */
const KEEP_ENDED_MS = 30 * 24 * 60 * 60 * 1000;

/** An opaque refresh token (32 random bytes, base64url) and the SHA-256 that is all we store. */
function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Sessions and their rotating refresh tokens. A refresh token works once: refreshing marks it
 * rotated and issues its successor in the same session; presenting a rotated token again means
 * it was copied, so the whole session (the family) is revoked.
 */
@Injectable()
export class SessionsService implements SessionStore {
  private readonly logger = new Logger(SessionsService.name);
  private lastPrune = 0;

  constructor(
    @InjectRepository(AuthSessionEntity) private readonly sessions: Repository<AuthSessionEntity>,
    @InjectRepository(RefreshTokenEntity)
    private readonly refreshTokens: Repository<RefreshTokenEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: SessionEvents,
  ) {}

  /**
   * One primary-key lookup per authenticated request, deliberately uncached: a cache would let
   * a revoked token keep working on other instances until it expired from theirs.
   */
  async isLive(sessionId: string, userId: string): Promise<boolean> {
    const rows = await queryRows<object>(
      this.sessions.manager,
      `SELECT 1 FROM auth_session WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > $3`,
      [sessionId, userId, new Date()],
    );
    return rows.length > 0;
  }

  /** A new session for a user who just proved who they are. */
  start(userId: string, client: ClientInfo): Promise<IssuedSession> {
    this.pruneNowAndThen();
    return this.dataSource.transaction(async (m) => {
      const session = await m.save(
        m.create(AuthSessionEntity, {
          userId,
          expiresAt: this.refreshExpiry(),
          userAgent: client.userAgent?.slice(0, 300) ?? null,
          ip: client.ip?.slice(0, 64) ?? null,
        }),
      );
      return { sessionId: session.id, userId, refreshToken: await this.issue(m, session.id) };
    });
  }

  /** Exchanges a refresh token for its successor; UNAUTHENTICATED when it is not current. */
  async rotate(refreshToken: string): Promise<IssuedSession> {
    const outcome = await this.dataSource.transaction((m) =>
      this.tryRotate(m, hashToken(refreshToken)),
    );
    // A reuse revokes the session in the committed transaction above, then answers like any
    // other dead token, so the caller learns nothing about which case it hit.
    if (outcome.kind === 'reused') await this.ended(outcome.sessionId);
    if (outcome.kind !== 'rotated') throw unauthenticated(SESSION_EXPIRED);
    return outcome.issued;
  }

  private async tryRotate(m: EntityManager, hash: string): Promise<RotateOutcome> {
    const current = await m.findOne(RefreshTokenEntity, {
      where: { tokenHash: hash },
      relations: { session: true },
    });
    const session = current?.session;
    if (!current || !session || session.revokedAt) return { kind: 'invalid' };
    if (current.rotatedAt) return this.revokeForReuse(m, session.id);
    const now = new Date();
    if (current.expiresAt <= now || session.expiresAt <= now) return { kind: 'invalid' };
    const nextId = randomUUID();
    // Only one of two concurrent refreshes with the same token can win this row; the loser is
    // treated as a reuse, which is what two parties holding one token looks like.
    const won = await m
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ rotatedAt: now, replacedById: nextId })
      .where('id = :id AND rotated_at IS NULL', { id: current.id })
      .execute();
    if (!won.affected) return this.revokeForReuse(m, session.id);
    const token = await this.issue(m, session.id, nextId);
    await m.update(AuthSessionEntity, { id: session.id }, { lastRefreshedAt: now });
    return {
      kind: 'rotated',
      issued: { sessionId: session.id, userId: session.userId, refreshToken: token },
    };
  }

  private async revokeForReuse(m: EntityManager, sessionId: string): Promise<RotateOutcome> {
    await m.update(
      AuthSessionEntity,
      { id: sessionId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: 'REFRESH_TOKEN_REUSED' },
    );
    return { kind: 'reused', sessionId };
  }

  /**
   * A fresh refresh token for a live session, retiring its current one (after a password change
   * the caller keeps the session but a copy of the old refresh token must not work).
   */
  reissue(sessionId: string): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      const nextId = randomUUID();
      await m.update(
        RefreshTokenEntity,
        { sessionId, rotatedAt: IsNull() },
        { rotatedAt: new Date(), replacedById: nextId },
      );
      return this.issue(m, sessionId, nextId);
    });
  }

  /** The session a refresh token belongs to, whatever its state (for logOut). */
  async sessionOfRefreshToken(
    refreshToken: string,
  ): Promise<{ id: string; userId: string } | null> {
    const row = await this.refreshTokens.findOne({
      where: { tokenHash: hashToken(refreshToken) },
      relations: { session: true },
    });
    return row?.session ? { id: row.session.id, userId: row.session.userId } : null;
  }

  async revoke(sessionId: string, reason: RevokeReason): Promise<void> {
    await this.sessions.update(
      { id: sessionId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    await this.ended(sessionId);
  }

  /** Revokes every live session of a user, except `keep` when given. */
  async revokeAll(userId: string, reason: RevokeReason, keep?: string): Promise<void> {
    await this.sessions.update(
      { userId, revokedAt: IsNull(), ...(keep ? { id: Not(keep) } : {}) },
      { revokedAt: new Date(), revokedReason: reason },
    );
    await this.events.ended({ userId, ...(keep ? { exceptSessionId: keep } : {}) });
  }

  /** Closes the live connections (graphql-ws) of an ended session, on every api instance. */
  private async ended(sessionId: string): Promise<void> {
    const session = await this.sessions.findOneBy({ id: sessionId });
    if (session) await this.events.ended({ userId: session.userId, sessionIds: [sessionId] });
  }

  /**
   * Deletes refresh tokens past their expiry (they can no longer be used or reused) and sessions
   * that ended long ago; at most hourly per process, off the request's path.
   */
  private pruneNowAndThen(): void {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    const prune = async () => {
      await executeSql(
        this.refreshTokens.manager,
        `DELETE FROM auth_refresh_token WHERE expires_at < $1`,
        [new Date()],
      );
      await executeSql(
        this.sessions.manager,
        `DELETE FROM auth_session WHERE expires_at < $1 OR revoked_at < $1`,
        [new Date(Date.now() - KEEP_ENDED_MS)],
      );
    };
    prune().catch((error: Error) => this.logger.warn(`pruning sessions failed: ${error.message}`));
  }

  private async issue(
    m: EntityManager,
    sessionId: string,
    id: string = randomUUID(),
  ): Promise<string> {
    const { token, hash } = newRefreshToken();
    const expiresAt = this.refreshExpiry();
    await m.insert(RefreshTokenEntity, { id, sessionId, tokenHash: hash, expiresAt });
    await m.update(AuthSessionEntity, { id: sessionId }, { expiresAt });
    return token;
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.config.auth.refreshTokenTtlSeconds * 1000);
  }
}
