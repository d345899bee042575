import fs from 'node:fs';
import Html from '@kitajs/html';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../http/context.js';
import { getSiteSettings } from '../settings/site.js';
import { listUnits, UNIT_KINDS } from '../units/units.js';
import { NAV, Page, type PageInput, type Prefs } from './layout.js';

const PREFS_COOKIE = 'gk_prefs';
const CSS = fs.readFileSync(new URL('./portal.css', import.meta.url));

/** Homepage blocks contributed by modules (e.g. publishing's 最新信息); each returns escaped HTML. */
type HomeBlock = (ctx: AppContext) => Promise<string>;
const homeBlocks: HomeBlock[] = [];
export function registerHomeBlock(block: HomeBlock): void {
  homeBlocks.push(block);
}

export function readPrefs(req: FastifyRequest): Prefs {
  const v = req.cookies[PREFS_COOKIE] ?? '';
  return { largeFont: v.includes('font-large'), highContrast: v.includes('contrast-high') };
}

/** Renders a portal page with the site's identity and the reader's preferences. */
export async function renderPage(ctx: AppContext, req: FastifyRequest, page: Omit<PageInput, 'site' | 'prefs' | 'path'>): Promise<string> {
  return Page({ ...page, path: req.url.split('?')[0] ?? '/', site: await getSiteSettings(ctx.db), prefs: readPrefs(req) });
}

export function notFoundPage(ctx: AppContext) {
  return (req: FastifyRequest) =>
    renderPage(ctx, req, {
      title: '页面不存在',
      children: (
        <>
          <h1>页面不存在</h1>
          <p>您访问的页面不存在或已被移除。</p>
          <p>
            <a href="/">返回首页</a>
          </p>
        </>
      ) as string,
    });
}

const Placeholder = ({ what }: { what: string }) => (
  <p class="notice" safe>
    {`${what}栏目正在建设中，内容发布后将在此显示。`}
  </p>
);

export const portalRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const html = 'text/html; charset=utf-8';
    const xxgk = NAV[1];

    app.get('/static/portal.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS));

    app.get(
      '/prefs',
      { schema: { hide: true, querystring: z.object({ font: z.enum(['large', 'normal']).optional(), contrast: z.enum(['high', 'normal']).optional(), back: z.string().max(500).optional() }) } },
      async (req, reply) => {
        const cur = readPrefs(req);
        const largeFont = req.query.font ? req.query.font === 'large' : cur.largeFont;
        const highContrast = req.query.contrast ? req.query.contrast === 'high' : cur.highContrast;
        const value = [largeFont ? 'font-large' : '', highContrast ? 'contrast-high' : ''].filter(Boolean).join('.');
        // Not httpOnly: the back office reads it to apply the same reading modes.
        reply.setCookie(PREFS_COOKIE, value, { path: '/', sameSite: 'lax', maxAge: 365 * 86400, httpOnly: false });
        // Only same-site paths: never an open redirect.
        const back = req.query.back && /^\/(?![/\\])/.test(req.query.back) ? req.query.back : '/';
        return reply.redirect(back, 303);
      },
    );

    app.get('/', async (req, reply) => {
      const units = await listUnits(ctx.db);
      // Blocks modules add to the homepage (latest information, …), already-escaped HTML.
      const safeBlocks = (await Promise.all(homeBlocks.map((b) => b(ctx)))).join('');
      return reply.type(html).send(
        await renderPage(ctx, req, {
          title: '首页',
          children: (
            <>
              <h1>政务公开</h1>
              <ul class="cards">
                <li class="card">
                  <h2>政府信息公开</h2>
                  <ul>
                    {xxgk.children.map((c) => (
                      <li>
                        <a href={c.href}>{c.label}</a>
                      </li>
                    ))}
                  </ul>
                </li>
                <li class="card">
                  <h2>政策文件库</h2>
                  <p>
                    <a href="/policies/">查阅政策文件及其解读</a>
                  </p>
                </li>
                <li class="card">
                  <h2>互动交流</h2>
                  <p>
                    <a href="/interact/">政策咨询、意见征集、政府开放日</a>
                  </p>
                </li>
              </ul>
              <form method="get" action="/search" role="search" class="search-form">
                <label for="home-q">站内搜索</label>
                <input id="home-q" name="q" type="search" />
                <button type="submit">搜索</button>
              </form>
              {safeBlocks}
              <h2>公开主体</h2>
              <p class="muted" safe>{`共 ${units.length} 个单位，各单位联系方式见公开指南。`}</p>
            </>
          ) as string,
        }),
      );
    });

    app.get('/xxgk/', async (req, reply) =>
      reply.type(html).send(
        await renderPage(ctx, req, {
          title: '政府信息公开',
          trail: [{ label: '政府信息公开' }],
          children: (
            <>
              <h1>政府信息公开</h1>
              <ul class="cards">
                {xxgk.children.map((c) => (
                  <li class="card">
                    <h2>
                      <a href={c.href}>{c.label}</a>
                    </h2>
                  </li>
                ))}
              </ul>
            </>
          ) as string,
        }),
      ),
    );

    app.get('/xxgk/guide', async (req, reply) => {
      const units = await listUnits(ctx.db);
      return reply.type(html).send(
        await renderPage(ctx, req, {
          title: '公开指南',
          trail: [{ href: '/xxgk/', label: '政府信息公开' }, { label: '公开指南' }],
          children: (
            <>
              <h1>政府信息公开指南</h1>
              <p>
                依据《中华人民共和国政府信息公开条例》，本平台集中发布各单位主动公开的政府信息，并受理依申请公开。公民、法人或者其他组织可向下列单位申请获取政府信息。
              </p>
              <h2>公开主体及联系方式</h2>
              <table>
                <caption class="muted">各单位政府信息公开工作机构</caption>
                <thead>
                  <tr>
                    <th scope="col">单位</th>
                    <th scope="col">类型</th>
                    <th scope="col">联系电话</th>
                    <th scope="col">地址</th>
                  </tr>
                </thead>
                <tbody>
                  {units.map((u) => (
                    <tr>
                      <td safe>{u.name}</td>
                      <td>{UNIT_KINDS[u.kind]}</td>
                      <td safe>{u.contactPhone || '—'}</td>
                      <td safe>{u.contactAddress || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) as string,
        }),
      );
    });

    const placeholders: Array<[string, string, string]> = [
      ['/xxgk/rules', '公开制度', '政府信息公开制度'],
      ['/xxgk/statutory', '法定主动公开内容', '法定主动公开内容'],
    ];
    for (const [url, label, heading] of placeholders) {
      app.get(url, async (req, reply) =>
        reply.type(html).send(
          await renderPage(ctx, req, {
            title: label,
            trail: [{ href: '/xxgk/', label: '政府信息公开' }, { label }],
            children: (
              <>
                <h1 safe>{heading}</h1>
                <Placeholder what={label} />
              </>
            ) as string,
          }),
        ),
      );
    }
  };
