import type { ModuleRegistration } from '../../platform/http/server.js';
import { participationRoutes } from './routes.js';
import { participationPortal } from './portal.js';

/** Public participation (意见征集、决策事项目录、列席会议、政府开放日): public interface (see README.md). */
export const participationModule: ModuleRegistration = { name: 'participation', api: participationRoutes, portal: participationPortal };

export { periodProblem, moderationFlags, MIN_MAJOR_PERIOD_DAYS, ADOPTIONS, COMMENT_SOURCES } from './rules.js';
