import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/roles.js';
import { STAGE_LABELS, type Stage } from './chain.js';
import type { PubTrx } from './tables.js';

/** Configure the review chain for a unit and/or content kind (null = default). 保密审查 is still added where required. */
export async function setReviewChain(db: Db, actor: Actor, input: { unitId: number | null; kind: string | null; stages: Stage[] }): Promise<void> {
  authorize(actor, 'columns.manage');
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as PubTrx;
    let del = trx.deleteFrom('review_chains');
    del = input.unitId === null ? del.where('unit_id', 'is', null) : del.where('unit_id', '=', input.unitId);
    del = input.kind === null ? del.where('kind', 'is', null) : del.where('kind', '=', input.kind);
    await del.execute();
    await trx.insertInto('review_chains').values({ unit_id: input.unitId, kind: input.kind, stages_json: JSON.stringify(input.stages), updated_at: new Date().toISOString() }).execute();
    await audit({
      action: 'review_chain.set', entityType: 'review_chain', entityId: `${input.unitId ?? '*'}:${input.kind ?? '*'}`, unitId: input.unitId,
      summary: `设置审核环节：${input.stages.map((s) => STAGE_LABELS[s]).join(' → ')}`, after: input,
    });
  });
}
