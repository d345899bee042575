import Html from '@kitajs/html';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { requireActor } from '../../platform/http/context.js';
import { authorize } from '../../platform/auth/roles.js';
import { listUnits } from '../../platform/units/units.js';
import { createRun, executeRun } from './run.js';
import { FindingSchema, FollowupSchema, RunSchema, findingStats, getRun, listFindings, listRuns, setFollowup } from './queries.js';
import { FINDING_KINDS } from './findings.js';

const FOLLOWUP_LABELS: Record<string, string> = { open: '待处理', assigned: '已分派', fixing: '整改中', accepted: '确认无需整改', resolved: '已整改' };
const followupText = (f: { status: string; note: string } | null): string => (f ? `${FOLLOWUP_LABELS[f.status] ?? f.status}${f.note ? `：${f.note}` : ''}` : '待处理');
const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const patrolRoutes =
  ({ db, config }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['patrol'];
    app.post(
      '/patrol/runs',
      { config: { access: 'user', rateLimit: { max: 5, timeWindow: 60_000 } }, schema: { tags, summary: '立即巡查（后台执行，返回巡查编号，用 GET 查看进度）', response: { 202: z.object({ runId: z.number().int() }) } } },
      async (req, reply) => {
        const actor = requireActor(req);
        authorize(actor, 'patrol.run');
        const runId = await createRun(db, 'manual', actor);
        // Long operation: runs after the response; progress is read from the run record.
        setImmediate(() => void executeRun(db, config.dataDir, runId).catch((err: unknown) => req.log.error({ err }, 'patrol run failed')));
        return reply.code(202).send({ runId });
      },
    );
    app.get('/patrol/runs', { config: { access: 'user' }, schema: { tags, summary: '巡查记录', response: { 200: z.object({ items: z.array(RunSchema) }) } } }, async (req) => ({ items: await listRuns(db, requireActor(req)) }));
    app.get('/patrol/runs/:id', { config: { access: 'user' }, schema: { tags, summary: '巡查进度与结果摘要', params: IdParams, response: { 200: RunSchema } } }, async (req) => getRun(db, requireActor(req), req.params.id));
    app.get(
      '/patrol/findings',
      {
        config: { access: 'user' },
        schema: {
          tags, summary: '巡查发现的问题（默认最近一次巡查；单位人员只看本单位）',
          querystring: z.object({ runId: z.coerce.number().int().positive().optional(), kind: z.enum(Object.keys(FINDING_KINDS) as [string]).optional(), unitId: z.coerce.number().int().positive().optional(), status: z.enum(['open', 'assigned', 'fixing', 'accepted', 'resolved']).optional() }),
          response: { 200: z.object({ runId: z.number().int().nullable(), items: z.array(FindingSchema) }) },
        },
      },
      async (req) => listFindings(db, requireActor(req), req.query),
    );
    app.put(
      '/patrol/findings/:fingerprint/followup',
      { config: { access: 'user' }, schema: { tags, summary: '分派、整改中或确认无需整改（须说明理由）', params: z.object({ fingerprint: z.string().regex(/^[0-9a-f]{20}$/) }), body: FollowupSchema } },
      async (req, reply) => {
        await setFollowup(db, requireActor(req), req.params.fingerprint, req.body);
        return reply.code(204).send();
      },
    );
    app.get(
      '/patrol/stats',
      {
        config: { access: 'user' },
        schema: { tags, summary: '按单位和问题类型统计（仪表板）', querystring: z.object({ runId: z.coerce.number().int().positive().optional() }), response: { 200: z.object({ runId: z.number().int().nullable(), byUnit: z.array(z.object({ unitId: z.number().int().nullable(), counts: z.record(z.string(), z.number()) })) }) } },
      },
      async (req) => findingStats(db, requireActor(req), req.query.runId),
    );

    // A printable report (HTML, for the browser's print dialog), staff only.
    app.get('/patrol/runs/:id/report', { config: { access: 'user' }, schema: { tags, summary: '可打印的巡查报告（HTML）', params: IdParams } }, async (req, reply) => {
      const actor = requireActor(req);
      const run = await getRun(db, actor, req.params.id);
      const { items } = await listFindings(db, actor, { runId: run.id });
      const units = await listUnits(db, { includeInactive: true });
      const unitName = (id: number | null) => (id === null ? '全区' : (units.find((u) => u.id === id)?.name ?? String(id)));
      const veto = (run.summary.veto as Array<{ label: string; count: number; threshold: number; pass: boolean }>) ?? [];
      const html =
        '<!doctype html>' +
        (
          <html lang="zh-CN">
            <head>
              <meta charset="utf-8" />
              <title safe>{`信息安全巡查报告 第 ${run.id} 次`}</title>
              <link rel="stylesheet" href="/static/portal.css" />
            </head>
            <body>
              <main class="wrap">
                <h1 safe>{`信息安全巡查报告（第 ${run.id} 次）`}</h1>
                <p safe>{`巡查时间：${run.startedAt.slice(0, 16).replace('T', ' ')} UTC　状态：${run.status}　发现问题：${items.length} 个`}</p>
                <h2>单项否决指标</h2>
                <table>
                  <thead>
                    <tr><th scope="col">指标</th><th scope="col">数量</th><th scope="col">判定</th></tr>
                  </thead>
                  <tbody>
                    {veto.map((v) => (
                      <tr>
                        <td safe>{v.label}</td>
                        <td safe>{`${v.count}（阈值 ${v.threshold}）`}</td>
                        <td>{v.pass ? '通过' : '不通过（单项否决）'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <h2>问题清单</h2>
                <table>
                  <thead>
                    <tr><th scope="col">类型</th><th scope="col">单位</th><th scope="col">问题</th><th scope="col">位置</th><th scope="col">处理</th></tr>
                  </thead>
                  <tbody>
                    {items.map((f) => (
                      <tr>
                        <td>{f.kindLabel}</td>
                        <td safe>{unitName(f.unitId)}</td>
                        <td safe>{`${f.title}${f.detail ? `（${f.detail}）` : ''}${f.preview ? ` ${f.preview}` : ''}`}</td>
                        <td safe>{f.place}</td>
                        <td safe>{followupText(f.followup)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </main>
            </body>
          </html>
        );
      return reply.type('text/html; charset=utf-8').send(html);
    });
  };
