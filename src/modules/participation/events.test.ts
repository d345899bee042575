import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { anon, token, userWith } from '../consult/test-support.js';
import { shiftDate } from './rules.js';
import { pdb } from './tables.js';

let t: TestApp;
let office: number;
let editor: Client;
let outsider: Client;
const today = chinaToday();
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

beforeAll(async () => {
  t = await createTestApp();
  office = await unitIdByShortName(t.db, '区政府办');
  editor = await userWith(t, 'ev_ed', office, [{ role: 'editor', unitId: office }]);
  outsider = await userWith(t, 'ev_out', office, [{ role: 'consult_handler', unitId: office }]);
});
afterAll(async () => t.close());

describe('重大行政决策事项目录', () => {
  it('is published for a year, adjusted with reasons, and the public sees the published state and its history', async () => {
    expect((await outsider.request('POST', '/api/v1/participation/catalogs', { year: 2026, unitId: office })).statusCode).toBe(403);
    const c = (await editor.request('POST', '/api/v1/participation/catalogs', { year: 2026, unitId: office })).json();
    const e1 = await editor.request('POST', `/api/v1/participation/catalogs/${c.id}/entries`, { name: '编制城区公共停车设施专项规划', leadUnitId: office, basis: '《重大行政决策程序暂行条例》第三条', plannedTime: '2026年9月', stage: '起草' });
    expect(e1.statusCode, e1.body).toBe(201);
    expect((await t.server.inject('/interact/decisions')).body).toContain('目录尚未公布');
    expect((await editor.request('POST', `/api/v1/participation/catalogs/${c.id}/publish`)).statusCode).toBe(200);
    // After publication every adjustment needs a reason and stays unpublic until the next publication.
    const noReason = await editor.request('POST', `/api/v1/participation/catalogs/${c.id}/entries`, { name: '调整公交线网', leadUnitId: office, basis: '区政府常务会议纪要', plannedTime: '2026年12月' });
    expect(noReason.json().error.code).toBe('reason_required');
    await editor.request('POST', `/api/v1/participation/catalogs/${c.id}/entries`, { name: '调整公交线网', leadUnitId: office, basis: '区政府常务会议纪要', plannedTime: '2026年12月', reason: '根据年中工作安排增补' });
    await editor.request('PUT', `/api/v1/participation/entries/${e1.json().id}`, { name: '编制城区公共停车设施专项规划', leadUnitId: office, basis: '《重大行政决策程序暂行条例》第三条', plannedTime: '2026年9月', stage: '公众参与', reason: '草案公开征求意见' });
    let page = (await t.server.inject('/interact/decisions')).body;
    expect(page).toContain('编制城区公共停车设施专项规划');
    expect(page).not.toContain('调整公交线网');
    await editor.request('POST', `/api/v1/participation/catalogs/${c.id}/publish`);
    page = (await t.server.inject('/interact/decisions')).body;
    expect(page).toContain('调整公交线网');
    expect(page).toContain('根据年中工作安排增补');
    expect(page).toContain('第 2 版');
  });
});

describe('列席会议', () => {
  it('announcement → applications (one per phone) → selection within seats → attendee list and opinions public', async () => {
    const m = (await editor.request('POST', '/api/v1/participation/meetings', { unitId: office, title: '区政府第 12 次常务会议', meetingAt: `${shiftDate(today, 10)}T09:00`, location: '区政府 3 楼会议室', topics: '研究城区停车收费调整方案', applyEndOn: shiftDate(today, 5), seats: 1 })).json();
    const a1 = await anon(t, 'POST', `/api/v1/participation/meetings/${m.id}/applications`, { name: '赵市民', phone: '13900000001', identity: '社区居民', reason: '关心停车收费，希望反映居民意见', idempotencyKey: token() });
    expect(a1.statusCode, a1.body).toBe(201);
    expect((await anon(t, 'POST', `/api/v1/participation/meetings/${m.id}/applications`, { name: '赵市民', phone: '13900000001', reason: '再报一次试试看', idempotencyKey: token() })).json().error.code).toBe('already_applied');
    await anon(t, 'POST', `/api/v1/participation/meetings/${m.id}/applications`, { name: '钱代表', phone: '13900000002', identity: '企业代表', reason: '商户停车需求较大' });
    const apps = (await editor.request('GET', `/api/v1/participation/meetings/${m.id}`)).json().applications;
    expect((await editor.request('POST', `/api/v1/participation/meetings/${m.id}/select`, { applicationIds: apps.map((a: { id: number }) => a.id) })).json().error.code).toBe('too_many_selected');
    expect((await editor.request('POST', `/api/v1/participation/meetings/${m.id}/select`, { applicationIds: [apps[0].id] })).statusCode).toBe(200);
    expect((await editor.request('POST', `/api/v1/participation/meetings/${m.id}/record`, { record: '会议研究通过停车收费调整方案。', attendees: [{ applicationId: apps[1].id, attended: true, opinion: 'x' }] })).json().error.code).toBe('invalid_application');
    await editor.request('POST', `/api/v1/participation/meetings/${m.id}/record`, { record: '会议研究通过停车收费调整方案。', attendees: [{ applicationId: apps[0].id, attended: true, opinion: '建议居民区夜间停车免费' }] });
    const page = (await t.server.inject(`/interact/meetings/${m.id}`)).body;
    expect(page).toContain('赵**');
    expect(page).toContain('建议居民区夜间停车免费');
    expect(page).not.toContain('钱代表');
    expect(page).not.toContain('13900000001');
  });
});

