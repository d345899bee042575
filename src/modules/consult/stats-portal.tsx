import Html from '@kitajs/html';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { consultStats, type UnitStats } from './stats.js';
import { sendPage } from './portal-ui.js';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** A horizontal bar chart as inline SVG (no chart package): one bar per unit, the table below carries the same numbers. */
export function barChartSvg(title: string, bars: Array<{ label: string; value: number; text: string }>, max = 1): string {
  const row = 26;
  const labelW = 190;
  const width = 640;
  const h = bars.length * row + 10;
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const items = bars.map((b, i) => {
    const w = Math.max(0, Math.min(1, max ? b.value / max : 0)) * (width - labelW - 70);
    const y = i * row + 5;
    return `<text x="${labelW - 6}" y="${y + 16}" text-anchor="end" font-size="13" fill="currentColor">${esc(b.label.slice(0, 14))}</text><rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="18" fill="#0b4f9c"></rect><text x="${(labelW + w + 6).toFixed(1)}" y="${y + 16}" font-size="13" fill="currentColor">${esc(b.text)}</text>`;
  });
  return `<svg class="bar-chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${h}" width="100%" xmlns="http://www.w3.org/2000/svg">${items.join('')}</svg>`;
}

export const statsPortal =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/interact/consult/stats', async (req, reply) => {
      const yq = Number((req.query as Record<string, string>).year);
      const year = Number.isInteger(yq) && yq >= 2000 && yq <= 2100 ? yq : Number(chinaToday().slice(0, 4));
      const s = await consultStats(ctx.db, `${year}-01-01`, `${year}-12-31`);
      const units = s.units.filter((u) => u.unitId !== null);
      // Built by barChartSvg, which escapes every text it places.
      const safeChart = barChartSvg('各单位按时答复率', units.map((u) => ({ label: u.unitName, value: u.inTimeRate ?? 0, text: pct(u.inTimeRate) })));
      const rows = (u: UnitStats) => (
        <tr>
          <th scope="row" safe>{u.unitName}</th>
          <td safe>{String(u.received)}</td>
          <td safe>{String(u.answered)}</td>
          <td safe>{pct(u.inTimeRate)}</td>
          <td safe>{u.avgWorkingDays === null ? '—' : String(u.avgWorkingDays)}</td>
          <td safe>{pct(u.satisfactionRate)}</td>
        </tr>
      );
      return sendPage(ctx, req, reply, '咨询办理情况统计', [{ href: '/interact/consult', label: '政策咨询' }, { label: '咨询办理情况统计' }], (
        <>
          <h1 safe>{`${year} 年政策咨询办理情况`}</h1>
          <p safe>{`全区共收到政策咨询 ${s.total.received} 件，已答复 ${s.total.answered} 件，按时答复率 ${pct(s.total.inTimeRate)}，平均 ${s.total.avgWorkingDays ?? '—'} 个工作日答复，满意率 ${pct(s.total.satisfactionRate)}。`}</p>
          <h2>各单位按时答复率</h2>
          {safeChart}
          <table>
            <caption>各单位办理情况</caption>
            <thead>
              <tr><th scope="col">单位</th><th scope="col">收到</th><th scope="col">已答复</th><th scope="col">按时答复率</th><th scope="col">平均答复工作日</th><th scope="col">满意率</th></tr>
            </thead>
            <tbody>
              {units.map(rows)}
              {rows(s.total)}
            </tbody>
          </table>
          <p class="muted">按时答复：首次答复在答复期限内；满意率 =（满意 + 基本满意）÷ 已评价件数。</p>
        </>
      ) as string, 200, true);
    });
  };
