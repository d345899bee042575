import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';

/**
 * A policy's life as staff record it: the interpretation waiver (who, when, why; withdrawn before
 * release), dated steps of a draft following its fields, public comment, execution evaluation
 * linked to its published report, revision linking old ↔ new, and repeal.
 */
let t: TestApp;
let admin: Client;
const c: Record<string, Client> = {};
let unit: number;
let otherUnit: number;

const STAGE_PERSON: Record<string, string> = { first: 'first', second: 'second', confidentiality: 'conf', final: 'final' };

const policyBody = (over: Record<string, unknown> = {}) => ({
  unitId: unit, title: '相山区校外培训监管办法', bodyHtml: '<p>第一条 为规范校外培训，制定本办法。</p>', docNumber: '相教〔2026〕21号', issuerUnitIds: [unit],
  policyKind: '行政规范性文件', effectiveDate: '2026-03-01', legalityReviewedOn: '2026-01-20', registrationNo: 'XSQ-2026-0021', ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  unit = await unitIdByShortName(t.db, '区教育局');
  otherUnit = await unitIdByShortName(t.db, '渠沟镇');
  const people: Array<[string, string, number]> = [
    ['editor', 'editor', unit], ['first', 'reviewer_first', unit], ['second', 'reviewer_second', unit],
    ['conf', 'confidentiality', unit], ['final', 'reviewer_final', unit], ['outsider', 'editor', otherUnit],
  ];
  for (const [name, role, unitId] of people) {
    const res = await admin.request('POST', '/api/v1/users', { username: `lc_${name}`, displayName: `lc-${name}`, unitId, password: 'lifecycle-pass-1', roles: [{ role, unitId }] });
    expect(res.statusCode, res.body).toBe(201);
    c[name] = await login(t.server, `lc_${name}`, 'lifecycle-pass-1');
  }
});
afterAll(async () => t.close());

/** Submit, approve every stage by its reviewer, publish now. */
async function release(id: number): Promise<void> {
  const sub = await c.editor!.request('POST', `/api/v1/items/${id}/submit`);
  expect(sub.statusCode, sub.body).toBe(200);
  let item = sub.json();
  while (item.status === 'in_review') {
    const res = await c[STAGE_PERSON[item.stage]!]!.request('POST', `/api/v1/items/${id}/decision`, { decision: 'approve' });
    expect(res.statusCode, res.body).toBe(200);
    item = res.json();
  }
  const pub = await c.editor!.request('POST', `/api/v1/items/${id}/publish`, {});
  expect(pub.statusCode, pub.body).toBe(200);
}

