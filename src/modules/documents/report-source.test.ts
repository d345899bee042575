import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { buildReport } from '../reports/index.js';
import { policyYearCounts } from './report-source.js';

/**
 * Section 二 of the annual report, 第二十条第（一）项, from the policy library: normative documents
 * issued (成文日期), repealed and in force at year end — per issuing unit (a joint document counts
 * for each issuer) and for the district (each document once); other policy kinds do not count.
 */
let t: TestApp;
let admin: Client;
const c: Record<string, Client> = {};
let unit: number;
let partner: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  unit = await unitIdByShortName(t.db, '区教育局');
  partner = await unitIdByShortName(t.db, '渠沟镇');
  for (const [name, role] of [['editor', 'editor'], ['first', 'reviewer_first'], ['second', 'reviewer_second'], ['conf', 'confidentiality'], ['final', 'reviewer_final']] as const) {
    const res = await admin.request('POST', '/api/v1/users', { username: `rs_${name}`, displayName: name, unitId: unit, password: 'report-pass-1', roles: [{ role, unitId: unit }] });
    expect(res.statusCode, res.body).toBe(201);
    c[name] = await login(t.server, `rs_${name}`, 'report-pass-1');
  }
});
afterAll(async () => t?.close());

async function publishPolicy(title: string, docNumber: string, over: Record<string, unknown>): Promise<number> {
  const res = await c.editor!.request('POST', '/api/v1/policies', {
    unitId: unit, title, summary: '', keywords: '', topic: '', bodyHtml: `<p>${title}</p>`, columnIds: [], docNumber, issuerUnitIds: [unit],
    policyKind: '行政规范性文件', legalityReviewedOn: '2024-01-05', registrationNo: `XSQ-${docNumber.length}`, ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  if (res.json().policy.requiresInterpretation) expect((await admin.request('POST', `/api/v1/policies/${id}/waive-interpretation`, { reason: '测试：解读另行发布' })).statusCode).toBe(200);
  expect((await c.editor!.request('POST', `/api/v1/items/${id}/submit`)).statusCode).toBe(200);
  for (const who of ['first', 'second', 'conf', 'final']) {
    const d = await c[who]!.request('POST', `/api/v1/items/${id}/decision`, { decision: 'approve' });
    if (d.statusCode !== 200) expect.fail(`${who}: ${d.body}`);
  }
  const p = await c.final!.request('POST', `/api/v1/items/${id}/publish`, {});
  expect(p.json().status, p.body).toBe('published');
  return id;
}

describe('policy counts for the annual report', () => {
  it('counts issued, repealed and in-force normative documents per unit and for the district', async () => {
    await publishPolicy('二〇二四年的规范性文件', '相教〔2024〕9号', { writtenDate: '2024-06-01', effectiveDate: '2024-07-01' });
    await publishPolicy('与渠沟镇联合制发的规范性文件', '相教〔2025〕11号', { writtenDate: '2025-03-01', effectiveDate: '2025-04-01', issuerUnitIds: [unit, partner] });
    const repealed = await publishPolicy('当年废止的规范性文件', '相教〔2025〕12号', { writtenDate: '2025-05-01', effectiveDate: '2025-05-10' });
    await publishPolicy('其他政策文件不计入', '相教〔2025〕13号', { writtenDate: '2025-06-01', effectiveDate: '2025-06-01', policyKind: '其他政策文件', requiresInterpretation: false });
    const r = await c.final!.request('POST', `/api/v1/policies/${repealed}/lifecycle`, { kind: 'repealed', onDate: '2025-10-01', note: '已被新文件取代' });
    expect(r.statusCode, r.body).toBeLessThan(300);

    const none = { issued: 0, repealed: 0, current: 0 };
    expect(await policyYearCounts(t.db, 2025, unit)).toEqual({ rules: none, normativeDocuments: { issued: 2, repealed: 1, current: 2 } });
    expect((await policyYearCounts(t.db, 2025, partner)).normativeDocuments).toEqual({ issued: 1, repealed: 0, current: 1 });
    expect((await policyYearCounts(t.db, 2025, null)).normativeDocuments).toEqual({ issued: 2, repealed: 1, current: 2 });
    expect((await policyYearCounts(t.db, 2024, unit)).normativeDocuments).toEqual({ issued: 1, repealed: 0, current: 1 });

    const report = await buildReport(t.db, 2025, unit);
    expect(report.section2.normativeDocuments).toEqual({ issued: 2, repealed: 1, current: 2 });
    expect((await buildReport(t.db, 2025, null)).section2.normativeDocuments).toEqual({ issued: 2, repealed: 1, current: 2 });
  });
});
