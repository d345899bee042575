import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { ROOT } from '../../platform/app.js';
import { loadActor } from '../../platform/auth/sessions.js';
import type { Actor } from '../../platform/actor.js';
import { createDraft } from '../publishing/items.js';
import { decide, submitForReview } from '../publishing/review.js';
import { publish, withdraw } from '../publishing/publish.js';
import { multipartBody } from '../privacy/multipart.test-support.js';
import { checkEvidence } from './evidence.js';
import type { PlanView } from './plans.js';

/** Evidence naming a published item is checked against the portal and shown with the item's title. */
let t: TestApp;
let admin: Client;
let editorClient: Client;
let editor: Actor;
const reviewers: Actor[] = [];
let unitId: number;

async function user(name: string, role: string): Promise<Actor> {
  const r = await admin.request('POST', '/api/v1/users', { username: name, displayName: name, unitId, password: 'evidence-pass-1', roles: [{ role, unitId }] });
  expect(r.statusCode, r.body).toBe(201);
  return (await loadActor(t.db, r.json().id))!;
}

async function publishedNotice(title: string): Promise<number> {
  const item = await createDraft(t.db, editor, { kind: 'notice', unitId, title, bodyHtml: '<p>已按要求公开。</p>', summary: '', keywords: '', topic: '', columnIds: [] });
  await submitForReview(t.db, editor, item.id);
  for (const r of reviewers) await decide(t.db, r, item.id, { decision: 'approve', comment: '' }, t.config.dataDir);
  await publish(t.db, editor, item.id, {});
  return item.id;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  unitId = await unitIdByShortName(t.db, '区司法局');
  editor = await user('ev_editor', 'editor');
  for (const role of ['reviewer_first', 'reviewer_second', 'confidentiality', 'reviewer_final']) reviewers.push(await user(`ev_${role}`, role));
  editorClient = await login(t.server, 'ev_editor', 'evidence-pass-1');
}, 120_000);
afterAll(async () => t.close());

describe('work-plan evidence pointing at published items', () => {
  it('resolves ids and portal paths to the published item with its title; refuses unknown, withdrawn and mismatched ones', async () => {
    const id = await publishedNotice('关于调整轻微违法行为不予处罚清单的公告');
    const byId = await checkEvidence(t.db, [{ kind: 'item', ref: String(id), title: '' }]);
    expect(byId).toEqual([{ kind: 'item', ref: String(id), title: '关于调整轻微违法行为不予处罚清单的公告', url: `/items/${id}` }]);
    const byPath = await checkEvidence(t.db, [{ kind: 'url', ref: `/items/${id}`, title: '我的说明' }, { kind: 'url', ref: 'https://example.gov.cn/x', title: '外部' }, { kind: 'list', ref: '清单-2025', title: '' }]);
    expect(byPath[0]).toMatchObject({ kind: 'item', ref: String(id), title: '关于调整轻微违法行为不予处罚清单的公告' });
    expect(byPath.slice(1)).toEqual([{ kind: 'url', ref: 'https://example.gov.cn/x', title: '外部' }, { kind: 'list', ref: '清单-2025', title: '' }]);

    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code);
    expect(await code(checkEvidence(t.db, [{ kind: 'item', ref: '999999', title: '' }]))).toBe('evidence_not_published');
    expect(await code(checkEvidence(t.db, [{ kind: 'url', ref: `/policies/${id}`, title: '' }]))).toBe('evidence_not_item'); // a notice is not a policy
    expect(await code(checkEvidence(t.db, [{ kind: 'url', ref: '/xxgk/guide', title: '' }]))).toBe('evidence_not_item');
    const gone = await publishedNotice('已撤回的公告');
    await withdraw(t.db, reviewers[3]!, gone, '内容有误');
    expect(await code(checkEvidence(t.db, [{ kind: 'item', ref: String(gone), title: '' }]))).toBe('evidence_not_published');
  }, 60_000);

  it('a progress report stores the checked evidence and the review list shows the item title', async () => {
    const seed = fs.readFileSync(path.resolve(ROOT, '../shared/seed/work-plan-2025.txt'));
    const { payload, headers } = multipartBody({ name: 'work-plan-2025.txt', data: seed }, { year: '2025' });
    const saved = await admin.request('POST', '/api/v1/workplan/plans', payload, headers);
    expect(saved.statusCode, saved.body).toBe(201);
    const view = (await editorClient.request('GET', `/api/v1/workplan/plans/${saved.json().planId}`)).json() as PlanView;
    const a = view.groups.flatMap((g) => g.tasks).find((x) => x.number === 6)!.assignments.find((x) => x.unitId === unitId)!;
    const id = await publishedNotice('从轻减轻行政处罚清单（2025年版）');

    const bad = await editorClient.request('POST', `/api/v1/workplan/assignments/${a.id}/reports`, { text: '已公开从轻减轻清单', evidence: [{ kind: 'item', ref: '999999' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('evidence_not_published');
    const ok = await editorClient.request('POST', `/api/v1/workplan/assignments/${a.id}/reports`, { text: '已公开从轻减轻清单', evidence: [{ kind: 'url', ref: `/items/${id}` }] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().evidence).toEqual([{ kind: 'item', ref: String(id), title: '从轻减轻行政处罚清单（2025年版）', url: `/items/${id}` }]);
    const listed = (await admin.request('GET', '/api/v1/workplan/reports?state=submitted')).json().items;
    expect(listed[0].evidence[0]).toMatchObject({ title: '从轻减轻行政处罚清单（2025年版）', url: `/items/${id}` });
  }, 60_000);
});
