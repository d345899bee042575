import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { search } from '../../platform/search/index.js';
import { runConsultCli } from './cli.js';
import { exportDate, maskPersonalData, similarQuestions } from './kb.js';
import { cdb } from './tables.js';

const CORPUS = '/work/shared/corpus/qa-replies.jsonl.gz';

/**
 * Ten real questions from the corpus (by id), each reworded by hand the way another citizen
 * might ask the same thing: other words, other order, details left out.
 */
const REWORDED: Array<[string, string]> = [
  ['2557', '研究生毕业按照人才政策把户口迁到A市了，现在打算买一套公寓，这种情况能拿到3万元购房补贴吗？'],
  ['4133', '孩子爸爸户口在外地，妈妈和孩子户口在A市，家里在市区有房，明年上小学算不算一类优先？爸爸需要把户口迁过来吗？'],
  ['6060', '恒大雅苑的房子提前还清了银行贷款，银行说他项权证一直没办下来，没法注销抵押拿房产证，房产局说还在排队，能不能快点办？想转公积金贷款。'],
  ['9065', '楚府东路跨越京珠高速那两百米左右的路面破损严重，而且改道好几年了一直没恢复直行，请路政部门尽快维修。'],
  ['18755', '长丰星城一期业主，小区是长丰集团下属的投资开发公司建的，分两期，涉及上千户的民生问题，请县领导帮忙做主。'],
  ['32781', 'B市的人才购房补贴，是不是一定要先把户口落到B市以后再买房才能领？'],
  ['45550', '燕兴华城三期2栋302住户私自搭建外挑防护栏，影响楼体外观还有安全隐患，物业只停了水电没有拆，请有关部门依法拆除。'],
  ['93338', '听说要在J11市加气站边上建垃圾处理站，旁边有农田和村庄，建议换到偏远一点的地方。'],
  ['124027', '铁塔公司没有取得国土部门审批，擅自改了选址，在我家农用地老屋场上强行建信号塔，属于未批先建，请求处理。'],
  ['176685', '上班时间打了十几次I4县医保所信息股和财务股的电话都没人接，公布了电话就该有人接听。'],
];

let t: TestApp;
let importLine = '';
beforeAll(async () => {
  t = await createTestApp({ demo: false });
  const lines: string[] = [];
  expect(await runConsultCli(t.config, ['import-qa', CORPUS], (s) => lines.push(s))).toBe(0);
  importLine = lines[0]!;
}, 180_000);
afterAll(async () => t.close());

describe('the real Q&A corpus as knowledge base', () => {
  it('loads all 2,816 records through the CLI; a second import adds nothing', async () => {
    const r = JSON.parse(importLine);
    expect(r).toMatchObject({ added: 2816, skipped: 0, invalid: 0, unreadableLines: 0 });
    console.log(`import-qa (${t.db.dialect}): ${importLine}`);
    const n = await cdb(t.db).selectFrom('consult_kb').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2816);
    const lines: string[] = [];
    await runConsultCli(t.config, ['import-qa', CORPUS], (s) => lines.push(s));
    expect(JSON.parse(lines[0]!)).toMatchObject({ added: 0, skipped: 2816 });
    // Site search finds them as kind 'qa'.
    const s = await search(t.db.kysely, t.db.dialect, { q: '他项权证', kinds: ['qa'] });
    expect(s.total).toBeGreaterThan(0);
    expect(s.hits[0]!.key).toMatch(/^qa:\d+$/);
  }, 120_000);

  it('every reworded question finds its original among the top 5 suggestions (and does better than the AND-only site search)', async () => {
    const ranks: number[] = [];
    const times: number[] = [];
    let siteTop5 = 0;
    for (const [id, q] of REWORDED) {
      const original = await cdb(t.db).selectFrom('consult_kb').select('id').where('source', '=', 'import').where('external_id', '=', id).executeTakeFirstOrThrow();
      const started = performance.now();
      const top = await similarQuestions(t.db, q, 5);
      const ms = performance.now() - started;
      expect(ms).toBeLessThan(2000);
      times.push(ms);
      const rank = top.findIndex((s) => s.id === original.id) + 1;
      ranks.push(rank);
      expect(rank, `「${q}」 should find #${id}; got ${top.map((s) => s.subject).join(' / ')}`).toBeGreaterThan(0);
      const site = await search(t.db.kysely, t.db.dialect, { q, kinds: ['qa'], pageSize: 5 });
      if (site.hits.some((h) => h.key === `qa:${original.id}`)) siteTop5++;
    }
    times.sort((a, b) => a - b);
    console.log(`similar-question ranks (${t.db.dialect}): ${ranks.join(',')}; site search top-5: ${siteTop5}/10; suggestion ms p50 ${times[4]!.toFixed(1)} max ${times[9]!.toFixed(1)}`);
    expect(siteTop5).toBeLessThanOrEqual(ranks.filter((r) => r > 0).length);
  }, 120_000);

  it('the public API suggests, lists and shows entries; suggestions are rate-limited', async () => {
    const r = await t.server.inject({ method: 'GET', url: `/api/v1/consult/kb/similar?q=${encodeURIComponent(REWORDED[5]![1])}`, remoteAddress: '10.9.0.1' });
    expect(r.statusCode).toBe(200);
    expect(r.json().items.length).toBeGreaterThan(0);
    const one = await t.server.inject({ method: 'GET', url: `/api/v1/consult/kb/${r.json().items[0].id}` });
    expect(one.json().subject).toBe(r.json().items[0].subject);
    const list = (await t.server.inject({ method: 'GET', url: '/api/v1/consult/kb?page=2' })).json();
    expect(list.total).toBe(2816);
    expect(list.items).toHaveLength(20);
    const empty = await t.server.inject({ method: 'GET', url: '/api/v1/consult/kb/similar?q=', remoteAddress: '10.9.0.2' });
    expect(empty.statusCode).toBe(400);
    let last = 0;
    for (let i = 0; i < 62; i++) last = (await t.server.inject({ method: 'GET', url: '/api/v1/consult/kb/similar?q=补贴', remoteAddress: '10.9.0.3' })).statusCode;
    expect(last).toBe(429);
  }, 60_000);

  it('reads the export\'s date formats, including a spreadsheet serial', () => {
    expect(exportDate('2019/4/25 9:32:09')).toBe('2019-04-25');
    expect(exportDate('43563.359259259261')).toBe('2019-04-08');
  });

  it('masks ID and mobile numbers in text going into the base', () => {
    expect(maskPersonalData('电话13912345678，请回电')).toBe('电话139****5678，请回电');
  });
});
