// Typed client for the consult API (src/modules/consult) over the shared apiRequest.
import { apiRequest, errorMessage } from '../../api';

/** JSON call through the back office's one client (session CSRF token, 401 → sign-in, errors as ApiError). */
export const call = <T>(method: string, path: string, body?: unknown): Promise<T> => apiRequest<T>(method, path, { body });

export const errText = errorMessage;
export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const qs = (q: Record<string, string | number | boolean | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '' && v !== false) p.set(k, v === true ? '1' : String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const CHANNELS: Record<string, string> = { portal: '网站留言', phone: '电话', in_person: '现场（政务公开专区）', new_media: '政务新媒体', letter: '信件', hotline: '12345 热线转办' };
export const STATUSES: Record<string, string> = { unassigned: '待分办', processing: '办理中', in_review: '答复审核中', replied: '已答复', reopened: '不满意，重新办理', closed: '已办结' };
export const RATINGS: Record<string, string> = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' };
export const TOPICS = ['就业创业', '社会保障', '教育', '医疗卫生', '住房', '城乡建设', '交通出行', '企业服务', '农业农村', '民政', '生态环境', '其他'];

export interface Summary {
  id: number; number: string; unitId: number | null; unitName: string | null; handlerId: number | null; handlerName: string | null;
  status: string; statusLabel: string; channel: string; channelLabel: string; topic: string; questionExcerpt: string;
  receivedOn: string; dueOn: string; daysLeft: number; overdue: boolean; round: number; rating: string | null; consentPublish: boolean; kbItemId: number | null;
}
export interface Detail extends Summary {
  question: string; policyItemId: number | null; policyTitle: string; askerName: string; contactPhone: string; contactEmail: string; ratingComment: string | null; reviewRequired: boolean;
  replies: Array<{ id: number; round: number; text: string; status: string; writtenByName: string; writtenAt: string; reviewedByName: string | null; reviewComment: string | null; releasedOn: string | null; dueOn: string }>;
  events: Array<{ at: string; kind: string; actorName: string; internal: boolean; note: string }>;
}
export interface StatRow { unitId: number | null; unitName: string; received: number; answered: number; answeredInTime: number; inTimeRate: number | null; avgWorkingDays: number | null; satisfied: number; basically: number; unsatisfied: number; satisfactionRate: number | null }

export const consultApi = {
  list: (q: { status?: string; overdue?: boolean; q?: string; mine?: boolean }) => call<{ items: Summary[] }>('GET', `/consult/questions${qs(q)}`),
  overdue: () => call<{ byUnit: Array<{ unitId: number | null; unitName: string; overdue: number }>; items: Summary[] }>('GET', '/consult/overdue'),
  reminders: () => call<{ items: Array<{ questionId: number; number: string; kind: string; dueOn: string }> }>('GET', '/consult/reminders'),
  get: (id: number) => call<Detail>('GET', `/consult/questions/${id}`),
  create: (b: Record<string, unknown>) => call<{ number: string; trackingCode: string; id: number }>('POST', '/consult/questions', b),
  step: (id: number, step: string, b: Record<string, unknown>) => call<Detail>('POST', `/consult/questions/${id}/${step}`, b),
  handlers: (unitId: number) => call<{ items: Array<{ id: number; displayName: string }> }>('GET', `/consult/handlers?unitId=${unitId}`),
  units: () => call<{ items: Array<{ id: number; name: string }> }>('GET', '/units'),
  proposal: (id: number) => call<{ subject: string; question: string; answer: string }>('GET', `/consult/questions/${id}/qa-proposal`),
  draftQa: (id: number, b: { subject: string; question: string; answer: string }) => call<{ id: number }>('POST', `/consult/questions/${id}/qa`, b),
  stats: (from: string, to: string) => call<{ from: string; to: string; total: StatRow; units: StatRow[] }>('GET', `/consult/stats${qs({ from, to })}`),
  settings: (unitId: number) => call<{ replyDays: number; reviewRequired: boolean; source: string }>('GET', `/consult/settings?unitId=${unitId}`),
  saveSettings: (b: { unitId: number; replyDays: number; reviewRequired: boolean }) => call<{ replyDays: number }>('PUT', '/consult/settings', b),
};
