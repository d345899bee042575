import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { naturalPerson, userWith } from './test-support.js';
import { sendDueReminders } from './reminders.js';
import { runJobOnce } from '../../platform/jobs.js';

// 到期提醒: the daily job tells the unit's officers before each limit, once per application and limit.
let t: TestApp;
let unitA: number;
let officerA: Client;
let headA: Client;
let officerB: Client;

beforeAll(async () => {
  t = await createTestApp();
  unitA = await unitIdByShortName(t.db, '区教育局');
  const unitB = await unitIdByShortName(t.db, '渠沟镇');
  officerA = await userWith(t, 'rem_a', unitA, [{ role: 'foi_officer', unitId: unitA }]);
  headA = await userWith(t, 'rem_head', unitA, [{ role: 'foi_head', unitId: unitA }]);
  officerB = await userWith(t, 'rem_b', unitB, [{ role: 'foi_officer', unitId: unitB }]);
});
afterAll(async () => t.close());

const titles = async (c: Client) => ((await c.request('GET', '/api/v1/notifications')).json().items as Array<{ title: string }>).map((n) => n.title);
const register = async (receivedOn: string) => (await officerA.request('POST', '/api/v1/foi/applications', naturalPerson(unitA, { channel: 'in_person', receivedOn }))).json() as { id: number; number: string };
const step = async (id: number, path: string, body: unknown, c = officerA) => {
  const r = await c.request('POST', `/api/v1/foi/applications/${id}/${path}`, body);
  expect(r.statusCode, r.body).toBe(200);
};

describe('reminders before each limit', () => {
  it('补正 notice, reply and extended limits: within 3 working days, to the unit’s officers (and the head for extensions), once each', async () => {
    // Received Thu 2025-04-24: 补正 notice by 2025-05-07 (劳动节 in between), reply due 2025-05-26.
    const a = await register('2025-04-24');
    expect(await sendDueReminders(t.db, '2025-04-28')).toBe(0); // 5 working days before the 补正 limit
    expect(await sendDueReminders(t.db, '2025-04-30')).toBe(1); // 5-06, 5-07: 2 left
    expect(await titles(officerA)).toEqual([`${a.number} 补正告知期限 2025-05-07（还剩 2 个工作日）`]);
    expect(await sendDueReminders(t.db, '2025-04-30')).toBe(0);
    expect(await sendDueReminders(t.db, '2025-05-07')).toBe(0);

    expect(await sendDueReminders(t.db, '2025-05-20')).toBe(0);
    expect(await sendDueReminders(t.db, '2025-05-21')).toBe(2); // 5-22, 5-23, 5-26
    const reply = `${a.number} 答复期限 2025-05-26（还剩 3 个工作日）`;
    expect((await titles(officerA))[0]).toBe(reply);
    expect(await titles(headA)).toEqual([reply]); // an extension needs the head's approval before this day
    expect(await titles(officerB)).toEqual([]);
    expect(await sendDueReminders(t.db, '2025-05-26')).toBe(0);

    // After an extension the new limit is reminded of once more.
    await step(a.id, 'extension', { days: 5, approvedOn: '2025-05-23', reason: '需要调取档案' }, headA);
    expect(await sendDueReminders(t.db, '2025-05-26')).toBe(0); // due 2025-06-03 (端午节 5-31 … 6-02)
    expect(await sendDueReminders(t.db, '2025-05-29')).toBe(1);
    expect((await titles(officerA))[0]).toBe(`${a.number} 延长后的答复期限 2025-06-03（还剩 2 个工作日）`);
    expect(await sendDueReminders(t.db, '2025-06-10')).toBe(0);
  });

  it('the applicant’s supplement and fee deadlines and an opinion’s limit', async () => {
    const s = await register('2025-09-01');
    await step(s.id, 'supplement-request', { noticeOn: '2025-09-03', supplyBy: '2025-09-12', items: '请明确文件名称' });
    const f = await register('2025-09-01');
    await step(f.id, 'fee-notice', { scheme: 'per_page', quantity: 40, noticeOn: '2025-09-02' }); // pay by 2025-09-29 (9-28 is a working Sunday)
    const p = await register('2025-09-01');
    await step(p.id, 'pauses', { kind: 'third_party', party: '某某公司', sentOn: '2025-09-02' }); // answer by 2025-09-23

    const before = (await titles(officerA)).length;
    // supply-by 9-12: 3 left. The 补正 notice limit (9-10) of f (awaiting its fee) and p (awaiting an opinion) is not reminded of.
    expect(await sendDueReminders(t.db, '2025-09-09')).toBe(1);
    expect(await titles(officerA)).toHaveLength(before + 1);
    expect((await titles(officerA))[0]).toBe(`${s.number} 申请人补正期限 2025-09-12（还剩 3 个工作日）`);
    expect(await sendDueReminders(t.db, '2025-09-18')).toBe(1);
    expect((await titles(officerA))[0]).toBe(`${p.number} 「某某公司」答复意见期限 2025-09-23（还剩 3 个工作日）`);
    expect(await sendDueReminders(t.db, '2025-09-26')).toBe(1);
    expect((await titles(officerA))[0]).toBe(`${f.number} 缴费期限 2025-09-29（还剩 2 个工作日）`);
    expect(await sendDueReminders(t.db, '2025-09-26')).toBe(0);
  });

  it('a limit already passed when the job first sees it is reminded of once, as overdue; through the job runner too', async () => {
    const late = await register('2025-10-09');
    const job = { name: 'foi-reminders-test', schedule: '0 8 * * *', run: async () => void (await sendDueReminders(t.db, '2025-11-20')) };
    expect(await runJobOnce(t.db, job)).toBe(true);
    const mine = (await titles(officerA)).filter((x) => x.startsWith(late.number));
    expect(mine).toEqual([`${late.number} 答复期限 2025-11-05（已逾期 11 个工作日）`]);
    expect(await runJobOnce(t.db, job)).toBe(true);
    expect((await titles(officerA)).filter((x) => x.startsWith(late.number))).toHaveLength(1);
  });

  it('once decided, the reply limit is no longer the head’s concern (no extension to approve)', async () => {
    const d = await register('2025-10-09');
    await step(d.id, 'decide', { outcome: 'granted', decidedOn: '2025-10-20', note: '' });
    expect(await sendDueReminders(t.db, '2025-11-03')).toBe(1);
    expect((await titles(officerA))[0]).toBe(`${d.number} 答复期限 2025-11-05（还剩 2 个工作日）`);
    expect((await titles(headA)).some((x) => x.startsWith(d.number))).toBe(false);
  });
});
