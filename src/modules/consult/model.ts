import { z } from 'zod';
import { CHANNELS, RATINGS, STATUSES } from './rules.js';

/** API shapes of the consult module (Zod: validation and OpenAPI). */
const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...Array<keyof T & string>];
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const QuestionInput = z.object({
  topic: z.string().trim().min(1, '请选择咨询主题').max(40),
  policyItemId: z.number().int().positive().nullish(),
  policyTitle: z.string().trim().max(200, '相关政策名称不超过 200 字').default(''),
  question: z.string().trim().min(10, '咨询内容至少 10 个字').max(4000, '咨询内容不超过 4000 字'),
  name: z.string().trim().max(50, '称呼不超过 50 字').default(''),
  phone: z.string().trim().max(30).regex(/^[0-9+\- ]*$/, '联系电话只能包含数字和 - + 空格').default(''),
  email: z.union([z.literal(''), z.email('电子邮箱格式不正确').max(200)]).default(''),
  consentPublish: z.boolean().default(false),
  /** the unit asked; omitted = the district office assigns it */
  unitId: z.number().int().positive().nullish(),
  /** staff entry only */
  channel: z.enum(keys(CHANNELS)).optional(),
  receivedOn: date.optional(),
  idempotencyKey: z.string().min(16, '表单已失效，请刷新页面后重新提交').max(64).optional(),
});
export type QuestionInput = z.infer<typeof QuestionInput>;

export const QuestionSummary = z.object({
  id: z.number(),
  number: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  handlerId: z.number().nullable(),
  handlerName: z.string().nullable(),
  status: z.enum(keys(STATUSES)),
  statusLabel: z.string(),
  channel: z.string(),
  channelLabel: z.string(),
  topic: z.string(),
  questionExcerpt: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  daysLeft: z.number(),
  overdue: z.boolean(),
  round: z.number(),
  rating: z.enum(keys(RATINGS)).nullable(),
  consentPublish: z.boolean(),
  kbItemId: z.number().nullable(),
});
export type QuestionSummary = z.infer<typeof QuestionSummary>;

export const ReplyRecord = z.object({
  id: z.number(),
  round: z.number(),
  text: z.string(),
  status: z.string(),
  writtenByName: z.string(),
  writtenAt: z.string(),
  reviewedByName: z.string().nullable(),
  reviewComment: z.string().nullable(),
  releasedOn: z.string().nullable(),
  dueOn: z.string(),
});

export const EventRecord = z.object({ at: z.string(), kind: z.string(), actorName: z.string(), internal: z.boolean(), note: z.string() });

export const QuestionDetail = QuestionSummary.extend({
  question: z.string(),
  policyItemId: z.number().nullable(),
  policyTitle: z.string(),
  askerName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string(),
  ratingComment: z.string().nullable(),
  reviewRequired: z.boolean(),
  replies: z.array(ReplyRecord),
  events: z.array(EventRecord),
});
export type QuestionDetail = z.infer<typeof QuestionDetail>;
