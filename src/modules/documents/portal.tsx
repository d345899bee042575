import Html from '@kitajs/html';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { renderPage } from '../../platform/portal/routes.js';
import { listUnits } from '../../platform/units/units.js';
import { AppError } from '../../platform/errors.js';
import { getPublicDocument, listLibrary, type PublicDocument } from './library.js';
import { LibraryQuerySchema } from './routes.js';
import { POLICY_KINDS, VALIDITY } from './rules.js';

const html = 'text/html; charset=utf-8';
const date = (s: string | null | undefined) => (s ? s.slice(0, 10) : '—');

function queryString(q: Record<string, string | number | undefined>, change: Record<string, string | number | undefined>): string {
  const merged = { ...q, ...change, page: change.page ?? undefined };
  const parts = Object.entries(merged).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Portal pages of the policy library: /policies/ (filters, facets), /policies/:id, /interpretations/:id. */
export const documentPortal =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const unitName = async () => {
      const units = await listUnits(ctx.db, { includeInactive: true });
      return (id: number) => units.find((u) => u.id === id)?.name ?? `单位 ${id}`;
    };

    app.get('/policies/', { schema: { hide: true, querystring: LibraryQuerySchema.catch({ page: 1, pageSize: 20 }) } }, async (req, reply) => {
      const f = req.query;
      const r = await listLibrary(ctx.db, f);
      const nameOf = await unitName();
      const q: Record<string, string | number | undefined> = { unitId: f.unitId, year: f.year, policyKind: f.policyKind, topic: f.topic, validity: f.validity, inForceOn: f.inForceOn, q: f.q };
      const facetBlock = (title: string, key: string, items: Array<{ value: string; count: number }>, label = (v: string) => v) => (
        <section class="facet">
          <h2 safe>{title}</h2>
          <ul>
            {items.map((x) => (
              <li>
                <a href={`/policies/${queryString(q, { [key]: x.value })}`} aria-current={String(q[key] ?? '') === x.value ? 'true' : undefined} safe>
                  {`${label(x.value)}（${x.count}）`}
                </a>
              </li>
            ))}
          </ul>
        </section>
      );
      const pages = Math.max(1, Math.ceil(r.total / f.pageSize));
      return reply.type(html).send(
        await renderPage(ctx, req, {
          title: '政策文件库',
          trail: [{ label: '政策文件库' }],
          children: (
            <>
              <h1>政策文件库</h1>
              <form method="get" action="/policies/" class="filters">
                <label for="q">标题或文号</label>
                <input id="q" name="q" type="search" value={f.q ?? ''} />
                <label for="policyKind">文件类型</label>
                <select id="policyKind" name="policyKind">
                  <option value="">全部</option>
                  {POLICY_KINDS.map((k) => <option value={k} selected={f.policyKind === k}>{k}</option>)}
                </select>
                <label for="validity">有效性</label>
                <select id="validity" name="validity">
                  <option value="">全部</option>
                  {VALIDITY.map((k) => <option value={k} selected={f.validity === k}>{k}</option>)}
                </select>
                <label for="inForceOn">某日有效</label>
                <input id="inForceOn" name="inForceOn" type="date" value={f.inForceOn ?? ''} />
                <button type="submit">查询</button>
                <a href="/policies/">清除条件</a>
              </form>
              <div class="library">
                <aside class="facets" aria-label="分类筛选">
                  {facetBlock('发文机关', 'unitId', r.facets.unit, (v) => nameOf(Number(v)))}
                  {facetBlock('年份', 'year', r.facets.year)}
                  {facetBlock('文件类型', 'policyKind', r.facets.policyKind)}
                  {facetBlock('主题分类', 'topic', r.facets.topic)}
                  {facetBlock('有效性', 'validity', r.facets.validity)}
                </aside>
                <section class="results" aria-label="文件列表">
                  <p class="muted" safe>{`共 ${r.total} 件${f.inForceOn ? `，${f.inForceOn} 当日有效` : ''}`}</p>
                  <table>
                    <caption class="muted">政策文件</caption>
                    <thead>
                      <tr>
                        <th scope="col">标题</th>
                        <th scope="col">发文字号</th>
                        <th scope="col">发文机关</th>
                        <th scope="col">发布日期</th>
                        <th scope="col">有效性</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.items.map((d) => (
                        <tr>
                          <td>
                            <a href={d.url} safe>{d.title}</a>
                          </td>
                          <td safe>{d.docNumber || '—'}</td>
                          <td safe>{d.issuerUnitIds.map(nameOf).join('、')}</td>
                          <td safe>{date(d.publishedAt)}</td>
                          <td safe>{d.validity}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {pages > 1 ? (
                    <nav aria-label="分页" class="pager">
                      {f.page > 1 ? <a href={`/policies/${queryString(q, { page: f.page - 1 })}`}>上一页</a> : ''}
                      <span safe>{`第 ${f.page} / ${pages} 页`}</span>
                      {f.page < pages ? <a href={`/policies/${queryString(q, { page: f.page + 1 })}`}>下一页</a> : ''}
                    </nav>
                  ) : (
                    ''
                  )}
                </section>
              </div>
            </>
          ) as string,
        }),
      );
    });

    const documentPage = (section: 'policies' | 'interpretations') => async (req: { params: { id: number } } & Parameters<typeof renderPage>[1], reply: import('fastify').FastifyReply) => {
      let d: PublicDocument;
      try {
        d = await getPublicDocument(ctx.db, req.params.id);
      } catch (e) {
        if (e instanceof AppError && e.status === 404) return reply.callNotFound();
        throw e;
      }
      const expected = section === 'policies' ? 'policy' : 'interpretation';
      if (d.kind !== expected) return reply.redirect(d.kind === 'policy' ? `/policies/${d.id}` : d.kind === 'interpretation' ? `/interpretations/${d.id}` : `/items/${d.id}`, 301);
      const nameOf = await unitName();
      const trail = section === 'policies' ? [{ href: '/policies/', label: '政策文件库' }, { label: d.title }] : [{ href: '/policies/', label: '政策文件库' }, { label: '政策解读' }];
      if (d.status === 'withdrawn') {
        return reply.code(410).type(html).send(await renderPage(ctx, req, { title: `已撤回：${d.title}`, trail, children: <WithdrawnNotice d={d} /> as string }));
      }
      return reply.type(html).send(await renderPage(ctx, req, { title: d.title, trail, children: <DocumentView d={d} nameOf={nameOf} /> as string }));
    };
    app.get('/policies/:id', { schema: { hide: true, params: z.object({ id: z.coerce.number().int().positive() }) } }, documentPage('policies'));
    app.get('/interpretations/:id', { schema: { hide: true, params: z.object({ id: z.coerce.number().int().positive() }) } }, documentPage('interpretations'));
  };

export function WithdrawnNotice({ d }: { d: Pick<PublicDocument, 'title' | 'withdrawnAt' | 'withdrawReason' | 'indexNo'> }): JSX.Element {
  return (
    <>
      <h1 safe>{d.title}</h1>
      <div class="notice" role="status">
        <p>
          <strong>已撤回</strong>
        </p>
        <p safe>{`撤回时间：${date(d.withdrawnAt)}`}</p>
        <p safe>{`撤回原因：${d.withdrawReason ?? ''}`}</p>
        {d.indexNo ? <p safe>{`原索引号：${d.indexNo}`}</p> : ''}
      </div>
    </>
  );
}

function DocumentView({ d, nameOf }: { d: PublicDocument; nameOf: (id: number) => string }): JSX.Element {
  const p = d.policy;
  const rows: Array<[string, string]> = [
    ['索引号', d.indexNo ?? '—'],
    ['发布机构', p ? p.issuerUnitIds.map(nameOf).join('、') : nameOf(d.unitId)],
    ['主题分类', d.topic || '—'],
    ['名称', d.title],
    ...(p
      ? ([
          ['文号', p.docNumber || '—'],
          ['文件类型', p.policyKind],
          ['成文日期', date(p.writtenDate)],
          ['发布日期', date(d.publishedAt)],
          ['实施日期', date(p.effectiveDate)],
          ['有效期至', date(p.validUntil)],
          ['有效性', p.validity],
        ] as Array<[string, string]>)
      : ([['发布日期', date(d.publishedAt)], ['解读形式', d.interpretation?.form ?? '—']] as Array<[string, string]>)),
    ['关键词', d.keywords || '—'],
  ];
  // Sanitised on the server when saved (publishing/html.ts).
  const safeBody = d.bodyHtml;
  return (
    <article class="document">
      <h1 safe>{d.title}</h1>
      <table class="meta">
        <caption class="muted">文件信息</caption>
        <tbody>
          {rows.map(([k, v]) => (
            <tr>
              <th scope="row" safe>{k}</th>
              <td safe>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.summary ? <p class="summary" safe>{d.summary}</p> : ''}
      <div class="body">{safeBody}</div>
      {d.attachments.length ? (
        <section>
          <h2>附件</h2>
          <ul>
            {d.attachments.filter((a) => a.role !== 'captions').map((a) => (
              <li>
                <a href={a.url} safe>{`${a.filename}（${Math.ceil(a.size / 1024)} KB）`}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : ''}
      {d.interpretation ? (
        <section>
          <h2>所解读的政策文件</h2>
          <ul>
            {d.interpretation.policies.map((x) => (
              <li>
                <a href={x.url} safe>{x.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : ''}
      {p ? (
        <>
          <section>
            <h2>政策解读</h2>
            {d.interpretations.length ? (
              <ul>
                {d.interpretations.map((x) => (
                  <li>
                    <a href={x.url} safe>{`${x.title}（${x.form}）`}</a>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">暂无解读</p>
            )}
          </section>
          <section>
            <h2>文件全生命周期</h2>
            <ol class="timeline">
              {d.timeline.map((e) => (
                <li>
                  <span safe>{`${e.onDate} ${e.label}`}</span>
                  {e.note ? <span safe>{`：${e.note}`}</span> : ''}
                  {e.relatedUrl ? <a href={e.relatedUrl}>查看</a> : ''}
                </li>
              ))}
            </ol>
          </section>
          {d.related.length ? (
            <section>
              <h2>相关文件</h2>
              <ul>
                {d.related.map((x) => (
                  <li>
                    <span safe>{x.relation}</span>
                    <a href={x.url} safe>{x.title}</a>
                  </li>
                ))}
              </ul>
            </section>
          ) : ''}
        </>
      ) : ''}
    </article>
  );
}