describe('政府开放日', () => {
  it('capacity with waiting list, promotion on cancellation, check-in, photos and summary after the event', async () => {
    const o = (await editor.request('POST', '/api/v1/participation/open-days', { unitId: office, title: '走进区政务服务中心', theme: '政务服务', eventOn: shiftDate(today, 7), location: '区政务服务中心', description: '参观一窗受理', capacity: 2, registerEndOn: shiftDate(today, 5) })).json();
    const regs = [];
    for (const [i, name] of ['孙一', '周二', '吴三'].entries()) regs.push((await anon(t, 'POST', `/api/v1/participation/open-days/${o.id}/registrations`, { name, phone: `1390000010${i}`, idempotencyKey: token() })).json());
    expect(regs.map((r) => r.status)).toEqual(['registered', 'registered', 'waiting']);
    expect((await anon(t, 'POST', `/api/v1/participation/open-days/${o.id}/registrations`, { name: '孙一', phone: '13900000100' })).json().error.code).toBe('already_registered');
    expect((await editor.request('POST', `/api/v1/participation/open-days/${o.id}/check-in`, { code: regs[2].code })).json().error.code).toBe('not_confirmed');
    const cancel = await anon(t, 'POST', `/api/v1/participation/open-days/${o.id}/cancel`, { code: regs[0].code });
    expect(cancel.json().promoted).toBe(regs[2].id);
    const ci = await editor.request('POST', `/api/v1/participation/open-days/${o.id}/check-in`, { code: regs[2].code });
    expect(ci.statusCode, ci.body).toBe(200);
    expect(ci.json().checked_in_at).toBeTruthy();
    expect((await editor.request('POST', `/api/v1/participation/open-days/${o.id}/check-in`, { code: regs[2].code })).json().error.code).toBe('already_checked_in');
    expect((await editor.request('POST', `/api/v1/participation/open-days/${o.id}/photos`, { caption: '假图片', contentBase64: Buffer.from('not an image').toString('base64') })).json().error.code).toBe('invalid_image');
    const ph = await editor.request('POST', `/api/v1/participation/open-days/${o.id}/photos`, { caption: '市民参观一窗受理区', contentBase64: PNG.toString('base64') });
    expect(ph.statusCode).toBe(201);
    expect((await t.server.inject(`/interact/open-days/${o.id}/photos/${ph.json().id}`)).statusCode).toBe(404);
    expect((await editor.request('POST', `/api/v1/participation/open-days/${o.id}/summary`, { summary: '本次开放日共有市民参加，参观了一窗受理。' })).json().error.code).toBe('not_held');
    await pdb(t.db).updateTable('open_days').set({ event_on: shiftDate(today, -1), register_end_on: shiftDate(today, -2) }).where('id', '=', o.id).execute();
    expect((await editor.request('POST', `/api/v1/participation/open-days/${o.id}/summary`, { summary: '本次开放日共有市民参加，参观了一窗受理。' })).statusCode).toBe(200);
    const page = (await t.server.inject(`/interact/open-days/${o.id}`)).body;
    expect(page).toContain('活动回顾');
    expect(page).toContain('alt="市民参观一窗受理区"');
    const img = await t.server.inject(`/interact/open-days/${o.id}/photos/${ph.json().id}`);
    expect(img.headers['content-type']).toBe('image/png');
  });
});
