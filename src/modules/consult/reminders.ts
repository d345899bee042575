import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { registerJob } from '../../platform/jobs.js';
import { unitScope } from '../../platform/auth/roles.js';
import { loadCalendar } from '../../platform/calendar/store.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { OPEN_STATUSES } from './rules.js';
import { cdb } from './tables.js';

/**
 * Reminders (催办): once a day, a 'due_soon' reminder for every open question whose deadline is
 * the next working day or today, and an 'overdue' one when it has passed — one per kind and round
 * (the primary key makes a rerun, or a second instance, harmless).
 */
export async function createReminders(db: Db, today = chinaToday()): Promise<number> {
  const cal = await loadCalendar(db);
  const soon = cal.addWorkingDays(today, 1).date;
  const k = cdb(db);
  const open = await k.selectFrom('consult_questions').select(['id', 'unit_id', 'handler_id', 'due_on', 'round']).where('status', 'in', OPEN_STATUSES).where('due_on', '<=', soon).execute();
  let n = 0;
  for (const q of open) {
    const kind = q.due_on < today ? 'overdue' : 'due_soon';
    const r = await k.insertInto('consult_reminders').values({ question_id: q.id, kind, round: q.round, unit_id: q.unit_id, handler_id: q.handler_id, due_on: q.due_on, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['question_id', 'kind', 'round']).doNothing()).executeTakeFirst();
    n += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}

/** Reminders for the actor's units (or all, for the district office), newest first, for questions still open. */
export async function remindersFor(db: Db, actor: Actor): Promise<Array<{ questionId: number; number: string; kind: string; dueOn: string; unitId: number | null; createdAt: string }>> {
  let q = cdb(db).selectFrom('consult_reminders as r').innerJoin('consult_questions as q', 'q.id', 'r.question_id')
    .select(['r.question_id as questionId', 'q.number', 'r.kind', 'r.due_on as dueOn', 'q.unit_id as unitId', 'r.created_at as createdAt'])
    .where('q.status', 'in', OPEN_STATUSES).whereRef('r.round', '=', 'q.round');
  const scopes = [unitScope(actor, 'consult.handle'), unitScope(actor, 'consult.assign'), unitScope(actor, 'district.supervise')];
  if (!scopes.some((s) => s.all)) {
    const ids = scopes.flatMap((s) => (s.all ? [] : s.unitIds));
    q = q.where('q.unit_id', 'in', ids.length ? ids : [-1]);
  }
  return q.orderBy('r.created_at', 'desc').limit(200).execute();
}

registerJob({ name: 'consult-reminders', schedule: '0 8 * * *', run: async (db) => void (await createReminders(db)) });
