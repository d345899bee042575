import type { ModuleRegistration } from '../../platform/http/server.js';
import { registerJob } from '../../platform/jobs.js';
import { publishingRoutes, fileRoutes } from './routes.js';
import { publishingPortal } from './portal.js';
import { releaseDueItems } from './publish.js';
import { installSearchSync } from './search-sync.js';

installSearchSync();
registerJob({ name: 'publishing-release-scheduled', schedule: '* * * * *', run: async (db) => void (await releaseDueItems(db)) });

export const publishingModule: ModuleRegistration = {
  name: 'publishing',
  api: publishingRoutes,
  portal: (ctx) => async (app) => {
    await app.register(fileRoutes(ctx));
    await app.register(publishingPortal(ctx));
  },
};

export { seedDefaultColumns } from './columns.js';
