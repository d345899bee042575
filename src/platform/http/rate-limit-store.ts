import { sql } from 'kysely';
import type { Db } from '../db/index.js';

/**
 * @fastify/rate-limit store kept in the database, so limits hold across app instances
 * (process memory would give each instance its own allowance).
 */
export function databaseRateLimitStore(db: Db) {
  return class DatabaseStore {
    constructor(
      _options?: unknown,
      private readonly prefix = 'rl:',
    ) {}

    incr(key: string, cb: (err: Error | null, res?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = Date.now();
      const k = this.prefix + key;
      sql<{ count: number; window_start: number }>`
        insert into rate_limits (key, window_start, count) values (${k}, ${now}, 1)
        on conflict (key) do update set
          count = case when rate_limits.window_start + ${timeWindow} <= ${now} then 1 else rate_limits.count + 1 end,
          window_start = case when rate_limits.window_start + ${timeWindow} <= ${now} then ${now} else rate_limits.window_start end
        returning count, window_start`
        .execute(db.kysely)
        .then((r) => {
          const row = r.rows[0]!;
          cb(null, { current: Number(row.count), ttl: Number(row.window_start) + timeWindow - now });
        })
        .catch((e: Error) => cb(e));
    }

    child(routeOptions: object) {
      // At run time the plugin passes the route's merged options, with routeInfo.
      const r = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      return new DatabaseStore(undefined, `rl:${String(r?.method)}${String(r?.url)}:`);
    }
  };
}