const record = async (id: number, who = c.editor!) => {
  const res = await who.request('GET', `/api/v1/policies/${id}/lifecycle`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const kinds = (r: { timeline: Array<{ kind: string }> }) => r.timeline.map((e) => e.kind);
const publicDoc = async (id: number) => (await t.server.inject({ method: 'GET', url: `/api/v1/documents/${id}` })).json();

describe('interpretation waiver', () => {
  let id: number;

  it('only the administrator waives, with a reason; the record says who and when', async () => {
    id = (await c.editor!.request('POST', '/api/v1/policies', policyBody())).json().id;
    expect((await c.editor!.request('POST', `/api/v1/policies/${id}/waive-interpretation`, { reason: '应急处置，先行发布' })).statusCode).toBe(403);
    expect((await admin.request('POST', `/api/v1/policies/${id}/waive-interpretation`, { reason: '紧急' })).statusCode).toBe(400);
    const w = await admin.request('POST', `/api/v1/policies/${id}/waive-interpretation`, { reason: '应急处置，先行发布' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().interpretationWaiver).toBe('应急处置，先行发布');
    const twice = await admin.request('POST', `/api/v1/policies/${id}/waive-interpretation`, { reason: '再次说明理由' });
    expect(twice.json().error).toMatchObject({ code: 'already_waived' });
    const r = await record(id);
    expect(r.waiver.reason).toBe('应急处置，先行发布');
    expect(r.waiver.by).toContain('admin');
    expect(Date.parse(r.waiver.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('is withdrawn before release (then needed again) and cannot be withdrawn after', async () => {
    expect((await c.editor!.request('DELETE', `/api/v1/policies/${id}/waive-interpretation`)).statusCode).toBe(403);
    const d = await admin.request('DELETE', `/api/v1/policies/${id}/waive-interpretation`);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().interpretationWaiver).toBeNull();
    expect((await record(id)).waiver).toBeNull();
    expect((await c.editor!.request('POST', `/api/v1/items/${id}/submit`)).json().error.code).toBe('interpretation_required');
    expect((await admin.request('DELETE', `/api/v1/policies/${id}/waive-interpretation`)).json().error.code).toBe('not_waived');

    await admin.request('POST', `/api/v1/policies/${id}/waive-interpretation`, { reason: '应急处置，解读随后发布' });
    await release(id);
    expect((await publicDoc(id)).interpretations).toEqual([]);
    const late = await admin.request('DELETE', `/api/v1/policies/${id}/waive-interpretation`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'already_released' });
    const audit = (await admin.request('GET', `/api/v1/audit?entityType=content_item&entityId=${id}`)).json().items.map((i: { action: string }) => i.action);
    expect(audit.filter((a: string) => a === 'policy.waiveInterpretation')).toHaveLength(2);
    expect(audit).toContain('policy.withdrawWaiver');
  });

  it('is refused for a policy that does not require an interpretation', async () => {
    const p = (await c.editor!.request('POST', '/api/v1/policies', policyBody({ title: '工作安排', docNumber: '', policyKind: '其他政策文件', requiresInterpretation: false, legalityReviewedOn: null, registrationNo: '' }))).json();
    expect((await admin.request('POST', `/api/v1/policies/${p.id}/waive-interpretation`, { reason: '无需解读的说明' })).json().error.code).toBe('interpretation_not_required');
  });
});

describe('lifecycle', () => {
  let oldId: number;
  let newId: number;
  let reportId: number;

  it('a draft’s dated steps follow its fields: one 合法性审核, 统一登记编号 and 公开征求意见 each', async () => {
    const p = (await c.editor!.request('POST', '/api/v1/policies', policyBody({ title: '相山区课后服务管理办法', docNumber: '相教〔2026〕22号', legalityReviewedOn: null, registrationNo: '' }))).json();
    oldId = p.id;
    expect(kinds(await record(oldId))).toEqual(['drafted']);
    const patch = (body: unknown) => c.editor!.request('PATCH', `/api/v1/policies/${oldId}`, body);
    expect((await patch({ legalityReviewedOn: '2026-01-22', registrationNo: 'XSQ-2026-0022', commentUrl: 'https://www.example.gov.cn/zjyj/22', commentStart: '2026-01-02', commentEnd: '2026-01-16' })).statusCode).toBe(200);
    expect((await patch({ registrationNo: 'XSQ-2026-0023' })).statusCode).toBe(200);
    const r = await record(oldId);
    expect(kinds(r).sort()).toEqual(['comment_opened', 'drafted', 'legality_reviewed', 'registered']);
    expect(r.timeline.find((e: { kind: string }) => e.kind === 'registered')).toMatchObject({ onDate: '2026-01-22', note: 'XSQ-2026-0023', label: '统一登记编号' });
    expect(r.timeline.find((e: { kind: string }) => e.kind === 'comment_opened').note).toBe('2026-01-02 至 2026-01-16');
    // Another unit's editor does not see it.
    expect((await c.outsider!.request('GET', `/api/v1/policies/${oldId}/lifecycle`)).statusCode).toBe(404);
  });

  it('execution evaluation needs a published policy, a past date and a published report', async () => {
    const evaluate = (body: Record<string, unknown>) => c.editor!.request('POST', `/api/v1/policies/${oldId}/lifecycle`, { kind: 'evaluated', onDate: '2026-02-01', note: '执行情况良好', ...body });
    expect((await evaluate({})).json().error.code).toBe('not_published');
    await admin.request('POST', `/api/v1/policies/${oldId}/waive-interpretation`, { reason: '配套解读另行发布' });
    await release(oldId);
    expect((await evaluate({ onDate: '2099-01-01' })).json().error).toMatchObject({ code: 'future_date', message: '执行效果评估日期不能晚于今天' });
    const draftReport = (await c.editor!.request('POST', '/api/v1/items', { kind: 'notice', unitId: unit, title: '课后服务管理办法执行效果评估报告', bodyHtml: '<p>评估结论：良好。</p>' })).json();
    reportId = draftReport.id;
    expect((await evaluate({ relatedItemId: reportId })).json().error.code).toBe('invalid_related');
    await release(reportId);
    expect((await c.first!.request('POST', `/api/v1/policies/${oldId}/lifecycle`, { kind: 'evaluated', onDate: '2026-02-01' })).statusCode).toBe(403);
    const ok = await evaluate({ relatedItemId: reportId });
    expect(ok.statusCode, ok.body).toBe(204);
    const ev = (await record(oldId)).timeline.find((e: { kind: string }) => e.kind === 'evaluated');
    expect(ev).toMatchObject({ label: '执行效果评估', onDate: '2026-02-01', note: '执行情况良好', related: { id: reportId, url: `/items/${reportId}` } });
    const pubEv = (await publicDoc(oldId)).timeline.find((e: { kind: string }) => e.kind === 'evaluated');
    expect(pubEv.relatedUrl).toBe(`/items/${reportId}`);
  });

  it('public comment recorded later sets the link and dates and replaces the earlier entry', async () => {
    const bad = await c.editor!.request('POST', `/api/v1/policies/${oldId}/lifecycle`, { kind: 'comment_opened', commentUrl: 'https://www.example.gov.cn/zjyj/22b', commentStart: '2026-01-10', commentEnd: '2026-01-03' });
    expect(bad.json().error.code).toBe('invalid_dates');
    expect((await c.editor!.request('POST', `/api/v1/policies/${oldId}/lifecycle`, { kind: 'comment_opened', commentUrl: 'not a url', commentStart: '2026-01-03', commentEnd: '2026-01-10' })).statusCode).toBe(400);
    const ok = await c.editor!.request('POST', `/api/v1/policies/${oldId}/lifecycle`, { kind: 'comment_opened', commentUrl: 'https://www.example.gov.cn/zjyj/22b', commentStart: '2026-01-03', commentEnd: '2026-01-17', note: '收到意见 12 条' });
    expect(ok.statusCode, ok.body).toBe(204);
    const doc = await publicDoc(oldId);
    expect(doc.policy).toMatchObject({ commentUrl: 'https://www.example.gov.cn/zjyj/22b', commentStart: '2026-01-03', commentEnd: '2026-01-17' });
    const comments = doc.timeline.filter((e: { kind: string }) => e.kind === 'comment_opened');
    expect(comments).toEqual([expect.objectContaining({ onDate: '2026-01-03', note: '2026-01-03 至 2026-01-17；收到意见 12 条' })]);
  });

  it('a revision names the policy in force it replaces; when published both link and the old one is 已修改', async () => {
    const draft = (await c.editor!.request('POST', '/api/v1/policies', policyBody({ title: '相山区课后服务管理办法（修订）', docNumber: '相教〔2026〕30号', policyKind: '其他政策文件', requiresInterpretation: false }))).json();
    newId = draft.id;
    const bad = await c.editor!.request('PATCH', `/api/v1/policies/${newId}`, { replacesItemId: reportId });
    expect(bad.json().error.code).toBe('invalid_replaces');
    expect((await c.editor!.request('PATCH', `/api/v1/policies/${newId}`, { replacesItemId: newId })).json().error.code).toBe('invalid_replaces');
    expect((await c.editor!.request('PATCH', `/api/v1/policies/${newId}`, { replacesItemId: oldId })).statusCode).toBe(200);
    const pending = await record(oldId);
    expect(pending.replacedBy).toEqual([expect.objectContaining({ id: newId, status: 'draft', url: null })]);
    await release(newId);
    const old = await record(oldId);
    expect(old.replacedBy).toEqual([expect.objectContaining({ id: newId, status: 'published', url: `/policies/${newId}` })]);
    expect(old.timeline.find((e: { kind: string }) => e.kind === 'revised').related).toMatchObject({ id: newId });
    expect((await record(newId)).replaces).toMatchObject({ id: oldId, url: `/policies/${oldId}` });
    expect((await publicDoc(oldId)).policy.validity).toBe('已修改');
    const pubOld = await publicDoc(oldId);
    expect(pubOld.timeline.find((e: { kind: string }) => e.kind === 'revised').relatedUrl).toBe(`/policies/${newId}`);
  });

  it('repeal: only a policy in force, never in the future; the repealed one says 废止', async () => {
    const refused = await c.editor!.request('POST', `/api/v1/policies/${oldId}/lifecycle`, { kind: 'repealed', onDate: '2026-03-01' });
    expect(refused.json().error).toMatchObject({ code: 'not_in_force', message: '该文件当前为「已修改」，不能废止' });
    const ok = await c.editor!.request('POST', `/api/v1/policies/${newId}/lifecycle`, { kind: 'repealed', onDate: '2026-03-01', note: '上位法调整' });
    expect(ok.statusCode, ok.body).toBe(204);
    const doc = await publicDoc(newId);
    expect(doc.policy.validity).toBe('废止');
    expect(doc.timeline.map((e: { kind: string }) => e.kind)).toContain('repealed');
    expect((await c.editor!.request('POST', `/api/v1/policies/${newId}/lifecycle`, { kind: 'repealed', onDate: '2026-03-01' })).statusCode).toBe(409);
  });
});
