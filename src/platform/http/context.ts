import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/index.js';
import type { Actor } from '../actor.js';
import { AppError, unauthenticated } from '../errors.js';

export interface AppContext {
  config: Config;
  db: Db;
}

/**
 * Every API route states who may call it in `config.access`; the server refuses to start
 * with a route that does not (see server.ts). 'public': anyone; 'user': a signed-in user,
 * whose rights the handler then checks with `authorize`.
 */
export type Access = 'public' | 'user';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: { actor: Actor | null; via: 'cookie' | 'token' | null; csrfToken: string | null; sessionToken: string | null; csrfOk: boolean };
  }
}

/** The signed-in actor, or 401. Cookie sessions must also carry the CSRF token on unsafe methods. */
export function requireActor(req: FastifyRequest): Actor {
  const { actor, via, csrfOk } = req.auth;
  if (!actor) throw unauthenticated();
  if (via === 'cookie' && !csrfOk) throw new AppError(403, 'csrf_failed', '页面已过期或请求来源不可信，请刷新后重试');
  return actor;
}

export function clientIp(req: FastifyRequest): string {
  return req.ip || 'unknown';
}
