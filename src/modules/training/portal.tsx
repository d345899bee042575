import Html from '@kitajs/html';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { renderPage } from '../../platform/portal/routes.js';
import { listUnits } from '../../platform/units/units.js';
import { CASE_CATEGORIES, publishedCase, publishedCases } from './cases.js';

const html = 'text/html; charset=utf-8';
const trailRoot = { href: '/xxgk/', label: '政府信息公开' };
const Query = z.object({
  category: z.enum(CASE_CATEGORIES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).catch(1).default(1),
});

/** Portal: /xxgk/cases/ (published 典型案例, filterable by category) and /xxgk/cases/:id. */
export const trainingPortal =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/xxgk/cases/', { schema: { hide: true, querystring: Query } }, async (req, reply) => {
      const f = req.query;
      const pageSize = 20;
      const r = await publishedCases(ctx.db, { category: f.category, page: f.page, pageSize });
      const units = await listUnits(ctx.db, { includeInactive: true });
      const unitName = (id: number) => units.find((u) => u.id === id)?.name ?? '';
      const pages = Math.max(1, Math.ceil(r.total / pageSize));
      const qs = (page: number) => `?${f.category ? `category=${encodeURIComponent(f.category)}&` : ''}page=${page}`;
      return reply.type(html).send(await renderPage(ctx, req, {
        title: '典型案例',
        trail: [trailRoot, { label: '典型案例' }],
        children: (
          <>
            <h1>政务公开典型案例</h1>
            <p class="muted">各单位在政务公开工作中形成的典型做法和案例，供学习交流。</p>
            <form method="get" action="/xxgk/cases/" class="filters" role="search" aria-label="筛选典型案例">
              <label for="category">分类</label>
              <select id="category" name="category">
                <option value="">全部</option>
                {CASE_CATEGORIES.map((c) => <option value={c} selected={f.category === c}>{c}</option>)}
              </select>
              <button type="submit">筛选</button>
            </form>
            {r.items.length ? (
              <ul class="item-list">
                {r.items.map((c) => (
                  <li>
                    <a href={c.url} safe>{c.title}</a>
                    <span class="muted" safe>{`　${c.category}　${unitName(c.unitId)}　${c.publishedAt.slice(0, 10)}`}</span>
                    {c.summary ? <p safe>{c.summary}</p> : ''}
                  </li>
                ))}
              </ul>
            ) : <p>暂无已发布的典型案例。</p>}
            {pages > 1 ? (
              <nav aria-label="分页">
                {f.page > 1 ? <a href={qs(f.page - 1)}>上一页</a> : ''}
                <span safe>{`　第 ${f.page} / ${pages} 页　`}</span>
                {f.page < pages ? <a href={qs(f.page + 1)}>下一页</a> : ''}
              </nav>
            ) : ''}
          </>
        ),
      }));
    });

    app.get('/xxgk/cases/:id', { schema: { hide: true, params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req, reply) => {
      const c = await publishedCase(ctx.db, req.params.id);
      if (!c) return reply.callNotFound();
      const units = await listUnits(ctx.db, { includeInactive: true });
      const safeBody = c.bodyHtml; // sanitised by the publishing pipeline when saved
      return reply.type(html).send(await renderPage(ctx, req, {
        title: c.title,
        trail: [trailRoot, { href: '/xxgk/cases/', label: '典型案例' }, { label: c.title }],
        children: (
          <article>
            <h1 safe>{c.title}</h1>
            <dl class="meta">
              <dt>分类</dt><dd safe>{c.category}</dd>
              <dt>单位</dt><dd safe>{units.find((u) => u.id === c.unitId)?.name ?? ''}</dd>
              <dt>发布日期</dt><dd safe>{c.publishedAt.slice(0, 10)}</dd>
              {c.indexNo ? <><dt>索引号</dt><dd safe>{c.indexNo}</dd></> : ''}
            </dl>
            {c.summary ? <p class="summary" safe>{c.summary}</p> : ''}
            <div class="body">{safeBody}</div>
          </article>
        ),
      }));
    });
  };
