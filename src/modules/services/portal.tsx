import Html from '@kitajs/html';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { renderPage } from '../../platform/portal/routes.js';
import { listUnits } from '../../platform/units/units.js';
import { listAttachments } from '../publishing/attachments.js';
import { ITEM_TYPES, guideFields, publishedGuides } from './guides.js';
import { bundleView, publishedBundles } from './bundles.js';
import { lookupCase } from './cases.js';
import { svcDb } from './tables.js';

const html = 'text/html; charset=utf-8';
const Id = z.object({ id: z.coerce.number().int().positive() });

async function isPublished(ctx: AppContext, id: number): Promise<{ unitId: number } | null> {
  const r = await svcDb(ctx.db).selectFrom('content_items').select(['unit_id', 'status']).where('id', '=', id).executeTakeFirst();
  return r?.status === 'published' ? { unitId: r.unit_id } : null;
}

/** Portal: /services/ (catalog, 一件事, progress lookup), /services/guides/:id, /services/bundles/:id, /services/progress. */
export const servicesPortal =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/services/', { schema: { hide: true, querystring: z.object({ unitId: z.coerce.number().int().positive().optional().catch(undefined), itemType: z.string().max(20).optional().catch(undefined), q: z.string().max(50).optional().catch(undefined) }) } }, async (req, reply) => {
      const f = req.query;
      const guides = await publishedGuides(ctx.db, f);
      const bundles = await publishedBundles(ctx.db);
      const units = await listUnits(ctx.db, { includeInactive: true });
      const nameOf = (id: number) => units.find((u) => u.id === id)?.name ?? '';
      return reply.type(html).send(await renderPage(ctx, req, {
        title: '政务服务', trail: [{ label: '政务服务' }],
        children: (
          <>
            <h1>政务服务</h1>
            <section aria-labelledby="progress"><h2 id="progress">办理进展查询</h2>
              <form method="get" action="/services/progress" class="filters">
                <label for="caseNo">办件编号</label>
                <input id="caseNo" name="caseNo" required maxlength="40" />
                <button type="submit">查询</button>
              </form>
            </section>
            <section aria-labelledby="bundles"><h2 id="bundles">高效办成一件事</h2>
              {bundles.length ? <ul>{bundles.map((b) => <li><a href={`/services/bundles/${b.itemId}`} safe>{b.lifeEvent}</a></li>)}</ul> : <p class="muted">暂无。</p>}
            </section>
            <section aria-labelledby="catalog"><h2 id="catalog">政务服务事项目录</h2>
              <form method="get" action="/services/" class="filters" role="search" aria-label="筛选事项">
                <label for="q">事项名称或编码</label><input id="q" name="q" type="search" value={f.q ?? ''} />
                <label for="itemType">事项类型</label>
                <select id="itemType" name="itemType"><option value="">全部</option>{ITEM_TYPES.map((t) => <option value={t} selected={f.itemType === t}>{t}</option>)}</select>
                <label for="unitId">实施单位</label>
                <select id="unitId" name="unitId"><option value="">全部</option>{units.map((u) => <option value={String(u.id)} selected={f.unitId === u.id} safe>{u.name}</option>)}</select>
                <button type="submit">筛选</button>
              </form>
              {guides.length ? (
                <table>
                  <caption safe>{`共 ${guides.length} 项`}</caption>
                  <thead><tr><th scope="col">事项编码</th><th scope="col">事项名称</th><th scope="col">事项类型</th><th scope="col">实施单位</th><th scope="col">办理时限</th></tr></thead>
                  <tbody>{guides.map((g) => <tr><td safe>{g.code}</td><td><a href={`/services/guides/${g.itemId}`} safe>{g.name}</a></td><td>{g.itemType}</td><td safe>{nameOf(g.unitId)}</td><td safe>{g.timeLimit}</td></tr>)}</tbody>
                </table>
              ) : <p class="notice">没有符合条件的事项。</p>}
            </section>
          </>
        ) as string,
      }));
    });

    app.get('/services/guides/:id', { schema: { hide: true, params: Id } }, async (req, reply) => {
      const p = await isPublished(ctx, req.params.id);
      const g = p && (await guideFields(ctx.db, req.params.id));
      if (!p || !g) return reply.callNotFound();
      const files = await listAttachments(ctx.db, req.params.id);
      const fileOf = (id: number | null) => files.find((f) => f.id === id);
      const unitName = (await listUnits(ctx.db, { includeInactive: true })).find((u) => u.id === p.unitId)?.name ?? '';
      const row = (label: string, v: string) => <tr><th scope="row" safe>{label}</th><td safe>{v || '—'}</td></tr>;
      return reply.type(html).send(await renderPage(ctx, req, {
        title: `${g.name}办事指南`, trail: [{ href: '/services/', label: '政务服务' }, { label: g.name }],
        children: (
          <article>
            <h1 safe>{`${g.name}办事指南`}</h1>
            <table class="meta"><caption>基本信息</caption><tbody>
              {row('事项名称', g.name)}{row('事项编码', g.code)}{row('事项类型', g.itemType)}{row('实施单位', unitName)}{row('设定依据', g.basis)}{row('申请条件', g.conditions)}
              {row('办理时限', g.timeLimit)}{row('收费', g.fees)}{row('办理地点', g.place)}{row('办理时间', g.hours)}{row('咨询电话', g.phone)}
              <tr><th scope="row">网上办理</th><td>{g.onlineUrl ? <a href={g.onlineUrl} safe>{g.onlineUrl}</a> : '—'}</td></tr>
            </tbody></table>
            <h2>办理材料</h2>
            <table><caption>申请人需提交的材料</caption>
              <thead><tr><th scope="col">材料名称</th><th scope="col">是否必需</th><th scope="col">份数</th><th scope="col">说明</th><th scope="col">样表下载</th></tr></thead>
              <tbody>{g.materials.map((m) => {
                const f = fileOf(m.sampleAttachmentId);
                return <tr><td safe>{m.name}</td><td>{m.required ? '必需' : '非必需'}</td><td safe>{m.copies}</td><td safe>{m.note}</td><td>{f ? <a href={`/files/${f.id}/${encodeURIComponent(f.filename)}`} safe>{f.filename}</a> : '—'}</td></tr>;
              })}</tbody>
            </table>
            <h2>办理流程</h2>
            <ol>{g.steps.map((s) => <li safe>{s}</li>)}</ol>
          </article>
        ) as string,
      }));
    });

    app.get('/services/bundles/:id', { schema: { hide: true, params: Id } }, async (req, reply) => {
      const b = (await isPublished(ctx, req.params.id)) && (await bundleView(ctx.db, req.params.id));
      if (!b) return reply.callNotFound();
      const units = await listUnits(ctx.db, { includeInactive: true });
      const nameOf = (id: number) => units.find((u) => u.id === id)?.name ?? '';
      return reply.type(html).send(await renderPage(ctx, req, {
        title: `一件事：${b.lifeEvent}`, trail: [{ href: '/services/', label: '政务服务' }, { label: b.lifeEvent }],
        children: (
          <article>
            <h1 safe>{`高效办成一件事：${b.lifeEvent}`}</h1>
            <p safe>{b.description}</p>
            <h2>涉及事项</h2>
            <table><caption>一次办理的各单位事项</caption>
              <thead><tr><th scope="col">事项</th><th scope="col">实施单位</th><th scope="col">办理时限</th><th scope="col">收费</th></tr></thead>
              <tbody>{b.items.map((i) => <tr><td><a href={`/services/guides/${i.itemId}`} safe>{i.name}</a></td><td safe>{nameOf(i.unitId)}</td><td safe>{i.timeLimit}</td><td safe>{i.fees}</td></tr>)}</tbody>
            </table>
            <h2>材料清单（合并后）</h2>
            <table><caption>同一材料只需提交一次</caption>
              <thead><tr><th scope="col">材料名称</th><th scope="col">是否必需</th><th scope="col">用于事项</th></tr></thead>
              <tbody>{b.materials.map((m) => <tr><td safe>{m.name}</td><td>{m.required ? '必需' : '非必需'}</td><td safe>{m.forItems.join('、')}</td></tr>)}</tbody>
            </table>
          </article>
        ) as string,
      }));
    });

    app.get('/services/progress', { config: { rateLimit: { max: 30, timeWindow: 60_000 } }, schema: { hide: true, querystring: z.object({ caseNo: z.string().max(40).optional().catch(undefined) }) } }, async (req, reply) => {
      const caseNo = (req.query.caseNo ?? '').trim();
      const c = caseNo ? await lookupCase(ctx.db, caseNo) : null;
      return reply.code(caseNo && !c ? 404 : 200).type(html).send(await renderPage(ctx, req, {
        title: '办理进展查询', trail: [{ href: '/services/', label: '政务服务' }, { label: '办理进展查询' }],
        children: (
          <>
            <h1>办理进展查询</h1>
            <form method="get" action="/services/progress" class="filters">
              <label for="caseNo">办件编号</label>
              <input id="caseNo" name="caseNo" required maxlength="40" value={caseNo} />
              <button type="submit">查询</button>
            </form>
            {caseNo && !c ? <p class="notice" role="alert" safe>{`未查到办件编号「${caseNo}」，请核对后重试。`}</p> : ''}
            {c ? (
              <section aria-labelledby="result">
                <h2 id="result" safe>{`办件 ${c.caseNo}`}</h2>
                <table class="meta"><caption>当前进展</caption><tbody>
                  <tr><th scope="row">事项名称</th><td safe>{c.serviceName}</td></tr>
                  <tr><th scope="row">受理日期</th><td safe>{c.receivedOn}</td></tr>
                  <tr><th scope="row">当前环节</th><td safe>{c.currentStep}</td></tr>
                  <tr><th scope="row">办理状态</th><td safe>{c.statusLabel}</td></tr>
                </tbody></table>
                <h2>办理过程</h2>
                <ol>{c.events.map((e) => <li safe>{`${e.at.slice(0, 10)} ${e.step}（${e.statusLabel}）${e.note ? `：${e.note}` : ''}`}</li>)}</ol>
              </section>
            ) : ''}
          </>
        ) as string,
      }));
    });
  };
