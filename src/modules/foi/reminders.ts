import type { Db } from '../../platform/db/index.js';
import type { Action } from '../../platform/auth/roles.js';
import { notify } from '../../platform/notifications/index.js';
import { loadCalendar } from '../../platform/calendar/store.js';
import { chinaToday, type WorkingCalendar } from '../../platform/calendar/working-days.js';
import { clockEvents, foiDb, type AppRow } from './applications.js';
import { replyDueDate, supplementNoticeDeadline, workingDaysLeft } from './clock.js';

/**
 * 到期提醒: before each statutory limit the unit's officers get an in-app notification
 * (platform/notifications), once per application and limit — the notification's dedupe key
 * makes the daily job idempotent, also when two instances run it or it runs twice a day.
 */
export const REMINDER_WORKING_DAYS = 3;

export type LimitKind = 'supplement_notice' | 'supplement_due' | 'pause' | 'fee' | 'reply' | 'extension';

export interface Limit {
  kind: LimitKind;
  /** identifies the limit within the application (a pause has its own) */
  key: string;
  dueOn: string;
  title: string;
  body: string;
  /** who is told: the unit's holders of these permissions */
  to: Action[];
}

type PauseRow = Parameters<typeof clockEvents>[1][number];

/** The limits an application is running against now (pure: rules the tests call directly). */
export function currentLimits(cal: WorkingCalendar, r: AppRow, pauses: PauseRow[]): Limit[] {
  const out: Limit[] = [];
  // No 补正 notice can go out while an opinion is awaited (workflow.ts), so none is reminded of then.
  if (r.status === 'processing' && r.received_on && !r.supplement_notice_on && !pauses.some((p) => !p.answered_on)) {
    out.push({ kind: 'supplement_notice', key: 'supplement_notice', dueOn: supplementNoticeDeadline(cal, r.received_on), title: '补正告知期限', body: '申请内容不明确需要补正的，应在收到申请之日起 7 个工作日内一次性告知（条例第三十条）。', to: ['foi.handle'] });
  }
  if (r.status === 'awaiting_supplement' && r.supplement_supply_by) {
    out.push({ kind: 'supplement_due', key: 'supplement_due', dueOn: r.supplement_supply_by, title: '申请人补正期限', body: '期限届满仍未补正且无正当理由的，可按「逾期不补正」处理（条例第三十条）。', to: ['foi.handle'] });
  }
  if (r.status === 'awaiting_fee' && r.fee_pay_by) {
    out.push({ kind: 'fee', key: 'fee', dueOn: r.fee_pay_by, title: '缴费期限', body: '逾期未缴纳信息处理费的，可按「逾期未缴费」处理（国办函〔2020〕109号）。', to: ['foi.handle'] });
  }
  for (const p of pauses.filter((x) => !x.answered_on)) {
    out.push({ kind: 'pause', key: `pause:${p.id}`, dueOn: p.limit_on, title: `「${p.party}」答复意见期限`, body: '逾期未提出意见的，由本机关依照条例规定决定是否公开（条例第三十二条、第三十四条）。', to: ['foi.handle'] });
  }
  if (r.status === 'processing' || r.status === 'decided') {
    const clock = replyDueDate(cal, clockEvents(r, pauses));
    if (clock.dueDate) {
      if (r.extension_days > 0) {
        out.push({ kind: 'extension', key: 'extension', dueOn: clock.dueDate, title: '延长后的答复期限', body: `已延长 ${r.extension_days} 个工作日，不能再延长（条例第三十三条）。`, to: ['foi.handle'] });
      } else {
        // While undecided the head is told too: an extension must be approved before this day (art. 33 ¶2).
        out.push({ kind: 'reply', key: 'reply', dueOn: clock.dueDate, title: '答复期限', body: '如需延长答复期限，须经政府信息公开工作机构负责人在此前批准并告知申请人（条例第三十三条）。', to: r.status === 'processing' ? ['foi.handle', 'foi.approveExtension'] : ['foi.handle'] });
      }
    }
  }
  return out;
}

const OPEN = ['processing', 'awaiting_supplement', 'awaiting_fee', 'decided'];

/** Daily job: notify the officers of every limit within 3 working days (or already passed) not yet reminded of. */
export async function sendDueReminders(db: Db, today = chinaToday()): Promise<number> {
  const k = foiDb(db);
  const [cal, rows] = await Promise.all([loadCalendar(db), k.selectFrom('foi_applications').selectAll().where('status', 'in', OPEN).execute()]);
  const ids = rows.map((r) => r.id);
  const pauses = ids.length ? await k.selectFrom('foi_pauses').selectAll().where('application_id', 'in', ids).execute() : [];
  let sent = 0;
  for (const r of rows) {
    const mine = pauses.filter((p) => p.application_id === r.id);
    for (const l of currentLimits(cal, r, mine)) {
      const left = workingDaysLeft(cal, l.dueOn, today);
      // A 补正 notice can no longer be sent once its limit has passed: nothing to remind of.
      if (left > REMINDER_WORKING_DAYS || (l.kind === 'supplement_notice' && left < 0)) continue;
      const when = left > 0 ? `还剩 ${left} 个工作日` : left === 0 ? '今日到期' : `已逾期 ${-left} 个工作日`;
      for (const permission of l.to) {
        const ok = await notify(db, {
          to: { unitId: r.unit_id, permission },
          title: `${r.number} ${l.title} ${l.dueOn}（${when}）`,
          body: l.body,
          link: `/foi?id=${r.id}`,
          dedupeKey: `foi:${r.id}:${l.key}:${permission}`,
        });
        if (ok) sent++;
      }
    }
  }
  return sent;
}
