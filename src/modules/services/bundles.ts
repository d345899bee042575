import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/auth/roles.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { registerContentKind } from '../publishing/kinds.js';
import { createDraft, getItemForStaff, type Item } from '../publishing/items.js';
import { guideOf, type GuideFields, type Material } from './guides.js';
import { asSvcTrx, svcDb, type SvcTrx } from './tables.js';

/**
 * 高效办成一件事: one life event (e.g. 新生儿出生) linking service items of several units, with
 * one combined list of materials — a material needed by several items is listed once, with the
 * items that need it.
 */
export const BUNDLE_KIND = 'service_bundle';

export interface CombinedMaterial {
  name: string;
  required: boolean;
  /** names of the items that ask for it */
  forItems: string[];
}

export function combinedMaterials(items: Array<{ name: string; materials: Material[] }>): CombinedMaterial[] {
  const byName = new Map<string, CombinedMaterial>();
  for (const it of items) {
    for (const m of it.materials) {
      const key = m.name.normalize('NFKC').replace(/[\s（）()]/g, '');
      const cur = byName.get(key);
      if (cur) {
        if (!cur.forItems.includes(it.name)) cur.forItems.push(it.name);
        cur.required ||= m.required;
      } else byName.set(key, { name: m.name, required: m.required, forItems: [it.name] });
    }
  }
  return [...byName.values()];
}

async function members(db: Db | SvcTrx, bundleId: number): Promise<Array<GuideFields & { itemId: number; unitId: number; status: string }>> {
  const q = 'kysely' in db ? svcDb(db) : db;
  const rows = await q.selectFrom('service_bundle_items').innerJoin('service_items', 'service_items.item_id', 'service_bundle_items.service_item_id')
    .innerJoin('content_items', 'content_items.id', 'service_items.item_id')
    .selectAll('service_items').select(['content_items.unit_id', 'content_items.status']).where('service_bundle_items.bundle_id', '=', bundleId).orderBy('service_bundle_items.seq').execute();
  return rows.map((r) => ({ itemId: r.item_id, unitId: r.unit_id, status: r.status, ...guideOf(r) }));
}

export async function createBundle(db: Db, actor: Actor, input: { unitId: number; lifeEvent: string; description: string; serviceItemIds: number[] }): Promise<Item & { bundle: BundleView }> {
  authorize(actor, 'services.maintain', input.unitId);
  const ids = [...new Set(input.serviceItemIds)];
  if (ids.length < 2) throw badRequest('bundle_too_small', '“一件事”至少关联两个事项');
  const found = await svcDb(db).selectFrom('service_items').select('item_id').where('item_id', 'in', ids).execute();
  if (found.length !== ids.length) throw badRequest('invalid_service_item', '关联的事项中有不存在的事项');
  const item = await createDraft(db, actor, { kind: BUNDLE_KIND, unitId: input.unitId, title: `一件事：${input.lifeEvent}`.slice(0, 200), summary: input.description.slice(0, 1000), keywords: '一件事', topic: '', bodyHtml: '', columnIds: [] }, async (trx0, itemId) => {
    const trx = asSvcTrx(trx0);
    await trx.insertInto('service_bundles').values({ item_id: itemId, life_event: input.lifeEvent, description: input.description }).execute();
    await trx.insertInto('service_bundle_items').values(ids.map((id, i) => ({ bundle_id: itemId, service_item_id: id, seq: i + 1 }))).execute();
  });
  return { ...item, bundle: (await bundleView(db, item.id))! };
}

export interface BundleView {
  itemId: number;
  lifeEvent: string;
  description: string;
  items: Array<{ itemId: number; unitId: number; name: string; code: string; status: string; timeLimit: string; fees: string }>;
  materials: CombinedMaterial[];
}

export async function bundleView(db: Db, itemId: number): Promise<BundleView | null> {
  const b = await svcDb(db).selectFrom('service_bundles').selectAll().where('item_id', '=', itemId).executeTakeFirst();
  if (!b) return null;
  const m = await members(db, itemId);
  return {
    itemId, lifeEvent: b.life_event, description: b.description,
    items: m.map((x) => ({ itemId: x.itemId, unitId: x.unitId, name: x.name, code: x.code, status: x.status, timeLimit: x.timeLimit, fees: x.fees })),
    materials: combinedMaterials(m),
  };
}

export async function getBundleForStaff(db: Db, actor: Actor, itemId: number) {
  const item = await getItemForStaff(db, actor, itemId);
  const bundle = await bundleView(db, itemId);
  if (!bundle) throw notFound('“一件事”不存在');
  return { ...item, bundle };
}

export async function publishedBundles(db: Db): Promise<Array<{ itemId: number; lifeEvent: string; description: string }>> {
  const rows = await svcDb(db).selectFrom('service_bundles').innerJoin('content_items', 'content_items.id', 'service_bundles.item_id')
    .select(['item_id', 'life_event', 'description']).where('status', '=', 'published').orderBy('item_id').execute();
  return rows.map((r) => ({ itemId: r.item_id, lifeEvent: r.life_event, description: r.description }));
}

registerContentKind({
  name: BUNDLE_KIND,
  label: '一件事',
  defaultChain: ['first', 'final'],
  requiresConfidentiality: false,
  url: (item) => `/services/bundles/${item.id}`,
  async validateForPublish(trx, item) {
    const m = await members(asSvcTrx(trx), item.id);
    const unpublished = m.filter((x) => x.status !== 'published');
    if (unpublished.length) throw conflict('members_unpublished', `关联事项尚未发布办事指南：${unpublished.map((x) => x.name).join('、')}`);
  },
});
