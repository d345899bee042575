import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { multipart } from '../lists/fixtures.test-support.js';
import { combinedMaterials } from './bundles.js';
import { missingKeyElements } from './guides.js';

/** Guides with the key-element rule through the pipeline, 一件事 with one materials list, progress lookup. */
let t: TestApp;
const c: Record<string, Client> = {};
let unitA: number;
let unitB: number;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  unitA = await unitIdByShortName(t.db, '区民政局');
  unitB = await unitIdByShortName(t.db, '区人社局');
  const grants = (role: string) => [{ role, unitId: unitA }, { role, unitId: unitB }];
  for (const [name, role] of [['editor', 'editor'], ['first', 'reviewer_first'], ['final', 'reviewer_final']] as const) {
    const res = await admin.request('POST', '/api/v1/users', { username: `s_${name}`, displayName: name, unitId: unitA, password: 'service-pass-1', roles: grants(role) });
    expect(res.statusCode, res.body).toBe(201);
    c[name] = await login(t.server, `s_${name}`, 'service-pass-1');
  }
});
afterAll(async () => t?.close());

const guide = (over: Record<string, unknown> = {}) => ({
  code: '340603-MZ-001', name: '最低生活保障申请', itemType: '行政给付', basis: '《社会救助暂行办法》第九条', conditions: '共同生活的家庭成员人均收入低于当地最低生活保障标准',
  materials: [{ name: '居民身份证', required: true, copies: '1', note: '原件' }, { name: '户口簿', required: true }, { name: '低保申请书', required: true }],
  steps: ['申请', '受理', '审核', '审批', '公示'], timeLimit: '30个工作日', fees: '不收费', place: '各镇（街道）便民服务中心', hours: '工作日 8:30-12:00 14:30-17:30', phone: '0561-3000000',
  ...over,
});

async function passReview(id: number) {
  expect((await c.editor!.request('POST', `/api/v1/items/${id}/submit`)).statusCode).toBe(200);
  for (const who of ['first', 'final']) expect((await c[who]!.request('POST', `/api/v1/items/${id}/decision`, { decision: 'approve' })).statusCode).toBe(200);
  const p = await c.final!.request('POST', `/api/v1/items/${id}/publish`, {});
  expect(p.statusCode, p.body).toBe(200);
}

