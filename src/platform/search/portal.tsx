import Html from '@kitajs/html';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.js';
import { renderPage } from '../portal/routes.js';
import { listUnits } from '../units/units.js';
import { search, type SearchResult } from './index.js';

/** Labels of the content kinds the pipeline uses; other kinds are shown as they are. */
const KIND_LABELS: Record<string, string> = {
  policy: '政策文件',
  interpretation: '政策解读',
  notice: '通知公告',
  news: '工作动态',
  report: '公开年报',
  plan: '规划计划',
  regulation: '行政法规',
  law: '法律法规',
};
const PAGE_SIZE = 10;

const PortalQuery = z.object({
  q: z.string().max(500).optional(),
  kind: z.string().max(50).optional(),
  unitId: z.string().max(12).optional(),
  year: z.string().max(8).optional(),
  page: z.string().max(6).optional(),
});
type Params = { q: string; kind?: string; unitId?: string; year?: string; page?: number };

function href(p: Params): string {
  const s = new URLSearchParams();
  s.set('q', p.q);
  if (p.kind) s.set('kind', p.kind);
  if (p.unitId) s.set('unitId', p.unitId);
  if (p.year) s.set('year', p.year);
  if (p.page && p.page > 1) s.set('page', String(p.page));
  return `/search?${s.toString()}`;
}

function FacetList(props: { title: string; field: 'kind' | 'unitId' | 'year'; values: Array<{ value: string; count: number }>; params: Params; label: (v: string) => string }) {
  if (!props.values.length) return '';
  const current = props.params[props.field];
  return (
    <section class="search-facet" aria-label={props.title}>
      <h2 safe>{props.title}</h2>
      <ul>
        {current ? (
          <li>
            <a href={href({ ...props.params, [props.field]: undefined, page: 1 })}>全部</a>
          </li>
        ) : (
          ''
        )}
        {props.values.slice(0, 12).map((v) => (
          <li>
            {v.value === current ? (
              <strong safe>{`${props.label(v.value)}（${v.count}）`}</strong>
            ) : (
              <a href={href({ ...props.params, [props.field]: v.value, page: 1 })} safe>
                {`${props.label(v.value)}（${v.count}）`}
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Results(props: { result: SearchResult; params: Params; unitName: (id: string) => string }) {
  const { result, params } = props;
  const page = params.page ?? 1;
  const pages = Math.min(100, Math.ceil(result.total / PAGE_SIZE));
  const around = Array.from({ length: pages }, (_, i) => i + 1).filter((n) => Math.abs(n - page) <= 3 || n === 1 || n === pages);
  return (
    <>
      <p class="muted" role="status" safe>{`找到 ${result.total} 条结果`}</p>
      <div class="search-layout">
        <ol class="search-hits" start={String((page - 1) * PAGE_SIZE + 1)}>
          {result.hits.map((h) => {
            // search() returns these already HTML-escaped, with <mark> around the matched words.
            const safeTitleHtml = h.titleHtml;
            const safeSnippet = h.snippet;
            return (
              <li>
                <h3>
                  <a href={h.url}>{safeTitleHtml}</a>
                </h3>
                <p>{safeSnippet}</p>
                <p class="muted" safe>{`${KIND_LABELS[h.kind] ?? h.kind}　${h.publishedAt.slice(0, 10)}${h.unitId ? `　${props.unitName(String(h.unitId))}` : ''}`}</p>
              </li>
            );
          })}
        </ol>
        <aside class="search-facets">
          <FacetList title="类别" field="kind" values={result.facets.kind ?? []} params={params} label={(v) => KIND_LABELS[v] ?? v} />
          <FacetList title="年份" field="year" values={result.facets.year ?? []} params={params} label={(v) => v} />
          <FacetList title="发布单位" field="unitId" values={result.facets.unitId ?? []} params={params} label={props.unitName} />
        </aside>
      </div>
      {pages > 1 ? (
        <nav class="pager" aria-label="分页">
          {page > 1 ? <a href={href({ ...params, page: page - 1 })}>上一页</a> : ''}
          {around.map((n, i) => (
            <>
              {i > 0 && n - around[i - 1]! > 1 ? <span>…</span> : ''}
              {n === page ? (
                <strong aria-current="page" safe>{String(n)}</strong>
              ) : (
                <a href={href({ ...params, page: n })} safe>{String(n)}</a>
              )}
            </>
          ))}
          {page < pages ? <a href={href({ ...params, page: page + 1 })}>下一页</a> : ''}
        </nav>
      ) : (
        ''
      )}
    </>
  );
}

/** GET /search?q=: the portal's search page (server-rendered, no JavaScript). */
export const searchPortal =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/search',
      { config: { rateLimit: { max: 60, timeWindow: 60_000 } }, schema: { hide: true, querystring: PortalQuery } },
      async (req, reply) => {
        const q = (req.query.q ?? '').trim();
        const pageNo = Number(req.query.page ?? '1');
        const params: Params = {
          q,
          kind: req.query.kind || undefined,
          unitId: /^\d{1,9}$/.test(req.query.unitId ?? '') ? req.query.unitId : undefined,
          year: /^\d{4}$|^未知$/.test(req.query.year ?? '') ? req.query.year : undefined,
          page: Number.isInteger(pageNo) && pageNo >= 1 && pageNo <= 100 ? pageNo : 1,
        };
        let problem = '';
        if (q.length > 100) problem = '搜索词不能超过 100 个字，请缩短后重试。';
        let result: SearchResult | undefined;
        if (q && !problem) {
          result = await search(ctx.db.kysely, ctx.db.dialect, {
            q,
            kinds: params.kind ? [params.kind] : undefined,
            unitIds: params.unitId ? [Number(params.unitId)] : undefined,
            facets: params.year ? { year: params.year } : undefined,
            page: params.page,
            pageSize: PAGE_SIZE,
            facetFields: ['kind', 'year', 'unitId'],
          });
        }
        const units = result?.facets.unitId?.length ? await listUnits(ctx.db) : [];
        const unitName = (id: string) => units.find((u) => String(u.id) === id)?.name ?? `单位 ${id}`;
        const html = await renderPage(ctx, req, {
          title: q ? `搜索：${q.slice(0, 30)}` : '站内搜索',
          trail: [{ label: '站内搜索' }],
          children: (
            <>
              <h1>站内搜索</h1>
              <form class="search-form" method="get" action="/search" role="search">
                <label for="search-q">搜索词</label>
                <input id="search-q" name="q" type="search" value={q.slice(0, 100)} maxlength="100" />
                <button type="submit">搜索</button>
              </form>
              {problem ? (
                <p class="notice" role="alert" safe>
                  {problem}
                </p>
              ) : (
                ''
              )}
              {!q ? <p class="muted">输入词语查找本站公开的政府信息；多个词用空格分开，须同时出现；用引号括起的词组按原文查找。</p> : ''}
              {result && result.total === 0 ? (
                <p class="notice" safe>
                  {`没有找到包含「${q}」的信息。请检查用词，或减少搜索词后再试。`}
                </p>
              ) : (
                ''
              )}
              {result && result.total > 0 ? <Results result={result} params={params} unitName={unitName} /> : ''}
            </>
          ) as string,
        });
        return reply.code(problem ? 400 : 200).type('text/html; charset=utf-8').send(html);
      },
    );
  };
