import type { ModuleRegistration } from '../../platform/http/server.js';
import { consultRoutes } from './routes.js';
import { consultPortal } from './portal.js';

/** 政策咨询: public interface of the module (see README.md). */
export const consultModule: ModuleRegistration = { name: 'consult', api: consultRoutes, portal: consultPortal };

export { replyDueDate, afterRating, answeredInTime, RATINGS, STATUSES, CHANNELS } from './rules.js';
export { oncePerKey, findReceipt, saveReceipt } from './receipts.js';
