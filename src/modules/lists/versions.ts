import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/auth/roles.js';
import { AppError, badRequest, notFound } from '../../platform/errors.js';
import { getUnit } from '../../platform/units/units.js';
import { registerContentKind } from '../publishing/kinds.js';
import { createDraft, getItemForStaff, staffScope, updateDraft, type Item } from '../publishing/items.js';
import { DEFAULT_UPDATE_DUTY_MONTHS, kindAppliesTo, listKind, type ListKindDef } from './definitions.js';
import { rowKeyOf, validateRows, type CellProblem, type ListRow } from './validate.js';
import { readListXlsx } from './xlsx.js';
import { asListTrx, listDb, type ListTrx } from './tables.js';

/**
 * Versions of a unit's list. Every change is a new version: a draft content item of kind
 * 'list_version' that goes through the publishing pipeline (review, publication, audit,
 * search); its rows live here. Version numbers are given on publication (第 1、2、3 版 …).
 */
export const LIST_VERSION_KIND = 'list_version';

export interface VersionInfo {
  itemId: number;
  kind: string;
  kindLabel: string;
  unitId: number;
  versionNo: number | null;
  basedOnItemId: number | null;
  rowCount: number;
  source: string;
  sourceName: string;
  changeNote: string;
  publishedOn: string | null;
  status: string;
  createdAt: string;
}

