import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { ROOT } from '../../platform/app.js';
import { createUser } from '../../platform/auth/users.js';
import { systemActor } from '../../platform/actor.js';
import { multipartBody } from '../privacy/multipart.test-support.js';
import type { PlanView } from './plans.js';

const seed = fs.readFileSync(path.resolve(ROOT, '../shared/seed/work-plan-2025.txt'));
let t: TestApp;
let admin: Client;
let sifa: Client; // editor of 区司法局
let sifaId: number;
let planId: number;

const upload = (c: Client, url: string, fields: Record<string, string>, data: Buffer | null = seed) => {
  const { payload, headers } = multipartBody(data && { name: 'work-plan-2025.txt', data }, fields);
  return c.request('POST', url, payload, headers);
};

async function assignment(c: Client, taskNumber: number, unitId: number, today?: string) {
  const view = (await c.request('GET', `/api/v1/workplan/plans/${planId}${today ? `?today=${today}` : ''}`)).json() as PlanView;
  const task = view.groups.flatMap((g) => g.tasks).find((x) => x.number === taskNumber)!;
  return { view, task, a: task.assignments.find((x) => x.unitId === unitId) };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  sifaId = await unitIdByShortName(t.db, '区司法局');
  await createUser(t.db, systemActor(), { username: 'sifa', displayName: '司法局编辑', unitId: sifaId, password: 'sifa-pass-12345', roles: [{ role: 'editor', unitId: sifaId }] });
  sifa = await login(t.server, 'sifa', 'sifa-pass-12345');
});
afterAll(async () => t.close());

