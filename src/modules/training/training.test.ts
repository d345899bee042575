import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { multipartBody } from '../privacy/multipart.test-support.js';

/** 培训交流 (task 22): sessions, materials checked by content, attendance and sign-in; cases published through the pipeline. */
let t: TestApp;
let admin: Client;
let sup: Client;
let editor: Client;
let townEditor: Client;
const reviewer: Record<string, Client> = {};
let office: number;
let town: number;
const ids: Record<string, number> = {};

async function user(name: string, unitId: number, roles: Array<{ role: string; unitId: number | null }>): Promise<Client> {
  const r = await admin.request('POST', '/api/v1/users', { username: name, displayName: name, unitId, password: 'training-pass-1', roles });
  expect(r.statusCode, r.body).toBe(201);
  ids[name] = r.json().id;
  return login(t.server, name, 'training-pass-1');
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  office = await unitIdByShortName(t.db, '区政府办');
  town = await unitIdByShortName(t.db, '渠沟镇');
  sup = await user('tr_sup', office, [{ role: 'supervisor', unitId: null }]);
  editor = await user('tr_editor', office, [{ role: 'editor', unitId: office }]);
  townEditor = await user('tr_town', town, [{ role: 'editor', unitId: town }]);
  for (const [stage, role] of [['first', 'reviewer_first'], ['second', 'reviewer_second'], ['confidentiality', 'confidentiality'], ['final', 'reviewer_final']]) {
    reviewer[stage!] = await user(`tr_${role}`, office, [{ role: role!, unitId: office }]);
  }
}, 120_000);
afterAll(async () => t.close());

