import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { openDatabase, type Db } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { buildServer, type ModuleRegistration } from './http/server.js';
import { authRoutes } from './auth/routes.js';
import { userRoutes } from './auth/user-routes.js';
import { unitRoutes } from './units/routes.js';
import { auditRoutes } from './audit/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { siteSettingsRoutes } from './settings/site.js';
import { notFoundPage, portalRoutes } from './portal/routes.js';
import { searchRoutes } from './search/routes.js';
import { searchPortal } from './search/portal.js';
import { notificationRoutes } from './notifications/routes.js';
import { publishingModule } from '../modules/publishing/index.js';
import { documentsModule } from '../modules/documents/index.js';
import { patrolModule } from '../modules/patrol/index.js';
import { foiModule } from '../modules/foi/index.js';
import { reportsModule } from '../modules/reports/index.js';
import { privacyRoutes } from '../modules/privacy/routes.js';
import { workplanRoutes } from '../modules/workplan/routes.js';
import { listsModule } from '../modules/lists/index.js';
import { enforcementModule } from '../modules/enforcement/index.js';
import { servicesModule } from '../modules/services/index.js';
import { consultModule } from '../modules/consult/index.js';
import { trainingModule } from '../modules/training/index.js';
import { participationModule } from '../modules/participation/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Kernel routes first, then each capability module (src/modules/*) in dependency order. */
export function allModules(): ModuleRegistration[] {
  return [
    { name: 'auth', api: authRoutes },
    { name: 'users', api: userRoutes },
    { name: 'units', api: unitRoutes },
    { name: 'audit', api: auditRoutes },
    { name: 'calendar', api: calendarRoutes },
    { name: 'settings', api: siteSettingsRoutes },
    { name: 'notifications', api: notificationRoutes },
    { name: 'portal', portal: portalRoutes },
    { name: 'search', api: searchRoutes, portal: searchPortal },
    publishingModule,
    documentsModule,
    patrolModule,
    foiModule,
    reportsModule,
    { name: 'privacy', api: privacyRoutes },
    { name: 'workplan', api: workplanRoutes },
    listsModule,
    enforcementModule,
    servicesModule,
    consultModule,
    trainingModule,
    participationModule,
  ];
}

export interface App {
  server: FastifyInstance;
  db: Db;
  close(): Promise<void>;
}

/** Open the database, bring the schema up to date and build the HTTP server. */
export async function createApp(config: Config, opts: { logger?: boolean } = {}): Promise<App> {
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  const server = await buildServer(
    { config, db },
    { modules: allModules(), adminDir: path.join(ROOT, 'dist/admin'), logger: opts.logger, notFoundPage: notFoundPage({ config, db }) },
  );
  return {
    server,
    db,
    async close() {
      await server.close();
      await db.close();
    },
  };
}
