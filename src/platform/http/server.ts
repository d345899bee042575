import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, type AppContext } from './context.js';
import { installErrorHandler, body } from './errors.js';
import { installAuthHook } from './auth-hook.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { ping } from '../db/index.js';

z.config(z.locales.zhCN());

export interface ModuleRegistration {
  /** e.g. 'units' — for logs */
  name: string;
  /** JSON API routes, mounted under /api/v1 */
  api?: (ctx: AppContext) => FastifyPluginAsyncZod;
  /** server-rendered portal pages, mounted at / */
  portal?: (ctx: AppContext) => FastifyPluginAsyncZod;
}

export interface BuildOptions {
  modules: ModuleRegistration[];
  /** folder with the built back office (dist/admin); absent in API-only tests */
  adminDir?: string;
  logger?: boolean;
  /** the portal's 404 page for non-API paths */
  notFoundPage?: (req: FastifyRequest) => Promise<string>;
}

export async function buildServer(ctx: AppContext, opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: ctx.config.logLevel },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  // Every API route must say who may call it.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && route.method !== 'HEAD' && !route.config?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not state its access (config.access)`);
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS as <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: ctx.config.secureCookies,
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(ctx.db),
    errorResponseBuilder: (_req, c) => ({ statusCode: 429, code: 'rate_limited', message: `请求过于频繁，请 ${Math.ceil(c.ttl / 1000)} 秒后再试` }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'gongkai API', description: '政务公开平台 JSON API', version: '1' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: '个人 API 令牌（gk_…）' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'gk_session', description: '登录会话；非 GET 请求需带 X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  installAuthHook(app, ctx.db);
  // Authentication and CSRF before validation: an anonymous or forged request learns nothing about the body schema.
  app.addHook('preValidation', async (req) => {
    if (req.routeOptions.config?.access === 'user') requireActor(req);
  });

  app.get('/healthz', { config: { access: 'public' } }, async () => {
    await ping(ctx.db);
    return { status: 'ok', database: ctx.db.dialect };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const m of opts.modules) {
    if (m.api) await app.register(m.api(ctx), { prefix: '/api/v1' });
    if (m.portal) await app.register(m.portal(ctx));
  }

  let adminIndex: string | undefined;
  if (opts.adminDir && fs.existsSync(path.join(opts.adminDir, 'index.html'))) {
    const adminDir = opts.adminDir;
    // Files are looked up per request (wildcard), so a rebuild needs no restart.
    await app.register(fastifyStatic, { root: adminDir, prefix: '/admin/', decorateReply: false, index: ['index.html'] });
    app.get('/admin', async (_req, reply) => reply.redirect('/admin/'));
    adminIndex = path.join(adminDir, 'index.html');
  }

  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/')) return reply.code(404).send(body('not_found', '接口不存在'));
    // The back office routes on the client: an unknown /admin/ page gets its index.html,
    // but a missing asset stays a 404 (not HTML posing as JavaScript).
    if (adminIndex && req.method === 'GET' && req.url.startsWith('/admin/') && !req.url.startsWith('/admin/assets/')) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.createReadStream(adminIndex));
    }
    return reply.code(404).type('text/html; charset=utf-8').send(opts.notFoundPage ? await opts.notFoundPage(req) : '<h1>页面不存在</h1>');
  });
  return app;
}
