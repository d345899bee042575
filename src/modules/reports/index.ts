import type { ModuleRegistration } from '../../platform/http/server.js';
import { reportRoutes } from './routes.js';
import { reportPortal } from './portal.js';

/** Annual reports (公开年报): public interface, see README.md. */
export const reportsModule: ModuleRegistration = { name: 'reports', api: reportRoutes, portal: reportPortal };
export { registerProactiveDisclosureSource, buildReport, type ProactiveDisclosureSource, type FoiAnnualReport } from './foi-annual.js';
