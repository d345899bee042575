import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import type { Actor } from '../../platform/actor.js';
import { systemActor } from '../../platform/actor.js';
import { loadActor } from '../../platform/auth/sessions.js';
import { residentId } from '../privacy/fixtures.test-support.js';
import { createDraft, pub } from '../publishing/items.js';
import { decide, submitForReview } from '../publishing/review.js';
import { publish, withdraw } from '../publishing/publish.js';
import { addAttachment, storageRoot } from '../publishing/attachments.js';
import { createColumn, listColumns } from '../publishing/columns.js';
import { createPolicy, expirePolicies } from '../documents/policies.js';
import { waiveInterpretation } from '../documents/lifecycle.js';
import { createInterpretation } from '../documents/interpretations.js';
import { runPatrol } from './run.js';
import { listFindings } from './queries.js';
import type { FindingKind } from './findings.js';

/**
 * A patrol over the demo district with one planted problem of each kind; after the fixes a
 * second run resolves every planted finding.
 */
let t: TestApp;
let admin: Client;
let supervisor: Actor;
let editorA: Actor;
let editorB: Actor;
const reviewers: Record<string, Actor[]> = {};
let unitA: number;
let unitB: number;
const ID = residentId('34060219900101123');
const LATER = new Date(Date.now() + 40 * 86400_000); // the second run happens "later": stale columns

async function user(name: string, grants: Array<{ role: string; unitId: number | null }>, unitId: number): Promise<Actor> {
  const r = await admin.request('POST', '/api/v1/users', { username: name, displayName: name, unitId, password: 'patrol-pass-1', roles: grants });
  expect(r.statusCode, r.body).toBe(201);
  return (await loadActor(t.db, r.json().id))!;
}

async function approveAndPublish(id: number, unitId: number, editor: Actor) {
  await submitForReview(t.db, editor, id);
  // Planted problems go out on purpose: 终审 accepts the gate's findings with a reason.
  for (const r of reviewers[unitId]!) await decide(t.db, r, id, { decision: 'approve', comment: '', acceptPrivacyFindings: '测试：故意发布以检验巡查' }, t.config.dataDir);
  return publish(t.db, editor, id, {});
}

async function notice(editor: Actor, unitId: number, title: string, bodyHtml: string, columnIds: number[] = [], file?: { filename: string; data: Buffer }) {
  const item = await createDraft(t.db, editor, { kind: 'notice', unitId, title, bodyHtml, summary: '', keywords: '', topic: '', columnIds });
  if (file) await addAttachment(t.db, t.config.dataDir, editor, item.id, file, 'attachment');
  await approveAndPublish(item.id, unitId, editor);
  return item.id;
}

const planted: Partial<Record<FindingKind, number[]>> = {};

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  unitA = await unitIdByShortName(t.db, '区民政局');
  unitB = await unitIdByShortName(t.db, '渠沟镇');
  supervisor = await user('sup', [{ role: 'supervisor', unitId: null }], unitA);
  editorA = await user('edA', [{ role: 'editor', unitId: unitA }], unitA);
  editorB = await user('edB', [{ role: 'editor', unitId: unitB }], unitB);
  for (const u of [unitA, unitB]) {
    reviewers[u] = [];
    for (const role of ['reviewer_first', 'reviewer_second', 'confidentiality', 'reviewer_final']) reviewers[u]!.push(await user(`${role}_${u}`, [{ role, unitId: u }], u));
  }
}, 120_000);
afterAll(async () => t.close());

