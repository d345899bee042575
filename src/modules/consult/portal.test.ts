import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { systemActor } from '../../platform/actor.js';
import { userWith } from './test-support.js';
import { importQa } from './kb.js';
import { cdb } from './tables.js';

let t: TestApp;
let unitA: number;
let handler: Client;
let ip = 0;
const form = (url: string, fields: Record<string, string>, remoteAddress = `10.8.${Math.floor(++ip / 250)}.${ip % 250}`) =>
  t.server.inject({ method: 'POST', url, remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
const tokenOf = (html: string) => /name="form_token" value="([^"]+)"/.exec(html)![1]!;

beforeAll(async () => {
  t = await createTestApp();
  unitA = await unitIdByShortName(t.db, '区人社局');
  handler = await userWith(t, 'p_zx', unitA, [{ role: 'consult_handler', unitId: unitA }]);
  await importQa(t.db, systemActor('test'), [
    { id: 'k1', subject: '灵活就业人员社保补贴怎么申请', askedAt: '2024/3/1 9:00:00', question: '我是灵活就业人员，想问社会保险补贴怎么申请，需要哪些材料？', reply: '灵活就业的就业困难人员可申请社会保险补贴，请携带身份证到街道劳动保障所申请。', repliedAt: '2024/3/5 10:00:00' },
    { id: 'k2', subject: '小区垃圾清运不及时', askedAt: '2024/3/2 9:00:00', question: '小区垃圾好几天没人清运。', reply: '已督促物业公司每日清运。', repliedAt: '2024/3/6 10:00:00' },
  ]);
});
afterAll(async () => t.close());

describe('consultation on the portal (no JavaScript)', () => {
  it('the 互动交流 hub replaces the placeholder and links every section', async () => {
    const r = await t.server.inject('/interact/');
    expect(r.statusCode).toBe(200);
    for (const href of ['/interact/consult', '/interact/drafts', '/interact/decisions', '/interact/meetings', '/interact/open-days']) expect(r.body).toContain(`href="${href}"`);
    expect(r.body).not.toContain('栏目正在建设中');
  });

  it('「查找相似问题」 shows published answers server-side, keeping what was typed', async () => {
    const page = await t.server.inject('/interact/consult/ask');
    expect(page.body).toContain('<label class="block" for="f-question">');
    const r = await form('/interact/consult/ask', { form_token: tokenOf(page.body), action: 'similar', topic: '社会保障', question: '灵活就业的人社保补贴要怎么申请' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('相似问题的已公开答复');
    expect(r.body).toContain('灵活就业人员社保补贴怎么申请');
    expect(r.body).toContain('灵活就业的人社保补贴要怎么申请</textarea>');
    expect(await cdb(t.db).selectFrom('consult_questions').select('id').execute()).toHaveLength(0);
  });

  it('errors come back in text with a summary; a valid question gets a number and code once even if posted twice', async () => {
    const page = await t.server.inject('/interact/consult/ask');
    const bad = await form('/interact/consult/ask', { form_token: tokenOf(page.body), action: 'submit', topic: '', question: '短', phone: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('提交未成功');
    expect(bad.body).toContain('aria-invalid="true"');
    const fields = { form_token: tokenOf(page.body), action: 'submit', topic: '社会保障', question: '请问灵活就业人员申请社保补贴需要满足什么条件？', phone: '13800001111', consentPublish: '1', unitId: String(unitA) };
    const ok = await form('/interact/consult/ask', fields);
    expect(ok.statusCode).toBe(201);
    const number = /id="consult-number">([^<]+)</.exec(ok.body)![1]!;
    const code = /id="tracking-code">([^<]+)</.exec(ok.body)![1]!;
    const twice = await form('/interact/consult/ask', fields);
    expect(twice.statusCode).toBe(200);
    expect(twice.body).toContain('重复提交不会生成新的咨询');
    expect(await cdb(t.db).selectFrom('consult_questions').select('id').execute()).toHaveLength(1);

    const cross = await t.server.inject({ method: 'POST', url: '/interact/consult/ask', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, payload: new URLSearchParams({ ...fields, form_token: 'x'.repeat(20) }).toString() });
    expect(cross.statusCode).toBe(403);

    // track, reply, rate 不满意 with a reason → reopened
    const none = await form('/interact/consult/track', { number, code });
    expect(none.body).toContain('办理中');
    const q = await cdb(t.db).selectFrom('consult_questions').select('id').where('number', '=', number).executeTakeFirstOrThrow();
    await handler.request('POST', `/api/v1/consult/questions/${q.id}/reply`, { text: '就业困难人员灵活就业后可申请社保补贴。' });
    const tracked = await form('/interact/consult/track', { number, code });
    expect(tracked.body).toContain('就业困难人员灵活就业后可申请社保补贴。');
    expect(tracked.body).toContain('评价答复');
    const noReason = await form('/interact/consult/rate', { number, code, rating: 'unsatisfied', comment: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('请说明原因');
    const rated = await form('/interact/consult/rate', { number, code, rating: 'unsatisfied', comment: '没写需要什么材料' });
    expect(rated.statusCode).toBe(200);
    expect(rated.body).toContain('重新办理');
    const wrong = await form('/interact/consult/track', { number, code: 'AAAA-AAAA-AAAA-AAAA' });
    expect(wrong.statusCode).toBe(404);
  });

  it('knowledge base pages: list, similar search, entry, script served as a static file', async () => {
    const list = await t.server.inject('/interact/consult/kb');
    expect(list.body).toContain('共 2 条问答');
    const s = await t.server.inject(`/interact/consult/kb?q=${encodeURIComponent('垃圾清运')}`);
    expect(s.body).toContain('小区垃圾清运不及时');
    const id = (await cdb(t.db).selectFrom('consult_kb').select('id').where('external_id', '=', 'k2').executeTakeFirstOrThrow()).id;
    const e = await t.server.inject(`/interact/consult/kb/${id}`);
    expect(e.body).toContain('已督促物业公司每日清运。');
    expect((await t.server.inject('/interact/consult/kb/999999')).statusCode).toBe(404);
    const js = await t.server.inject('/static/consult-similar.js');
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.body).toContain('/api/v1/consult/kb/similar');
  });
});
