import { z } from 'zod';
import { OUTCOMES } from './outcomes.js';

/** Labels and API shapes of an application (申请). */
export const STATUSES = {
  submitted: '已提交待受理',
  processing: '办理中',
  awaiting_supplement: '待申请人补正',
  awaiting_fee: '待缴纳信息处理费',
  decided: '已作出办理决定',
  replied: '已答复',
  delivered: '已送达',
  archived: '已归档',
  /** an online submission turned away before acceptance: never received (art. 31), no clock, not in the report */
  rejected: '未予受理',
} as const;
export type Status = keyof typeof STATUSES;

/** art. 31: how the application arrived decides its receipt date */
export const CHANNELS = {
  online: '互联网（网上申请）',
  in_person: '当面提交',
  registered_mail: '邮寄（挂号信、快递等需签收）',
  letter: '平常信函',
  fax: '传真',
} as const;
export type Channel = keyof typeof CHANNELS;

/** 法人或其他组织 sub-types, the report's columns */
export const LEGAL_SUBTYPES = {
  business: '商业企业',
  research: '科研机构',
  public_welfare: '社会公益组织',
  legal_service: '法律服务机构',
  other: '其他',
} as const;
export type LegalSubtype = keyof typeof LEGAL_SUBTYPES;

export const ID_TYPES = { resident_id: '居民身份证', passport: '护照', other_id: '其他有效身份证件', credit_code: '统一社会信用代码' } as const;
export const FORMS = { paper: '纸质', electronic: '电子' } as const;
export const DELIVERIES = { electronic: '电子送达（网站下载）', post: '邮寄', collect: '当面领取' } as const;
export const DELIVERY_METHODS = { portal: '网站电子送达', email: '电子邮件', post: '邮寄', in_person: '当面送达', fax: '传真' } as const;
/** Why an online submission may be turned away before acceptance (see workflow.ts `reject`). */
export const REJECT_KINDS = {
  not_an_application: '不是政府信息公开申请（如广告、测试或无实际内容）',
  duplicate_submission: '同一申请重复提交',
  unreadable: '内容无法辨认',
} as const;
export type RejectKind = keyof typeof REJECT_KINDS;
export const PAUSE_KINDS = { third_party: '征求第三方意见', other_agency: '征求其他机关意见', fee: '收费通知' } as const;

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...Array<keyof T & string>];

export const AttachmentInput = z.object({ name: z.string().min(1).max(200), contentBase64: z.string().max(3_000_000) });

export const ApplicationInput = z.object({
  unitId: z.number().int().positive(),
  applicantKind: z.enum(['natural', 'legal']),
  legalSubtype: z.enum(keys(LEGAL_SUBTYPES)).nullish(),
  name: z.string().trim().min(1, '请填写申请人姓名或名称').max(100),
  idType: z.enum(keys(ID_TYPES)),
  idNumber: z.string().trim().toUpperCase().min(1, '请填写证件号码').max(40),
  phone: z.string().trim().regex(/^[0-9+\-() ]{5,30}$/, '联系电话格式不正确'),
  email: z.union([z.literal(''), z.email('电子邮箱格式不正确')]).default(''),
  address: z.string().trim().max(200).default(''),
  description: z.string().trim().min(5, '请具体描述所需信息（至少 5 个字）').max(4000),
  purpose: z.string().trim().max(500).default(''),
  form: z.enum(keys(FORMS)),
  delivery: z.enum(keys(DELIVERIES)),
  needsHelp: z.string().trim().max(200).default(''),
  /** staff only: how it arrived and the receipt date (art. 31) */
  channel: z.enum(keys(CHANNELS)).optional(),
  receivedOn: ymd.optional(),
  /** guards against double submission: the same key returns the first application */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '防重复提交令牌格式不正确').optional(),
  attachments: z.array(AttachmentInput).max(3, '附件最多 3 个').default([]),
});
export type ApplicationInput = z.infer<typeof ApplicationInput>;

export const ClockSchema = z.object({
  state: z.enum(['not_received', 'awaiting_supplement', 'paused', 'running']),
  startOn: z.string().nullable(),
  firstLimit: z.string().nullable(),
  dueDate: z.string().nullable(),
  pausedDays: z.number(),
  provisional: z.boolean(),
});

export const ApplicationSummary = z.object({
  id: z.number(),
  number: z.string(),
  status: z.enum(keys(STATUSES)),
  unitId: z.number(),
  unitName: z.string(),
  channel: z.string(),
  applicantKind: z.string(),
  legalSubtype: z.string().nullable(),
  applicantName: z.string(),
  submittedAt: z.string(),
  receivedOn: z.string().nullable(),
  dueDate: z.string().nullable().describe('current 答复期限, YYYY-MM-DD'),
  workingDaysLeft: z.number().nullable().describe('working days until dueDate; negative when overdue'),
  nextLimit: z.object({ kind: z.string(), dueOn: z.string(), workingDaysLeft: z.number() }).nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  repliedOn: z.string().nullable(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

export const ApplicationDetail = ApplicationSummary.extend({
  idType: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  email: z.string(),
  address: z.string(),
  description: z.string(),
  purpose: z.string(),
  form: z.string(),
  delivery: z.string(),
  needsHelp: z.string(),
  clock: ClockSchema,
  supplementNoticeDeadline: z.string().nullable(),
  supplement: z.object({ noticeOn: z.string(), supplyBy: z.string(), items: z.string(), suppliedOn: z.string().nullable() }).nullable(),
  pauses: z.array(z.object({ id: z.number(), kind: z.string(), party: z.string(), sentOn: z.string(), limitOn: z.string(), answeredOn: z.string().nullable(), answerNote: z.string().nullable() })),
  extension: z.object({ days: z.number(), approvedOn: z.string(), approvedBy: z.string(), reason: z.string() }).nullable(),
  fee: z.object({ scheme: z.string(), quantity: z.number(), amount: z.number(), noticeOn: z.string(), payBy: z.string(), paidOn: z.string().nullable() }).nullable(),
  outcomeLabel: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  referTo: z.string().nullable(),
  decidedOn: z.string().nullable(),
  replyText: z.string().nullable(),
  deliveryMethod: z.string().nullable(),
  deliveredOn: z.string().nullable(),
  deliveryNote: z.string().nullable(),
  archivedAt: z.string().nullable(),
  rejection: z.object({ kind: z.string(), label: z.string(), reason: z.string(), on: z.string() }).nullable().describe('an online submission turned away before acceptance'),
  publication: z.object({
    itemId: z.number(), title: z.string(), status: z.string(), statusLabel: z.string(), indexNo: z.string().nullable(), publishedAt: z.string().nullable(), url: z.string(),
  }).nullable().describe('the content item proposed for proactive publication (条例第四十四条) and its state in the publishing pipeline'),
  files: z.array(z.object({ id: z.number(), purpose: z.string(), name: z.string(), mime: z.string(), size: z.number() })),
  events: z.array(z.object({ at: z.string(), kind: z.string(), onDate: z.string().nullable(), actorName: z.string(), unitId: z.number(), data: z.unknown() })),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;
