import { findPersonalData } from '../privacy/detect.js';

/**
 * Public participation rules (《重大行政决策程序暂行条例》, ../../../../shared/domain/participation.md)
 * as plain functions: comment periods, moderation flags, adoption, paragraphs, capacity.
 */
export const MIN_MAJOR_PERIOD_DAYS = 30;

export const COMMENT_SOURCES = {
  online: '网上提交',
  village_board: '村级公示栏',
  community_station: '社区服务站',
  paper_letter: '纸质来信',
  symposium: '座谈会',
  hotline: '电话',
  other: '其他',
} as const;
export type CommentSource = keyof typeof COMMENT_SOURCES;

export const ADOPTIONS = { adopted: '采纳', partly: '部分采纳', not_adopted: '未采纳' } as const;
export type Adoption = keyof typeof ADOPTIONS;

export const MODERATION_REASONS = { spam: '广告或无关内容', abuse: '辱骂、攻击性内容', personal_data: '含个人信息', irrelevant: '与草案无关' } as const;
export type ModerationReason = keyof typeof MODERATION_REASONS;

export const DECISION_STAGES = ['立项', '起草', '公众参与', '专家论证', '风险评估', '合法性审查', '集体讨论决定', '已公布', '暂缓', '终止'] as const;

export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
}

/** Calendar days a period gives the public: from the start day to the end day. */
export function periodDays(startOn: string, endOn: string): number {
  return Math.round((Date.parse(`${endOn}T00:00:00Z`) - Date.parse(`${startOn}T00:00:00Z`)) / 86400_000);
}

/** Default end: 30 days after the start. */
export const defaultEndOn = (startOn: string) => shiftDate(startOn, MIN_MAJOR_PERIOD_DAYS);

/**
 * Why a comment period is not acceptable, or null. Major decisions: not less than 30 days,
 * shorter only with a stated reason (条例第十五条 as restated in domain/participation.md).
 */
export function periodProblem(p: { major: boolean; startOn: string; endOn: string; shortReason: string }): { code: string; message: string } | null {
  const days = periodDays(p.startOn, p.endOn);
  if (days < 1) return { code: 'invalid_period', message: '征求意见截止日期应晚于开始日期' };
  if (p.major && days < MIN_MAJOR_PERIOD_DAYS && p.shortReason.trim().length < 4) {
    return { code: 'period_too_short', message: `重大行政决策征求意见期限一般不少于 ${MIN_MAJOR_PERIOD_DAYS} 日（本次 ${days} 日）；缩短期限须说明理由` };
  }
  return null;
}

export type Phase = 'unpublished' | 'upcoming' | 'open' | 'ended';
export function phaseOf(d: { status: string; start_on: string; end_on: string }, today: string): Phase {
  if (d.status === 'draft') return 'unpublished';
  if (today < d.start_on) return 'upcoming';
  if (today > d.end_on) return 'ended';
  return 'open';
}

/** The draft's paragraphs (blank-line or line separated), numbered from 1 for comments on a paragraph. */
export function paragraphsOf(body: string): string[] {
  return body.split(/\n+/).map((p) => p.trim()).filter(Boolean);
}

const ABUSE = ['傻逼', '傻b', 'sb政府', '狗官', '去死', '操你', '草你', '王八蛋', '混蛋', '垃圾政府', '滚蛋', '脑残', '畜生'];
const SPAM = [/https?:\/\//i, /www\./i, /加(微信|vx|qq|v信)/i, /代开发票/, /刷单/, /(.)\1{9,}/];

/** Automatic moderation flags for a comment: held back until a person decides. */
export function moderationFlags(text: string): ModerationReason[] {
  const out: ModerationReason[] = [];
  const t = text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  if (ABUSE.some((w) => t.includes(w))) out.push('abuse');
  if (SPAM.some((r) => r.test(text))) out.push('spam');
  if (findPersonalData(text).length) out.push('personal_data');
  return out;
}

/** A commenter's name as shown publicly: surname and asterisks, or 匿名. */
export function publicName(name: string): string {
  const n = name.trim();
  if (!n) return '匿名';
  return `${Array.from(n)[0]}${'*'.repeat(Math.min(2, Math.max(1, Array.from(n).length - 1)))}`;
}

/** Open-day registration: within capacity it is confirmed, beyond it waits; a cancellation promotes the first waiting. */
export const registrationStatus = (confirmed: number, capacity: number): 'registered' | 'waiting' => (confirmed < capacity ? 'registered' : 'waiting');
