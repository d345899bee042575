import type { Db } from '../../platform/db/index.js';
import { loadCalendar } from '../../platform/calendar/store.js';
import { listUnits } from '../../platform/units/units.js';
import { workingDaysTaken } from './rules.js';
import { cdb } from './tables.js';

/**
 * Statistics per unit (办理情况): received, answered, answered in time (first reply on or before
 * its deadline), average working days to the first reply, ratings and satisfaction
 * ((满意 + 基本满意) / rated). A question counts for the unit holding it now.
 */
export interface UnitStats {
  unitId: number | null;
  unitName: string;
  received: number;
  answered: number;
  answeredInTime: number;
  inTimeRate: number | null;
  avgWorkingDays: number | null;
  satisfied: number;
  basically: number;
  unsatisfied: number;
  satisfactionRate: number | null;
}

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);

export async function consultStats(db: Db, from: string, to: string): Promise<{ from: string; to: string; total: UnitStats; units: UnitStats[] }> {
  const k = cdb(db);
  const [rows, firsts, cal, units] = await Promise.all([
    k.selectFrom('consult_questions').select(['id', 'unit_id', 'received_on', 'first_replied_on', 'rating']).where('received_on', '>=', from).where('received_on', '<=', to).execute(),
    k.selectFrom('consult_replies as r').innerJoin('consult_questions as q', 'q.id', 'r.question_id').select(['r.question_id', 'r.released_on', 'r.due_on'])
      .where('r.round', '=', 1).where('r.status', '=', 'released').where('q.received_on', '>=', from).where('q.received_on', '<=', to).execute(),
    loadCalendar(db),
    listUnits(db, { includeInactive: true }),
  ]);
  const firstBy = new Map(firsts.map((f) => [f.question_id, f]));
  const names = new Map(units.map((u) => [u.id, u.name]));
  const acc = new Map<number | null, UnitStats & { days: number }>();
  const blank = (unitId: number | null, unitName: string) => ({ unitId, unitName, received: 0, answered: 0, answeredInTime: 0, inTimeRate: null, avgWorkingDays: null, satisfied: 0, basically: 0, unsatisfied: 0, satisfactionRate: null, days: 0 });
  const total = blank(null, '全区');
  for (const r of rows) {
    const u = acc.get(r.unit_id) ?? blank(r.unit_id, r.unit_id ? (names.get(r.unit_id) ?? `单位 ${r.unit_id}`) : '待分办');
    acc.set(r.unit_id, u);
    for (const s of [u, total]) {
      s.received++;
      const f = firstBy.get(r.id);
      if (f?.released_on) {
        s.answered++;
        if (f.released_on <= f.due_on) s.answeredInTime++;
        s.days += workingDaysTaken(cal, r.received_on, f.released_on);
      }
      if (r.rating === 'satisfied') s.satisfied++;
      else if (r.rating === 'basically') s.basically++;
      else if (r.rating === 'unsatisfied') s.unsatisfied++;
    }
  }
  const finish = ({ days, ...s }: UnitStats & { days: number }): UnitStats => ({
    ...s, inTimeRate: ratio(s.answeredInTime, s.answered), avgWorkingDays: s.answered ? Math.round((days / s.answered) * 10) / 10 : null,
    satisfactionRate: ratio(s.satisfied + s.basically, s.satisfied + s.basically + s.unsatisfied),
  });
  return { from, to, total: finish(total), units: [...acc.values()].map(finish).sort((a, b) => b.received - a.received || a.unitName.localeCompare(b.unitName)) };
}
