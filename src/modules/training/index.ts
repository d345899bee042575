import type { ModuleRegistration } from '../../platform/http/server.js';
import { trainingRoutes } from './routes.js';
import { trainingPortal } from './portal.js';

/** 培训交流 (工作要点任务22): public interface of the module (see README.md). */
export const trainingModule: ModuleRegistration = { name: 'training', api: trainingRoutes, portal: trainingPortal };

export { TOPICS, MODES, createSession, listSessions, getSession, addMaterial, registerAttendees, signIn } from './sessions.js';
export { CASE_KIND, CASE_CATEGORIES, draftCase, publishedCases, publishedCase } from './cases.js';
