import Html from '@kitajs/html';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { renderPage } from '../../platform/portal/routes.js';
import { listUnits } from '../../platform/units/units.js';
import { listLibrary } from '../documents/library.js';
import { allListKinds, listKind, type ColumnDef, type ListKindDef } from './definitions.js';
import { diffRows, type ListDiff } from './diff.js';
import type { ListRow } from './validate.js';
import { listToXlsx } from './xlsx.js';
import { publishedLists, publishedVersions, versionInfo, versionRows, type VersionInfo } from './versions.js';
import { attachmentName } from './routes.js';

const html = 'text/html; charset=utf-8';
const KindUnit = z.object({ kind: z.string().max(40), unitId: z.coerce.number().int().positive() });

/** Styles of these pages; changes are marked by text as well as by colour. */
export const LIST_STYLE = `
.list-table { font-size: .95em; }
.list-table caption { text-align: left; font-weight: bold; padding: .4rem 0; }
.list-meta { display: flex; flex-wrap: wrap; gap: .4rem 1.5rem; }
.chg { background: #fff1b8; box-shadow: inset 4px 0 0 #8a5a00; }
.row-added td { background: #e6f4ea; }
.row-removed td { background: #fdecea; }
.tag { font-weight: bold; white-space: nowrap; }
del { text-decoration: line-through; }
ins { text-decoration: underline; }
body.high-contrast .chg, body.high-contrast .row-added td, body.high-contrast .row-removed td { background: #000; outline: 2px solid #ff0; box-shadow: none; }
@media print { .no-print { display: none; } .list-table { font-size: 10pt; } }
`;

export const Style = () => <style>{LIST_STYLE}</style>;

type Part = { text: string; href?: string };

/** Link 《title》 and document numbers in a citing cell to the policy library where the document is there. */
export async function citationLinker(ctx: AppContext): Promise<(text: string) => Part[]> {
  const { items } = await listLibrary(ctx.db, { page: 1, pageSize: 100000 });
  const byTitle = new Map(items.map((d) => [d.title.replace(/\s+/g, ''), d.url]));
  const byNumber = new Map(items.filter((d) => d.docNumber).map((d) => [d.docNumber, d.url]));
  return (text) => {
    const parts: Part[] = [];
    const re = /《([^》]{2,80})》|([\u4e00-\u9fa5]{1,12}〔\d{4}〕\d{1,4}号)/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const href = m[1] ? byTitle.get(m[1].replace(/\s+/g, '')) : byNumber.get(m[2]!);
      if (!href) continue;
      if (m.index > last) parts.push({ text: text.slice(last, m.index) });
      parts.push({ text: m[0], href });
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push({ text: text.slice(last) });
    return parts;
  };
}

function Cell({ col, value, link }: { col: ColumnDef; value: string; link?: (t: string) => Part[] }): JSX.Element {
  if (col.type === 'url' && value) return <a href={value} safe>{value}</a>;
  if (col.cites && link) {
    return <>{link(value).map((p) => (p.href ? <a href={p.href} safe>{p.text}</a> : <span safe>{p.text}</span>))}</>;
  }
  return <span safe>{value}</span>;
}

export function RowsTable({ def, rows, caption, link }: { def: ListKindDef; rows: ListRow[]; caption: string; link?: (t: string) => Part[] }): JSX.Element {
  return (
    <table class="list-table">
      <caption safe>{caption}</caption>
      <thead><tr>{def.columns.map((c) => <th scope="col" safe>{c.label}</th>)}</tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr>{def.columns.map((c) => <td><Cell col={c} value={r[c.key] ?? ''} link={link} /></td>)}</tr>
        ))}
      </tbody>
    </table>
  );
}

