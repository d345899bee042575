import { z } from 'zod';
import type { Db, DialectName } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { systemActor } from '../../platform/actor.js';
import { withAudit, type AuditEntry } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/roles.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { nextSerial } from '../../platform/counters.js';
import { unitCreditCode } from '../../platform/units/units.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { contentKind, type ItemRef } from './kinds.js';
import { STATUS_LABELS, getItemForStaff, loadItemRow, pub, type Item } from './items.js';
import { bundleMembers } from './review.js';
import type { PubTrx } from './tables.js';

/**
 * Release and withdrawal. Reactions that cut across modules (search index, cached pages,
 * subscribers, patrol) hang off these hooks, which run inside the same transaction.
 */
export interface PipelineHooks {
  published: Array<(trx: PubTrx, dialect: DialectName, item: ItemRef) => Promise<void>>;
  withdrawn: Array<(trx: PubTrx, dialect: DialectName, item: ItemRef) => Promise<void>>;
}
export const pipelineHooks: PipelineHooks = { published: [], withdrawn: [] };

export const PublishSchema = z.object({
  /** ISO timestamp in the future for scheduled publishing; omitted = now */
  publishAt: z.iso.datetime({ offset: true }).optional(),
});
export const WithdrawSchema = z.object({ reason: z.string().trim().min(2, '请填写撤回原因').max(500) });

/** 索引号: `<unit credit code>/<YYYYMM>-<5-digit serial>`, serial per unit and month, gap-free. */
export async function assignIndexNo(trx: PubTrx, dialect: DialectName, unitId: number, on: Date): Promise<string> {
  const yyyymm = chinaToday(on).slice(0, 7).replace('-', '');
  const serial = await nextSerial(trx, dialect, 'index_no', `${unitId}:${yyyymm}`);
  return `${await unitCreditCode(trx, unitId)}/${yyyymm}-${String(serial).padStart(5, '0')}`;
}

const ref = (m: { id: number; kind: string; unit_id: number; title: string; bundle_id: number | null }): ItemRef => ({
  id: m.id, kind: m.kind, unitId: m.unit_id, title: m.title, bundleId: m.bundle_id,
});

/** Publish every member of an approved (or due scheduled) bundle, inside one transaction. */
async function releaseBundle(trx: PubTrx, dialect: DialectName, leadId: number, now: Date, audit: (e: AuditEntry) => Promise<void>): Promise<void> {
  const members = await bundleMembers(trx, leadId);
  for (const m of members) await contentKind(m.kind)?.validateForPublish?.(trx, ref(m));
  for (const m of members) {
    const indexNo = m.index_no ?? (await assignIndexNo(trx, dialect, m.unit_id, now));
    await trx.updateTable('content_items').set({ status: 'published', index_no: indexNo, published_at: now.toISOString(), publish_at: null, updated_at: now.toISOString() }).where('id', '=', m.id).execute();
    await contentKind(m.kind)?.afterPublish?.(trx, ref(m), chinaToday(now));
    for (const h of pipelineHooks.published) await h(trx, dialect, ref(m));
    await audit({ action: 'content.publish', entityType: 'content_item', entityId: m.id, unitId: m.unit_id, summary: `发布「${m.title}」，索引号 ${indexNo}`, after: { indexNo, publishedAt: now.toISOString() } });
  }
}

export async function publish(db: Db, actor: Actor, id: number, input: z.infer<typeof PublishSchema>, now = new Date()): Promise<Item> {
  const row = await loadItemRow(pub(db), id);
  if (row.bundle_id !== null && row.bundle_id !== row.id) throw conflict('bundled_item', '此内容随所属政策文件一同发布，请在该文件上操作');
  authorize(actor, 'content.publish', row.unit_id);
  if (row.status !== 'approved') throw conflict('not_approved', `内容当前状态为「${STATUS_LABELS[row.status]}」，须经审核通过后才能发布`);
  const at = input.publishAt ? new Date(input.publishAt) : null;
  if (at && at.getTime() <= now.getTime()) throw badRequest('publish_at_past', '定时发布时间须晚于当前时间');
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as PubTrx;
    if (at) {
      for (const m of await bundleMembers(trx, row.id)) {
        await trx.updateTable('content_items').set({ status: 'scheduled', publish_at: at.toISOString(), updated_at: now.toISOString() }).where('id', '=', m.id).execute();
        await audit({ action: 'content.schedule', entityType: 'content_item', entityId: m.id, unitId: m.unit_id, summary: `定时发布「${m.title}」于 ${at.toISOString()}` });
      }
    } else {
      await releaseBundle(trx, db.dialect, row.id, now, audit);
    }
  });
  return getItemForStaff(db, actor, id);
}

/** Job: release scheduled bundles whose time has come. */
export async function releaseDueItems(db: Db, now = new Date()): Promise<number> {
  const due = await pub(db).selectFrom('content_items').select(['id']).where('status', '=', 'scheduled').where('publish_at', '<=', now.toISOString())
    .where((eb) => eb.or([eb('bundle_id', 'is', null), eb('bundle_id', '=', eb.ref('id'))])).execute();
  for (const d of due) {
    await withAudit(db, systemActor('scheduler'), async (trx0, audit) => {
      const trx = trx0 as unknown as PubTrx;
      const cur = await trx.selectFrom('content_items').select('status').where('id', '=', d.id).executeTakeFirst();
      if (cur?.status === 'scheduled') await releaseBundle(trx, db.dialect, d.id, now, audit);
    });
  }
  return due.length;
}

/** Withdraw (撤回): off the portal, search, feeds and sitemap at once; the page then says why. */
export async function withdraw(db: Db, actor: Actor, id: number, reason: string, now = new Date()): Promise<Item> {
  const row = await loadItemRow(pub(db), id);
  authorize(actor, 'content.withdraw', row.unit_id);
  if (row.status !== 'published' && row.status !== 'scheduled') throw conflict('not_published', `内容当前状态为「${STATUS_LABELS[row.status]}」，不能撤回`);
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as PubTrx;
    // A lead takes its bundle with it: an interpretation does not outlive its withdrawn policy.
    const members = row.bundle_id === row.id ? await bundleMembers(trx, row.id) : [row];
    for (const m of members.filter((x) => x.status === 'published' || x.status === 'scheduled')) {
      await trx.updateTable('content_items').set({ status: 'withdrawn', withdrawn_at: now.toISOString(), withdraw_reason: reason, publish_at: null, updated_at: now.toISOString() }).where('id', '=', m.id).execute();
      for (const h of pipelineHooks.withdrawn) await h(trx, db.dialect, ref(m));
      await audit({ action: 'content.withdraw', entityType: 'content_item', entityId: m.id, unitId: m.unit_id, summary: `撤回「${m.title}」：${reason}`, before: { status: m.status }, after: { status: 'withdrawn', reason } });
    }
  });
  return getItemForStaff(db, actor, id);
}
