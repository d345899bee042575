import type { ModuleRegistration } from '../../platform/http/server.js';
import { foiRoutes } from './routes.js';
import { foiPortal } from './portal.js';

/** 依申请公开: public interface of the module (see README.md). */
export const foiModule: ModuleRegistration = { name: 'foi', api: foiRoutes, portal: foiPortal };

export { replyDueDate, workingDaysLeft, supplementNoticeDeadline, pauseLimit, checkExtension } from './clock.js';
export { perPageFee, perRequestFee } from './fees.js';
export { OUTCOMES, OUTCOME_GROUPS, outcomeLabel, type Outcome } from './outcomes.js';
export { applicationRecords, caseRecords, type ApplicationRecord, type CaseRecord } from './report-source.js';
