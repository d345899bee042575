import type { ModuleRegistration } from '../../platform/http/server.js';
import { foiRoutes } from './routes.js';
import { foiPortal } from './portal.js';
import { registerPatrolCheck } from '../patrol/index.js';
import { foiOverdueCheck } from './overdue.js';
import { registerJob } from '../../platform/jobs.js';
import { sendDueReminders } from './reminders.js';

/** 依申请公开: public interface of the module (see README.md). */
export const foiModule: ModuleRegistration = { name: 'foi', api: foiRoutes, portal: foiPortal };

// The patrol reports applications past their reply limit (kind 'overdue').
registerPatrolCheck('依申请公开', foiOverdueCheck);
export { overdueApplications } from './overdue.js';

// 到期提醒 every morning (Asia/Shanghai), once per application and limit.
registerJob({ name: 'foi-reminders', schedule: '0 8 * * *', run: async (db) => void (await sendDueReminders(db)) });
export { sendDueReminders, currentLimits, REMINDER_WORKING_DAYS } from './reminders.js';
export { DISCLOSURE_KIND } from './publication.js';

export { replyDueDate, workingDaysLeft, supplementNoticeDeadline, pauseLimit, checkExtension } from './clock.js';
export { perPageFee, perRequestFee } from './fees.js';
export { OUTCOMES, OUTCOME_GROUPS, outcomeLabel, type Outcome } from './outcomes.js';
export { applicationRecords, caseRecords, type ApplicationRecord, type CaseRecord } from './report-source.js';
