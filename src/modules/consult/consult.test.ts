import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { loadCalendar } from '../../platform/calendar/store.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { anon, token, userWith } from './test-support.js';
import { afterRating, replyDueDate } from './rules.js';
import { cdb } from './tables.js';

let t: TestApp;
let unitA: number;
let unitB: number;
let handlerA: Client;
let handlerA2: Client;
let handlerB: Client;
let reviewerA: Client;
let office: Client;

const ask = (extra: Record<string, unknown> = {}) => ({
  topic: '就业创业', question: '请问高校毕业生在本区创业可以申请哪些补贴，需要什么材料？', name: '王女士', phone: '13912345678', consentPublish: true, ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  unitA = await unitIdByShortName(t.db, '区人社局');
  unitB = await unitIdByShortName(t.db, '区教育局');
  handlerA = await userWith(t, 'zx_a', unitA, [{ role: 'consult_handler', unitId: unitA }]);
  handlerA2 = await userWith(t, 'zx_a2', unitA, [{ role: 'consult_handler', unitId: unitA }]);
  handlerB = await userWith(t, 'zx_b', unitB, [{ role: 'consult_handler', unitId: unitB }]);
  reviewerA = await userWith(t, 'zx_rev', unitA, [{ role: 'reviewer_first', unitId: unitA }]);
  office = await userWith(t, 'zx_office', unitA, [{ role: 'supervisor', unitId: null }]);
});
afterAll(async () => t.close());

describe('rules', () => {
  it('reply deadline is N working days after receipt, skipping weekends and holidays', async () => {
    const cal = await loadCalendar(t.db);
    // 2025-09-30 (Tue) + 5 working days: 10-01..10-08 are the National Day holiday, 10-11 (Sat) is a make-up workday:
    // 10-09, 10-10, 10-11, 10-13, 10-14.
    expect(replyDueDate(cal, '2025-09-30', 5)).toBe('2025-10-14');
    expect(replyDueDate(cal, '2025-03-07', 5)).toBe('2025-03-14');
  });
  it('不满意 reopens once; the second rating closes whatever it is', () => {
    expect(afterRating('unsatisfied', false)).toEqual({ status: 'reopened', reopen: true });
    expect(afterRating('unsatisfied', true)).toEqual({ status: 'closed', reopen: false });
    expect(afterRating('satisfied', false)).toEqual({ status: 'closed', reopen: false });
  });
});

