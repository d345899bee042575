import Html from '@kitajs/html';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { renderPage } from '../../platform/portal/routes.js';
import { AppError } from '../../platform/errors.js';
import { listPublished, publishedReport, type FoiAnnualReport } from './foi-annual.js';
import { S2_LABELS, S3_COLUMNS, S3_HEADER, S3_ROWS, S4_GROUPS, S4_LITIGATION, S4_RESULTS, SECTION_TITLES } from './format.js';

/** 公开年报 on the portal: the published reports, each with its tables as in the format. */
const TRAIL = { href: '/xxgk/', label: '政府信息公开' };
const Text = ({ t }: { t: string }) => (
  <>
    {(t || '（无）').split(/\n+/).map((p) => (
      <p safe>{p}</p>
    ))}
  </>
);

export function ReportTables({ r }: { r: FoiAnnualReport }) {
  const s2 = r.section2;
  const n = (v: number) => String(v);
  return (
    <>
      <h2>{SECTION_TITLES.s1}</h2>
      <Text t={r.section1} />
      <h2>{SECTION_TITLES.s2}</h2>
      <table>
        <caption>{S2_LABELS.clause1}</caption>
        <thead>
          <tr>
            <th scope="col">{S2_LABELS.content}</th>
            <th scope="col">{S2_LABELS.issued}</th>
            <th scope="col">{S2_LABELS.repealed}</th>
            <th scope="col">{S2_LABELS.current}</th>
          </tr>
        </thead>
        <tbody>
          {([[S2_LABELS.rules, s2.rules], [S2_LABELS.normative, s2.normativeDocuments]] as const).map(([l, v]) => (
            <tr>
              <th scope="row">{l}</th>
              <td safe>{n(v.issued)}</td>
              <td safe>{n(v.repealed)}</td>
              <td safe>{n(v.current)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {([[S2_LABELS.clause5, S2_LABELS.decisions, [[S2_LABELS.licensing, s2.licensing]]], [S2_LABELS.clause6, S2_LABELS.decisions, [[S2_LABELS.penalty, s2.penalty], [S2_LABELS.coercion, s2.coercion]]], [S2_LABELS.clause8, S2_LABELS.fees, [[S2_LABELS.charges, s2.feesWanYuan]]]] as const).map(([clause, head, rows]) => (
        <table>
          <caption>{clause}</caption>
          <thead>
            <tr>
              <th scope="col">{S2_LABELS.content}</th>
              <th scope="col">{head}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([l, v]) => (
              <tr>
                <th scope="row">{l}</th>
                <td safe>{n(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <h2>{SECTION_TITLES.s3}</h2>
      <table>
        <caption>{S3_HEADER.note}</caption>
        <thead>
          <tr>
            <td rowspan="3"></td>
            <th scope="colgroup" colspan="7">{S3_HEADER.applicant}</th>
          </tr>
          <tr>
            <th scope="col" rowspan="2">{S3_COLUMNS[0].label}</th>
            <th scope="colgroup" colspan="5">{S3_HEADER.legal}</th>
            <th scope="col" rowspan="2">{S3_COLUMNS[6].label}</th>
          </tr>
          <tr>
            {S3_COLUMNS.slice(1, 6).map((c) => (
              <th scope="col">{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {S3_ROWS.map((def) => (
            <tr>
              <th scope="row" class={`lvl${def.level}`} colspan={def.hasValues ? undefined : '8'} safe>{def.label}</th>
              {def.hasValues ? S3_COLUMNS.map((c) => <td safe>{n(r.section3[def.key]![c.key])}</td>) : ''}
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{SECTION_TITLES.s4}</h2>
      <table>
        <caption>行政复议、行政诉讼情况</caption>
        <thead>
          <tr>
            <th scope="colgroup" colspan="5">{S4_GROUPS[0].label}</th>
            <th scope="colgroup" colspan="10">{S4_LITIGATION}</th>
          </tr>
          <tr>
            {S4_RESULTS.map((x) => (
              <th scope="col" rowspan="2">{x.label}</th>
            ))}
            <th scope="colgroup" colspan="5">{S4_GROUPS[1].label}</th>
            <th scope="colgroup" colspan="5">{S4_GROUPS[2].label}</th>
          </tr>
          <tr>
            {[1, 2].map(() => S4_RESULTS.map((x) => <th scope="col">{x.label}</th>))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {S4_GROUPS.map((g) => S4_RESULTS.map((x) => <td safe>{n(r.section4[g.key][x.key])}</td>))}
          </tr>
        </tbody>
      </table>
      <h2>{SECTION_TITLES.s5}</h2>
      <Text t={r.section5} />
      <h2>{SECTION_TITLES.s6}</h2>
      <Text t={r.section6} />
    </>
  );
}

export const reportPortal =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const html = 'text/html; charset=utf-8';
    app.get('/xxgk/annual-reports', async (req, reply) => {
      const items = await listPublished(ctx.db);
      return reply.type(html).send(
        await renderPage(ctx, req, {
          title: '公开年报',
          trail: [TRAIL, { label: '公开年报' }],
          children: (
            <>
              <h1>政府信息公开工作年度报告</h1>
              {items.length ? (
                <ul>
                  {items.map((i) => (
                    <li>
                      <a href={`/xxgk/annual-reports/${i.year}/${i.unitId ?? 'district'}`} safe>{`${i.unitName}${i.year}年政府信息公开工作年度报告`}</a>{' '}
                      <span class="muted" safe>{`（发布于 ${i.publishedAt.slice(0, 10)}）`}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="notice">暂无已发布的年度报告。</p>
              )}
            </>
          ) as string,
        }),
      );
    });

    app.get('/xxgk/annual-reports/:year/:unit', { schema: { hide: true, params: z.object({ year: z.coerce.number().int().min(2008).max(2100), unit: z.union([z.literal('district'), z.coerce.number().int().positive()]) }) } }, async (req, reply) => {
      const unitId = req.params.unit === 'district' ? null : req.params.unit;
      let r: FoiAnnualReport;
      try {
        r = await publishedReport(ctx.db, req.params.year, unitId);
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return reply.callNotFound();
        throw err;
      }
      const title = `${r.unitName}${r.year}年政府信息公开工作年度报告`;
      const xlsx = `/api/v1/reports/foi-annual.xlsx?year=${r.year}&unit=${unitId ?? 'district'}&published=1`;
      return reply.type(html).send(
        await renderPage(ctx, req, {
          title,
          trail: [TRAIL, { href: '/xxgk/annual-reports', label: '公开年报' }, { label: `${r.year}年` }],
          children: (
            <>
              <h1 safe>{title}</h1>
              <p>
                <a href={xlsx}>下载表格（.xlsx）</a>
              </p>
              <ReportTables r={r} />
            </>
          ) as string,
        }),
      );
    });
  };
