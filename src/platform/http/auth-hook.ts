import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/index.js';
import { SESSION_COOKIE, resolveApiToken, resolveSession } from '../auth/sessions.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Works out who is calling: a Bearer API token, else the session cookie, else nobody. */
export function installAuthHook(app: FastifyInstance, db: Db): void {
  app.decorateRequest('auth', null as never);
  app.addHook('onRequest', async (req) => {
    req.auth = { actor: null, via: null, csrfToken: null, sessionToken: null, csrfOk: false };
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const actor = await resolveApiToken(db, header.slice(7).trim());
      req.auth = { actor, via: actor ? 'token' : null, csrfToken: null, sessionToken: null, csrfOk: true };
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const session = await resolveSession(db, cookie);
    if (!session) return;
    const sent = req.headers['x-csrf-token'];
    const csrfOk = SAFE.has(req.method) || (typeof sent === 'string' && same(sent, session.csrfToken));
    req.auth = { actor: session.actor, via: 'cookie', csrfToken: session.csrfToken, sessionToken: cookie, csrfOk };
  });
}
