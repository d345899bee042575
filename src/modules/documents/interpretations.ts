import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { registerContentKind } from '../publishing/kinds.js';
import { ItemInputSchema, createDraft, getItemForStaff, loadItemRow, pub, type Item } from '../publishing/items.js';
import { asDocTrx, type DocTrx } from './tables.js';
import { INTERPRETATION_FORMS, daysBetween } from './rules.js';
import { addEvent, doc } from './policies.js';

/**
 * Interpretations (政策解读). One drafted while its policy is still a draft joins the policy's
 * bundle: they are reviewed and released together (同步起草、同步审签、同步发布). The author
 * unit defaults to the policy's drafting unit (谁起草谁解读).
 */
export const InterpretationInputSchema = ItemInputSchema.omit({ kind: true, unitId: true }).extend({
  unitId: z.number().int().positive().optional(),
  form: z.enum(INTERPRETATION_FORMS),
  policyIds: z.array(z.number().int().positive()).min(1, '请选择所解读的政策文件').max(10),
});

export async function createInterpretation(db: Db, actor: Actor, input: z.infer<typeof InterpretationInputSchema>): Promise<Item & { form: string; policyIds: number[] }> {
  const policies = [];
  for (const id of input.policyIds) {
    const row = await loadItemRow(pub(db), id);
    if (row.kind !== 'policy') throw badRequest('not_a_policy', `内容 ${id} 不是政策文件`);
    if (row.status === 'withdrawn') throw conflict('policy_withdrawn', `政策文件「${row.title}」已撤回`);
    policies.push(row);
  }
  const lead = policies[0]!;
  const unitId = input.unitId ?? lead.unit_id;
  // Join the lead policy's bundle while it is still being drafted.
  const joinBundle = lead.status === 'draft' && (lead.bundle_id === null || lead.bundle_id === lead.id);
  const item = await createDraft(db, actor, { ...input, unitId, kind: 'interpretation' }, async (trx0, itemId) => {
    const trx = asDocTrx(trx0);
    await trx.insertInto('interpretations').values({ item_id: itemId, form: input.form }).execute();
    await trx.insertInto('interpretation_policies').values(input.policyIds.map((p) => ({ interpretation_id: itemId, policy_id: p }))).execute();
    if (joinBundle) {
      await trx.updateTable('content_items').set({ bundle_id: lead.id }).where('id', 'in', [lead.id, itemId]).execute();
    }
  });
  return { ...(await getItemForStaff(db, actor, item.id)), form: input.form, policyIds: input.policyIds };
}

export async function interpretationInfo(db: Db | DocTrx, id: number): Promise<{ form: string; policyIds: number[] } | null> {
  const d = 'kysely' in db ? doc(db) : db;
  const r = await d.selectFrom('interpretations').select('form').where('item_id', '=', id).executeTakeFirst();
  if (!r) return null;
  const links = await d.selectFrom('interpretation_policies').select('policy_id').where('interpretation_id', '=', id).execute();
  return { form: r.form, policyIds: links.map((l) => l.policy_id) };
}

registerContentKind({
  name: 'interpretation',
  label: '政策解读',
  defaultChain: ['first', 'second', 'final'],
  requiresConfidentiality: true,
  url: (item) => `/interpretations/${item.id}`,
  async validateForReview(trx0, item) {
    const trx = trx0 as unknown as DocTrx;
    const r = await trx.selectFrom('interpretations').select('form').where('item_id', '=', item.id).executeTakeFirst();
    if (r?.form === '视频') {
      // Video interpretations carry captions (无障碍: captions for video).
      const captions = await trx.selectFrom('attachments').select('id').where('item_id', '=', item.id).where('role', '=', 'captions').executeTakeFirst();
      if (!captions) throw badRequest('captions_required', '视频解读须上传字幕文件');
    }
  },
  async afterPublish(trx0, item, on) {
    const trx = asDocTrx(trx0);
    const links = await trx.selectFrom('interpretation_policies').select('policy_id').where('interpretation_id', '=', item.id).execute();
    for (const l of links) await addEvent(trx, l.policy_id, 'interpreted', on, item.title, item.id);
  },
  async indexFacets(trx0, item): Promise<Record<string, string>> {
    const r = await (trx0 as unknown as DocTrx).selectFrom('interpretations').select('form').where('item_id', '=', item.id).executeTakeFirst();
    return r ? { form: r.form } : {};
  },
});

export interface LagRow {
  unitId: number;
  policies: number;
  interpreted: number;
  missing: number;
  averageLagDays: number | null;
  maxLagDays: number | null;
}

/** Interpretation lag (解读滞后): days from a policy's release to its first published interpretation, per unit. */
export async function interpretationLag(db: Db, year?: number): Promise<LagRow[]> {
  const d = doc(db);
  let q = d.selectFrom('policy_documents').innerJoin('content_items as p', 'p.id', 'policy_documents.item_id')
    .select(['p.id', 'p.unit_id', 'p.published_at', 'policy_documents.requires_interpretation'])
    .where('p.status', '=', 'published');
  if (year) q = q.where('p.published_at', '>=', `${year}-01-01`).where('p.published_at', '<', `${year + 1}-01-01`);
  const policies = await q.execute();
  const firsts = policies.length
    ? await d.selectFrom('interpretation_policies').innerJoin('content_items as i', 'i.id', 'interpretation_policies.interpretation_id')
        .select(['interpretation_policies.policy_id', (eb) => eb.fn.min('i.published_at').as('first')])
        .where('i.status', '=', 'published').where('policy_id', 'in', policies.map((p) => p.id)).groupBy('interpretation_policies.policy_id').execute()
    : [];
  const byUnit = new Map<number, LagRow & { lags: number[] }>();
  for (const p of policies) {
    const row = byUnit.get(p.unit_id) ?? { unitId: p.unit_id, policies: 0, interpreted: 0, missing: 0, averageLagDays: null, maxLagDays: null, lags: [] };
    row.policies++;
    const first = firsts.find((f) => f.policy_id === p.id)?.first;
    if (first && p.published_at) {
      row.interpreted++;
      row.lags.push(Math.max(0, daysBetween(p.published_at, String(first))));
    } else if (p.requires_interpretation) row.missing++;
    byUnit.set(p.unit_id, row);
  }
  return [...byUnit.values()].map(({ lags, ...r }) => ({
    ...r,
    averageLagDays: lags.length ? Math.round((lags.reduce((a, b) => a + b, 0) / lags.length) * 10) / 10 : null,
    maxLagDays: lags.length ? Math.max(...lags) : null,
  }));
}
