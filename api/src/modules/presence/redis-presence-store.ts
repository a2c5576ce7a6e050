import IORedis from 'ioredis';
import { type PresenceEntry, PresenceStore } from './presence-store';

/**
 * Presence shared by every api instance through Redis: one sorted set per target, each member
 * an entry scored by the instant it expires. Reading drops the expired members first, so the
 * entries of an instance that crashed (and stopped renewing them) go after their time to live;
 * the set itself expires once nobody renews anything in it.
 */
export class RedisPresenceStore extends PresenceStore {
  private readonly redis: IORedis;

  constructor(
    url: string,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.redis = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.redis.on('error', () => undefined); // a failed command is reported to its caller
  }

  async enter(target: string, entry: PresenceEntry, ttlMs: number): Promise<void> {
    await this.redis
      .multi()
      .zadd(key(target), this.now() + ttlMs, member(entry))
      .pexpire(key(target), ttlMs)
      .exec();
  }

  async leave(target: string, entry: PresenceEntry): Promise<void> {
    await this.redis.zrem(key(target), member(entry));
  }

  async present(target: string): Promise<PresenceEntry[]> {
    const results = await this.redis
      .multi()
      .zremrangebyscore(key(target), '-inf', this.now())
      .zrange(key(target), 0, -1)
      .exec();
    const members = results?.[1]?.[1];
    return Array.isArray(members) ? members.flatMap((m) => parse(String(m))) : [];
  }

  async close(): Promise<void> {
    if (this.redis.status === 'wait') return this.redis.disconnect();
    await this.redis.quit().catch(() => undefined);
  }
}

const key = (target: string) => `presence:${target}`;

const member = (entry: PresenceEntry) =>
  JSON.stringify([entry.connectionId, entry.userId, entry.name]);

function parse(value: string): PresenceEntry[] {
  try {
    const [connectionId, userId, name] = JSON.parse(value) as unknown[];
    return typeof connectionId === 'string' &&
      typeof userId === 'string' &&
      typeof name === 'string'
      ? [{ connectionId, userId, name }]
      : [];
  } catch {
    return [];
  }
}
