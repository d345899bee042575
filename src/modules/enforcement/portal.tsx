import Html from '@kitajs/html';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { renderPage } from '../../platform/portal/routes.js';
import { listUnits } from '../../platform/units/units.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { listKind, publishedLists } from '../lists/index.js';
import { DECISION_COLUMNS, PRIVATE_FIELDS } from './columns.js';
import { publicDecision, publicDecisions } from './public.js';
import { DECISION_KINDS, type DecisionKind } from './rules.js';

const html = 'text/html; charset=utf-8';
const BEFORE_LISTS = ['enforcement_bodies', 'enforcement_officers', 'power', 'enforcement_procedures', 'no_penalty', 'lighter_penalty'];
const Query = z.object({
  decisionKind: z.enum(['licensing', 'penalty', 'coercion']).optional().catch(undefined),
  unitId: z.coerce.number().int().positive().optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  q: z.string().max(50).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).catch(1).default(1),
});

/** Portal: /enforcement/ (事前 lists and 事后 decisions on public view), /enforcement/decisions/:id. */
export const enforcementPortal =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/enforcement/', { schema: { hide: true, querystring: Query } }, async (req, reply) => {
      const f = req.query;
      const pageSize = 20;
      const today = chinaToday();
      const r = await publicDecisions(ctx.db, { ...f, today, page: f.page, pageSize });
      const units = await listUnits(ctx.db, { includeInactive: true });
      const nameOf = (id: number) => units.find((u) => u.id === id)?.name ?? '';
      const published = await publishedLists(ctx.db);
      const pages = Math.max(1, Math.ceil(r.total / pageSize));
      const qs = (page: number) => `?${Object.entries({ ...f, page }).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&')}`;
      return reply.type(html).send(await renderPage(ctx, req, {
        title: '行政执法公示',
        trail: [{ label: '行政执法公示' }],
        children: (
          <>
            <h1>行政执法公示</h1>
            <section aria-labelledby="before">
              <h2 id="before">事前公开：执法主体、人员、职责、流程</h2>
              <ul>
                {BEFORE_LISTS.map((k) => {
                  const def = listKind(k);
                  const n = published.filter((p) => p.kind === k).length;
                  return def ? <li><a href={`/lists/${k}/`} safe>{def.label}</a><span class="muted" safe>{`（${n} 个单位已公开）`}</span></li> : '';
                })}
              </ul>
            </section>
            <section aria-labelledby="after">
              <h2 id="after">事后公开：行政许可、行政处罚、行政强制决定</h2>
              <p class="muted">行政许可、行政处罚决定自作出之日起 7 个工作日内公示，其他执法决定 20 个工作日内公示。自然人姓名已作脱敏处理。行政处罚信息公示期满或信用修复后停止公示。</p>
              <form method="get" action="/enforcement/" class="filters" role="search" aria-label="筛选执法决定">
                <label for="decisionKind">类别</label>
                <select id="decisionKind" name="decisionKind">
                  <option value="">全部</option>
                  {(Object.keys(DECISION_KINDS) as DecisionKind[]).map((k) => <option value={k} selected={f.decisionKind === k}>{DECISION_KINDS[k]}</option>)}
                </select>
                <label for="unitId">执法单位</label>
                <select id="unitId" name="unitId">
                  <option value="">全部</option>
                  {units.filter((u) => u.kind !== 'enterprise').map((u) => <option value={String(u.id)} selected={f.unitId === u.id} safe>{u.name}</option>)}
                </select>
                <label for="year">年份</label>
                <input id="year" name="year" type="number" min="2000" max="2100" value={f.year ? String(f.year) : ''} />
                <label for="q">相对人或文号</label>
                <input id="q" name="q" type="search" value={f.q ?? ''} />
                <button type="submit">查询</button>
                <a href="/enforcement/">清除条件</a>
              </form>
              {r.items.length ? (
                <table>
                  <caption safe>{`正在公示的执法决定（共 ${r.total} 条）`}</caption>
                  <thead><tr><th scope="col">类别</th><th scope="col">行政相对人</th><th scope="col">决定书文号</th><th scope="col">决定日期</th><th scope="col">执法机关</th><th scope="col">公示截止期</th></tr></thead>
                  <tbody>
                    {r.items.map((d) => (
                      <tr>
                        <td safe>{d.kindLabel}</td>
                        <td><a href={`/enforcement/decisions/${d.itemId}`} safe>{d.fields.partyName ?? ''}</a></td>
                        <td safe>{d.fields.docNumber ?? ''}</td>
                        <td safe>{d.decisionDate}</td>
                        <td safe>{d.fields.authority || nameOf(d.unitId)}</td>
                        <td safe>{d.publicUntil ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : <p class="notice">没有符合条件的公示信息。</p>}
              {pages > 1 ? (
                <nav class="pager" aria-label="分页">
                  {f.page > 1 ? <a href={`/enforcement/${qs(f.page - 1)}`}>上一页</a> : ''}
                  <span safe>{`第 ${f.page} / ${pages} 页`}</span>
                  {f.page < pages ? <a href={`/enforcement/${qs(f.page + 1)}`}>下一页</a> : ''}
                </nav>
              ) : ''}
            </section>
          </>
        ) as string,
      }));
    });

    app.get('/enforcement/decisions/:id', { schema: { hide: true, params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req, reply) => {
      const d = await publicDecision(ctx.db, req.params.id, chinaToday());
      if (!d) return reply.callNotFound();
      const cols = DECISION_COLUMNS[d.decisionKind].filter((c) => !PRIVATE_FIELDS.has(c.key));
      const title = `${d.kindLabel}决定：${d.fields.partyName ?? ''}`;
      return reply.type(html).send(await renderPage(ctx, req, {
        title,
        trail: [{ href: '/enforcement/', label: '行政执法公示' }, { label: d.fields.docNumber ?? '' }],
        children: (
          <article>
            <h1 safe>{title}</h1>
            <table class="meta">
              <caption safe>{`${d.kindLabel}决定信息`}</caption>
              <tbody>
                {cols.map((c) => <tr><th scope="row" safe>{c.label}</th><td safe>{d.fields[c.key] || '—'}</td></tr>)}
                {d.publicUntil ? <tr><th scope="row">公示截止期</th><td safe>{d.publicUntil}</td></tr> : ''}
                <tr><th scope="row">公示日期</th><td safe>{d.publishedOn ?? ''}</td></tr>
              </tbody>
            </table>
          </article>
        ) as string,
      }));
    });
  };
