import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { systemActor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { AppError, badRequest, notFound } from '../../platform/errors.js';
import { isIsoDate } from '../../platform/checks.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { registerContentKind } from '../publishing/kinds.js';
import { ItemInputSchema, ItemPatchSchema, createDraft, getItemForStaff, updateDraft, type Item } from '../publishing/items.js';
import { asDocTrx, type DocDb, type DocTrx, type DocumentTables } from './tables.js';
import { POLICY_KINDS, VALIDITY, defaultValidUntil, docNumberProblem } from './rules.js';

export const doc = (db: Db): DocDb => db.kysely.withTables<DocumentTables>();

const IsoDate = z.string().refine(isIsoDate, '日期须为有效的 YYYY-MM-DD');
const PolicyFields = z.object({
  docNumber: z.string().trim().max(60),
  issuerUnitIds: z.array(z.number().int().positive()).min(1, '请选择发文机关').max(10),
  policyKind: z.enum(POLICY_KINDS),
  writtenDate: IsoDate.nullable(),
  effectiveDate: IsoDate.nullable(),
  validUntil: IsoDate.nullable(),
  requiresInterpretation: z.boolean(),
  registrationNo: z.string().trim().max(60),
  legalityReviewedOn: IsoDate.nullable(),
  commentUrl: z.union([z.literal(''), z.url('征求意见链接须为网址')]),
  commentStart: IsoDate.nullable(),
  commentEnd: IsoDate.nullable(),
  replacesItemId: z.number().int().positive().nullable(),
});
export const PolicyInputSchema = ItemInputSchema.omit({ kind: true }).extend({
  ...PolicyFields.shape,
  docNumber: PolicyFields.shape.docNumber.default(''),
  writtenDate: PolicyFields.shape.writtenDate.default(null),
  effectiveDate: PolicyFields.shape.effectiveDate.default(null),
  validUntil: PolicyFields.shape.validUntil.default(null),
  requiresInterpretation: PolicyFields.shape.requiresInterpretation.optional(),
  registrationNo: PolicyFields.shape.registrationNo.default(''),
  legalityReviewedOn: PolicyFields.shape.legalityReviewedOn.default(null),
  commentUrl: PolicyFields.shape.commentUrl.default(''),
  commentStart: PolicyFields.shape.commentStart.default(null),
  commentEnd: PolicyFields.shape.commentEnd.default(null),
  replacesItemId: PolicyFields.shape.replacesItemId.default(null),
});
export const PolicyPatchSchema = ItemPatchSchema.extend(PolicyFields.partial().shape).strict();

export const PolicyFieldsOut = z.object({
  docNumber: z.string(), issuerUnitIds: z.array(z.number().int()), policyKind: z.string(), writtenDate: z.string().nullable(),
  effectiveDate: z.string().nullable(), validUntil: z.string().nullable(), validity: z.string(), requiresInterpretation: z.boolean(),
  interpretationWaiver: z.string().nullable(), registrationNo: z.string(), legalityReviewedOn: z.string().nullable(), commentUrl: z.string(),
  commentStart: z.string().nullable(), commentEnd: z.string().nullable(), replacesItemId: z.number().int().nullable(),
});
export type PolicyFieldsOut = z.infer<typeof PolicyFieldsOut>;

function checkPolicy(p: { docNumber?: string; commentStart?: string | null; commentEnd?: string | null; effectiveDate?: string | null; validUntil?: string | null }): void {
  if (p.docNumber) {
    const problem = docNumberProblem(p.docNumber);
    if (problem) throw badRequest('invalid_doc_number', `发文字号「${p.docNumber}」不规范：${problem}`);
  }
  if (p.commentStart && p.commentEnd && p.commentEnd < p.commentStart) throw badRequest('invalid_dates', '征求意见截止日期早于开始日期');
  if (p.effectiveDate && p.validUntil && p.validUntil < p.effectiveDate) throw badRequest('invalid_dates', '有效期至早于实施日期');
}

async function checkIssuers(db: Db, ids: number[]): Promise<void> {
  const found = await db.kysely.selectFrom('units').select('id').where('id', 'in', ids).execute();
  if (found.length !== new Set(ids).size) throw badRequest('invalid_unit', '发文机关中有不存在的单位');
}

export async function policyFields(db: DocDb | DocTrx, itemId: number): Promise<PolicyFieldsOut | null> {
  const r = await db.selectFrom('policy_documents').selectAll().where('item_id', '=', itemId).executeTakeFirst();
  if (!r) return null;
  return {
    docNumber: r.doc_number, issuerUnitIds: JSON.parse(r.issuer_unit_ids) as number[], policyKind: r.policy_kind, writtenDate: r.written_date,
    effectiveDate: r.effective_date, validUntil: r.valid_until, validity: r.validity, requiresInterpretation: r.requires_interpretation === 1,
    interpretationWaiver: r.interpretation_waiver, registrationNo: r.registration_no, legalityReviewedOn: r.legality_reviewed_on,
    commentUrl: r.comment_url, commentStart: r.comment_start, commentEnd: r.comment_end, replacesItemId: r.replaces_item_id,
  };
}

export const commentNote = (start: string, end: string | null, note = '') => `${start} 至 ${end ?? ''}${note ? `；${note}` : ''}`;

/** A draft may revise only a policy in force, other than itself. */
async function checkReplaces(d: DocDb, id: number | null, replacesItemId: number | null | undefined): Promise<void> {
  if (replacesItemId === null || replacesItemId === undefined) return;
  const old = await d.selectFrom('policy_documents').innerJoin('content_items', 'content_items.id', 'policy_documents.item_id')
    .select(['status', 'validity', 'title']).where('item_id', '=', replacesItemId).executeTakeFirst();
  if (!old || replacesItemId === id) throw badRequest('invalid_replaces', '被修订的文件须为另一份政策文件');
  if (old.status !== 'published' || old.validity !== '有效') throw badRequest('invalid_replaces', `《${old.title}》不是现行有效的已发布文件，不能作为被修订的文件`);
}

/**
 * A draft's dated steps follow its fields: after an edit the timeline has one 公开征求意见,
 * 合法性审核 and 统一登记编号 entry each, matching what the draft now says (nothing is public yet).
 */
async function syncDraftEvents(trx: DocTrx, id: number, p: PolicyFieldsOut, touched: { comment: boolean; legality: boolean; registration: boolean }): Promise<void> {
  const redo = async (kind: string, when: boolean, add: () => Promise<void>) => {
    if (!when) return;
    await trx.deleteFrom('policy_events').where('policy_id', '=', id).where('kind', '=', kind).execute();
    await add();
  };
  await redo('comment_opened', touched.comment, async () => {
    if (p.commentUrl && p.commentStart) await addEvent(trx, id, 'comment_opened', p.commentStart, commentNote(p.commentStart, p.commentEnd));
  });
  await redo('legality_reviewed', touched.legality, async () => {
    if (p.legalityReviewedOn) await addEvent(trx, id, 'legality_reviewed', p.legalityReviewedOn);
  });
  await redo('registered', touched.registration || touched.legality, async () => {
    if (p.registrationNo) await addEvent(trx, id, 'registered', p.legalityReviewedOn ?? chinaToday(), p.registrationNo);
  });
}

export async function addEvent(trx: DocTrx, policyId: number, kind: string, onDate: string, note = '', relatedItemId: number | null = null): Promise<void> {
  await trx.insertInto('policy_events').values({ policy_id: policyId, kind, on_date: onDate, note, related_item_id: relatedItemId, created_at: new Date().toISOString() }).execute();
}

export async function createPolicy(db: Db, actor: Actor, input: z.infer<typeof PolicyInputSchema>): Promise<Item & { policy: PolicyFieldsOut }> {
  checkPolicy(input);
  await checkIssuers(db, input.issuerUnitIds);
  await checkReplaces(doc(db), null, input.replacesItemId);
  const requiresInterpretation = input.requiresInterpretation ?? input.policyKind === '行政规范性文件';
  const validUntil = input.validUntil ?? defaultValidUntil(input.policyKind, input.effectiveDate);
  const item = await createDraft(db, actor, { ...input, kind: 'policy' }, async (trx0, itemId) => {
    const trx = asDocTrx(trx0);
    await trx.insertInto('policy_documents').values({
      item_id: itemId, doc_number: input.docNumber, issuer_unit_ids: JSON.stringify(input.issuerUnitIds), policy_kind: input.policyKind,
      written_date: input.writtenDate, effective_date: input.effectiveDate, valid_until: validUntil, validity: '有效',
      requires_interpretation: requiresInterpretation ? 1 : 0, interpretation_waiver: null, registration_no: input.registrationNo,
      comment_url: input.commentUrl, comment_start: input.commentStart, comment_end: input.commentEnd, legality_reviewed_on: input.legalityReviewedOn,
      replaces_item_id: input.replacesItemId,
    }).execute();
    await addEvent(trx, itemId, 'drafted', chinaToday());
    if (input.commentUrl && input.commentStart) await addEvent(trx, itemId, 'comment_opened', input.commentStart, commentNote(input.commentStart, input.commentEnd));
    if (input.legalityReviewedOn) await addEvent(trx, itemId, 'legality_reviewed', input.legalityReviewedOn);
    if (input.registrationNo) await addEvent(trx, itemId, 'registered', input.legalityReviewedOn ?? chinaToday(), input.registrationNo);
  });
  return { ...item, policy: (await policyFields(doc(db), item.id))! };
}

export async function updatePolicy(db: Db, actor: Actor, id: number, patch: z.infer<typeof PolicyPatchSchema>): Promise<Item & { policy: PolicyFieldsOut }> {
  const before = await policyFields(doc(db), id);
  if (!before) throw notFound('政策文件不存在');
  checkPolicy({ ...before, ...patch });
  if (patch.issuerUnitIds) await checkIssuers(db, patch.issuerUnitIds);
  await checkReplaces(doc(db), id, patch.replacesItemId);
  const item = await updateDraft(db, actor, id, patch, async (trx0) => {
    const trx = asDocTrx(trx0);
    const set = {
      ...(patch.docNumber !== undefined && { doc_number: patch.docNumber }),
      ...(patch.issuerUnitIds !== undefined && { issuer_unit_ids: JSON.stringify(patch.issuerUnitIds) }),
      ...(patch.policyKind !== undefined && { policy_kind: patch.policyKind }),
      ...(patch.writtenDate !== undefined && { written_date: patch.writtenDate }),
      ...(patch.effectiveDate !== undefined && { effective_date: patch.effectiveDate }),
      ...(patch.validUntil !== undefined && { valid_until: patch.validUntil }),
      ...(patch.requiresInterpretation !== undefined && { requires_interpretation: patch.requiresInterpretation ? 1 : 0 }),
      ...(patch.registrationNo !== undefined && { registration_no: patch.registrationNo }),
      ...(patch.legalityReviewedOn !== undefined && { legality_reviewed_on: patch.legalityReviewedOn }),
      ...(patch.commentUrl !== undefined && { comment_url: patch.commentUrl }),
      ...(patch.commentStart !== undefined && { comment_start: patch.commentStart }),
      ...(patch.commentEnd !== undefined && { comment_end: patch.commentEnd }),
      ...(patch.replacesItemId !== undefined && { replaces_item_id: patch.replacesItemId }),
    };
    if (Object.keys(set).length) await trx.updateTable('policy_documents').set(set).where('item_id', '=', id).execute();
    await syncDraftEvents(trx, id, { ...before, ...patch } as PolicyFieldsOut, {
      comment: patch.commentUrl !== undefined || patch.commentStart !== undefined || patch.commentEnd !== undefined,
      legality: patch.legalityReviewedOn !== undefined,
      registration: patch.registrationNo !== undefined,
    });
  });
  return { ...item, policy: (await policyFields(doc(db), id))! };
}

/** Job: policies past 有效期至 become 失效 by themselves. */
export async function expirePolicies(db: Db, today = chinaToday()): Promise<number> {
  const due = await doc(db).selectFrom('policy_documents').innerJoin('content_items', 'content_items.id', 'policy_documents.item_id')
    .select(['item_id', 'title', 'unit_id', 'valid_until']).where('validity', '=', '有效').where('valid_until', '<', today).where('status', '=', 'published').execute();
  for (const d of due) {
    await withAudit(db, systemActor('scheduler'), async (trx0, audit) => {
      const trx = trx0 as unknown as DocTrx;
      await trx.updateTable('policy_documents').set({ validity: '失效' }).where('item_id', '=', d.item_id).execute();
      await addEvent(trx, d.item_id, 'expired', d.valid_until!, '有效期届满自动失效');
      await audit({ action: 'policy.expire', entityType: 'content_item', entityId: d.item_id, unitId: d.unit_id, summary: `「${d.title}」有效期至 ${d.valid_until}，自动失效` });
    });
  }
  return due.length;
}

registerContentKind({
  name: 'policy',
  label: '政策文件',
  defaultChain: ['first', 'second', 'final'],
  requiresConfidentiality: true,
  url: (item) => `/policies/${item.id}`,
  async validateForReview(trx0, item) {
    const trx = trx0 as unknown as DocTrx;
    const p = await policyFields(trx, item.id);
    if (!p) throw badRequest('not_a_policy', '政策文件数据缺失');
    if (!p.docNumber && p.policyKind !== '其他政策文件') throw badRequest('doc_number_required', '请填写发文字号');
    if (p.policyKind === '行政规范性文件' && (!p.legalityReviewedOn || !p.registrationNo)) {
      throw badRequest('normative_unregistered', '行政规范性文件须经合法性审核并统一登记编号后才能提交审核');
    }
    if (p.requiresInterpretation && !p.interpretationWaiver) {
      const bundled = await trx.selectFrom('content_items').select('id').where('bundle_id', '=', item.id).where('kind', '=', 'interpretation').executeTakeFirst();
      if (!bundled) {
        throw new AppError(400, 'interpretation_required', '该政策文件须与政策解读同步起草、同步审签、同步发布：请先为其起草解读，或由管理员说明理由后免于解读');
      }
    }
  },
  async validateForPublish(trx0, item) {
    const trx = trx0 as unknown as DocTrx;
    const p = await policyFields(trx, item.id);
    if (p?.requiresInterpretation && !p.interpretationWaiver) {
      const bundled = await trx.selectFrom('content_items').select('id').where('bundle_id', '=', item.id).where('kind', '=', 'interpretation').where('status', 'in', ['approved', 'scheduled', 'published']).executeTakeFirst();
      if (!bundled) throw new AppError(409, 'interpretation_required', '该政策文件的解读尚未审核通过，不能单独发布（同步发布）');
    }
  },
  async afterPublish(trx0, item, on) {
    const trx = asDocTrx(trx0);
    await addEvent(trx, item.id, 'released', on);
    const p = await policyFields(trx, item.id);
    if (p?.replacesItemId) {
      // A revision: the old document is marked 已修改 and both link to each other.
      await trx.updateTable('policy_documents').set({ validity: '已修改' }).where('item_id', '=', p.replacesItemId).where('validity', '=', '有效').execute();
      await addEvent(trx, p.replacesItemId, 'revised', on, '', item.id);
    }
  },
  async indexFacets(trx0, item): Promise<Record<string, string>> {
    const p = await policyFields(trx0 as unknown as DocTrx, item.id);
    return p ? { validity: p.validity, policyKind: p.policyKind, docNumber: p.docNumber } : {};
  },
});

export async function getPolicyForStaff(db: Db, actor: Actor, id: number): Promise<Item & { policy: PolicyFieldsOut }> {
  const item = await getItemForStaff(db, actor, id);
  const policy = await policyFields(doc(db), id);
  if (!policy) throw notFound('政策文件不存在');
  return { ...item, policy };
}

export { VALIDITY };