describe('training sessions', () => {
  let sessionId: number;
  it('the district office registers a session; others may not; bad input is refused in Chinese', async () => {
    const input = { title: '2025年政务公开业务培训', heldOn: '2025-05-20', mode: 'onsite', place: '区政务中心三楼会议室', organiserUnitId: office, topic: '依申请公开', description: '依申请公开办理流程与答复规范' };
    expect((await editor.request('POST', '/api/v1/training/sessions', input)).statusCode).toBe(403);
    const noPlace = await sup.request('POST', '/api/v1/training/sessions', { ...input, place: '' });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.body).toContain('现场培训请填写地点');
    expect((await sup.request('POST', '/api/v1/training/sessions', { ...input, topic: '随便' })).statusCode).toBe(400);
    const r = await sup.request('POST', '/api/v1/training/sessions', input);
    expect(r.statusCode, r.body).toBe(201);
    sessionId = r.json().id;
    expect(r.json()).toMatchObject({ title: input.title, mode: 'onsite', topic: '依申请公开', registered: 0, signedIn: 0, materials: [], attendance: [] });
    const online = await sup.request('POST', '/api/v1/training/sessions', { ...input, title: '平台管理线上培训', mode: 'online', place: '', topic: '平台管理', heldOn: '2025-09-01' });
    expect(online.statusCode).toBe(201);
    const list = (await editor.request('GET', '/api/v1/training/sessions?year=2025')).json().items;
    expect(list.map((s: { title: string }) => s.title)).toEqual(['平台管理线上培训', '2025年政务公开业务培训']);
    expect((await editor.request('GET', '/api/v1/training/sessions?topic=平台管理')).json().items).toHaveLength(1);
  });

  it('materials are accepted by their content, not their name, and can be downloaded', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage().drawText('Training slides');
    const data = Buffer.from(await pdf.save());
    const up = (c: Client, name: string, bytes: Buffer) => {
      const { payload, headers } = multipartBody({ name, data: bytes });
      return c.request('POST', `/api/v1/training/sessions/${sessionId}/materials`, payload, headers);
    };
    expect((await up(editor, 'slides.pdf', data)).statusCode).toBe(403);
    const fake = await up(sup, 'slides.pdf', Buffer.from('<script>alert(1)</script>'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.code).toBe('unsupported_file');
    const ok = await up(sup, 'slides.pdf', data);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ filename: 'slides.pdf', mime: 'application/pdf', size: data.length });
    const dl = await editor.request('GET', `/api/v1/training/materials/${ok.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(dl.rawPayload).equals(data)).toBe(true);
    expect((await t.server.inject({ method: 'GET', url: `/api/v1/training/materials/${ok.json().id}` })).statusCode).toBe(401);
  });

  it('attendance per unit: registered people, and sign-in by oneself (once)', async () => {
    expect((await editor.request('POST', `/api/v1/training/sessions/${sessionId}/attendees`, { userIds: [ids.tr_town] })).statusCode).toBe(403);
    expect((await sup.request('POST', `/api/v1/training/sessions/${sessionId}/attendees`, { userIds: [999999] })).json().error.code).toBe('unknown_user');
    const reg = await sup.request('POST', `/api/v1/training/sessions/${sessionId}/attendees`, { userIds: [ids.tr_editor, ids.tr_town, ids.tr_town] });
    expect(reg.statusCode, reg.body).toBe(200);
    expect(reg.json().attendance).toHaveLength(2);
    const first = await townEditor.request('POST', `/api/v1/training/sessions/${sessionId}/sign-in`);
    expect(first.statusCode, first.body).toBe(200);
    const at = first.json().attendance.find((a: { userId: number }) => a.userId === ids.tr_town).signedInAt;
    expect(at).toBeTruthy();
    const again = (await townEditor.request('POST', `/api/v1/training/sessions/${sessionId}/sign-in`)).json();
    expect(again.attendance.find((a: { userId: number }) => a.userId === ids.tr_town).signedInAt).toBe(at);
    // someone not registered signs in on the day: counted under their unit
    await reviewer.first!.request('POST', `/api/v1/training/sessions/${sessionId}/sign-in`);
    const d = (await sup.request('GET', `/api/v1/training/sessions/${sessionId}`)).json();
    expect(d.registered).toBe(3);
    expect(d.signedIn).toBe(2);
    expect(d.byUnit.find((u: { unitId: number }) => u.unitId === town)).toMatchObject({ registered: 1, signedIn: 1 });
    expect(d.byUnit.find((u: { unitId: number }) => u.unitId === office)).toMatchObject({ registered: 2, signedIn: 1 });
    const audit = await t.db.kysely.selectFrom('audit_log').select('action').where('action', 'like', 'training.%').execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['training.session.create', 'training.material.add', 'training.attendance.register', 'training.sign_in']));
  });
});

describe('typical cases (典型案例) through the publishing pipeline', () => {
  it('a unit drafts a case; after review and publication the portal lists and shows it; drafts stay hidden', async () => {
    const input = { unitId: office, title: '依申请公开答复“一案一档”做法', category: '依申请公开', summary: '建立申请办理全过程电子档案，答复规范率提升。', bodyHtml: '<p>做法一：登记即建档。</p><script>alert(1)</script>' };
    expect((await townEditor.request('POST', '/api/v1/training/cases', input)).statusCode).toBe(403);
    expect((await editor.request('POST', '/api/v1/training/cases', { ...input, category: '杂项' })).statusCode).toBe(400);
    const r = await editor.request('POST', '/api/v1/training/cases', input);
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    expect(r.json()).toMatchObject({ kind: 'case', status: 'draft', category: '依申请公开' });
    const draft = await editor.request('POST', '/api/v1/training/cases', { ...input, title: '尚未发布的案例' });
    expect(draft.statusCode).toBe(201);

    expect((await editor.request('POST', `/api/v1/items/${id}/submit`)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) {
      const item = (await editor.request('GET', `/api/v1/items/${id}`)).json();
      if (item.status !== 'in_review') break;
      const d = await reviewer[item.stage]!.request('POST', `/api/v1/items/${id}/decision`, { decision: 'approve' });
      expect(d.statusCode, d.body).toBe(200);
    }
    const p = await editor.request('POST', `/api/v1/items/${id}/publish`, {});
    expect(p.statusCode, p.body).toBe(200);

    expect((await t.server.inject({ method: 'GET', url: '/xxgk/' })).body).toContain('href="/xxgk/cases/"');
    const list = await t.server.inject({ method: 'GET', url: '/xxgk/cases/' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('依申请公开答复“一案一档”做法');
    expect(list.body).toContain(`/xxgk/cases/${id}`);
    expect(list.body).not.toContain('尚未发布的案例');
    expect((await t.server.inject({ method: 'GET', url: `/xxgk/cases/?category=${encodeURIComponent('平台管理')}` })).body).not.toContain('一案一档');
    const page = await t.server.inject({ method: 'GET', url: `/xxgk/cases/${id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('做法一：登记即建档。');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('<dd>依申请公开</dd>');
    expect((await t.server.inject({ method: 'GET', url: `/xxgk/cases/${draft.json().id}` })).statusCode).toBe(404);
    const staff = (await editor.request('GET', '/api/v1/training/cases')).json();
    expect(staff.items.map((c: { title: string; status: string; category: string }) => [c.title, c.status, c.category])).toEqual(
      expect.arrayContaining([['依申请公开答复“一案一档”做法', 'published', '依申请公开'], ['尚未发布的案例', 'draft', '依申请公开']]),
    );
    // the published case is in the site search's facets and the item URL points at the portal page
    expect((await editor.request('GET', `/api/v1/items/${id}`)).json().indexNo).toBeTruthy();
  }, 60_000);
});
