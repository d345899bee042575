// Client for the participation API (src/modules/participation), reusing the consult client's fetch helper.
import { call } from '../consult/consultApi';

export { errText, today } from '../consult/consultApi';
export const SOURCES: Record<string, string> = { online: '网上提交', village_board: '村级公示栏', community_station: '社区服务站', paper_letter: '纸质来信', symposium: '座谈会', hotline: '电话', other: '其他' };
export const ADOPTIONS: Record<string, string> = { adopted: '采纳', partly: '部分采纳', not_adopted: '未采纳' };
export const REASONS: Record<string, string> = { spam: '广告或无关内容', abuse: '辱骂、攻击性内容', personal_data: '含个人信息', irrelevant: '与草案无关' };
export const FLAG_LABELS: Record<string, string> = { spam: '疑似广告', abuse: '疑似辱骂', personal_data: '含个人信息' };
export const PHASES: Record<string, string> = { unpublished: '未发布', upcoming: '即将开始', open: '征集中', ended: '已截止' };

export interface DraftSummary { id: number; unitId: number; title: string; startOn: string; endOn: string; major: boolean; status: string; phase: string; feedbackItemId: number | null; policyItemId: number | null }
export interface Comment { id: number; paragraph: number | null; text: string; author_name: string; contact: string; source: string; source_note: string; status: string; flags: string[]; moderation_reason: string | null; adoption: string | null; adoption_reason: string | null; created_at: string }
export interface DraftDetail { id: number; unit_id: number; title: string; explanation: string; start_on: string; end_on: string; short_reason: string; status: string; phase: string; paragraphs: string[]; feedback_item_id: number | null; policy_item_id: number | null; comments: Comment[] }
export interface Entry { id: number; seq: number; name: string; lead_unit_id: number; basis: string; planned_time: string; stage: string; result: string; status: string }
export interface Catalog { id: number; year: number; unit_id: number; title: string; published_at: string | null; version: number }
export interface Change { id: number; kind: string; reason: string; at: string; published: number; after_json: string; before_json: string }

export const partApi = {
  drafts: () => call<{ items: DraftSummary[] }>('GET', '/participation/drafts'),
  draft: (id: number) => call<DraftDetail>('GET', `/participation/drafts/${id}`),
  createDraft: (b: Record<string, unknown>) => call<{ id: number }>('POST', '/participation/drafts', b),
  open: (id: number) => call<unknown>('POST', `/participation/drafts/${id}/open`),
  comment: (id: number, b: Record<string, unknown>) => call<unknown>('POST', `/participation/drafts/${id}/comments`, b),
  moderate: (id: number, b: Record<string, unknown>) => call<unknown>('POST', `/participation/comments/${id}/moderate`, b),
  adoption: (id: number, b: Record<string, unknown>) => call<unknown>('POST', `/participation/comments/${id}/adoption`, b),
  feedback: (id: number) => call<{ id: number }>('POST', `/participation/drafts/${id}/feedback`),
  linkPolicy: (id: number, policyItemId: number) => call<unknown>('POST', `/participation/drafts/${id}/policy`, { policyItemId }),
  catalog: (year: number, unitId: number) => call<Catalog>('POST', '/participation/catalogs', { year, unitId }),
  catalogView: (id: number) => call<{ catalog: Catalog; entries: Entry[]; changes: Change[] }>('GET', `/participation/catalogs/${id}`),
  addEntry: (id: number, b: Record<string, unknown>) => call<Entry>('POST', `/participation/catalogs/${id}/entries`, b),
  updateEntry: (id: number, b: Record<string, unknown>) => call<Entry>('PUT', `/participation/entries/${id}`, b),
  removeEntry: (id: number, reason: string) => call<unknown>('DELETE', `/participation/entries/${id}`, { reason }),
  publishCatalog: (id: number) => call<Catalog>('POST', `/participation/catalogs/${id}/publish`),
  meetings: () => call<{ items: Array<{ id: number; title: string; meeting_at: string; seats: number; status: string; apply_end_on: string }> }>('GET', '/participation/meetings'),
  meeting: (id: number) => call<{ id: number; title: string; seats: number; status: string; record: string; applications: Array<{ id: number; name: string; phone: string; identity: string; reason: string; status: string; attended: number; opinion: string }> }>('GET', `/participation/meetings/${id}`),
  createMeeting: (b: Record<string, unknown>) => call<{ id: number }>('POST', '/participation/meetings', b),
  select: (id: number, applicationIds: number[]) => call<unknown>('POST', `/participation/meetings/${id}/select`, { applicationIds }),
  record: (id: number, b: Record<string, unknown>) => call<unknown>('POST', `/participation/meetings/${id}/record`, b),
  openDays: () => call<{ items: Array<{ id: number; title: string; event_on: string; capacity: number; status: string }> }>('GET', '/participation/open-days'),
  openDay: (id: number) => call<{ id: number; title: string; capacity: number; status: string; summary: string; registrations: Array<{ id: number; name: string; phone: string; code: string; status: string; checked_in_at: string | null }> }>('GET', `/participation/open-days/${id}`),
  createOpenDay: (b: Record<string, unknown>) => call<{ id: number }>('POST', '/participation/open-days', b),
  checkIn: (id: number, code: string) => call<unknown>('POST', `/participation/open-days/${id}/check-in`, { code }),
  summary: (id: number, summary: string) => call<unknown>('POST', `/participation/open-days/${id}/summary`, { summary }),
  photo: (id: number, caption: string, contentBase64: string) => call<unknown>('POST', `/participation/open-days/${id}/photos`, { caption, contentBase64 }),
};