describe('办事指南 key elements', () => {
  it('names every missing element', () => {
    expect(missingKeyElements({ name: 'x', basis: '', conditions: 'c', materials: [], steps: ['a'], timeLimit: '', fees: '' })).toEqual(['设定依据', '办理材料', '办理时限', '收费']);
  });

  let guideA: number;
  let guideB: number;
  it('a guide without 收费 cannot go to review; completed, it is reviewed and published with its sample form', async () => {
    const res = await c.editor!.request('POST', '/api/v1/services/guides', { ...guide({ fees: '' }), unitId: unitA });
    expect(res.statusCode, res.body).toBe(201);
    guideA = res.json().id;
    expect(res.json().missing).toEqual(['收费']);
    const refused = await c.editor!.request('POST', `/api/v1/items/${guideA}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'guide_incomplete' });
    expect(refused.json().error.message).toContain('收费');
    // a blank application form as a sample to download
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('申请书').addRow(['最低生活保障申请书']);
    const m = multipart('低保申请书.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const up = await t.server.inject({ method: 'POST', url: `/api/v1/items/${guideA}/attachments`, payload: m.payload, headers: { ...m.headers, cookie: c.editor!.cookie, 'x-csrf-token': c.editor!.csrfToken } });
    expect(up.statusCode, up.body).toBe(201);
    const g = guide();
    (g.materials as Array<Record<string, unknown>>)[2]!.sampleAttachmentId = up.json().id;
    expect((await c.editor!.request('PUT', `/api/v1/services/guides/${guideA}`, g)).json().missing).toEqual([]);
    await passReview(guideA);
    const page = await t.server.inject({ url: `/services/guides/${guideA}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('最低生活保障申请办事指南');
    expect(page.body).toContain(`/files/${up.json().id}/`);
    expect((await t.server.inject({ url: '/services/?q=%E4%BD%8E%E4%BF%9D' })).statusCode).toBe(200);
  });

  it('一件事 links items of two units with one combined materials list; published only after its items', async () => {
    const b = await c.editor!.request('POST', '/api/v1/services/guides', { ...guide({ code: '340603-RS-009', name: '失业保险金申领', materials: [{ name: '居民身份证', required: true }, { name: '解除劳动合同证明', required: true }] }), unitId: unitB });
    guideB = b.json().id;
    const res = await c.editor!.request('POST', '/api/v1/services/bundles', { unitId: unitA, lifeEvent: '困难群众救助', description: '低保和失业保险金一次申请', serviceItemIds: [guideA, guideB] });
    expect(res.statusCode, res.body).toBe(201);
    const bundle = res.json();
    expect(bundle.bundle.materials.find((m: { name: string }) => m.name === '居民身份证').forItems).toEqual(['最低生活保障申请', '失业保险金申领']);
    expect(bundle.bundle.materials).toHaveLength(4);
    expect((await c.editor!.request('POST', `/api/v1/items/${bundle.id}/submit`)).statusCode).toBe(200);
    for (const who of ['first', 'final']) await c[who]!.request('POST', `/api/v1/items/${bundle.id}/decision`, { decision: 'approve' });
    const early = await c.final!.request('POST', `/api/v1/items/${bundle.id}/publish`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('失业保险金申领');
    await passReview(guideB);
    expect((await c.final!.request('POST', `/api/v1/items/${bundle.id}/publish`, {})).statusCode).toBe(200);
    const page = await t.server.inject({ url: `/services/bundles/${bundle.id}` });
    expect(page.body).toContain('最低生活保障申请、失业保险金申领');
    expect(combinedMaterials([{ name: 'a', materials: [{ name: '户口簿（原件）', required: false, copies: '1', note: '', sampleAttachmentId: null }] }, { name: 'b', materials: [{ name: '户口簿(原件)', required: true, copies: '1', note: '', sampleAttachmentId: null }] }])).toEqual([{ name: '户口簿（原件）', required: true, forItems: ['a', 'b'] }]);
  });
});

describe('办理进展', () => {
  it('staff update a case; the public looks it up by number', async () => {
    const put = await c.editor!.request('PUT', '/api/v1/services/cases', { unitId: unitA, caseNo: 'MZ2026000123', serviceName: '最低生活保障申请', receivedOn: '2026-11-02', currentStep: '审核', status: 'in_progress', note: '入户调查中' });
    expect(put.statusCode, put.body).toBe(200);
    const page = await t.server.inject({ url: '/services/progress?caseNo=MZ2026000123' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('审核');
    expect(page.body).toContain('办理中');
    expect((await t.server.inject({ url: '/services/progress?caseNo=NOPE000000' })).statusCode).toBe(404);
  });

  it('imports the service system’s export all-or-nothing', async () => {
    const file = async (rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('办件');
      ws.addRow(['办件编号', '事项名称', '受理日期', '当前环节', '办理状态']);
      rows.forEach((r) => ws.addRow(r));
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const send = async (buf: Buffer) => {
      const m = multipart('进展.xlsx', buf, { unitId: String(unitA) });
      return t.server.inject({ method: 'POST', url: '/api/v1/services/cases/import', payload: m.payload, headers: { ...m.headers, cookie: c.editor!.cookie, 'x-csrf-token': c.editor!.csrfToken } });
    };
    const bad = await send(await file([['MZ2026000123', '最低生活保障申请', '2026-11-02', '审批', '已办结'], ['MZ2026000124', '最低生活保障申请', '2026-11-31', '受理', '办理中']]));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.problems).toMatchObject([{ row: 3, column: 'C' }]);
    expect((await t.server.inject({ url: '/api/v1/services/cases/MZ2026000123' })).json().currentStep).toBe('审核');
    const ok = await send(await file([['MZ2026000123', '最低生活保障申请', '2026-11-02', '审批', '已办结'], ['MZ2026000124', '最低生活保障申请', '2026-11-30', '受理', '办理中']]));
    expect(ok.statusCode, ok.body).toBe(200);
    const cur = (await t.server.inject({ url: '/api/v1/services/cases/MZ2026000123' })).json();
    expect(cur).toMatchObject({ currentStep: '审批', statusLabel: '已办结' });
    expect(cur.events.map((e: { step: string }) => e.step)).toEqual(['审核', '审批']);
  });
});
