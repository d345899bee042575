// Typed client for the FOI (依申请公开) and annual report API (src/modules/foi, src/modules/reports).
import { apiRequest, errorMessage } from '../../api';

/** JSON call through the back office's one client (session CSRF token, 401 → sign-in, errors as ApiError). */
export const call = <T>(method: string, path: string, body?: unknown): Promise<T> => apiRequest<T>(method, path, { body });

export const errText = errorMessage;

export interface Summary {
  id: number;
  number: string;
  status: string;
  unitId: number;
  unitName: string;
  channel: string;
  applicantKind: string;
  legalSubtype: string | null;
  applicantName: string;
  submittedAt: string;
  receivedOn: string | null;
  dueDate: string | null;
  workingDaysLeft: number | null;
  nextLimit: { kind: string; dueOn: string; workingDaysLeft: number } | null;
  outcome: string | null;
  repliedOn: string | null;
}

export interface Detail extends Summary {
  idType: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  description: string;
  purpose: string;
  form: string;
  delivery: string;
  needsHelp: string;
  clock: { state: string; startOn: string | null; firstLimit: string | null; dueDate: string | null; pausedDays: number; provisional: boolean };
  supplementNoticeDeadline: string | null;
  supplement: { noticeOn: string; supplyBy: string; items: string; suppliedOn: string | null } | null;
  pauses: Array<{ id: number; kind: string; party: string; sentOn: string; limitOn: string; answeredOn: string | null; answerNote: string | null }>;
  extension: { days: number; approvedOn: string; approvedBy: string; reason: string } | null;
  fee: { scheme: string; quantity: number; amount: number; noticeOn: string; payBy: string; paidOn: string | null } | null;
  outcomeLabel: string | null;
  outcomeNote: string | null;
  referTo: string | null;
  decidedOn: string | null;
  replyText: string | null;
  deliveryMethod: string | null;
  deliveredOn: string | null;
  deliveryNote: string | null;
  archivedAt: string | null;
  rejection: { kind: string; label: string; reason: string; on: string } | null;
  publication: { itemId: number; title: string; status: string; statusLabel: string; indexNo: string | null; publishedAt: string | null; url: string } | null;
  files: Array<{ id: number; purpose: string; name: string; mime: string; size: number }>;
  events: Array<{ at: string; kind: string; onDate: string | null; actorName: string; unitId: number; data: unknown }>;
}

export const foiApi = {
  list: (q: { status?: string; unitId?: number; overdue?: boolean; q?: string }) => {
    const p = new URLSearchParams();
    if (q.status) p.set('status', q.status);
    if (q.unitId) p.set('unitId', String(q.unitId));
    if (q.overdue) p.set('overdue', '1');
    if (q.q) p.set('q', q.q);
    return call<{ items: Summary[] }>('GET', `/foi/applications?${p}`);
  },
  get: (id: number) => call<Detail>('GET', `/foi/applications/${id}`),
  create: (body: unknown) => call<{ id: number; number: string; trackingCode: string }>('POST', '/foi/applications', body),
  step: (id: number, step: string, body: unknown = {}) => call<Detail>('POST', `/foi/applications/${id}/${step}`, body),
  template: (id: number, outcome?: string) => call<{ text: string }>('GET', `/foi/applications/${id}/reply-template${outcome ? `?outcome=${outcome}` : ''}`),
  overdue: () => call<{ byUnit: Array<{ unitId: number; unitName: string; overdue: number }>; items: Summary[] }>('GET', '/foi/overdue'),
  units: () => call<{ items: Array<{ id: number; name: string }> }>('GET', '/units'),
  cases: (applicationId?: number) => call<{ items: FoiCase[] }>('GET', `/foi/cases${applicationId ? `?applicationId=${applicationId}` : ''}`),
  createCase: (body: unknown) => call<FoiCase>('POST', '/foi/cases', body),
  updateCase: (id: number, body: unknown) => call<FoiCase>('PUT', `/foi/cases/${id}`, body),
  publicationProposal: (id: number) => call<{ title: string; text: string; columnIds: number[] }>('GET', `/foi/applications/${id}/publication-proposal`),
};

