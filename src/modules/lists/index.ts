import type { ModuleRegistration } from '../../platform/http/server.js';
import { listRoutes } from './routes.js';
import { listsPortal } from './portal.js';

export const listsModule: ModuleRegistration = { name: 'lists', api: listRoutes, portal: listsPortal };

export { allListKinds, listKind, registerListKind, kindAppliesTo, type ListKindDef, type ColumnDef } from './definitions.js';
export { validateRows, checkCell, rawText, type ListRow, type CellProblem, type RawRow } from './validate.js';
export { loadWorkbook, readSheet, listToXlsx, readListXlsx } from './xlsx.js';
export { diffRows, type ListDiff } from './diff.js';
export { createVersion, importVersion, publishedVersions, publishedLists, versionRows, LIST_VERSION_KIND } from './versions.js';
export { feeYearTotal, recordFeeCollection, feeCollections, type FeeCollection } from './fees.js';
