import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit, type AuditEntry } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/roles.js';
import { AppError, badRequest, conflict } from '../../platform/errors.js';
import { privacyFindingsForBundle } from './privacy-gate.js';
import { contentKind } from './kinds.js';
import { STAGE_LABELS, parseChain, reasonCannotDecide, type Stage } from './chain.js';
import { STATUS_LABELS, chainFor, getItemForStaff, loadItemRow, pub, type Item, type PubTrx } from './items.js';

/**
 * Review (三审 + 保密审查). Items in a bundle — a policy and the interpretations drafted with it
 * (同步起草、同步审签、同步发布) — are submitted, decided and published together through the
 * bundle's lead item.
 */
export const DecideSchema = z.object({
  decision: z.enum(['approve', 'return']),
  comment: z.string().trim().max(2000).default(''),
  /** 终审 of content in which the personal-data gate found something: why it may still go out */
  acceptPrivacyFindings: z.string().trim().max(500).optional(),
});

export async function bundleMembers(trx: PubTrx, leadId: number) {
  return trx.selectFrom('content_items').selectAll().where((eb) => eb.or([eb('id', '=', leadId), eb('bundle_id', '=', leadId)])).orderBy('id').execute();
}

function assertLead(row: { id: number; bundle_id: number | null }): void {
  if (row.bundle_id !== null && row.bundle_id !== row.id) {
    throw conflict('bundled_item', `此内容随所属政策文件（编号 ${row.bundle_id}）一同审核和发布，请在该文件上操作`);
  }
}

export async function submitForReview(db: Db, actor: Actor, id: number): Promise<Item> {
  const row = await loadItemRow(pub(db), id);
  assertLead(row);
  authorize(actor, 'content.draft', row.unit_id);
  if (row.status !== 'draft') throw conflict('not_a_draft', `内容当前状态为「${STATUS_LABELS[row.status]}」，不能提交审核`);
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as PubTrx;
    const members = await bundleMembers(trx, row.id);
    for (const m of members) {
      if (m.status !== 'draft') throw conflict('bundle_not_draft', `同批内容「${m.title}」不是草稿，不能一起提交`);
      const kind = contentKind(m.kind);
      await kind?.validateForReview?.(trx, { id: m.id, kind: m.kind, unitId: m.unit_id, title: m.title, bundleId: m.bundle_id });
    }
    const needsConf = members.some((m) => m.needs_confidentiality === 1);
    const chain = await chainFor(trx, row.unit_id, row.kind, needsConf);
    const round = row.review_round + 1;
    const now = new Date().toISOString();
    for (const m of members) {
      await trx.updateTable('content_items').set({ status: 'in_review', chain_json: JSON.stringify(chain), stage_index: 0, review_round: round, updated_at: now }).where('id', '=', m.id).execute();
      await trx.insertInto('review_decisions').values({ item_id: m.id, round, stage: 'submit', decision: 'submit', comment: '', actor_id: actor.userId, actor_name: actor.displayName, at: now }).execute();
      await audit({ action: 'content.submit', entityType: 'content_item', entityId: m.id, unitId: m.unit_id, summary: `提交审核「${m.title}」（第 ${round} 轮：${chain.map((s) => STAGE_LABELS[s]).join(' → ')}）` });
    }
  });
  return getItemForStaff(db, actor, id);
}

export async function decide(db: Db, actor: Actor, id: number, input: z.infer<typeof DecideSchema>, dataDir: string): Promise<Item> {
  const row = await loadItemRow(pub(db), id);
  assertLead(row);
  if (row.status !== 'in_review') throw conflict('not_in_review', `内容当前状态为「${STATUS_LABELS[row.status]}」，不在审核中`);
  const chain = parseChain(row.chain_json);
  const stage = chain[row.stage_index] as Stage;
  const decisions = await pub(db).selectFrom('review_decisions').select(['round', 'stage', 'decision', 'actor_id']).where('item_id', '=', id).execute();
  const why = reasonCannotDecide(actor, { unitId: row.unit_id, createdBy: row.created_by, round: row.review_round }, stage, decisions.map((d) => ({ ...d, actorId: d.actor_id })));
  if (why) throw badRequest('cannot_decide', why).withStatus(403);
  if (input.decision === 'return' && !input.comment) throw badRequest('comment_required', '退回修改时请填写意见');
  const last = row.stage_index === chain.length - 1;
  let gateNote = '';
  if (stage === 'final' && input.decision === 'approve') {
    const findings = await privacyFindingsForBundle(db, dataDir, row.id);
    if (findings.length && !input.acceptPrivacyFindings) {
      throw new AppError(409, 'privacy_findings', `发现 ${findings.length} 处疑似个人信息，请退回遮挡，或说明理由后确认发布`, { findings });
    }
    if (findings.length) gateNote = `（个人信息检查发现 ${findings.length} 处，终审确认：${input.acceptPrivacyFindings}）`;
  }
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as PubTrx;
    const now = new Date().toISOString();
    for (const m of await bundleMembers(trx, row.id)) {
      const next = input.decision === 'return' ? { status: 'draft', stage_index: 0 } : last ? { status: 'approved', stage_index: row.stage_index } : { status: 'in_review', stage_index: row.stage_index + 1 };
      await trx.updateTable('content_items').set({ ...next, updated_at: now }).where('id', '=', m.id).execute();
      await trx.insertInto('review_decisions').values({
        item_id: m.id, round: row.review_round, stage, decision: input.decision, comment: input.comment + gateNote, actor_id: actor.userId, actor_name: actor.displayName, at: now,
      }).execute();
      const entry: AuditEntry = {
        action: `content.review.${input.decision}`, entityType: 'content_item', entityId: m.id, unitId: m.unit_id,
        summary: `${STAGE_LABELS[stage]}${input.decision === 'approve' ? '通过' : '退回'}「${m.title}」${input.comment ? `：${input.comment}` : ''}${gateNote}`,
        after: { stage, decision: input.decision, comment: input.comment, status: next.status },
      };
      await audit(entry);
    }
  });
  return getItemForStaff(db, actor, id);
}
