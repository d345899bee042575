// Client for the training API (src/modules/training/routes.ts).
import { apiRequest } from '../../api';

export interface Session {
  id: number;
  title: string;
  heldOn: string;
  mode: 'onsite' | 'online';
  place: string;
  organiserUnitId: number;
  organiserUnitName: string;
  topic: string;
  description: string;
  registered: number;
  signedIn: number;
}
export interface SessionDetail extends Session {
  materials: Array<{ id: number; filename: string; mime: string; size: number; createdAt: string }>;
  attendance: Array<{ userId: number; name: string; unitId: number; unitName: string; registeredAt: string; signedInAt: string | null }>;
  byUnit: Array<{ unitId: number; unitName: string; registered: number; signedIn: number }>;
}
export interface SessionInput {
  title: string;
  heldOn: string;
  mode: 'onsite' | 'online';
  place: string;
  organiserUnitId: number;
  topic: string;
  description: string;
}
export interface CaseRow {
  id: number;
  title: string;
  unitId: number;
  status: string;
  statusLabel: string;
  category: string;
  summary: string;
  publishedAt: string | null;
  updatedAt: string;
}
export interface CaseInput {
  unitId: number;
  title: string;
  category: string;
  summary: string;
  bodyHtml: string;
}
export const MODE_LABELS = { onsite: '现场', online: '线上' } as const;

export const trainingApi = {
  options: () => apiRequest<{ topics: string[]; categories: string[] }>('GET', '/training/options'),
  sessions: () => apiRequest<{ items: Session[] }>('GET', '/training/sessions'),
  session: (id: number) => apiRequest<SessionDetail>('GET', `/training/sessions/${id}`),
  create: (input: SessionInput) => apiRequest<SessionDetail>('POST', '/training/sessions', { body: input }),
  upload: (id: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return apiRequest<SessionDetail['materials'][number]>('POST', `/training/sessions/${id}/materials`, { body: form });
  },
  register: (id: number, userIds: number[]) => apiRequest<SessionDetail>('POST', `/training/sessions/${id}/attendees`, { body: { userIds } }),
  signIn: (id: number) => apiRequest<SessionDetail>('POST', `/training/sessions/${id}/sign-in`),
  materialUrl: (id: number) => `/api/v1/training/materials/${id}`,
  cases: () => apiRequest<{ items: CaseRow[]; total: number }>('GET', '/training/cases'),
  draftCase: (input: CaseInput) => apiRequest<CaseRow>('POST', '/training/cases', { body: input }),
};
