import Html from '@kitajs/html';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/http/context.js';
import { registerHomeBlock, renderPage } from '../../platform/portal/routes.js';
import { getSiteSettings } from '../../platform/settings/site.js';
import { getUnit, listUnits } from '../../platform/units/units.js';
import { AppError } from '../../platform/errors.js';
import { getColumn, listColumns } from './columns.js';
import { allPublishedUrls, getPublishedItem, publishedItems, type PublicItem } from './public.js';
import { WithdrawnNotice } from '../documents/portal.js';

const html = 'text/html; charset=utf-8';
const Id = z.object({ id: z.coerce.number().int().positive() });

function xml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function origin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

function atom(req: FastifyRequest, title: string, selfPath: string, items: PublicItem[]): string {
  const base = origin(req);
  const updated = items[0]?.publishedAt ?? new Date(0).toISOString();
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title>${xml(title)}</title>
<id>${xml(base + selfPath)}</id>
<link rel="self" href="${xml(base + selfPath)}"/>
<updated>${updated}</updated>
${items.map((i) => `<entry><title>${xml(i.title)}</title><id>${xml(base + i.url)}</id><link href="${xml(base + i.url)}"/><published>${i.publishedAt}</published><updated>${i.updatedAt}</updated><summary>${xml(i.summary)}</summary>${i.indexNo ? `<category term="${xml(i.indexNo)}" label="索引号"/>` : ''}</entry>`).join('\n')}
</feed>`;
}

function ItemList({ items, empty = '本栏目暂无信息' }: { items: PublicItem[]; empty?: string }): JSX.Element {
  return items.length ? (
    <ul class="item-list">
      {items.map((i) => (
        <li>
          <a href={i.url} safe>{i.title}</a>
          <span class="muted" safe>{` ${i.publishedAt.slice(0, 10)}`}</span>
        </li>
      ))}
    </ul>
  ) : (
    <p class="muted" safe>{empty}</p>
  );
}

registerHomeBlock(async (ctx) => {
  const { items } = await publishedItems(ctx.db, { limit: 10 });
  const cols = (await listColumns(ctx.db)).filter((c) => c.parentId === null && c.unitId === null);
  return (
    <section aria-labelledby="latest-h">
      <h2 id="latest-h">最新信息</h2>
      <ItemList items={items} empty="暂无信息" />
      <p>
        {cols.map((c) => (
          <a class="column-link" href={`/columns/${c.id}`} safe>{c.name}</a>
        ))}
        <a class="column-link" href="/columns/">全部栏目</a>
      </p>
    </section>
  ) as string;
});

/** Portal pages of the pipeline: generic items, columns, Atom feeds and the sitemap. */
export const publishingPortal =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/items/:id', { schema: { hide: true, params: Id } }, async (req, reply) => {
      const r = await getPublishedItem(ctx.db, req.params.id);
      if (!r) return reply.callNotFound();
      if (r.kind === 'policy') return reply.redirect(`/policies/${r.id}`, 301);
      if (r.kind === 'interpretation') return reply.redirect(`/interpretations/${r.id}`, 301);
      if (r.status === 'withdrawn') {
        return reply.code(410).type(html).send(await renderPage(ctx, req, { title: `已撤回：${r.title}`, children: <WithdrawnNotice d={{ title: r.title, withdrawnAt: r.withdrawn_at, withdrawReason: r.withdraw_reason, indexNo: r.index_no }} /> as string }));
      }
      const unit = await getUnit(ctx.db, r.unit_id);
      const safeBody = r.body_html; // sanitised when saved
      return reply.type(html).send(
        await renderPage(ctx, req, {
          title: r.title,
          children: (
            <article>
              <h1 safe>{r.title}</h1>
              <p class="muted" safe>{`索引号：${r.index_no ?? '—'}　发布机构：${unit.name}　发布日期：${r.published_at?.slice(0, 10) ?? ''}`}</p>
              <div class="body">{safeBody}</div>
            </article>
          ) as string,
        }),
      );
    });

    app.get('/columns/', { schema: { hide: true } }, async (req, reply) => {
      const cols = await listColumns(ctx.db);
      const top = cols.filter((c) => c.parentId === null && c.unitId === null);
      return reply.type(html).send(
        await renderPage(ctx, req, {
          title: '栏目导航',
          trail: [{ label: '栏目导航' }],
          children: (
            <>
              <h1>栏目导航</h1>
              <ul class="cards">
                {top.map((c) => (
                  <li class="card">
                    <h2>
                      <a href={`/columns/${c.id}`} safe>{c.name}</a>
                    </h2>
                    <ul>
                      {cols.filter((x) => x.parentId === c.id).map((x) => (
                        <li>
                          <a href={`/columns/${x.id}`} safe>{x.name}</a>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </>
          ) as string,
        }),
      );
    });

    app.get('/columns/:id', { schema: { hide: true, params: Id, querystring: z.object({ page: z.coerce.number().int().min(1).max(10000).catch(1).default(1) }) } }, async (req, reply) => {
      let col;
      try {
        col = await getColumn(ctx.db, req.params.id);
      } catch (e) {
        if (e instanceof AppError && e.status === 404) return reply.callNotFound();
        throw e;
      }
      const pageSize = 20;
      const { items, total } = await publishedItems(ctx.db, { columnId: col.id, limit: pageSize, offset: (req.query.page - 1) * pageSize });
      const children = (await listColumns(ctx.db)).filter((c) => c.parentId === col.id);
      return reply.type(html).send(
        await renderPage(ctx, req, {
          title: col.name,
          trail: [{ href: '/columns/', label: '栏目导航' }, { label: col.name }],
          children: (
            <>
              <h1 safe>{col.name}</h1>
              <p class="muted">
                <span safe>{`共 ${total} 条　`}</span>
                <a href={`/feeds/columns/${col.id}.xml`}>订阅（Atom）</a>
              </p>
              {children.length ? (
                <ul class="sub-columns">
                  {children.map((c) => (
                    <li>
                      <a href={`/columns/${c.id}`} safe>{c.name}</a>
                    </li>
                  ))}
                </ul>
              ) : ''}
              <ItemList items={items} />
              {total > req.query.page * pageSize ? <a href={`/columns/${col.id}?page=${req.query.page + 1}`}>下一页</a> : ''}
            </>
          ) as string,
        }),
      );
    });

    app.get('/feeds/columns/:file', { schema: { hide: true, params: z.object({ file: z.string().regex(/^\d+\.xml$/) }) } }, async (req, reply) => {
      const id = Number(req.params.file.slice(0, -4));
      let col;
      try {
        col = await getColumn(ctx.db, id);
      } catch {
        return reply.callNotFound();
      }
      const site = await getSiteSettings(ctx.db);
      const { items } = await publishedItems(ctx.db, { columnId: id, limit: 50 });
      return reply.type('application/atom+xml; charset=utf-8').send(atom(req, `${site.siteName} · ${col.name}`, `/feeds/columns/${id}.xml`, items));
    });

    app.get('/feeds/units/:file', { schema: { hide: true, params: z.object({ file: z.string().regex(/^\d+\.xml$/) }) } }, async (req, reply) => {
      const id = Number(req.params.file.slice(0, -4));
      const unit = (await listUnits(ctx.db)).find((u) => u.id === id);
      if (!unit) return reply.callNotFound();
      const { items } = await publishedItems(ctx.db, { unitId: id, limit: 50 });
      return reply.type('application/atom+xml; charset=utf-8').send(atom(req, unit.name, `/feeds/units/${id}.xml`, items));
    });

    app.get('/sitemap.xml', { schema: { hide: true } }, async (req, reply) => {
      const base = origin(req);
      const fixed = ['/', '/xxgk/', '/xxgk/guide', '/policies/', '/columns/'].map((u) => ({ url: u, lastmod: '' }));
      const cols = (await listColumns(ctx.db)).map((c) => ({ url: `/columns/${c.id}`, lastmod: '' }));
      const urls = [...fixed, ...cols, ...(await allPublishedUrls(ctx.db))];
      const body = `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
        .map((u) => `<url><loc>${xml(base + u.url)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.slice(0, 10)}</lastmod>` : ''}</url>`)
        .join('\n')}\n</urlset>`;
      return reply.type('application/xml; charset=utf-8').send(body);
    });
  };
