import type { Db } from './db/index.js';
import { systemActor, type Actor } from './actor.js';
import { appendAudit } from './audit/audit.js';
import { creditCodeCheckChar } from './checks.js';
import { createUnit, type UnitKind } from './units/units.js';
import { seedDefaultColumns } from '../modules/publishing/columns.js';

/**
 * The demo district (演示数据): 相山区 of 淮北市 (division code 340603) with every unit named in
 * ../shared/seed/work-plan-2025.txt. Credit codes are synthetic but pass the GB 32100 check.
 * Everything here is flagged is_demo and goes away with `npx gongkai demo remove`.
 */
type DemoUnit = [name: string, shortName: string, kind: UnitKind, docPrefix: string, phone: string];

const GOVERNMENT: DemoUnit = ['相山区人民政府', '区政府', 'government', '相政', '0561-3000000'];
const CHILDREN: DemoUnit[] = [
  ['相山区人民政府办公室', '区政府办', 'office', '相政办', '0561-3000001'],
  ['相山区发展和改革委员会', '区发改委', 'department', '相发改', '0561-3000010'],
  ['相山区财政局', '区财政局', 'department', '相财', '0561-3000011'],
  ['相山区司法局', '区司法局', 'department', '相司', '0561-3000012'],
  ['相山区商务局', '区商务局', 'department', '相商', '0561-3000013'],
  ['相山区文化旅游体育局', '区文化旅游体育局', 'department', '相文旅体', '0561-3000014'],
  ['相山区数据资源管理局', '区数据资源局', 'department', '相数据', '0561-3000015'],
  ['相山区投资促进局', '区投资促进局', 'department', '相投促', '0561-3000016'],
  ['相山区人力资源和社会保障局', '区人社局', 'department', '相人社', '0561-3000017'],
  ['相山区住房和城乡建设局', '区住建局', 'department', '相住建', '0561-3000018'],
  ['相山区教育局', '区教育局', 'department', '相教', '0561-3000019'],
  ['相山区卫生健康委员会', '区卫健委', 'department', '相卫健', '0561-3000020'],
  ['淮北市相山区生态环境分局', '区生态环境分局', 'department', '相环', '0561-3000021'],
  ['相山区民政局', '区民政局', 'department', '相民', '0561-3000022'],
  ['相山区农业农村水利局', '区农水局', 'department', '相农水', '0561-3000023'],
  ['相山区市场监督管理局', '区市场监管局', 'department', '相市监', '0561-3000024'],
  ['相山经济开发区管理委员会', '经开区', 'zone', '相经开', '0561-3000030'],
  ['相山区渠沟镇人民政府', '渠沟镇', 'town', '渠政', '0561-3000040'],
  ['相山区相南街道办事处', '相南街道', 'town', '相南办', '0561-3000041'],
  ['相山区东山街道办事处', '东山街道', 'town', '东山办', '0561-3000042'],
  ['相山区三堤口街道办事处', '三堤口街道', 'town', '三堤口办', '0561-3000043'],
  ['相山区曲阳街道办事处', '曲阳街道', 'town', '曲阳办', '0561-3000044'],
  ['相山区任圩街道办事处', '任圩街道', 'town', '任圩办', '0561-3000045'],
  ['相山区人民医院', '区人民医院', 'enterprise', '', '0561-3000060'],
  ['相山区城市建设投资有限公司', '区城投公司', 'enterprise', '', '0561-3000061'],
];

function demoCreditCode(kind: UnitKind, n: number): string {
  // 11 = 机关, 12 = 事业单位, 91 = 企业; 340603 = 相山区
  const prefix = kind === 'enterprise' ? (n % 2 === 0 ? '12' : '91') : '11';
  const first17 = `${prefix}340603MB${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

export async function seedDemoDistrict(db: Db): Promise<void> {
  const system = systemActor('demo');
  const create = (u: DemoUnit, i: number, parentId: number | null) =>
    createUnit(
      db,
      system,
      {
        name: u[0], shortName: u[1], kind: u[2], docCodePrefix: u[3], contactPhone: u[4], creditCode: demoCreditCode(u[2], i),
        contactAddress: '安徽省淮北市相山区（演示地址）', contactEmail: '', parentId, active: true, sortOrder: i * 10,
      },
      { isDemo: true },
    );
  const gov = await create(GOVERNMENT, 0, null);
  for (const [i, u] of CHILDREN.entries()) await create(u, i + 1, gov.id);
  await seedDefaultColumns(db);
  await db.kysely.insertInto('settings').values({
    key: 'site',
    value_json: JSON.stringify({
      siteName: '相山区人民政府（演示）', hostUnit: '相山区人民政府办公室', siteCode: '3406030001', icp: '演示站点，无备案号', psb: '',
      contactPhone: '0561-3000001', contactEmail: '', address: '安徽省淮北市相山区（演示地址）',
    }),
    updated_at: new Date().toISOString(),
  }).onConflict((oc) => oc.column('key').doNothing()).execute();
}

/** Remove demo data. Units that real (non-demo) users belong to stay, no longer marked demo. */
export async function removeDemoData(db: Db, actor: Actor = systemActor()): Promise<{ removedUnits: number; keptUnits: string[] }> {
  const dialect = db.dialect;
  return db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('users').where('is_demo', '=', 1).execute();
    const demo = await trx.selectFrom('units').select(['id', 'name', 'parent_id']).where('is_demo', '=', 1).execute();
    const used = new Set<number | null>((await trx.selectFrom('users').select('unit_id').distinct().execute()).map((r) => r.unit_id));
    // Real units created under a demo parent keep that parent.
    for (const r of await trx.selectFrom('units').select('parent_id').where('is_demo', '=', 0).execute()) used.add(r.parent_id);
    // A kept unit keeps its ancestors too.
    const keep = new Set<number>();
    const byId = new Map(demo.map((u) => [u.id, u]));
    for (const u of demo) {
      if (!used.has(u.id)) continue;
      for (let cur: typeof u | undefined = u; cur && !keep.has(cur.id); cur = cur.parent_id ? byId.get(cur.parent_id) : undefined) keep.add(cur.id);
    }
    const remove = demo.filter((u) => !keep.has(u.id)).map((u) => u.id);
    if (keep.size) await trx.updateTable('units').set({ is_demo: 0 }).where('id', 'in', [...keep]).execute();
    // Children first: delete deepest units before their parents.
    for (let left = remove; left.length; ) {
      const parents = new Set((await trx.selectFrom('units').select('parent_id').where('id', 'in', left).execute()).map((r) => r.parent_id));
      const leaves = left.filter((id) => !parents.has(id));
      await trx.deleteFrom('role_grants').where('unit_id', 'in', leaves).execute();
      await trx.deleteFrom('units').where('id', 'in', leaves).execute();
      left = left.filter((id) => !leaves.includes(id));
      if (!leaves.length) break;
    }
    const keptUnits = demo.filter((u) => keep.has(u.id)).map((u) => u.name);
    await appendAudit(trx, dialect, actor, {
      action: 'demo.remove', entityType: 'demo', entityId: 'district', summary: `删除演示数据：${remove.length} 个单位，保留 ${keptUnits.length} 个有正式用户的单位`, after: { keptUnits },
    });
    return { removedUnits: remove.length, keptUnits };
  });
}