/** The diff as one table: 新增 / 删除 rows marked in a first column, changed cells with old and new text. */
export function DiffTable({ def, d }: { def: ListKindDef; d: ListDiff }): JSX.Element {
  const changedCell = (c: ColumnDef, x: ListDiff['changed'][number]) =>
    x.cells.includes(c.key) ? (
      <td class="chg">
        <span class="tag">［已修改］</span>
        <del><span>原：</span><span safe>{x.before[c.key] || '（空）'}</span></del>
        {' → '}
        <ins><span>现：</span><span safe>{x.after[c.key] || '（空）'}</span></ins>
      </td>
    ) : (
      <td safe>{x.after[c.key] ?? ''}</td>
    );
  return (
    <>
      <p safe>{`新增 ${d.added.length} 项，删除 ${d.removed.length} 项，修改 ${d.changed.length} 项，未变 ${d.unchanged} 项。`}</p>
      {d.added.length + d.removed.length + d.changed.length === 0 ? <p>两个版本内容相同。</p> : (
        <table class="list-table diff-table">
          <caption>版本变化明细（修改的单元格标有“［已修改］”，原内容加删除线，现内容加下划线）</caption>
          <thead><tr><th scope="col">变化</th>{def.columns.map((c) => <th scope="col" safe>{c.label}</th>)}</tr></thead>
          <tbody>
            {d.added.map((r) => <tr class="row-added"><td class="tag">［新增］</td>{def.columns.map((c) => <td safe>{r[c.key] ?? ''}</td>)}</tr>)}
            {d.removed.map((r) => <tr class="row-removed"><td class="tag">［删除］</td>{def.columns.map((c) => <td><del safe>{r[c.key] ?? ''}</del></td>)}</tr>)}
            {d.changed.map((x) => <tr class="row-changed"><td class="tag">［修改］</td>{def.columns.map((c) => changedCell(c, x))}</tr>)}
          </tbody>
        </table>
      )}
    </>
  );
}

const versionLabel = (v: VersionInfo) => `第 ${v.versionNo ?? '—'} 版（${v.publishedOn ?? ''}）`;

