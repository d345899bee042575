import type { ModuleRegistration } from '../../platform/http/server.js';
import { registerJob } from '../../platform/jobs.js';
import { endPublicity } from './decisions.js';
import './public.js';
import { enforcementRoutes } from './routes.js';
import { enforcementPortal } from './portal.js';

// Penalties whose publicity period ended leave public view every night (Asia/Shanghai).
registerJob({ name: 'enforcement-end-publicity', schedule: '10 0 * * *', run: async (db) => void (await endPublicity(db)) });

export const enforcementModule: ModuleRegistration = { name: 'enforcement', api: enforcementRoutes, portal: enforcementPortal };

export { enforcementYearCounts, publicDecisions, publicDecision } from './public.js';
export { recordDecision, importDecisions, recordCreditRepair, endPublicity, staffDecisions } from './decisions.js';
export * from './rules.js';
