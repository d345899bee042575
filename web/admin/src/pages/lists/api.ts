// Typed client for the lists, enforcement and services API (src/modules/lists|enforcement|services).
import { ApiError, apiRequest } from '../../api';
import type { Item } from '../publishing/api';

export type ListRow = Record<string, string>;
export interface ListColumn { key: string; label: string; type: string; required: boolean; options: string[] | null; cites?: boolean }
export interface ListKind { key: string; label: string; description: string; unitKinds: string[] | null; rowKey: string[]; columns: ListColumn[] }
export interface VersionInfo {
  itemId: number; kind: string; kindLabel: string; unitId: number; versionNo: number | null; basedOnItemId: number | null; rowCount: number;
  source: string; sourceName: string; changeNote: string; publishedOn: string | null; status: string; createdAt: string;
}
export interface CellProblem { row: number; column: string; header: string; value: string; message: string }
export interface ListDiff { added: ListRow[]; removed: ListRow[]; changed: Array<{ before: ListRow; after: ListRow; cells: string[] }>; unchanged: number }

/** Row/column problems of a refused import or form (error.details.problems), if any. */
export function problemsOf(err: unknown): CellProblem[] {
  if (!(err instanceof ApiError)) return [];
  const d = err.details as { problems?: CellProblem[] } | undefined;
  return d?.problems ?? [];
}

export interface FeeCollection { unitId: number; unitName: string; year: number; amountWanYuan: number; note: string; updatedAt: string }

export const listsApi = {
  feeCollections: (year?: number) => apiRequest<{ items: FeeCollection[] }>('GET', '/fee-collections', { query: { year } }),
  recordFee: (body: { unitId: number; year: number; amountWanYuan: number; note: string }) => apiRequest<FeeCollection>('PUT', '/fee-collections', { body }),
  kinds: () => apiRequest<{ items: ListKind[] }>('GET', '/lists/kinds'),
  versions: (query: { kind?: string; unitId?: number }) => apiRequest<{ items: VersionInfo[] }>('GET', '/lists/versions', { query }),
  version: (id: number) => apiRequest<Item & { version: VersionInfo; rows: ListRow[] }>('GET', `/lists/versions/${id}`),
  create: (body: { kind: string; unitId: number; rows: ListRow[]; changeNote: string }) => apiRequest<Item & { version: VersionInfo }>('POST', '/lists/versions', { body }),
  saveRows: (id: number, rows: ListRow[], changeNote?: string) => apiRequest<Item & { version: VersionInfo }>('PUT', `/lists/versions/${id}/rows`, { body: { rows, changeNote } }),
  import: (file: File, kind: string, unitId: number, changeNote: string) => {
    const fd = new FormData();
    fd.set('kind', kind);
    fd.set('unitId', String(unitId));
    fd.set('changeNote', changeNote);
    fd.set('file', file);
    return apiRequest<Item & { version: VersionInfo }>('POST', '/lists/import', { body: fd });
  },
  diff: (from: number, to: number) => apiRequest<ListDiff>('GET', '/lists/diff', { query: { from, to } }),
  published: (kind: string, unitId: number) => apiRequest<{ current: VersionInfo | null; rows: ListRow[]; history: VersionInfo[] }>('GET', `/lists/published/${kind}/${unitId}`),
};

export interface DecisionView {
  itemId: number; unitId: number; decisionKind: string; kindLabel: string; fields: Record<string, string>; status: string; publishDue: string;
  publishedOn: string | null; late: boolean; overdue: boolean; publicityEnd: string | null; creditRepairedOn: string | null; creditRepairNote: string; onPublicView: boolean; source: string;
}
export interface DecisionKindDef { key: string; label: string; columns: ListColumn[] }

export const enforcementApi = {
  columns: () => apiRequest<{ kinds: DecisionKindDef[] }>('GET', '/enforcement/columns'),
  list: (query: { decisionKind?: string; unitId?: number; lateOnly?: string; year?: number }) => apiRequest<{ items: DecisionView[] }>('GET', '/enforcement/decisions', { query }),
  record: (body: { decisionKind: string; unitId: number; fields: Record<string, string> }) => apiRequest<Item & { decision: DecisionView }>('POST', '/enforcement/decisions', { body }),
  import: (file: File, decisionKind: string, unitId: number) => {
    const fd = new FormData();
    fd.set('decisionKind', decisionKind);
    fd.set('unitId', String(unitId));
    fd.set('file', file);
    return apiRequest<{ created: number[] }>('POST', '/enforcement/import', { body: fd });
  },
  creditRepair: (id: number, repairedOn: string, note: string) => apiRequest<DecisionView>('POST', `/enforcement/decisions/${id}/credit-repair`, { body: { repairedOn, note } }),
};

export interface Material { name: string; required: boolean; copies: string; note: string; sampleAttachmentId: number | null }
export interface GuideFields {
  code: string; name: string; itemType: string; basis: string; conditions: string; materials: Material[]; steps: string[];
  timeLimit: string; fees: string; place: string; hours: string; phone: string; onlineUrl: string;
}
export interface GuideSummary { itemId: number; code: string; name: string; itemType: string; unitId: number; status: string; updatedAt: string }

export const servicesApi = {
  guides: () => apiRequest<{ items: GuideSummary[] }>('GET', '/services/guides'),
  guide: (id: number) => apiRequest<Item & { guide: GuideFields; missing: string[] }>('GET', `/services/guides/${id}`),
  create: (unitId: number, g: GuideFields) => apiRequest<Item & { guide: GuideFields; missing: string[] }>('POST', '/services/guides', { body: { ...g, unitId } }),
  update: (id: number, g: GuideFields) => apiRequest<Item & { guide: GuideFields; missing: string[] }>('PUT', `/services/guides/${id}`, { body: g }),
};