/** Portal: /lists/ (all kinds), /lists/:kind/ (units), /lists/:kind/:unitId/ (current version, filterable), history, diff, one version, .xlsx. */
export const listsPortal =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const unitNames = async () => {
      const units = await listUnits(ctx.db, { includeInactive: true });
      return (id: number) => units.find((u) => u.id === id)?.name ?? `单位 ${id}`;
    };
    const page = (req: Parameters<typeof renderPage>[1], title: string, trail: Array<{ href?: string; label: string }>, children: JSX.Element) =>
      renderPage(ctx, req, { title, trail, children: (<><Style />{children}</>) as string });

    app.get('/lists/', { schema: { hide: true } }, async (req, reply) => {
      const published = await publishedLists(ctx.db);
      const nameOf = await unitNames();
      return reply.type(html).send(await page(req, '公开清单', [{ label: '公开清单' }], (
        <>
          <h1>公开清单</h1>
          <p>各单位依法编制并动态调整的清单。每次调整形成新版本，可查看当前版本、历史版本以及任意两个版本之间的变化。</p>
          <p class="list-meta"><a href="/enforcement/">行政执法公示（许可、处罚、强制决定）</a><a href="/services/">政务服务事项、办事指南与办理进展查询</a></p>
          <ul class="cards">
            {allListKinds().map((k) => {
              const units = published.filter((p) => p.kind === k.key);
              const shown: string = units.length ? `已公开单位：${units.slice(0, 5).map((u) => nameOf(u.unitId)).join('、')}${units.length > 5 ? ` 等 ${units.length} 个` : ''}` : '暂无已公开的清单';
              return (
                <li class="card">
                  <h2><a href={`/lists/${k.key}/`} safe>{k.label}</a></h2>
                  <p class="muted" safe>{k.description}</p>
                  <p safe>{shown}</p>
                </li>
              );
            })}
          </ul>
        </>
      )));
    });

    app.get('/lists/:kind/', { schema: { hide: true, params: z.object({ kind: z.string().max(40) }) } }, async (req, reply) => {
      const def = listKind(req.params.kind);
      if (!def) return reply.callNotFound();
      const published = await publishedLists(ctx.db, def.key);
      const nameOf = await unitNames();
      return reply.type(html).send(await page(req, def.label, [{ href: '/lists/', label: '公开清单' }, { label: def.label }], (
        <>
          <h1 safe>{def.label}</h1>
          <p class="muted" safe>{def.description}</p>
          {published.length ? (
            <table>
              <caption>各单位当前版本</caption>
              <thead><tr><th scope="col">单位</th><th scope="col">当前版本</th><th scope="col">发布日期</th><th scope="col">事项数</th><th scope="col">历史版本</th></tr></thead>
              <tbody>
                {published.map((p) => (
                  <tr>
                    <td><a href={`/lists/${def.key}/${p.unitId}/`} safe>{nameOf(p.unitId)}</a></td>
                    <td safe>{`第 ${p.versionNo} 版`}</td>
                    <td safe>{p.publishedOn}</td>
                    <td safe>{String(p.rowCount)}</td>
                    <td><a href={`/lists/${def.key}/${p.unitId}/history`} safe>{`${nameOf(p.unitId)}历史版本`}</a></td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p class="notice">暂无已公开的清单。</p>}
        </>
      )));
    });

    app.get('/lists/:kind/:unitId/', { schema: { hide: true, params: KindUnit } }, async (req, reply) => {
      const def = listKind(req.params.kind);
      if (!def) return reply.callNotFound();
      const history = await publishedVersions(ctx.db, def.key, req.params.unitId);
      const current = history[0];
      if (!current) return reply.callNotFound();
      const query = req.query as Record<string, string | undefined>;
      const all = await versionRows(ctx.db, current.itemId);
      const filterCols = def.columns.filter((c) => c.filter);
      const q = (query.q ?? '').trim().slice(0, 100);
      const rows = all.filter((r) => (!q || def.columns.some((c) => (r[c.key] ?? '').includes(q))) && filterCols.every((c) => !query[`f_${c.key}`] || r[c.key] === query[`f_${c.key}`]));
      const unitName = (await unitNames())(req.params.unitId);
      const link = await citationLinker(ctx);
      const base = `/lists/${def.key}/${req.params.unitId}`;
      return reply.type(html).send(await page(req, `${unitName}${def.label}`, [{ href: '/lists/', label: '公开清单' }, { href: `/lists/${def.key}/`, label: def.label }, { label: unitName }], (
        <>
          <h1 safe>{`${unitName}${def.label}`}</h1>
          <p class="list-meta">
            <span safe>{`当前版本：${versionLabel(current)}`}</span>
            <span safe>{`共 ${all.length} 项`}</span>
            <a href={`${base}/history`}>历史版本与变化</a>
            <a href={`${base}/export.xlsx`} class="no-print">下载 Excel</a>
          </p>
          <form method="get" action={`${base}/`} class="filters" role="search" aria-label="筛选清单">
            <label for="q">关键词</label>
            <input id="q" name="q" type="search" value={q} />
            {filterCols.map((c) => {
              const values = c.options ?? [...new Set(all.map((r) => r[c.key] ?? '').filter(Boolean))].sort().slice(0, 200);
              return (
                <>
                  <label for={`f_${c.key}`} safe>{c.label}</label>
                  <select id={`f_${c.key}`} name={`f_${c.key}`}>
                    <option value="">全部</option>
                    {values.map((v) => <option value={v} selected={query[`f_${c.key}`] === v} safe>{v}</option>)}
                  </select>
                </>
              );
            })}
            <button type="submit">筛选</button>
            <a href={`${base}/`}>清除条件</a>
          </form>
          {rows.length ? <RowsTable def={def} rows={rows} caption={`${def.label}（${versionLabel(current)}${rows.length < all.length ? `，筛选出 ${rows.length} 项` : ''}）`} link={link} /> : <p class="notice">没有符合条件的事项。</p>}
          {current.changeNote ? <p safe>{`本版变更说明：${current.changeNote}`}</p> : ''}
        </>
      )));
    });

    app.get('/lists/:kind/:unitId/history', { schema: { hide: true, params: KindUnit } }, async (req, reply) => {
      const def = listKind(req.params.kind);
      if (!def) return reply.callNotFound();
      const history = await publishedVersions(ctx.db, def.key, req.params.unitId);
      if (!history.length) return reply.callNotFound();
      const unitName = (await unitNames())(req.params.unitId);
      const base = `/lists/${def.key}/${req.params.unitId}`;
      const options = (sel: number | undefined) => history.map((v) => <option value={String(v.itemId)} selected={sel === v.itemId} safe>{versionLabel(v)}</option>);
      return reply.type(html).send(await page(req, `${unitName}${def.label}历史版本`, [{ href: '/lists/', label: '公开清单' }, { href: `${base}/`, label: `${unitName}${def.label}` }, { label: '历史版本' }], (
        <>
          <h1 safe>{`${unitName}${def.label}：历史版本`}</h1>
          <table>
            <caption>全部已发布版本（最新在前）</caption>
            <thead><tr><th scope="col">版本</th><th scope="col">发布日期</th><th scope="col">事项数</th><th scope="col">变更说明</th><th scope="col">与上一版比较</th></tr></thead>
            <tbody>
              {history.map((v, i) => (
                <tr>
                  <td><a href={`/lists/versions/${v.itemId}`} safe>{`第 ${v.versionNo} 版`}</a>{i === 0 ? '（当前版本）' : ''}</td>
                  <td safe>{v.publishedOn ?? ''}</td>
                  <td safe>{String(v.rowCount)}</td>
                  <td safe>{v.changeNote}</td>
                  <td>{history[i + 1] ? <a href={`${base}/diff?from=${history[i + 1]!.itemId}&to=${v.itemId}`} safe>{`第 ${history[i + 1]!.versionNo} 版 → 第 ${v.versionNo} 版`}</a> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {history.length > 1 ? (
            <form method="get" action={`${base}/diff`} class="filters">
              <label for="from">比较：旧版本</label>
              <select id="from" name="from">{options(history[1]!.itemId)}</select>
              <label for="to">新版本</label>
              <select id="to" name="to">{options(history[0]!.itemId)}</select>
              <button type="submit">查看变化</button>
            </form>
          ) : ''}
        </>
      )));
    });

    app.get('/lists/:kind/:unitId/diff', { schema: { hide: true, params: KindUnit, querystring: z.object({ from: z.coerce.number().int().positive().optional(), to: z.coerce.number().int().positive().optional() }).catch({}) } }, async (req, reply) => {
      const def = listKind(req.params.kind);
      if (!def) return reply.callNotFound();
      const history = await publishedVersions(ctx.db, def.key, req.params.unitId);
      const to = history.find((v) => v.itemId === req.query.to) ?? history[0];
      const from = history.find((v) => v.itemId === req.query.from) ?? history[1];
      if (!to || !from) return reply.callNotFound();
      const d = diffRows(def, await versionRows(ctx.db, from.itemId), await versionRows(ctx.db, to.itemId));
      const unitName = (await unitNames())(req.params.unitId);
      const base = `/lists/${def.key}/${req.params.unitId}`;
      return reply.type(html).send(await page(req, `${unitName}${def.label}版本变化`, [{ href: '/lists/', label: '公开清单' }, { href: `${base}/`, label: `${unitName}${def.label}` }, { href: `${base}/history`, label: '历史版本' }, { label: '版本变化' }], (
        <>
          <h1 safe>{`${unitName}${def.label}：${versionLabel(from)} → ${versionLabel(to)}`}</h1>
          <DiffTable def={def} d={d} />
          <p><a href={`${base}/history`}>返回历史版本</a></p>
        </>
      )));
    });

    app.get('/lists/versions/:id', { schema: { hide: true, params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req, reply) => {
      const v = await versionInfo(ctx.db, req.params.id);
      const def = v && listKind(v.kind);
      if (!v || !def || v.status !== 'published') return reply.callNotFound();
      const history = await publishedVersions(ctx.db, def.key, v.unitId);
      const i = history.findIndex((h) => h.itemId === v.itemId);
      const unitName = (await unitNames())(v.unitId);
      const base = `/lists/${def.key}/${v.unitId}`;
      return reply.type(html).send(await page(req, `${unitName}${def.label}第 ${v.versionNo} 版`, [{ href: '/lists/', label: '公开清单' }, { href: `${base}/`, label: `${unitName}${def.label}` }, { label: `第 ${v.versionNo} 版` }], (
        <>
          <h1 safe>{`${unitName}${def.label}（${versionLabel(v)}）`}</h1>
          <p class="list-meta">
            <span>{i === 0 ? '这是当前版本。' : <a href={`${base}/`}>这是历史版本，查看当前版本</a>}</span>
            {history[i + 1] ? <a href={`${base}/diff?from=${history[i + 1]!.itemId}&to=${v.itemId}`}>与上一版比较</a> : ''}
            <a href={`${base}/export.xlsx?version=${v.itemId}`} class="no-print">下载 Excel</a>
          </p>
          <RowsTable def={def} rows={await versionRows(ctx.db, v.itemId)} caption={`${def.label}（${versionLabel(v)}）`} link={await citationLinker(ctx)} />
        </>
      )));
    });

    app.get('/lists/:kind/:unitId/export.xlsx', { schema: { hide: true, params: KindUnit, querystring: z.object({ version: z.coerce.number().int().positive().optional() }).catch({}) } }, async (req, reply) => {
      const def = listKind(req.params.kind);
      if (!def) return reply.callNotFound();
      const history = await publishedVersions(ctx.db, def.key, req.params.unitId);
      const v = req.query.version ? history.find((h) => h.itemId === req.query.version) : history[0];
      if (!v) return reply.callNotFound();
      const unitName = (await unitNames())(req.params.unitId);
      const buf = await listToXlsx(def.columns, await versionRows(ctx.db, v.itemId), `${unitName}${def.label}（第 ${v.versionNo} 版）`, def.label);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentName(`${unitName}${def.label}（第${v.versionNo}版）.xlsx`))
        .header('cache-control', 'public, max-age=300')
        .send(buf);
    });
  };