describe('import over HTTP', () => {
  it('previews without saving, then saves; unit staff may not import', async () => {
    const pre = await upload(admin, '/api/v1/workplan/import/preview', { year: '2025' });
    expect(pre.statusCode, pre.body).toBe(200);
    expect(pre.json().summary).toEqual({ groups: 6, tasks: 22 });
    expect((await admin.request('GET', '/api/v1/workplan/plans')).json().items).toEqual([]);
    expect((await upload(sifa, '/api/v1/workplan/plans', { year: '2025' })).statusCode).toBe(403);
    const saved = await upload(admin, '/api/v1/workplan/plans', { year: '2025' });
    expect(saved.statusCode, saved.body).toBe(201);
    planId = saved.json().planId;
    expect(saved.json().preview.unresolved).toEqual([]);
    const again = await upload(admin, '/api/v1/workplan/plans', { year: '2025' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('plan_exists');
  });

  it('refuses bad uploads with clear 4xx errors', async () => {
    const noFile = await upload(admin, '/api/v1/workplan/import/preview', { year: '2025' }, null);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.code).toBe('file_required');
    const noYear = await upload(admin, '/api/v1/workplan/import/preview', {});
    expect(noYear.json().error.code).toBe('invalid_year');
    const junk = await upload(admin, '/api/v1/workplan/import/preview', { year: '2025' }, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.code).toBe('unsupported_file');
    const json = await admin.request('POST', '/api/v1/workplan/import/preview', { year: 2025 });
    expect(json.statusCode).toBe(415);
    expect((await t.server.inject({ method: 'GET', url: `/api/v1/workplan/plans/${planId}` })).statusCode).toBe(401);
  });
});

describe('progress and review', () => {
  it('unit staff see and report only their unit’s tasks', async () => {
    const mine = await assignment(sifa, 6, sifaId);
    expect(mine.view.districtWide).toBe(false);
    expect(mine.view.groups.flatMap((g) => g.tasks).flatMap((x) => x.assignments).every((a) => a.unitId === sifaId)).toBe(true);
    expect(mine.a!.role).toBe('lead');
    const other = (await assignment(admin, 6, await unitIdByShortName(t.db, '渠沟镇'))).a!;
    const denied = await sifa.request('POST', `/api/v1/workplan/assignments/${other.id}/reports`, { text: '代替别的单位报送进展' });
    expect(denied.statusCode).toBe(403);
    const short = await sifa.request('POST', `/api/v1/workplan/assignments/${mine.a!.id}/reports`, { text: '短' });
    expect(short.statusCode).toBe(400);
    const badUrl = await sifa.request('POST', `/api/v1/workplan/assignments/${mine.a!.id}/reports`, { text: '已更新不予处罚清单', evidence: [{ kind: 'url', ref: 'javascript:alert(1)' }] });
    expect(badUrl.statusCode).toBe(400);
  });

  it('report → return with a reason → report again → accept; overdue goes away only when accepted', async () => {
    const { a } = await assignment(sifa, 6, sifaId);
    const r1 = await sifa.request('POST', `/api/v1/workplan/assignments/${a!.id}/reports`, {
      text: '已动态调整轻微违法行为不予处罚清单并公开', evidence: [{ kind: 'url', ref: 'https://example.gov.cn/list/1', title: '不予处罚清单' }, { kind: 'column', ref: '42' }],
    });
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json()).toMatchObject({ reviewState: 'submitted', unitName: '区司法局', taskNumber: 6 });
    expect((await sifa.request('POST', `/api/v1/workplan/assignments/${a!.id}/reports`, { text: '再次报送进展情况' })).statusCode).toBe(409);
    expect((await sifa.request('POST', `/api/v1/workplan/reports/${r1.json().id}/review`, { decision: 'accept' })).statusCode).toBe(403);

    const pending = (await admin.request('GET', `/api/v1/workplan/reports?planId=${planId}&state=submitted`)).json().items;
    expect(pending.map((x: { id: number }) => x.id)).toEqual([r1.json().id]);
    const noReason = await admin.request('POST', `/api/v1/workplan/reports/${r1.json().id}/review`, { decision: 'return' });
    expect(noReason.json().error.code).toBe('comment_required');
    const returned = await admin.request('POST', `/api/v1/workplan/reports/${r1.json().id}/review`, { decision: 'return', comment: '请补充从轻减轻清单的链接' });
    expect(returned.json()).toMatchObject({ reviewState: 'returned', reviewComment: '请补充从轻减轻清单的链接' });
    expect((await assignment(sifa, 6, sifaId, '2026-01-05')).a).toMatchObject({ state: 'returned', overdue: true });

    const r2 = await sifa.request('POST', `/api/v1/workplan/assignments/${a!.id}/reports`, { text: '已补充从轻减轻行政处罚清单', evidence: [{ kind: 'list', ref: '从轻减轻清单-2025' }] });
    expect(r2.statusCode).toBe(201);
    const accepted = await admin.request('POST', `/api/v1/workplan/reports/${r2.json().id}/review`, { decision: 'accept' });
    expect(accepted.json().reviewState).toBe('accepted');
    expect((await admin.request('POST', `/api/v1/workplan/reports/${r2.json().id}/review`, { decision: 'accept' })).statusCode).toBe(409);

    const after = await assignment(admin, 6, sifaId, '2026-01-05');
    expect(after.a).toMatchObject({ state: 'accepted', overdue: false });
    expect(after.task.state).toBe('in_progress');
    expect(after.task.overdue).toBe(true); // the other units of task 6 have not reported
    const unitRow = after.view.units.find((u) => u.unitId === sifaId)!;
    expect(unitRow).toMatchObject({ accepted: 1 });
    expect(unitRow.overdue).toBe(unitRow.total - 1);
    expect((await assignment(admin, 6, sifaId, '2025-06-01')).task.overdue).toBe(false);

    // the unit sees its own reports only; the decisions are in the audit log
    const own = (await sifa.request('GET', '/api/v1/workplan/reports')).json().items;
    expect(own.every((x: { unitId: number }) => x.unitId === sifaId)).toBe(true);
    const audit = await t.db.kysely.selectFrom('audit_log').select('action').where('action', 'like', 'workplan.%').execute();
    expect(audit.map((x) => x.action).sort()).toEqual(['workplan.import', 'workplan.report', 'workplan.report', 'workplan.review.accept', 'workplan.review.return'].sort());
  });

  it('the district office can fix a task’s units (first leads)', async () => {
    const task = (await assignment(admin, 14, sifaId)).task;
    const zf = await unitIdByShortName(t.db, '区政府办');
    expect((await sifa.request('PUT', `/api/v1/workplan/tasks/${task.id}/units`, { unitIds: [sifaId] })).statusCode).toBe(403);
    expect((await admin.request('PUT', `/api/v1/workplan/tasks/${task.id}/units`, { unitIds: [sifaId, zf] })).statusCode).toBe(204);
    const fixed = (await assignment(admin, 14, sifaId)).task;
    expect(fixed.assignments.map((x) => [x.unitId, x.role])).toEqual([[sifaId, 'lead'], [zf, 'named']]);
    expect((await admin.request('PUT', `/api/v1/workplan/tasks/${task.id}/units`, { unitIds: [999999] })).json().error.code).toBe('unknown_unit');
  });
});