export function requireKind(key: string): ListKindDef {
  const def = listKind(key);
  if (!def) throw notFound(`清单类型「${key}」不存在`);
  return def;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The rows as a plain HTML table: the item's body for search and the generic item page. */
function rowsHtml(def: ListKindDef, rows: ListRow[]): string {
  const head = `<tr>${def.columns.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${def.columns.map((c) => `<td>${esc(r[c.key] ?? '')}</td>`).join('')}</tr>`).join('');
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

export function problemsMessage(problems: CellProblem[]): string {
  const shown = problems.slice(0, 5).map((p) => `第 ${p.row} 行${p.column ? ` ${p.column} 列` : ''}${p.header && !p.message.includes(p.header) ? `「${p.header}」` : ''}：${p.message}`);
  return `文件有 ${problems.length} 处问题，未保存任何数据。${shown.join('；')}${problems.length > 5 ? '……' : ''}`;
}

async function writeRows(trx: ListTrx, def: ListKindDef, itemId: number, rows: ListRow[]): Promise<void> {
  await trx.deleteFrom('list_rows').where('item_id', '=', itemId).execute();
  for (let i = 0; i < rows.length; i += 200) {
    await trx.insertInto('list_rows').values(rows.slice(i, i + 200).map((r, j) => ({ item_id: itemId, seq: i + j + 1, row_key: rowKeyOf(def, r), data_json: JSON.stringify(r) }))).execute();
  }
}

async function currentPublished(db: Db, kind: string, unitId: number) {
  return listDb(db).selectFrom('list_versions').innerJoin('content_items', 'content_items.id', 'list_versions.item_id')
    .select(['item_id', 'version_no']).where('list_kind', '=', kind).where('list_versions.unit_id', '=', unitId).where('status', '=', 'published')
    .orderBy('version_no', 'desc').limit(1).executeTakeFirst();
}

export interface NewVersionInput {
  kind: string;
  unitId: number;
  rows: ListRow[];
  source: 'form' | 'xlsx';
  sourceName?: string;
  changeNote?: string;
}

/** Save validated rows as a new draft version of the unit's list. */
export async function createVersion(db: Db, actor: Actor, input: NewVersionInput): Promise<Item & { version: VersionInfo }> {
  const def = requireKind(input.kind);
  authorize(actor, 'lists.maintain', input.unitId);
  const unit = await getUnit(db, input.unitId);
  if (!kindAppliesTo(def, unit.kind)) throw badRequest('kind_not_for_unit', `「${unit.name}」不编制「${def.label}」`);
  if (!input.rows.length) throw badRequest('empty_list', '清单至少应有一行');
  const base = await currentPublished(db, def.key, input.unitId);
  const item = await createDraft(
    db, actor,
    {
      kind: LIST_VERSION_KIND, unitId: input.unitId, title: `${unit.name}${def.label}`.slice(0, 200),
      summary: `${def.label}，共 ${input.rows.length} 项。${input.changeNote ?? ''}`.slice(0, 1000), keywords: def.label, topic: '',
      bodyHtml: rowsHtml(def, input.rows), columnIds: [],
    },
    async (trx0, itemId) => {
      const trx = asListTrx(trx0);
      await trx.insertInto('list_versions').values({
        item_id: itemId, list_kind: def.key, unit_id: input.unitId, version_no: null, based_on_item_id: base?.item_id ?? null, row_count: input.rows.length,
        source: input.source, source_name: input.sourceName ?? '', change_note: input.changeNote ?? '', published_on: null, created_at: new Date().toISOString(),
      }).execute();
      await writeRows(trx, def, itemId, input.rows);
    },
  );
  return { ...item, version: (await versionInfo(db, item.id))! };
}

/** Rows typed in the back office: every problem is reported by row (1-based) and column name. */
export function checkFormRows(def: ListKindDef, rows: Array<Record<string, unknown>>): ListRow[] {
  const r = validateRows(def, rows.map((cells, i) => ({ line: i + 1, cells })));
  if (r.problems.length) throw new AppError(400, 'invalid_rows', problemsMessage(r.problems), { problems: r.problems });
  return r.rows;
}

/** Import an .xlsx file as a new draft version: nothing is saved unless every row is valid. */
export async function importVersion(db: Db, actor: Actor, input: { kind: string; unitId: number; buffer: Buffer; filename: string; changeNote?: string }) {
  const def = requireKind(input.kind);
  authorize(actor, 'lists.maintain', input.unitId);
  const r = await readListXlsx(def, input.buffer);
  if (r.problems.length) throw new AppError(400, 'invalid_file', problemsMessage(r.problems), { problems: r.problems });
  return createVersion(db, actor, { kind: def.key, unitId: input.unitId, rows: r.rows, source: 'xlsx', sourceName: input.filename, changeNote: input.changeNote });
}

/** Replace a draft version's rows (before it goes to review, or after it was returned). */
export async function replaceDraftRows(db: Db, actor: Actor, itemId: number, rows: Array<Record<string, unknown>>, changeNote?: string) {
  const v = await versionInfo(db, itemId);
  if (!v) throw notFound('清单版本不存在');
  authorize(actor, 'lists.maintain', v.unitId);
  const def = requireKind(v.kind);
  const checked = checkFormRows(def, rows);
  if (!checked.length) throw badRequest('empty_list', '清单至少应有一行');
  await updateDraft(db, actor, itemId, { bodyHtml: rowsHtml(def, checked), summary: `${def.label}，共 ${checked.length} 项。${changeNote ?? v.changeNote}`.slice(0, 1000) }, async (trx0) => {
    const trx = asListTrx(trx0);
    await trx.updateTable('list_versions').set({ row_count: checked.length, source: 'form', ...(changeNote !== undefined && { change_note: changeNote }) }).where('item_id', '=', itemId).execute();
    await writeRows(trx, def, itemId, checked);
  });
  return { ...(await getItemForStaff(db, actor, itemId)), version: (await versionInfo(db, itemId))! };
}

export async function versionInfo(db: Db | ListTrx, itemId: number): Promise<VersionInfo | null> {
  const q = ('kysely' in db ? listDb(db) : db) as ListTrx;
  const r = await q.selectFrom('list_versions').innerJoin('content_items', 'content_items.id', 'list_versions.item_id')
    .select(['item_id', 'list_kind', 'list_versions.unit_id', 'version_no', 'based_on_item_id', 'row_count', 'source', 'source_name', 'change_note', 'published_on', 'status', 'list_versions.created_at'])
    .where('item_id', '=', itemId).executeTakeFirst();
  if (!r) return null;
  return {
    itemId: r.item_id, kind: r.list_kind, kindLabel: listKind(r.list_kind)?.label ?? r.list_kind, unitId: r.unit_id, versionNo: r.version_no, basedOnItemId: r.based_on_item_id,
    rowCount: r.row_count, source: r.source, sourceName: r.source_name, changeNote: r.change_note, publishedOn: r.published_on, status: r.status, createdAt: r.created_at,
  };
}

export async function versionRows(db: Db, itemId: number): Promise<ListRow[]> {
  const rows = await listDb(db).selectFrom('list_rows').select('data_json').where('item_id', '=', itemId).orderBy('seq').execute();
  return rows.map((r) => JSON.parse(r.data_json) as ListRow);
}

/** Published versions of a unit's list, newest first (the public history). */
export async function publishedVersions(db: Db, kind: string, unitId: number): Promise<VersionInfo[]> {
  const ids = await listDb(db).selectFrom('list_versions').innerJoin('content_items', 'content_items.id', 'list_versions.item_id')
    .select('item_id').where('list_kind', '=', kind).where('list_versions.unit_id', '=', unitId).where('status', '=', 'published')
    .orderBy('version_no', 'desc').execute();
  return (await Promise.all(ids.map((i) => versionInfo(db, i.item_id)))).filter((v): v is VersionInfo => v !== null);
}

/** Units with a published list of each kind: [{kind, unitId, versionNo, publishedOn}] of the current versions. */
export async function publishedLists(db: Db, kind?: string): Promise<Array<{ kind: string; unitId: number; itemId: number; versionNo: number; publishedOn: string; rowCount: number }>> {
  let q = listDb(db).selectFrom('list_versions').innerJoin('content_items', 'content_items.id', 'list_versions.item_id')
    .select(['list_kind', 'list_versions.unit_id', 'item_id', 'version_no', 'published_on', 'row_count']).where('status', '=', 'published');
  if (kind) q = q.where('list_kind', '=', kind);
  const rows = await q.orderBy('version_no', 'desc').execute();
  const seen = new Set<string>();
  const out = [];
  for (const r of rows) {
    const k = `${r.list_kind}:${r.unit_id}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ kind: r.list_kind, unitId: r.unit_id, itemId: r.item_id, versionNo: r.version_no ?? 0, publishedOn: r.published_on ?? '', rowCount: r.row_count });
  }
  return out;
}

/** Every version (drafts included) of the lists the actor's units keep — the back office's view. */
export async function staffVersions(db: Db, actor: Actor, f: { kind?: string; unitId?: number }): Promise<VersionInfo[]> {
  const scope = staffScope(actor);
  let q = listDb(db).selectFrom('list_versions').select('item_id');
  if (!scope.all) q = q.where('unit_id', 'in', scope.unitIds.length ? scope.unitIds : [-1]);
  if (f.kind) q = q.where('list_kind', '=', f.kind);
  if (f.unitId) q = q.where('unit_id', '=', f.unitId);
  const ids = await q.orderBy('item_id', 'desc').limit(500).execute();
  return (await Promise.all(ids.map((i) => versionInfo(db, i.item_id)))).filter((v): v is VersionInfo => v !== null);
}

/** A version as staff see it: its item (status, review) and rows. */
export async function staffVersion(db: Db, actor: Actor, itemId: number) {
  const item = await getItemForStaff(db, actor, itemId);
  const version = await versionInfo(db, itemId);
  if (!version) throw notFound('清单版本不存在');
  return { ...item, version, rows: await versionRows(db, itemId) };
}

registerContentKind({
  name: LIST_VERSION_KIND,
  label: '清单版本',
  defaultChain: ['first', 'second', 'final'],
  requiresConfidentiality: false,
  url: (item) => `/lists/versions/${item.id}`,
  async validateForReview(trx0, item) {
    const trx = asListTrx(trx0);
    const v = await trx.selectFrom('list_versions').select('row_count').where('item_id', '=', item.id).executeTakeFirst();
    if (!v) throw badRequest('not_a_list_version', '清单版本数据缺失');
    if (v.row_count === 0) throw badRequest('empty_list', '清单至少应有一行');
  },
  async afterPublish(trx0, item, on) {
    const trx = asListTrx(trx0);
    const v = await trx.selectFrom('list_versions').select(['list_kind', 'unit_id']).where('item_id', '=', item.id).executeTakeFirstOrThrow();
    const max = await trx.selectFrom('list_versions').select((eb) => eb.fn.max('version_no').as('n')).where('list_kind', '=', v.list_kind).where('unit_id', '=', v.unit_id).executeTakeFirst();
    await trx.updateTable('list_versions').set({ version_no: Number(max?.n ?? 0) + 1, published_on: on }).where('item_id', '=', item.id).execute();
  },
  async indexFacets(trx0, item): Promise<Record<string, string>> {
    const v = await asListTrx(trx0).selectFrom('list_versions').select('list_kind').where('item_id', '=', item.id).executeTakeFirst();
    return v ? { listKind: listKind(v.list_kind)?.label ?? v.list_kind } : {};
  },
});


/**
 * Lists past their update duty: the current published version is older than the kind's
 * `updateDutyMonths` (default 12). For the district office's supervision and the unit's own list.
 */
export async function staleLists(db: Db, today: string, unitIds?: number[]): Promise<Array<{ kind: string; kindLabel: string; unitId: number; itemId: number; versionNo: number; publishedOn: string; dueBy: string }>> {
  const out = [];
  for (const p of await publishedLists(db)) {
    if (unitIds && !unitIds.includes(p.unitId)) continue;
    const def = listKind(p.kind);
    const months = def?.updateDutyMonths ?? DEFAULT_UPDATE_DUTY_MONTHS;
    const [y, m, d] = p.publishedOn.split('-').map(Number) as [number, number, number];
    const total = y * 12 + (m - 1) + months;
    const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
    const dueBy = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
    if (today > dueBy) out.push({ kind: p.kind, kindLabel: def?.label ?? p.kind, unitId: p.unitId, itemId: p.itemId, versionNo: p.versionNo, publishedOn: p.publishedOn, dueBy });
  }
  return out;
}
