import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/index.js';
import { systemActor } from '../../platform/actor.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import type { PatrolCheck } from '../patrol/checks.js';
import { listApplications } from './applications.js';
import type { ApplicationSummary } from './model.js';

/** Open applications past their 答复期限 on `today`, every unit (most overdue first). */
export async function overdueApplications(db: Db, today = chinaToday()): Promise<ApplicationSummary[]> {
  return listApplications(db, systemActor('patrol'), { overdue: true }, today);
}

/** The patrol's check: one 'overdue' finding per application past its limit, stable while it stays overdue. */
export const foiOverdueCheck: PatrolCheck = async (ctx) =>
  (await overdueApplications(ctx.db, chinaToday(ctx.now))).map((a) => ({
    kind: 'overdue',
    severity: 'high',
    fingerprint: createHash('sha1').update(`foi-overdue|${a.id}`).digest('hex').slice(0, 20),
    unitId: a.unitId,
    title: `依申请公开 ${a.number} 已超过答复期限 ${a.dueDate ?? ''}`,
    detail: `逾期 ${-(a.workingDaysLeft ?? 0)} 个工作日（收到日期 ${a.receivedOn ?? '—'}，条例第三十三条）`,
    place: `/admin/foi?id=${a.id}`,
  }));
