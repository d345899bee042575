import type { Actor } from '../../platform/actor.js';
import { can, type Action } from '../../platform/auth/roles.js';

/**
 * Review stages (三审 + 保密审查). The chain is configurable per unit and content kind, but
 * 保密审查 cannot be dropped for an item that needs it, and the order is always the one below.
 */
export const STAGES = ['first', 'second', 'confidentiality', 'final'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  first: '初审',
  second: '复审',
  confidentiality: '保密审查',
  final: '终审',
};

const STAGE_ACTION: Record<Stage, Action> = {
  first: 'content.review.first',
  second: 'content.review.second',
  confidentiality: 'content.review.confidentiality',
  final: 'content.review.final',
};

export const DEFAULT_CHAIN: Stage[] = ['first', 'second', 'final'];

/** The stages an item goes through: the configured chain, 保密审查 added when needed, in canonical order, ending with 终审. */
export function effectiveChain(configured: readonly Stage[], needsConfidentiality: boolean): Stage[] {
  const set = new Set<Stage>(configured);
  if (needsConfidentiality) set.add('confidentiality');
  set.add('final');
  return STAGES.filter((s) => set.has(s));
}

export function parseChain(json: string): Stage[] {
  const arr = JSON.parse(json) as unknown;
  if (!Array.isArray(arr)) return DEFAULT_CHAIN;
  return arr.filter((s): s is Stage => (STAGES as readonly string[]).includes(s as string));
}

export interface DecisionRecord {
  round: number;
  stage: string;
  decision: string;
  actorId: number | null;
}

/**
 * Why this actor may not decide the item's current stage, or null if they may.
 * - they need the stage's reviewer role for the item's unit;
 * - nobody reviews their own draft;
 * - in one review round each stage is decided by a different person (三审 means three people).
 */
export function reasonCannotDecide(
  actor: Actor,
  item: { unitId: number; createdBy: number | null; round: number },
  stage: Stage,
  decisions: DecisionRecord[],
): string | null {
  if (!can(actor, STAGE_ACTION[stage], item.unitId)) return `您没有本单位的「${STAGE_LABELS[stage]}」权限`;
  if (actor.userId !== null && actor.userId === item.createdBy) return '不能审核自己起草的内容';
  const earlier = decisions.find((d) => d.round === item.round && d.decision === 'approve' && d.actorId === actor.userId && d.stage !== stage);
  if (earlier) return `您已在本轮${STAGE_LABELS[earlier.stage as Stage] ?? earlier.stage}中审核过此内容，同一内容的各审核环节须由不同人员完成`;
  return null;
}

/**
 * Why a configured chain is refused, or null. The order is fixed (初审 → 复审 → 保密审查 → 终审):
 * a later stage never sees content before an earlier one, and every chain ends with 终审,
 * the person answerable for publication.
 */
export function chainProblem(stages: readonly Stage[]): string | null {
  if (!stages.length) return '请至少选择一个审核环节';
  if (new Set(stages).size !== stages.length) return '审核环节不能重复';
  const positions = stages.map((s) => STAGES.indexOf(s));
  if (positions.some((p, i) => i > 0 && p < positions[i - 1]!)) return `审核环节须按 ${STAGES.map((s) => STAGE_LABELS[s]).join(' → ')} 的顺序排列`;
  if (stages[stages.length - 1] !== 'final') return '审核流程须以「终审」结束';
  return null;
}
