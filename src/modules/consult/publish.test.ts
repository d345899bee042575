import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { search } from '../../platform/search/index.js';
import { anon, token, userWith } from './test-support.js';
import { similarQuestions } from './kb.js';
import { cdb } from './tables.js';

let t: TestApp;
let unitA: number;
let handler: Client;
let editor: Client;
let first: Client;
let final: Client;
let office: Client;

beforeAll(async () => {
  t = await createTestApp();
  unitA = await unitIdByShortName(t.db, '区人社局');
  handler = await userWith(t, 'q_h', unitA, [{ role: 'consult_handler', unitId: unitA }]);
  editor = await userWith(t, 'q_ed', unitA, [{ role: 'editor', unitId: unitA }, { role: 'consult_handler', unitId: unitA }]);
  first = await userWith(t, 'q_r1', unitA, [{ role: 'reviewer_first', unitId: unitA }]);
  final = await userWith(t, 'q_r3', unitA, [{ role: 'reviewer_final', unitId: unitA }]);
  office = await userWith(t, 'q_sup', unitA, [{ role: 'supervisor', unitId: null }]);
});
afterAll(async () => t.close());

async function answered(consent: boolean) {
  const c = (await anon(t, 'POST', '/api/v1/consult/questions', {
    topic: '就业创业', unitId: unitA, name: '李建国', phone: '13912345678', email: 'li@example.com', consentPublish: consent, idempotencyKey: token(),
    question: '我叫李建国，身份证号码后面再补，电话13912345678。请问退役军人自主创业能否享受税收减免政策？',
  })).json();
  const q = await cdb(t.db).selectFrom('consult_questions').select('id').where('number', '=', c.number).executeTakeFirstOrThrow();
  await handler.request('POST', `/api/v1/consult/questions/${q.id}/reply`, { text: '李建国您好：自主就业退役士兵从事个体经营的，可按每户每年 20000 元限额依次扣减税费，详询区税务局。' });
  await anon(t, 'POST', '/api/v1/consult/rate', { number: c.number, code: c.trackingCode, rating: 'satisfied', comment: '' });
  return { ...c, id: q.id };
}

describe('publishing a Q&A through the pipeline', () => {
  it('is refused without the asker\'s consent', async () => {
    const q = await answered(false);
    const r = await editor.request('POST', `/api/v1/consult/questions/${q.id}/qa`, {});
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('consent_required');
  });

  it('with consent: de-identified draft → 初审 → 终审 → published into the knowledge base and search; withdrawal takes it out', async () => {
    const q = await answered(true);
    const proposal = (await editor.request('GET', `/api/v1/consult/questions/${q.id}/qa-proposal`)).json();
    expect(proposal.question).not.toContain('13912345678');
    expect(proposal.question).toContain('139****5678');
    expect(proposal.question + proposal.answer).not.toContain('李建国');
    expect((await handler.request('POST', `/api/v1/consult/questions/${q.id}/qa`, {})).statusCode).toBe(403);
    const d = await editor.request('POST', `/api/v1/consult/questions/${q.id}/qa`, { subject: '退役军人自主创业税收减免' });
    expect(d.statusCode, d.body).toBe(201);
    const item = d.json();
    expect(item).toMatchObject({ kind: 'qa', status: 'draft', title: '退役军人自主创业税收减免' });
    // Not public before publication.
    expect((await similarQuestions(t.db, '退役军人创业税收减免')).length).toBe(0);
    const again = await editor.request('POST', `/api/v1/consult/questions/${q.id}/qa`, {});
    expect(again.json().error.code).toBe('qa_exists');

    // An editor who puts a phone number back cannot submit it.
    await editor.request('PUT', `/api/v1/consult/qa/${item.id}`, { subject: '退役军人自主创业税收减免', question: '电话 13912345678 的问题：退役军人自主创业能否减税？', answer: proposal.answer });
    const refused = await editor.request('POST', `/api/v1/items/${item.id}/submit`);
    expect(refused.json().error.code).toBe('personal_data_found');
    await editor.request('PUT', `/api/v1/consult/qa/${item.id}`, { subject: '退役军人自主创业税收减免', question: '请问退役军人自主创业能否享受税收减免政策？', answer: proposal.answer });

    expect((await editor.request('POST', `/api/v1/items/${item.id}/submit`)).statusCode).toBe(200);
    expect((await first.request('POST', `/api/v1/items/${item.id}/decision`, { decision: 'approve' })).statusCode).toBe(200);
    expect((await final.request('POST', `/api/v1/items/${item.id}/decision`, { decision: 'approve' })).statusCode).toBe(200);
    const p = await final.request('POST', `/api/v1/items/${item.id}/publish`, {});
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json().indexNo).toBeTruthy();

    const kb = await cdb(t.db).selectFrom('consult_kb').selectAll().where('item_id', '=', item.id).executeTakeFirstOrThrow();
    expect(kb.status).toBe('published');
    expect(kb.question).toBe('请问退役军人自主创业能否享受税收减免政策？');
    const page = await t.server.inject(`/interact/consult/kb/${kb.id}`);
    expect(page.statusCode).toBe(200);
    for (const secret of ['13912345678', 'li@example.com', '李建国']) expect(page.body).not.toContain(secret);
    const redirect = await t.server.inject(`/interact/consult/qa/${item.id}`);
    expect(redirect.headers.location).toBe(`/interact/consult/kb/${kb.id}`);
    const sugg = await similarQuestions(t.db, '退役士兵自己创业有没有税收优惠');
    expect(sugg[0]!.id).toBe(kb.id);
    const s = await search(t.db.kysely, t.db.dialect, { q: '退役军人', kinds: ['qa'] });
    expect(s.hits.map((h) => h.key)).toContain(`item:${item.id}`);

    const w = await final.request('POST', `/api/v1/items/${item.id}/withdraw`, { reason: '政策已调整' });
    expect(w.statusCode).toBe(200);
    expect((await t.server.inject(`/interact/consult/kb/${kb.id}`)).statusCode).toBe(404);
    expect((await similarQuestions(t.db, '退役士兵自己创业有没有税收优惠')).map((x) => x.id)).not.toContain(kb.id);
  });

  it('statistics per unit: received, answered in time, average working days, satisfaction; unit staff see their own unit', async () => {
    const s = (await office.request('GET', '/api/v1/consult/stats')).json();
    const a = s.units.find((u: { unitId: number }) => u.unitId === unitA);
    expect(a).toMatchObject({ received: 2, answered: 2, answeredInTime: 2, inTimeRate: 1, avgWorkingDays: 0, satisfied: 2, satisfactionRate: 1 });
    expect(s.total.received).toBe(2);
    const mine = (await handler.request('GET', '/api/v1/consult/stats')).json();
    expect(mine.units.every((u: { unitId: number }) => u.unitId === unitA)).toBe(true);
    const pub = await t.server.inject('/interact/consult/stats');
    expect(pub.body).toContain('全区共收到政策咨询 2 件');
    expect(pub.body).toContain('<svg class="bar-chart" role="img"');
  });
});
