import type { ModuleRegistration } from '../../platform/http/server.js';
import { registerJob } from '../../platform/jobs.js';
import { expirePolicies } from './policies.js';
import './interpretations.js';
import './report-source.js';
import { documentRoutes } from './routes.js';
import { documentPortal } from './portal.js';

// Policies past 有效期至 become 失效 every night (Asia/Shanghai).
registerJob({ name: 'documents-expire-policies', schedule: '5 0 * * *', run: async (db) => void (await expirePolicies(db)) });

export const documentsModule: ModuleRegistration = { name: 'documents', api: documentRoutes, portal: documentPortal };
