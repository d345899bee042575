import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { naturalPerson, userWith } from './test-support.js';
import { applicationRecords } from './report-source.js';

// 不予受理 of online submissions that are not applications (foi.md, art. 31: never received).
let t: TestApp;
let unitA: number;
let officerA: Client;
let officerB: Client;
let ip = 0;
const submit = async (extra: Record<string, unknown> = {}) => {
  const r = await t.server.inject({ method: 'POST', url: '/api/v1/foi/applications', remoteAddress: `10.1.0.${++ip}`, payload: naturalPerson(unitA, extra) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { number: string; trackingCode: string };
};
const idOf = async (number: string) => ((await officerA.request('GET', `/api/v1/foi/applications?q=${number}`)).json().items as Array<{ id: number }>)[0]!.id;

beforeAll(async () => {
  t = await createTestApp();
  unitA = await unitIdByShortName(t.db, '区教育局');
  const unitB = await unitIdByShortName(t.db, '渠沟镇');
  officerA = await userWith(t, 'rej_a', unitA, [{ role: 'foi_officer', unitId: unitA }]);
  officerB = await userWith(t, 'rej_b', unitB, [{ role: 'foi_officer', unitId: unitB }]);
});
afterAll(async () => t.close());

describe('rejecting an online submission before accepting it', () => {
  it('records the reason, shows it on the tracking page, starts no clock, and never counts as received', async () => {
    const c = await submit({ description: '优惠促销，点击链接领取大奖！！！' });
    const id = await idOf(c.number);
    const r = await officerA.request('POST', `/api/v1/foi/applications/${id}/reject`, { kind: 'not_an_application', note: '广告信息' });
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json();
    expect(a).toMatchObject({ status: 'rejected', receivedOn: null, dueDate: null, workingDaysLeft: null, nextLimit: null, rejection: { kind: 'not_an_application', reason: '不是政府信息公开申请（如广告、测试或无实际内容）：广告信息' } });
    expect(a.events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'reject']);

    // The applicant sees it (API and the no-JS portal page).
    const tr = (await t.server.inject({ method: 'POST', url: '/api/v1/foi/track', remoteAddress: '10.1.1.1', payload: { number: c.number, code: c.trackingCode } })).json();
    expect(tr).toMatchObject({ status: 'rejected', statusLabel: '未予受理', receivedOn: null, dueDate: null, rejection: { reason: '不是政府信息公开申请（如广告、测试或无实际内容）：广告信息' } });
    const page = await t.server.inject({ method: 'POST', url: '/xxgk/apply/track', remoteAddress: '10.1.1.2', payload: `number=${c.number}&code=${c.trackingCode}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('未予受理：不是政府信息公开申请');

    // Closed: no accepting afterwards, not in the overdue list, not in report section 三.
    expect((await officerA.request('POST', `/api/v1/foi/applications/${id}/accept`, {})).json().error.code).toBe('invalid_state');
    expect((await officerA.request('POST', `/api/v1/foi/applications/${id}/reject`, { kind: 'unreadable' })).json().error.code).toBe('invalid_state');
    const records = await applicationRecords(t.db, { unitId: unitA, receivedUpTo: '2999-12-31', repliedFrom: '2000-01-01' });
    expect(records).toHaveLength(0);

    const audit = await t.db.kysely.selectFrom('audit_log').select(['action', 'summary', 'actor_name']).where('entity_type', '=', 'foi_application').where('entity_id', '=', String(id)).where('action', '=', 'foi.reject').executeTakeFirstOrThrow();
    expect(audit.summary).toContain('不予受理');
    expect(audit.actor_name).toContain('rej_a');
  });

  it('only online submissions still awaiting acceptance, only by the unit’s officers, only for a listed reason', async () => {
    const c = await submit();
    const id = await idOf(c.number);
    expect((await officerB.request('POST', `/api/v1/foi/applications/${id}/reject`, { kind: 'duplicate_submission' })).statusCode).toBe(404);
    const bad = await officerA.request('POST', `/api/v1/foi/applications/${id}/reject`, { kind: 'too_boring' });
    expect(bad.statusCode).toBe(400);
    expect((await officerA.request('GET', `/api/v1/foi/applications/${id}`)).json().status).toBe('submitted');
    const registered = (await officerA.request('POST', '/api/v1/foi/applications', naturalPerson(unitA, { channel: 'in_person', receivedOn: '2025-03-03' }))).json().id;
    expect((await officerA.request('POST', `/api/v1/foi/applications/${registered}/reject`, { kind: 'duplicate_submission' })).json().error.code).toBe('invalid_state');
    // An accepted application counts once received: it is decided (e.g. 不予处理：重复申请), not rejected.
    await officerA.request('POST', `/api/v1/foi/applications/${id}/accept`, {});
    expect((await officerA.request('POST', `/api/v1/foi/applications/${id}/reject`, { kind: 'duplicate_submission' })).json().error.code).toBe('invalid_state');
    expect(await applicationRecords(t.db, { unitId: unitA, receivedUpTo: '2999-12-31', repliedFrom: '2000-01-01' })).toHaveLength(2);
  });
});