describe('the consultation loop over the API', () => {
  it('a citizen asks; the same idempotency key does not create a second question; due date uses the default 5 working days', async () => {
    const key = token();
    const r1 = await anon(t, 'POST', '/api/v1/consult/questions', ask({ unitId: unitA, idempotencyKey: key }));
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json().number).toMatch(/^ZX-\d{4}-\d{5}$/);
    expect(r1.json().id).toBe(0);
    const r2 = await anon(t, 'POST', '/api/v1/consult/questions', ask({ unitId: unitA, idempotencyKey: key }));
    expect(r2.statusCode).toBe(200);
    expect(r2.json()).toMatchObject({ number: r1.json().number, trackingCode: r1.json().trackingCode, replayed: true });
    const rows = await cdb(t.db).selectFrom('consult_questions').selectAll().where('number', '=', r1.json().number).execute();
    expect(rows).toHaveLength(1);
    const cal = await loadCalendar(t.db);
    expect(rows[0]!.due_on).toBe(replyDueDate(cal, chinaToday(), 5));
  });

  it('refuses bad input with Chinese messages and stable codes', async () => {
    const r = await anon(t, 'POST', '/api/v1/consult/questions', ask({ question: '太短' }));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/至少 10 个字/);
    const noContact = await anon(t, 'POST', '/api/v1/consult/questions', ask({ phone: '', email: '' }));
    expect(noContact.json().error.code).toBe('contact_required');
    const staffOnly = await anon(t, 'POST', '/api/v1/consult/questions', ask({ channel: 'phone', receivedOn: '2025-03-03' }));
    expect(staffOnly.json().error.code).toBe('staff_only_fields');
  });

  it('staff enter a phone question with its channel; units see only their own questions', async () => {
    const r = await handlerB.request('POST', '/api/v1/consult/questions', ask({ unitId: unitB, channel: 'phone', receivedOn: chinaToday(), phone: '', name: '来电群众' }));
    expect(r.statusCode, r.body).toBe(201);
    const wrong = await handlerA.request('POST', '/api/v1/consult/questions', ask({ unitId: unitB, channel: 'new_media', receivedOn: chinaToday() }));
    expect(wrong.statusCode).toBe(403);
    const listA = (await handlerA.request('GET', '/api/v1/consult/questions')).json().items as Array<{ unitId: number }>;
    expect(listA.every((i) => i.unitId === unitA)).toBe(true);
    const detail = await handlerA.request('GET', `/api/v1/consult/questions/${r.json().id}`);
    expect(detail.statusCode).toBe(404);
    const b = (await handlerB.request('GET', `/api/v1/consult/questions/${r.json().id}`)).json();
    expect(b.channelLabel).toBe('电话');
  });

  it('unassigned → assigned by the district office → transferred with reason → note → reply → 不满意 reopens once → second reply → closed', async () => {
    const c = (await anon(t, 'POST', '/api/v1/consult/questions', ask({ idempotencyKey: token() }))).json();
    const id = (await cdb(t.db).selectFrom('consult_questions').select('id').where('number', '=', c.number).executeTakeFirstOrThrow()).id;
    expect((await handlerA.request('POST', `/api/v1/consult/questions/${id}/assign`, { unitId: unitA })).statusCode).toBe(403);
    const users = await t.db.kysely.selectFrom('users').select(['id', 'username']).execute();
    const uid = (n: string) => users.find((u) => u.username === n)!.id;
    const badHandler = await office.request('POST', `/api/v1/consult/questions/${id}/assign`, { unitId: unitB, handlerId: uid('zx_a') });
    expect(badHandler.json().error.code).toBe('invalid_handler');
    const a = await office.request('POST', `/api/v1/consult/questions/${id}/assign`, { unitId: unitB, handlerId: uid('zx_b') });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ status: 'processing', unitId: unitB, handlerName: 'zx_b' });
    const noReason = await handlerB.request('POST', `/api/v1/consult/questions/${id}/transfer`, { unitId: unitA, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const tr = await handlerB.request('POST', `/api/v1/consult/questions/${id}/transfer`, { unitId: unitA, reason: '创业补贴由人社局负责' });
    expect(tr.statusCode, tr.body).toBe(200);
    expect((await handlerB.request('GET', `/api/v1/consult/questions/${id}`)).statusCode).toBe(404);
    await handlerA.request('POST', `/api/v1/consult/questions/${id}/notes`, { note: '已电话联系就业服务中心核实' });
    const rep = await handlerA.request('POST', `/api/v1/consult/questions/${id}/reply`, { text: '您好，毕业 5 年内的高校毕业生可申请一次性创业补贴 5000 元，请携带营业执照到区就业服务中心办理。' });
    expect(rep.statusCode, rep.body).toBe(200);
    expect(rep.json().status).toBe('replied');

    const track = await anon(t, 'POST', '/api/v1/consult/track', { number: c.number, code: c.trackingCode });
    expect(track.statusCode).toBe(200);
    expect(track.json().replies).toHaveLength(1);
    expect(JSON.stringify(track.json())).not.toContain('电话联系就业服务中心');
    expect(JSON.stringify(track.json())).not.toContain('人社局负责');
    const wrongCode = await anon(t, 'POST', '/api/v1/consult/track', { number: c.number, code: 'AAAA-BBBB-CCCC-DDDD' });
    expect(wrongCode.statusCode).toBe(404);

    const noWhy = await anon(t, 'POST', '/api/v1/consult/rate', { number: c.number, code: c.trackingCode, rating: 'unsatisfied' });
    expect(noWhy.json().error.code).toBe('comment_required');
    const r1 = await anon(t, 'POST', '/api/v1/consult/rate', { number: c.number, code: c.trackingCode, rating: 'unsatisfied', comment: '没有说明需要哪些材料' });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ status: 'reopened', secondRound: true });
    const again = await anon(t, 'POST', '/api/v1/consult/rate', { number: c.number, code: c.trackingCode, rating: 'satisfied' });
    expect(again.json().error.code).toBe('not_ratable');
    const rep2 = await handlerA.request('POST', `/api/v1/consult/questions/${id}/reply`, { text: '补充说明：需提供身份证、毕业证、营业执照和银行账户信息。' });
    expect(rep2.json()).toMatchObject({ status: 'replied', round: 2 });
    const r2 = await anon(t, 'POST', '/api/v1/consult/rate', { number: c.number, code: c.trackingCode, rating: 'unsatisfied', comment: '还是不清楚' });
    expect(r2.json()).toMatchObject({ status: 'closed', rating: '不满意' });
    const d = (await handlerA.request('GET', `/api/v1/consult/questions/${id}`)).json();
    expect(d.replies.map((r: { round: number }) => r.round)).toEqual([1, 2]);
    expect(d.events.filter((e: { internal: boolean }) => e.internal).map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['assigned', 'transferred', 'note']));
    const audit = await t.db.kysely.selectFrom('audit_log').select('action').where('entity_type', '=', 'consult_question').where('entity_id', '=', String(id)).execute();
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['consult.question.assign', 'consult.question.transfer', 'consult.reply.write', 'consult.question.rate']));
  });

  it('where the unit requires review, the reply waits for a reviewer who is not its author; a return sends it back', async () => {
    const s = await office.request('PUT', '/api/v1/consult/settings', { unitId: unitA, replyDays: 3, reviewRequired: true });
    expect(s.statusCode, s.body).toBe(200);
    expect((await handlerA.request('PUT', '/api/v1/consult/settings', { unitId: unitA, replyDays: 9, reviewRequired: false })).statusCode).toBe(403);
    const c = (await anon(t, 'POST', '/api/v1/consult/questions', ask({ unitId: unitA }))).json();
    const q = await cdb(t.db).selectFrom('consult_questions').selectAll().where('number', '=', c.number).executeTakeFirstOrThrow();
    expect(q.due_on).toBe(replyDueDate(await loadCalendar(t.db), q.received_on, 3));
    const w = await handlerA.request('POST', `/api/v1/consult/questions/${q.id}/reply`, { text: '请到区就业服务中心咨询具体办理流程。' });
    expect(w.json().status).toBe('in_review');
    expect((await anon(t, 'POST', '/api/v1/consult/track', { number: c.number, code: c.trackingCode })).json().replies).toHaveLength(0);
    const ret = await reviewerA.request('POST', `/api/v1/consult/questions/${q.id}/review`, { decision: 'return', comment: '请写明地址和电话' });
    expect(ret.json().status).toBe('processing');
    await handlerA2.request('POST', `/api/v1/consult/questions/${q.id}/reply`, { text: '请到区就业服务中心（人民路 1 号）咨询，电话 0561-3000000。' });
    const ok = await reviewerA.request('POST', `/api/v1/consult/questions/${q.id}/review`, { decision: 'approve' });
    expect(ok.json().status).toBe('replied');
    const tr = (await anon(t, 'POST', '/api/v1/consult/track', { number: c.number, code: c.trackingCode })).json();
    expect(tr.replies.map((r: { text: string }) => r.text)).toEqual(['请到区就业服务中心（人民路 1 号）咨询，电话 0561-3000000。']);
    await office.request('PUT', '/api/v1/consult/settings', { unitId: unitA, replyDays: 5, reviewRequired: false });
  });

  it('overdue list: a question received 10 working days ago and unanswered is overdue', async () => {
    const cal = await loadCalendar(t.db);
    let d = chinaToday();
    for (let i = 0; i < 12; i++) d = new Date(Date.parse(`${d}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
    const r = await handlerA.request('POST', '/api/v1/consult/questions', ask({ unitId: unitA, channel: 'in_person', receivedOn: d }));
    expect(r.statusCode, r.body).toBe(201);
    const o = (await office.request('GET', '/api/v1/consult/overdue')).json();
    const item = o.items.find((i: { id: number }) => i.id === r.json().id);
    expect(item.overdue).toBe(true);
    expect(item.daysLeft).toBeLessThan(0);
    expect(item.dueOn).toBe(replyDueDate(cal, d, 5));
    expect(o.byUnit.find((u: { unitId: number }) => u.unitId === unitA).overdue).toBeGreaterThanOrEqual(1);
  });
});

describe('reminders', () => {
  it('the daily job reminds once per question and round: overdue ones as overdue; handlers see their unit only', async () => {
    const { createReminders } = await import('./reminders.js');
    const n1 = await createReminders(t.db);
    expect(n1).toBeGreaterThanOrEqual(1);
    expect(await createReminders(t.db)).toBe(0);
    const mine = (await handlerA.request('GET', '/api/v1/consult/reminders')).json().items as Array<{ unitId: number; kind: string }>;
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine.every((r) => r.unitId === unitA)).toBe(true);
    expect(mine.some((r) => r.kind === 'overdue')).toBe(true);
    const b = (await handlerB.request('GET', '/api/v1/consult/reminders')).json().items as Array<{ unitId: number }>;
    expect(b.every((r) => r.unitId === unitB)).toBe(true);
  });
});
