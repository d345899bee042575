import type { ModuleRegistration } from '../../platform/http/server.js';
import { serviceRoutes } from './routes.js';
import { servicesPortal } from './portal.js';

export const servicesModule: ModuleRegistration = { name: 'services', api: serviceRoutes, portal: servicesPortal };

export { missingKeyElements, KEY_ELEMENTS, publishedGuides, GUIDE_KIND } from './guides.js';
export { combinedMaterials, BUNDLE_KIND } from './bundles.js';
export { lookupCase, updateCase, importCases } from './cases.js';
