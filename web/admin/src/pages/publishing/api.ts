// Typed client for the publishing pipeline and policy library API (src/modules/publishing, src/modules/documents).
import { apiRequest } from '../../api';

export interface Decision {
  round: number;
  /** 'submit' or a review stage */
  stage: string;
  stageLabel: string;
  /** 'submit' | 'approve' | 'return' */
  decision: string;
  comment: string;
  actorName: string;
  at: string;
}

export interface Item {
  id: number;
  kind: string;
  unitId: number;
  title: string;
  summary: string;
  keywords: string;
  topic: string;
  bodyHtml: string;
  status: string;
  statusLabel: string;
  chain: string[];
  stage: string | null;
  stageLabel: string | null;
  round: number;
  needsConfidentiality: boolean;
  bundleId: number | null;
  indexNo: string | null;
  publishAt: string | null;
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  columnIds: number[];
  decisions: Decision[];
}

export interface PolicyFields {
  docNumber: string;
  issuerUnitIds: number[];
  policyKind: string;
  writtenDate: string | null;
  effectiveDate: string | null;
  validUntil: string | null;
  validity: string;
  requiresInterpretation: boolean;
  interpretationWaiver: string | null;
  registrationNo: string;
  legalityReviewedOn: string | null;
  commentUrl: string;
  commentStart: string | null;
  commentEnd: string | null;
  replacesItemId: number | null;
}

export type Policy = Item & { policy: PolicyFields };
export type Interpretation = Item & { form: string; policyIds: number[] };

export interface ItemInput {
  unitId: number;
  title: string;
  summary: string;
  keywords: string;
  topic: string;
  bodyHtml: string;
  columnIds: number[];
}

export type PolicyInput = ItemInput &
  Omit<PolicyFields, 'validity' | 'interpretationWaiver' | 'replacesItemId' | 'requiresInterpretation'> & {
    requiresInterpretation?: boolean;
  };

export interface InterpretationInput extends Omit<ItemInput, 'unitId'> {
  form: string;
  policyIds: number[];
}

export interface Attachment {
  id: number;
  itemId: number;
  filename: string;
  mime: string;
  size: number;
  role: string;
  createdAt: string;
}

export interface PrivacyFinding {
  itemId: number;
  itemTitle: string;
  kind: string;
  where: string;
  preview: string;
}

export interface Column {
  id: number;
  parentId: number | null;
  unitId: number | null;
  name: string;
  kind: string;
  dutyKind: string;
  dutyValue: number;
  dutyLabel: string;
  description: string;
  sortOrder: number;
  active: boolean;
}

export type ColumnInput = Omit<Column, 'id' | 'dutyLabel'>;

export interface ContentKinds {
  kinds: { name: string; label: string }[];
  stages: { stage: string; label: string }[];
}

export interface LagRow {
  unitId: number;
  policies: number;
  interpreted: number;
  missing: number;
  averageLagDays: number | null;
  maxLagDays: number | null;
}

export interface ChainSetting {
  unitId: number | null;
  kind: string | null;
  stages: string[];
  updatedAt: string;
}

/** Where an effective chain comes from (most specific first). */
export type ChainSource = 'unit_kind' | 'unit' | 'kind' | 'district' | 'builtin';

export interface EffectiveChain {
  source: ChainSource;
  setting: ChainSetting | null;
  /** the unit's (or 全区's) own setting for exactly this kind, if any */
  own: ChainSetting | null;
  configured: string[];
  /** with 保密审查 and 终审 added where required */
  effective: string[];
  requiresConfidentiality: boolean;
}

export interface Linked {
  id: number;
  title: string;
  kind: string;
  status: string;
  statusLabel: string;
  /** portal address once published */
  url: string | null;
}

export interface PolicyRecord {
  timeline: { id: number; kind: string; label: string; onDate: string; note: string; related: Linked | null; createdAt: string }[];
  waiver: { reason: string; by: string | null; at: string | null } | null;
  replaces: Linked | null;
  replacedBy: Linked[];
}

export type LifecycleInput =
  | { kind: 'comment_opened'; commentUrl: string; commentStart: string; commentEnd: string; note: string }
  | { kind: 'evaluated'; onDate: string; note: string; relatedItemId: number | null }
  | { kind: 'repealed'; onDate: string; note: string };

export interface ItemQuery {
  status?: string;
  kind?: string;
  unitId?: number;
  q?: string;
  page?: number;
  pageSize?: number;
}

const item = (id: number) => `/items/${encodeURIComponent(id)}`;

function upload<T>(path: string, file: File, fields: Record<string, string> = {}): Promise<T> {
  const form = new FormData();
  // Fields first: the server reads them with the file part.
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, file.name);
  return apiRequest<T>('POST', path, { body: form });
}

