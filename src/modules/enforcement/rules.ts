import type { WorkingCalendar } from '../../platform/calendar/working-days.js';
import { maskValue } from '../privacy/mask.js';
import { findPersonalData } from '../privacy/detect.js';

/**
 * Rules of enforcement publicity (行政执法公示·事后), ../shared/domain/lists-enforcement.md.
 * Plain functions: the clock (`today`) is always a parameter.
 */
export const DECISION_KINDS = { licensing: '行政许可', penalty: '行政处罚', coercion: '行政强制' } as const;
export type DecisionKind = keyof typeof DECISION_KINDS;
export const PARTY_KINDS = { legal: '法人及非法人组织', individual: '个体工商户', natural: '自然人' } as const;
export type PartyKind = keyof typeof PARTY_KINDS;
/** 失信程度 of a penalty, which sets its publicity period */
export const SEVERITIES = { minor: '轻微', ordinary: '一般', serious: '严重' } as const;
export type Severity = keyof typeof SEVERITIES;

/**
 * Licensing and penalty decisions (双公示) go online within 7 working days of the decision
 * (发改办财金〔2018〕424号; 国办发〔2018〕118号); other enforcement decisions within 20.
 */
export function publicationDays(kind: DecisionKind): number {
  return kind === 'licensing' || kind === 'penalty' ? 7 : 20;
}

/** The last day to publish: the N-th working day after the decision (the decision day not counted). */
export function publicationDeadline(cal: WorkingCalendar, kind: DecisionKind, decisionDate: string): { date: string; provisional: boolean } {
  return cal.addWorkingDays(decisionDate, publicationDays(kind));
}

/** Published after its deadline (逾期公示). */
export function isLate(deadline: string, publishedOn: string): boolean {
  return publishedOn > deadline;
}

/** 《信用修复管理办法》 (NDRC Order 36 of 2025) applies from this day; before it, Order 58 of 2023. */
export const CREDIT_RULE_CHANGE = '2026-04-01';

/**
 * Publicity period of a penalty in months, counted from the decision date, under the rules in
 * force on `today`. From 2026-04-01: minor at most 3 months (normally not published), ordinary
 * 3–12, serious 12–36. Before: Order 58 knows no minor class — a minor penalty is an ordinary
 * one (3–12). A record decided before the change but still public on 2026-04-01 is judged by
 * the new, shorter period from that day (the rule in force when the question is asked).
 */
export function publicityMonths(severity: Severity, today: string): { min: number; max: number } {
  if (severity === 'serious') return { min: 12, max: 36 };
  if (severity === 'minor' && today >= CREDIT_RULE_CHANGE) return { min: 0, max: 3 };
  return { min: 3, max: 12 };
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The day the record leaves public view (公示截止期: shown up to the day before). Only
 * penalties end by themselves; licences and coercion decisions stay (null).
 */
export function publicityEnd(kind: DecisionKind, decisionDate: string, severity: Severity | null, today: string): string | null {
  if (kind !== 'penalty') return null;
  return addMonths(decisionDate, publicityMonths(severity ?? 'ordinary', today).max);
}

/** Earliest day a party may have the record removed after credit repair (最短公示期满). */
export function earliestRepair(decisionDate: string, severity: Severity, today: string): string {
  return addMonths(decisionDate, publicityMonths(severity, today).min);
}

export interface PublicityState {
  status: string;
  decisionKind: DecisionKind;
  decisionDate: string;
  severity: Severity | null;
  creditRepairedOn: string | null;
}

/** Whether a decision is on public view today. */
export function isOnPublicView(d: PublicityState, today: string): boolean {
  if (d.status !== 'published' || d.creditRepairedOn) return false;
  const end = publicityEnd(d.decisionKind, d.decisionDate, d.severity, today);
  return end === null || today < end;
}

/** Natural persons are published with a masked name (张*, 欧阳**); organisations in full. */
export function publicPartyName(kind: PartyKind, name: string): string {
  return kind === 'natural' ? maskValue('name', name) : name;
}

/** Free text as published: a natural person's name masked wherever it appears. */
export function publicText(text: string, party: { kind: PartyKind; name: string }): string {
  if (party.kind !== 'natural' || !party.name.trim()) return text;
  return text.split(party.name.trim()).join(publicPartyName('natural', party.name.trim()));
}

/** Identity numbers must never reach the public: refuse them in any published field. */
export function containsIdNumber(text: string): boolean {
  return findPersonalData(text).some((f) => f.kind === 'resident_id' || f.kind === 'resident_id_masked');
}
