import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/roles.js';
import { badRequest } from '../../platform/errors.js';
import { DEFAULT_REPLY_DAYS, MAX_REPLY_DAYS } from './rules.js';
import { cdb, type ConsultDb, type ConsultTrx } from './tables.js';

/** Reply limit (working days) and whether replies are reviewed before release: per unit, else the district default. */
export interface ReplySettings {
  replyDays: number;
  reviewRequired: boolean;
  /** where the values come from: the unit's own row, the district default, or the built-in default */
  source: 'unit' | 'district' | 'default';
}

export async function replySettings(k: ConsultDb | ConsultTrx, unitId: number | null): Promise<ReplySettings> {
  const rows = await k.selectFrom('consult_settings').selectAll().where('unit_id', 'in', unitId ? [0, unitId] : [0]).execute();
  const own = rows.find((r) => r.unit_id === unitId && unitId !== null);
  const district = rows.find((r) => r.unit_id === 0);
  const r = own ?? district;
  return r ? { replyDays: r.reply_days, reviewRequired: r.review_required === 1, source: own ? 'unit' : 'district' } : { replyDays: DEFAULT_REPLY_DAYS, reviewRequired: false, source: 'default' };
}

/** Set the district default (unitId 0) or one unit's values. District office only. */
export async function setReplySettings(db: Db, actor: Actor, unitId: number, s: { replyDays: number; reviewRequired: boolean }): Promise<ReplySettings> {
  authorize(actor, 'consult.assign');
  if (!Number.isInteger(s.replyDays) || s.replyDays < 1 || s.replyDays > MAX_REPLY_DAYS) throw badRequest('invalid_reply_days', `答复时限应为 1 至 ${MAX_REPLY_DAYS} 个工作日`);
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<import('./tables.js').ConsultTables>();
    const before = await trx.selectFrom('consult_settings').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
    const values = { reply_days: s.replyDays, review_required: s.reviewRequired ? 1 : 0, updated_at: new Date().toISOString() };
    if (before) await trx.updateTable('consult_settings').set(values).where('unit_id', '=', unitId).execute();
    else await trx.insertInto('consult_settings').values({ unit_id: unitId, ...values }).execute();
    await audit({
      action: 'consult.settings.set', entityType: 'consult_settings', entityId: unitId, unitId: unitId || null,
      summary: `${unitId ? '单位' : '全区默认'}政策咨询答复时限设为 ${s.replyDays} 个工作日${s.reviewRequired ? '，答复须经审核' : ''}`,
      before: before ?? null, after: values,
    });
  });
  return replySettings(cdb(db), unitId || null);
}
