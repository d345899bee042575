import type { ModuleRegistration } from '../../platform/http/server.js';
import { registerJob } from '../../platform/jobs.js';
import { loadConfig } from '../../platform/config.js';
import { runPatrol } from './run.js';
import { patrolRoutes } from './routes.js';

// Nightly patrol of everything published (Asia/Shanghai).
registerJob({ name: 'patrol-nightly', schedule: '30 2 * * *', run: async (db) => void (await runPatrol(db, loadConfig().dataDir, 'schedule', null)) });

export const patrolModule: ModuleRegistration = { name: 'patrol', api: patrolRoutes };
export { registerPatrolCheck } from './checks.js';