/** 行政复议、行政诉讼 about an application (report section 四). */
export interface FoiCase {
  id: number;
  unitId: number;
  applicationId: number | null;
  kind: 'review' | 'litigation_direct' | 'litigation_after_review';
  caseNumber: string;
  filedOn: string;
  result: 'upheld' | 'corrected' | 'other' | 'pending';
  closedOn: string | null;
  note: string;
}
export const CASE_KIND_LABELS: Record<FoiCase['kind'], string> = { review: '行政复议', litigation_direct: '行政诉讼（未经复议直接起诉）', litigation_after_review: '行政诉讼（复议后起诉）' };
export const CASE_RESULT_LABELS: Record<FoiCase['result'], string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' };
export const REJECT_KIND_OPTIONS = [
  { value: 'not_an_application', label: '不是政府信息公开申请（如广告、测试或无实际内容）' },
  { value: 'duplicate_submission', label: '同一申请重复提交' },
  { value: 'unreadable', label: '内容无法辨认' },
];

export const STATUS_LABELS: Record<string, string> = {
  submitted: '已提交待受理', processing: '办理中', awaiting_supplement: '待申请人补正', awaiting_fee: '待缴费',
  decided: '已作出决定', replied: '已答复', delivered: '已送达', archived: '已归档', rejected: '未予受理',
};
export const CHANNEL_LABELS: Record<string, string> = { online: '网上申请', in_person: '当面提交', registered_mail: '邮寄（签收）', letter: '平常信函', fax: '传真' };
export const SUBTYPE_LABELS: Record<string, string> = { business: '商业企业', research: '科研机构', public_welfare: '社会公益组织', legal_service: '法律服务机构', other: '其他' };
export const EVENT_LABELS: Record<string, string> = {
  submitted: '网上提交', registered: '登记', accept: '受理', transfer: '转办', supplement_request: '补正告知', supplement_received: '收到补正',
  pause_start: '征求意见', pause_end: '收到意见', extension: '延期', fee_notice: '收费通知', fee_paid: '缴费', decide: '办理决定',
  reply: '答复', deliver: '送达', archive: '归档', reject: '不予受理', publish_proposal: '转主动公开（提交审核）',
};
export const LIMIT_LABELS: Record<string, string> = { reply: '答复期限', supplement_notice: '补正期限', pause: '征求意见期限', fee: '缴费期限' };

/** Outcome options grouped as in the annual report (每种结果对应年报一行). */
export const OUTCOME_OPTIONS = [
  { label: '予以公开', options: [{ value: 'granted', label: '（一）予以公开' }] },
  { label: '部分公开', options: [{ value: 'partial', label: '（二）部分公开' }] },
  {
    label: '（三）不予公开',
    options: [
      ['withheld_state_secret', '属于国家秘密'], ['withheld_law', '其他法律行政法规禁止公开'], ['withheld_security', '危及“三安全一稳定”'],
      ['withheld_third_party', '保护第三方合法权益'], ['withheld_internal', '属于三类内部事务信息'], ['withheld_process', '属于四类过程性信息'],
      ['withheld_enforcement', '属于行政执法案卷'], ['withheld_inquiry', '属于行政查询事项'],
    ].map(([value, label]) => ({ value, label: `不予公开：${label}` })),
  },
  {
    label: '（四）无法提供',
    options: [['unable_not_held', '本机关不掌握相关政府信息'], ['unable_need_create', '没有现成信息需要另行制作'], ['unable_unclear', '补正后申请内容仍不明确']].map(([value, label]) => ({ value, label: `无法提供：${label}` })),
  },
  {
    label: '（五）不予处理',
    options: [
      ['not_processed_petition', '信访举报投诉类申请'], ['not_processed_repeat', '重复申请'], ['not_processed_publication', '要求提供公开出版物'],
      ['not_processed_mass', '无正当理由大量反复申请'], ['not_processed_confirm', '要求行政机关确认或重新出具已获取信息'],
    ].map(([value, label]) => ({ value, label: `不予处理：${label}` })),
  },
  {
    label: '（六）其他处理',
    options: [['other_no_supplement', '逾期不补正'], ['other_unpaid', '逾期未缴费'], ['other', '其他']].map(([value, label]) => ({ value, label: `其他处理：${label}` })),
  },
];

export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