export const pubApi = {
  contentKinds: () => apiRequest<ContentKinds>('GET', '/content-kinds'),
  listItems: (query: ItemQuery) => apiRequest<{ items: Item[]; total: number }>('GET', '/items', { query: { ...query } }),
  getItem: (id: number) => apiRequest<Item>('GET', item(id)),
  createItem: (input: ItemInput & { kind: string }) => apiRequest<Item>('POST', '/items', { body: input }),
  updateItem: (id: number, patch: Partial<ItemInput>) => {
    const { unitId: _unit, ...rest } = patch;
    void _unit;
    return apiRequest<Item>('PATCH', item(id), { body: rest });
  },
  submit: (id: number) => apiRequest<Item>('POST', `${item(id)}/submit`),
  decide: (id: number, decision: 'approve' | 'return', comment: string, acceptPrivacyFindings?: string) =>
    apiRequest<Item>('POST', `${item(id)}/decision`, {
      body: { decision, comment, ...(acceptPrivacyFindings ? { acceptPrivacyFindings } : {}) },
    }),
  /** Personal data found in the bundle's text and attachments (shown before 终审). */
  privacyCheck: (id: number) => apiRequest<{ findings: PrivacyFinding[] }>('GET', `${item(id)}/privacy-check`),
  publish: (id: number, publishAt?: string) =>
    apiRequest<Item>('POST', `${item(id)}/publish`, { body: publishAt ? { publishAt } : {} }),
  withdraw: (id: number, reason: string) => apiRequest<Item>('POST', `${item(id)}/withdraw`, { body: { reason } }),

  listAttachments: (id: number) => apiRequest<{ items: Attachment[] }>('GET', `${item(id)}/attachments`),
  addAttachment: (id: number, file: File, role: string) => upload<Attachment>(`${item(id)}/attachments`, file, { role }),
  removeAttachment: (id: number) => apiRequest<void>('DELETE', `/attachments/${encodeURIComponent(id)}`),
  importDocx: (file: File) => upload<{ title: string; bodyHtml: string; messages: string[] }>('/import/docx', file),

  getPolicy: (id: number) => apiRequest<Policy>('GET', `/policies/${encodeURIComponent(id)}`),
  createPolicy: (input: PolicyInput) => apiRequest<Policy>('POST', '/policies', { body: input }),
  /** replacesItemId: the published policy this draft revises (修订). */
  updatePolicy: (id: number, patch: Partial<PolicyInput> & { replacesItemId?: number | null }) => {
    const { unitId: _unit, ...rest } = patch;
    void _unit;
    return apiRequest<Policy>('PATCH', `/policies/${encodeURIComponent(id)}`, { body: rest });
  },
  getInterpretation: (id: number) => apiRequest<Interpretation>('GET', `/interpretations/${encodeURIComponent(id)}`),
  createInterpretation: (input: InterpretationInput) => apiRequest<Interpretation>('POST', '/interpretations', { body: input }),

  /** includeInactive: stopped columns too (honoured for columns.manage). */
  listColumns: (includeInactive = false) =>
    apiRequest<{ items: Column[] }>('GET', '/columns', { query: { includeInactive: includeInactive ? '1' : undefined } }),
  createColumn: (input: ColumnInput) => apiRequest<Column>('POST', '/columns', { body: input }),
  updateColumn: (id: number, patch: Partial<ColumnInput>) =>
    apiRequest<Column>('PATCH', `/columns/${encodeURIComponent(id)}`, { body: patch }),

  chainSettings: () => apiRequest<{ items: ChainSetting[] }>('GET', '/review-chains'),
  effectiveChain: (unitId: number | null, kind: string | null) =>
    apiRequest<EffectiveChain>('GET', '/review-chains/effective', { query: { unitId: unitId ?? undefined, kind: kind ?? undefined } }),
  setChain: (unitId: number | null, kind: string | null, stages: string[]) => apiRequest<void>('PUT', '/review-chains', { body: { unitId, kind, stages } }),
  clearChain: (unitId: number | null, kind: string | null) =>
    apiRequest<void>('DELETE', '/review-chains', { query: { unitId: unitId ?? undefined, kind: kind ?? undefined } }),

  policyRecord: (id: number) => apiRequest<PolicyRecord>('GET', `/policies/${encodeURIComponent(id)}/lifecycle`),
  recordLifecycle: (id: number, input: LifecycleInput) => apiRequest<void>('POST', `/policies/${encodeURIComponent(id)}/lifecycle`, { body: input }),
  waiveInterpretation: (id: number, reason: string) =>
    apiRequest<PolicyFields>('POST', `/policies/${encodeURIComponent(id)}/waive-interpretation`, { body: { reason } }),
  withdrawWaiver: (id: number) => apiRequest<PolicyFields>('DELETE', `/policies/${encodeURIComponent(id)}/waive-interpretation`),

  interpretationLag: (year?: number) => apiRequest<{ items: LagRow[] }>('GET', '/reports/interpretation-lag', { query: { year } }),
};

/** An item with its kind's fields (policy or interpretation). */
export async function loadFull(id: number): Promise<Item | Policy | Interpretation> {
  const item = await pubApi.getItem(id);
  if (item.kind === 'policy') return pubApi.getPolicy(id);
  if (item.kind === 'interpretation') return pubApi.getInterpretation(id);
  return item;
}