describe('patrol over everything published', () => {
  it('finds one planted problem of each kind', async () => {
    const news = (await listColumns(t.db)).find((c) => c.name === '工作动态')!;
    // personal data in the text, and in an .xlsx attachment
    planted.personal_data = [await notice(editorA, unitA, '低保对象名单公示', `<p>张三，身份证号 ${ID}，联系电话 13812345678。</p>`, [news.id])];
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('发放名单').addRows([['姓名', '手机'], ['李四', '13912345678']]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    planted.personal_data.push(await notice(editorA, unitA, '惠民惠农资金发放公示', '<p>详见附件。</p>', [], { filename: '名单.xlsx', data: xlsx }));
    // the same ID masked two ways in two items (关联汇聚)
    planted.aggregation_risk = [
      await notice(editorA, unitA, '临时救助公示（一）', `<p>王五 ${ID.slice(0, 10)}****${ID.slice(14)}</p>`),
      await notice(editorB, unitB, '临时救助公示（二）', `<p>王五 ${ID.slice(0, 6)}********${ID.slice(14)} 出生日期 1990-01-01</p>`),
    ];
    // a broken internal link; an attachment whose file disappears
    planted.broken_link = [await notice(editorA, unitA, '链接失效的通知', '<p>见 <a href="/policies/999999">原文件</a>。</p>')];
    const withFile = await createDraft(t.db, editorA, { kind: 'notice', unitId: unitA, title: '附件丢失的通知', bodyHtml: '<p>见附件</p>', summary: '', keywords: '', topic: '', columnIds: [] });
    const att = await addAttachment(t.db, t.config.dataDir, editorA, withFile.id, { filename: 'a.txt.vtt', data: Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\n字幕') }, 'captions');
    await approveAndPublish(withFile.id, unitA, editorA);
    planted.missing_attachment = [withFile.id];
    const row = await pub(t.db).selectFrom('attachments').select('storage_path').where('id', '=', att.id).executeTakeFirstOrThrow();
    fs.renameSync(path.join(storageRoot(t.config.dataDir), row.storage_path), path.join(storageRoot(t.config.dataDir), `${row.storage_path}.moved`));
    // the same long notice published by two units (任务19)
    const long = '<p>为进一步做好冬季供暖保障工作，确保群众温暖过冬，现就有关事项通知如下：一、加强供暖设施巡检，及早发现和排除隐患；二、畅通供暖服务热线，及时回应群众诉求；三、落实困难群众取暖补贴，做到应发尽发。</p>';
    planted.duplicate = [await notice(editorA, unitA, '关于做好冬季供暖保障工作的通知', long), await notice(editorB, unitB, '关于做好冬季供暖保障工作的通知（转发）', long)];
    // an empty column of its own
    const empty = await createColumn(t.db, systemActor(), { parentId: null, unitId: unitA, name: '民政专栏', kind: 'domain', dutyKind: 'days', dutyValue: 14, description: '', sortOrder: 0, active: true });
    planted.empty_column = [empty.id];
    // policies: one past 有效期至 still 有效; one whose interpretation was withdrawn
    const expiring = await createPolicy(t.db, editorA, {
      unitId: unitA, title: '临时价格补贴实施办法', summary: '', keywords: '', topic: '', bodyHtml: '<p>补贴办法</p>', columnIds: [], docNumber: '相民〔2025〕1号', issuerUnitIds: [unitA],
      policyKind: '其他政策文件', writtenDate: '2025-01-01', effectiveDate: '2025-01-01', validUntil: '2025-06-30', requiresInterpretation: false,
      registrationNo: '', legalityReviewedOn: null, commentUrl: '', commentStart: null, commentEnd: null, replacesItemId: null,
    });
    await approveAndPublish(expiring.id, unitA, editorA);
    planted.expired_policy_valid = [expiring.id];
    const normative = await createPolicy(t.db, editorA, {
      unitId: unitA, title: '城乡低保审核确认办法', summary: '', keywords: '', topic: '', bodyHtml: '<p>审核确认</p>', columnIds: [], docNumber: '相民〔2025〕2号', issuerUnitIds: [unitA],
      policyKind: '行政规范性文件', writtenDate: '2025-02-01', effectiveDate: '2025-03-01', validUntil: null, registrationNo: 'XSQ-2025-9', legalityReviewedOn: '2025-01-20',
      commentUrl: '', commentStart: null, commentEnd: null, replacesItemId: null,
    });
    const interp = await createInterpretation(t.db, editorA, { title: '低保审核确认办法解读', form: '文字', policyIds: [normative.id], bodyHtml: '<p>解读</p>', summary: '', keywords: '', topic: '', columnIds: [] });
    await approveAndPublish(normative.id, unitA, editorA);
    await withdraw(t.db, reviewers[unitA]![3]!, interp.id, '解读内容需更新');
    planted.missing_interpretation = [normative.id];

    const r = await runPatrol(t.db, t.config.dataDir, 'manual', supervisor, LATER);
    const { items } = await listFindings(t.db, supervisor, { runId: r.runId });
    const kinds = new Set(items.map((f) => f.kind));
    for (const k of ['personal_data', 'aggregation_risk', 'stale_column', 'empty_column', 'homepage_stale', 'broken_link', 'missing_attachment', 'duplicate', 'expired_policy_valid', 'missing_interpretation']) {
      expect(kinds, k).toContain(k);
    }
    const pd = items.filter((f) => f.kind === 'personal_data');
    expect(pd.find((f) => f.place.startsWith('正文'))?.preview).toBe(`${ID.slice(0, 6)}********${ID.slice(14)}`);
    expect(pd.find((f) => f.place.includes('名单.xlsx'))?.place).toContain('发放名单');
    expect(items.find((f) => f.kind === 'aggregation_risk')?.detail).toBeTruthy();
    expect(items.find((f) => f.kind === 'empty_column' && f.columnId === empty.id)).toBeTruthy();
    expect(items.find((f) => f.kind === 'duplicate')?.detail).toContain('不同单位');
    // Unit staff see only their unit's findings.
    const own = await listFindings(t.db, editorB, { runId: r.runId });
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((f) => f.unitId === unitB)).toBe(true);
    // The printable report and the veto verdicts.
    const report = await admin.request('GET', `/api/v1/patrol/runs/${r.runId}/report`);
    expect(report.statusCode).toBe(403); // a system administrator is not a patrol role
  });

  it('a re-run after the fixes clears every planted finding', async () => {
    for (const id of [...planted.personal_data!, planted.aggregation_risk![1]!, ...planted.broken_link!, planted.duplicate![1]!]) {
      const owner = (await pub(t.db).selectFrom('content_items').select('unit_id').where('id', '=', id).executeTakeFirstOrThrow()).unit_id;
      await withdraw(t.db, reviewers[owner]![3]!, id, '巡查整改');
    }
    const moved = fs.readdirSync(storageRoot(t.config.dataDir), { recursive: true }).map(String).find((f) => f.endsWith('.moved'))!;
    const abs = path.join(storageRoot(t.config.dataDir), moved);
    fs.renameSync(abs, abs.replace(/\.moved$/, ''));
    await notice(editorA, unitA, '民政专栏首条信息', '<p>专栏开通。</p>', planted.empty_column!);
    const news = (await listColumns(t.db)).find((c) => c.name === '工作动态')!;
    await notice(editorA, unitA, '近期工作动态', '<p>本周开展走访慰问。</p>', [news.id]);
    expect(await expirePolicies(t.db, '2025-07-01')).toBe(1);
    await waiveInterpretation(t.db, (await loadActor(t.db, 1))!, planted.missing_interpretation![0]!, '解读正在重新起草，先行说明');

    const second = await runPatrol(t.db, t.config.dataDir, 'manual', supervisor, new Date());
    const { items } = await listFindings(t.db, supervisor, { runId: second.runId });
    const left = (kind: FindingKind, ids: number[], key: 'itemId' | 'columnId' = 'itemId') => items.filter((f) => f.kind === kind && ids.includes(f[key] as number));
    expect(left('personal_data', planted.personal_data!)).toEqual([]);
    expect(items.filter((f) => f.kind === 'aggregation_risk')).toEqual([]);
    expect(left('broken_link', planted.broken_link!)).toEqual([]);
    expect(left('missing_attachment', planted.missing_attachment!)).toEqual([]);
    expect(items.filter((f) => f.kind === 'duplicate')).toEqual([]);
    expect(left('empty_column', planted.empty_column!, 'columnId')).toEqual([]);
    expect(left('expired_policy_valid', planted.expired_policy_valid!)).toEqual([]);
    expect(left('missing_interpretation', planted.missing_interpretation!)).toEqual([]);
    expect(items.filter((f) => f.kind === 'homepage_stale' || f.kind === 'stale_column')).toEqual([]);
  });

  it('follow-up: assign, accept with a reason, and the API shows progress and findings', async () => {
    const sup = await login(t.server, 'sup', 'patrol-pass-1');
    const start = await sup.request('POST', '/api/v1/patrol/runs');
    expect(start.statusCode).toBe(202);
    const runId = start.json().runId;
    await expect.poll(async () => (await sup.request('GET', `/api/v1/patrol/runs/${runId}`)).json().status, { timeout: 20_000 }).toBe('done');
    const run = (await sup.request('GET', `/api/v1/patrol/runs/${runId}`)).json();
    expect(run.progress).toBe(100);
    expect(run.summary.veto.map((v: { key: string }) => v.key)).toEqual(['homepage', 'stale_columns', 'empty_columns', 'leaks']);
    const findings = (await sup.request('GET', `/api/v1/patrol/findings?runId=${runId}&kind=empty_column`)).json().items;
    expect(findings.length).toBeGreaterThan(0);
    const fpr = findings[0].fingerprint;
    expect((await sup.request('PUT', `/api/v1/patrol/findings/${fpr}/followup`, { status: 'accepted', note: '' })).json().error.code).toBe('reason_required');
    expect((await sup.request('PUT', `/api/v1/patrol/findings/${fpr}/followup`, { status: 'accepted', note: '该栏目年内停用，待撤销' })).statusCode).toBe(204);
    const after = (await sup.request('GET', `/api/v1/patrol/findings?runId=${runId}&status=accepted`)).json().items;
    expect(after.map((f: { fingerprint: string }) => f.fingerprint)).toContain(fpr);
    const report = await sup.request('GET', `/api/v1/patrol/runs/${runId}/report`);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('单项否决指标');
    expect(report.body).toContain('空白栏目');
  });
});
