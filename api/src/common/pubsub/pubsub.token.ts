/** Live-update fan-out: Redis pub/sub when REDIS_URL is set (several api instances), else in memory. */
export const PUB_SUB = Symbol('PUB_SUB');
