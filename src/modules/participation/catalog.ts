import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/roles.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { getUnit } from '../../platform/units/units.js';
import { pdb, type DecisionCatalogsTable, type DecisionChangesTable, type DecisionEntriesTable, type ParticipationTables } from './tables.js';

/**
 * 重大行政决策事项目录 for a year: entries (name, lead unit, basis, planned time, stage, result),
 * published and then adjusted during the year — every change after the first publication is kept
 * with its reason and shown publicly as the catalog's adjustment history.
 */
export type CatalogRow = Selectable<DecisionCatalogsTable>;
export type EntryRow = Selectable<DecisionEntriesTable>;
export type ChangeRow = Selectable<DecisionChangesTable>;

export interface EntryInput {
  name: string;
  leadUnitId: number;
  basis: string;
  plannedTime: string;
  stage: string;
  result?: string;
  draftId?: number | null;
}

export async function getOrCreateCatalog(db: Db, actor: Actor, year: number, unitId: number): Promise<CatalogRow> {
  authorize(actor, 'participation.manage', unitId);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badRequest('invalid_year', '年度不正确');
  const k = pdb(db);
  const found = await k.selectFrom('decision_catalogs').selectAll().where('year', '=', year).where('unit_id', '=', unitId).executeTakeFirst();
  if (found) return found;
  const unit = await getUnit(db, unitId);
  await withAudit(db, actor, async (trx0, audit) => {
    const now = new Date().toISOString();
    const r = await trx0.withTables<ParticipationTables>().insertInto('decision_catalogs').values({ year, unit_id: unitId, title: `${unit.name} ${year} 年度重大行政决策事项目录`, published_at: null, version: 0, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'participation.catalog.create', entityType: 'decision_catalog', entityId: r.id, unitId, summary: `建立 ${year} 年度重大行政决策事项目录` });
  });
  return (await k.selectFrom('decision_catalogs').selectAll().where('year', '=', year).where('unit_id', '=', unitId).executeTakeFirst())!;
}

async function loadCatalog(db: Db, id: number): Promise<CatalogRow> {
  const r = await pdb(db).selectFrom('decision_catalogs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('目录不存在');
  return r;
}

function checkEntry(e: EntryInput): void {
  if (e.name.trim().length < 2) throw badRequest('name_required', '请填写决策事项名称');
  if (!e.basis.trim()) throw badRequest('basis_required', '请填写决策依据');
  if (!e.plannedTime.trim()) throw badRequest('planned_time_required', '请填写计划完成时间');
}

const snapshot = (e: EntryRow | EntryInput) =>
  'catalog_id' in e
    ? { name: e.name, leadUnitId: e.lead_unit_id, basis: e.basis, plannedTime: e.planned_time, stage: e.stage, result: e.result, status: e.status }
    : { name: e.name, leadUnitId: e.leadUnitId, basis: e.basis, plannedTime: e.plannedTime, stage: e.stage, result: e.result ?? '' };

/** Adjustments after publication need a reason (调整说明); before it the catalog is still being drafted. */
function needReason(c: CatalogRow, reason: string): void {
  if (c.published_at && reason.trim().length < 2) throw badRequest('reason_required', '目录已公布，调整须说明理由');
}

export async function addEntry(db: Db, actor: Actor, catalogId: number, e: EntryInput, reason = ''): Promise<EntryRow> {
  const c = await loadCatalog(db, catalogId);
  authorize(actor, 'participation.manage', c.unit_id);
  checkEntry(e);
  needReason(c, reason);
  await getUnit(db, e.leadUnitId);
  const id = await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<ParticipationTables>();
    const now = new Date().toISOString();
    const seq = Number((await trx.selectFrom('decision_entries').select((eb) => eb.fn.max('seq').as('m')).where('catalog_id', '=', catalogId).executeTakeFirst())?.m ?? 0) + 1;
    const r = await trx.insertInto('decision_entries').values({ catalog_id: catalogId, seq, name: e.name.trim(), lead_unit_id: e.leadUnitId, basis: e.basis.trim(), planned_time: e.plannedTime.trim(), stage: e.stage.trim() || '立项', result: (e.result ?? '').trim(), draft_id: e.draftId ?? null, status: 'active', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    if (c.published_at) await trx.insertInto('decision_changes').values({ catalog_id: catalogId, entry_id: r.id, at: now, kind: 'add', reason: reason.trim(), before_json: '{}', after_json: JSON.stringify(snapshot(e)), actor_name: actor.displayName, published: 0 }).execute();
    await audit({ action: 'participation.catalog.addEntry', entityType: 'decision_catalog', entityId: catalogId, unitId: c.unit_id, summary: `目录${c.published_at ? '调整：增加' : '增加'}事项「${e.name}」${reason ? `（${reason}）` : ''}` });
    return r.id;
  });
  return (await pdb(db).selectFrom('decision_entries').selectAll().where('id', '=', id).executeTakeFirst())!;
}

export async function updateEntry(db: Db, actor: Actor, entryId: number, e: EntryInput, reason = ''): Promise<EntryRow> {
  const before = await pdb(db).selectFrom('decision_entries').selectAll().where('id', '=', entryId).executeTakeFirst();
  if (!before || before.status !== 'active') throw notFound('事项不存在');
  const c = await loadCatalog(db, before.catalog_id);
  authorize(actor, 'participation.manage', c.unit_id);
  checkEntry(e);
  needReason(c, reason);
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<ParticipationTables>();
    const now = new Date().toISOString();
    await trx.updateTable('decision_entries').set({ name: e.name.trim(), lead_unit_id: e.leadUnitId, basis: e.basis.trim(), planned_time: e.plannedTime.trim(), stage: e.stage.trim(), result: (e.result ?? '').trim(), draft_id: e.draftId ?? before.draft_id, updated_at: now }).where('id', '=', entryId).execute();
    if (c.published_at) await trx.insertInto('decision_changes').values({ catalog_id: c.id, entry_id: entryId, at: now, kind: 'update', reason: reason.trim(), before_json: JSON.stringify(snapshot(before)), after_json: JSON.stringify(snapshot(e)), actor_name: actor.displayName, published: 0 }).execute();
    await audit({ action: 'participation.catalog.updateEntry', entityType: 'decision_catalog', entityId: c.id, unitId: c.unit_id, summary: `目录事项「${e.name}」更新${reason ? `：${reason}` : ''}`, before: snapshot(before), after: snapshot(e) });
  });
  return (await pdb(db).selectFrom('decision_entries').selectAll().where('id', '=', entryId).executeTakeFirst())!;
}

export async function removeEntry(db: Db, actor: Actor, entryId: number, reason: string): Promise<void> {
  const before = await pdb(db).selectFrom('decision_entries').selectAll().where('id', '=', entryId).executeTakeFirst();
  if (!before || before.status !== 'active') throw notFound('事项不存在');
  const c = await loadCatalog(db, before.catalog_id);
  authorize(actor, 'participation.manage', c.unit_id);
  needReason(c, reason);
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<ParticipationTables>();
    const now = new Date().toISOString();
    if (c.published_at) {
      await trx.updateTable('decision_entries').set({ status: 'removed', updated_at: now }).where('id', '=', entryId).execute();
      await trx.insertInto('decision_changes').values({ catalog_id: c.id, entry_id: entryId, at: now, kind: 'remove', reason: reason.trim(), before_json: JSON.stringify(snapshot(before)), after_json: '{}', actor_name: actor.displayName, published: 0 }).execute();
    } else {
      await trx.deleteFrom('decision_entries').where('id', '=', entryId).execute();
    }
    await audit({ action: 'participation.catalog.removeEntry', entityType: 'decision_catalog', entityId: c.id, unitId: c.unit_id, summary: `目录${c.published_at ? '调整：移出' : '删除'}事项「${before.name}」${reason ? `：${reason}` : ''}` });
  });
}

/** Publish the catalog (first time) or its adjustments (a new version); pending changes become public history. */
export async function publishCatalog(db: Db, actor: Actor, catalogId: number): Promise<CatalogRow> {
  const c = await loadCatalog(db, catalogId);
  authorize(actor, 'participation.manage', c.unit_id);
  const k = pdb(db);
  const entries = await k.selectFrom('decision_entries').select('id').where('catalog_id', '=', catalogId).where('status', '=', 'active').execute();
  if (!entries.length) throw badRequest('empty_catalog', '目录中还没有事项');
  const pending = await k.selectFrom('decision_changes').select('id').where('catalog_id', '=', catalogId).where('published', '=', 0).execute();
  if (c.published_at && !pending.length) throw conflict('nothing_to_publish', '目录没有待公布的调整');
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<ParticipationTables>();
    const now = new Date().toISOString();
    await trx.updateTable('decision_catalogs').set({ published_at: c.published_at ?? now, version: c.version + 1, updated_at: now }).where('id', '=', catalogId).execute();
    await trx.updateTable('decision_changes').set({ published: 1 }).where('catalog_id', '=', catalogId).where('published', '=', 0).execute();
    await audit({ action: 'participation.catalog.publish', entityType: 'decision_catalog', entityId: catalogId, unitId: c.unit_id, summary: `${c.published_at ? `公布目录调整（第 ${c.version + 1} 版，${pending.length} 项调整）` : '公布'}「${c.title}」` });
  });
  return loadCatalog(db, catalogId);
}

/** A catalog as the public (published only, history of published adjustments) or staff (everything) see it. */
export async function catalogView(db: Db, catalogId: number, publicView: boolean): Promise<{ catalog: CatalogRow; entries: EntryRow[]; changes: ChangeRow[] } | null> {
  const k = pdb(db);
  const catalog = await k.selectFrom('decision_catalogs').selectAll().where('id', '=', catalogId).executeTakeFirst();
  if (!catalog || (publicView && !catalog.published_at)) return null;
  let changes = k.selectFrom('decision_changes').selectAll().where('catalog_id', '=', catalogId);
  if (publicView) changes = changes.where('published', '=', 1);
  let entries = k.selectFrom('decision_entries').selectAll().where('catalog_id', '=', catalogId);
  // Public: the published state — an entry added after the last publication is not shown yet.
  if (publicView) {
    const unpublishedAdds = (await k.selectFrom('decision_changes').select('entry_id').where('catalog_id', '=', catalogId).where('published', '=', 0).where('kind', '=', 'add').execute()).map((r) => r.entry_id!).filter(Boolean);
    if (unpublishedAdds.length) entries = entries.where('id', 'not in', unpublishedAdds);
    entries = entries.where('status', '=', 'active');
  }
  return { catalog, entries: await entries.orderBy('seq').execute(), changes: await changes.orderBy('id').execute() };
}

export async function listCatalogs(db: Db, publicOnly: boolean, year?: number): Promise<CatalogRow[]> {
  let q = pdb(db).selectFrom('decision_catalogs').selectAll();
  if (publicOnly) q = q.where('published_at', 'is not', null);
  if (year) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').orderBy('id').execute();
}
